/**
 * One chosen user's feed as served: each item's topic and source, and its
 * ranking score broken into parts, beside the user's true interests.
 */
import type { UserFeedSnapshot } from '../../engine/loop/types';
import { selectPresent, selectSnapshot } from '../../state/selectors';
import { useFeedLab } from '../../state/store';
import { ChartFigure } from '../../viz/ChartFigure';
import { Legend } from '../../viz/Legend';
import { TEXT_COLOR, topicColor, TRUTH_COLOR } from '../../viz/palette';
import { SCORE_PART_COLORS, ScoreBars } from '../../viz/ScoreBars';
import { ChosenUserInput } from './ChosenUserInput';
import { formatNumber, formatPercent } from './format';
import { useTopicLabel } from './useTopicLabel';

const SCORE_LEGEND = [
  { key: 'click', label: 'Click part (click weight × predicted click)', color: SCORE_PART_COLORS.clickPart },
  { key: 'watch', label: 'Watch part (watch weight × predicted watch)', color: SCORE_PART_COLORS.watchPart },
  { key: 'penalty', label: 'Diversity penalty', color: SCORE_PART_COLORS.diversityPenalty },
  { key: 'final', label: 'Final score (tick mark)', color: TEXT_COLOR },
];

/** Largest entries of a distribution, as [index, value] pairs, largest first. */
function topEntries(values: readonly number[], count: number): [number, number][] {
  return values
    .map((value, index): [number, number] => [index, value])
    .sort((a, b) => b[1] - a[1])
    .slice(0, count);
}

function TrueInterests({ snapshot }: { snapshot: UserFeedSnapshot }) {
  const labelTopic = useTopicLabel();
  const top = topEntries(snapshot.trueInterests, 6);
  return (
    <div className="true-interests truth-box">
      <h4>
        <span className="truth-badge">Ground truth</span> User {snapshot.user}’s true interests
      </h4>
      <ul>
        {top.map(([topic, share]) => (
          <li key={topic}>
            <span className="swatch" style={{ background: topicColor(topic) }} aria-hidden="true" />
            {labelTopic(topic)}
            <span className="bar" aria-hidden="true">
              <span style={{ width: `${Math.min(100, share * 100)}%`, background: TRUTH_COLOR }} />
            </span>
            {formatPercent(share)}
          </li>
        ))}
      </ul>
      <p className="help">The {top.length} largest of {snapshot.trueInterests.length} topics.</p>
    </div>
  );
}

function feedTable(snapshot: UserFeedSnapshot, labelTopic: (topic: number) => string) {
  return (
    <table>
      <caption>Feed of user {snapshot.user}: score parts, predictions and the truth</caption>
      <thead>
        <tr>
          <th scope="col">Position</th>
          <th scope="col">Item</th>
          <th scope="col">Topic</th>
          <th scope="col">Source</th>
          <th scope="col">Click part</th>
          <th scope="col">Watch part</th>
          <th scope="col">Diversity penalty</th>
          <th scope="col">Final score</th>
          <th scope="col">Predicted click</th>
          <th scope="col">True click</th>
          <th scope="col">Predicted watch</th>
          <th scope="col">True watch</th>
          <th scope="col">True utility</th>
          <th scope="col">Observed</th>
        </tr>
      </thead>
      <tbody>
        {snapshot.feed.map((item) => (
          <tr key={item.position}>
            <th scope="row">{item.position + 1}</th>
            <td>{item.item}</td>
            <td>{labelTopic(item.topic)}</td>
            <td>{item.source}</td>
            <td>{formatNumber(item.clickPart)}</td>
            <td>{formatNumber(item.watchPart)}</td>
            <td>{formatNumber(item.diversityPenalty)}</td>
            <td>{formatNumber(item.finalScore)}</td>
            <td>{formatNumber(item.predictedClick)}</td>
            <td>{formatNumber(item.trueClick)}</td>
            <td>{formatNumber(item.predictedWatch)}</td>
            <td>{formatNumber(item.trueWatch)}</td>
            <td>{formatNumber(item.trueUtility)}</td>
            <td>
              {item.observed
                ? `watched ${formatPercent(item.observed.watch, 0)}${item.observed.click ? ', clicked' : ''}${item.observed.like ? ', liked' : ''}${item.observed.share ? ', shared' : ''}${item.observed.skip ? ', skipped' : ''}`
                : '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function UserFeedPanel() {
  const snapshot = useFeedLab(selectSnapshot);
  const present = useFeedLab(selectPresent);
  const labelTopic = useTopicLabel();

  const heading = snapshot
    ? snapshot.served
      ? `Feed served to user ${snapshot.user} at tick ${snapshot.tick}`
      : `Feed user ${snapshot.user} would get now (not served yet: the user has not opened the app)`
    : 'Feed of the chosen user';

  let summary = 'Waiting for the engine…';
  if (snapshot && snapshot.feed.length > 0) {
    const counts = new Map<string, number>();
    for (const item of snapshot.feed) {
      counts.set(item.source, (counts.get(item.source) ?? 0) + 1);
    }
    const sources = [...counts].map(([source, count]) => `${count} from ${source}`).join(', ');
    const best = snapshot.feed.reduce((a, b) => (b.finalScore > a.finalScore ? b : a));
    summary = `${snapshot.feed.length} items: ${sources}. Highest final score ${formatNumber(best.finalScore)} (position ${best.position + 1}, ${labelTopic(best.topic)}).`;
  }

  return (
    <section className="user-feed" aria-labelledby="user-feed-heading">
      <h2 id="user-feed-heading">One user’s feed</h2>
      <ChosenUserInput />
      <div className="feed-layout">
        <ChartFigure title={heading} summary={summary} exportName="user-feed" table={snapshot ? () => feedTable(snapshot, labelTopic) : undefined}>
          <Legend items={SCORE_LEGEND} />
          {snapshot && (
            <ScoreBars
              feed={snapshot.feed}
              fontSize={present ? 16 : 12}
              rowLabel={(item) => `#${item.position + 1} ${labelTopic(item.topic)} · ${item.source}`}
              ariaLabel={`Score parts of the ${snapshot.feed.length} items in user ${snapshot.user}'s feed`}
            />
          )}
        </ChartFigure>
        {snapshot && <TrueInterests snapshot={snapshot} />}
      </div>
    </section>
  );
}
