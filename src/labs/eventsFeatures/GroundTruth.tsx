/** Ground truth that the platform cannot observe: the user's true interests and the items of highest true appeal. */
import { TRENDING_COUNT, type UserFeatureView } from '../../engine/features/userView';
import { ChartFigure } from '../../viz/ChartFigure';
import { Legend } from '../../viz/Legend';
import { PairedBars } from '../../viz/PairedBars';
import { MEASURED_COLOR, TEXT_COLOR, TRUTH_COLOR } from '../../viz/palette';
import { argmax, fixed, percent, trendingMeasured, userServed } from './format';
import { Glossary } from './Glossary';

export function GroundTruth({ view, topicNames }: { view: UserFeatureView | null; topicNames: readonly string[] }) {
  if (view === null) {
    return <h2>Ground truth</h2>;
  }
  const topic = (index: number) => topicNames[index] ?? `topic ${index}`;
  const trueTop = argmax(view.trueInterests);
  const profileTop = argmax(view.servedProfile);
  const sessionTop = argmax(view.session.topicMix);
  const served = userServed(view);
  const measured = trendingMeasured(view);
  const builtText = served ? `the served profile’s top topic is ${topic(profileTop)} and the session’s is ${topic(sessionTop)}` : `the platform has no events of user ${view.user} yet, so its profile and session are uniform`;

  return (
    <>
      <h2>Ground truth</h2>
      <p className="truth-text">The simulator knows each user’s true interests and each item’s true appeal. The platform only sees the logged events.</p>
      <Glossary />
      <ChartFigure
        truth
        title={`User ${view.user}: true interests and what the platform built`}
        summary={`True top topic ${topic(trueTop)} (${percent(view.trueInterests[trueTop])}); ${builtText}.`}
        exportName="interests-vs-profile"
        table={() => (
          <table className="metrics-table">
            <thead>
              <tr>
                <th scope="col">Topic</th>
                <th scope="col">True interest</th>
                <th scope="col">Served profile</th>
                <th scope="col">Session mix</th>
              </tr>
            </thead>
            <tbody>
              {view.trueInterests.map((value, t) => (
                <tr key={t}>
                  <th scope="row">{topic(t)}</th>
                  <td>{percent(value)}</td>
                  <td>{percent(view.servedProfile[t])}</td>
                  <td>{percent(view.session.topicMix[t])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      >
        <Legend
          items={[
            { key: 'truth', label: 'True interest', color: TRUTH_COLOR },
            { key: 'profile', label: 'Served profile', color: MEASURED_COLOR },
            { key: 'session', label: 'Session mix (dashed tick)', color: TEXT_COLOR, dashed: true },
          ]}
        />
        <PairedBars labels={view.trueInterests.map((_, t) => topic(t))} truth={view.trueInterests} measured={view.servedProfile} reference={view.session.topicMix} format={(value) => percent(value, 0)} ariaLabel="True interests, served profile and session mix per topic" />
      </ChartFigure>

      <h3>Trending: measured against true</h3>
      <p data-testid="trending-overlap">
        {measured
          ? `${percent(view.trendingOverlap, 0)} of the top ${TRENDING_COUNT} measured trending items are among the ${TRENDING_COUNT} items of highest true appeal (mean true expected watch over all users).`
          : 'No engagement logged yet: every trend is 0, so nothing trends. The overlap with true appeal is measured from tick 1.'}
      </p>
      <table className="metrics-table truth-box">
        <caption>True top 10 by appeal</caption>
        <thead>
          <tr>
            <th scope="col">True rank</th>
            <th scope="col">Item</th>
            <th scope="col">Topic</th>
            <th scope="col">Appeal</th>
            <th scope="col">Measured trend rank</th>
          </tr>
        </thead>
        <tbody>
          {view.trueTrending.slice(0, 10).map((row) => (
            <tr key={row.item}>
              <td>{row.appealRank}</td>
              <td>{row.item}</td>
              <td>{topic(row.topic)}</td>
              <td>{fixed(row.appeal, 3)}</td>
              <td>{measured ? row.trendRank : 'not ranked yet'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
