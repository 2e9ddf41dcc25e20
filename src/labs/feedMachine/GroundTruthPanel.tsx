/**
 * "What the platform cannot see", always on screen in the ground-truth colour.
 * For the chosen user it shows true interests beside the logged profile, the
 * true utility of the served feed beside the ideal feed, and predicted beside
 * true response per item. For the run it shows mean predicted against mean
 * true click and watch.
 */
import type { UserFeedSnapshot } from '../../engine/loop/types';
import { selectMetrics, selectResultsVersion, selectSnapshot } from '../../state/selectors';
import { useFeedLab } from '../../state/store';
import { ChartFigure } from '../../viz/ChartFigure';
import { DumbbellChart, type DumbbellRow } from '../../viz/DumbbellChart';
import { MEASURED_COLOR, TRUTH_COLOR } from '../../viz/palette';
import { PairedBars } from '../../viz/PairedBars';
import { formatNumber, formatPercent } from './format';
import { MetricLineChart, type MetricSeries } from './MetricLineChart';
import { useTopicLabel } from './useTopicLabel';

const CLICK_SERIES: MetricSeries[] = [
  { field: 'meanPredictedClick', color: MEASURED_COLOR },
  { field: 'meanTrueClick', color: TRUTH_COLOR, dashed: true },
];
const WATCH_SERIES: MetricSeries[] = [
  { field: 'meanPredictedWatch', color: MEASURED_COLOR },
  { field: 'meanTrueWatch', color: TRUTH_COLOR, dashed: true },
];

function argmax(values: readonly number[]): number {
  let best = 0;
  for (let index = 1; index < values.length; index++) {
    if (values[index] > values[best]) {
      best = index;
    }
  }
  return best;
}

function InterestsFigure({ snapshot }: { snapshot: UserFeedSnapshot }) {
  const labelTopic = useTopicLabel();
  const labels = snapshot.trueInterests.map((_, topic) => labelTopic(topic));
  const trueTop = argmax(snapshot.trueInterests);
  const profileTop = argmax(snapshot.profile);
  // A flat profile means nothing was logged yet; naming its first topic as the "largest" would mislead.
  const flatProfile = Math.max(...snapshot.profile) - Math.min(...snapshot.profile) < 1e-9;
  const profileText = flatProfile
    ? `the platform has logged nothing for this user yet, so its profile is flat`
    : `the platform's profile puts most weight on ${labelTopic(profileTop)} (${formatPercent(snapshot.profile[profileTop])})`;
  const summary =
    `User ${snapshot.user}'s largest true interest is ${labelTopic(trueTop)} (${formatPercent(snapshot.trueInterests[trueTop])}); ${profileText}. ` +
    `Orange: true interest; blue: logged profile; dashed tick: true interest at tick 0.`;

  const table = () => (
    <table>
      <caption>True interests, logged profile and interests at tick 0 of user {snapshot.user}</caption>
      <thead>
        <tr>
          <th scope="col">Topic</th>
          <th scope="col">True interest</th>
          <th scope="col">Logged profile</th>
          <th scope="col">True interest at tick 0</th>
        </tr>
      </thead>
      <tbody>
        {labels.map((label, topic) => (
          <tr key={topic}>
            <th scope="row">{label}</th>
            <td>{formatPercent(snapshot.trueInterests[topic])}</td>
            <td>{formatPercent(snapshot.profile[topic] ?? Number.NaN)}</td>
            <td>{formatPercent(snapshot.initialInterests[topic])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <ChartFigure title="True interests against the logged profile" summary={summary} exportName="interests" table={table} truth>
      <PairedBars
        labels={labels}
        truth={snapshot.trueInterests}
        measured={snapshot.profile}
        reference={snapshot.initialInterests}
        format={(value) => `${Math.round(value * 100)}%`}
        ariaLabel={`True interests and logged profile of user ${snapshot.user} per topic`}
      />
    </ChartFigure>
  );
}

function ResponseFigure({ snapshot, kind }: { snapshot: UserFeedSnapshot; kind: 'click' | 'watch' }) {
  const rows: DumbbellRow[] = snapshot.feed.map((item) => ({
    key: String(item.position),
    label: `#${item.position + 1}`,
    predicted: kind === 'click' ? item.predictedClick : item.predictedWatch,
    truth: kind === 'click' ? item.trueClick : item.trueWatch,
  }));
  const meanError = rows.reduce((sum, row) => sum + Math.abs(row.predicted - row.truth), 0) / Math.max(1, rows.length);
  const noun = kind === 'click' ? 'click probability' : 'watch fraction';
  const summary = `Blue circle: the ranker's predicted ${noun}; orange diamond: the true ${noun}. Mean absolute error over this feed: ${formatNumber(meanError)}.`;

  const table = () => (
    <table>
      <caption>
        Predicted and true {noun} per item of user {snapshot.user}'s feed
      </caption>
      <thead>
        <tr>
          <th scope="col">Position</th>
          <th scope="col">Predicted</th>
          <th scope="col">True</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            <td>{formatNumber(row.predicted)}</td>
            <td>{formatNumber(row.truth)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <ChartFigure title={`Predicted against true ${noun}`} summary={summary} exportName={`predicted-${kind}`} table={table} truth>
      <DumbbellChart rows={rows} xLabel={noun} ariaLabel={`Predicted and true ${noun} for each item of user ${snapshot.user}'s feed`} />
    </ChartFigure>
  );
}

function RunCalibration() {
  const rows = useFeedLab(selectMetrics);
  useFeedLab(selectResultsVersion);
  const latest = rows.length > 0 ? rows[rows.length - 1] : null;
  return (
    <>
      <p className="calibration-line">
        {latest ? (
          <>
            Tick {latest.tick}, all impressions: mean predicted click <strong>{formatNumber(latest.meanPredictedClick)}</strong> against mean true click
            probability <strong className="truth-text">{formatNumber(latest.meanTrueClick)}</strong>.
          </>
        ) : (
          'No ticks yet.'
        )}
      </p>
      <MetricLineChart title="Predicted against true click, whole run" description="Means over every impression of each tick." series={CLICK_SERIES} exportName="calibration-click" truth />
      <MetricLineChart title="Predicted against true watch, whole run" description="Means over every impression of each tick." series={WATCH_SERIES} exportName="calibration-watch" truth />
    </>
  );
}

export function GroundTruthPanel() {
  const snapshot = useFeedLab(selectSnapshot);

  return (
    <section className="ground-truth" aria-labelledby="truth-heading">
      <h2 id="truth-heading">
        <span className="truth-badge">Ground truth</span> What the platform cannot see
      </h2>
      <p className="help">The simulator knows these values; a real platform only sees the logged actions.</p>
      {snapshot ? (
        <>
          <h3>User {snapshot.user}</h3>
          <p className="feed-utility">
            True utility of {snapshot.served ? 'the feed served' : 'the preview feed'}: <strong className="truth-text">{formatNumber(snapshot.feedUtility)}</strong> per
            item; the ideal feed: <strong className="truth-text">{formatNumber(snapshot.idealUtility)}</strong> (
            {formatPercent(snapshot.idealUtility !== 0 ? snapshot.feedUtility / snapshot.idealUtility : Number.NaN, 0)} of ideal).
          </p>
          <InterestsFigure snapshot={snapshot} />
          <ResponseFigure snapshot={snapshot} kind="click" />
          <ResponseFigure snapshot={snapshot} kind="watch" />
        </>
      ) : (
        <p>Waiting for the engine…</p>
      )}
      <h3>The whole run</h3>
      <RunCalibration />
    </section>
  );
}
