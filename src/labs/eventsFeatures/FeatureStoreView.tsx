/** One user's features as the ranker reads them, each group labelled batch or real-time with its formula. */
import type { ReactNode } from 'react';
import { describeFeatures, type FeatureDescription } from '../../engine/features/catalogue';
import type { UserFeatureView } from '../../engine/features/userView';
import { argmax, fixed, percent, trendingMeasured, userServed } from './format';

function FreshnessBadge({ feature, view }: { feature: FeatureDescription; view: UserFeatureView }) {
  if (feature.freshness === 'real-time') {
    return <span className="freshness-badge real-time">Real-time: updated with every event</span>;
  }
  const age = view.tick - view.batchFeaturesTick;
  const text = view.featureRefresh === 1 ? 'Batch, served live (refresh every tick)' : `Batch, refreshed every ${view.featureRefresh} ticks; served copy from the start of tick ${view.batchFeaturesTick} (${age} ${age === 1 ? 'tick' : 'ticks'} old)`;
  return <span className="freshness-badge batch">{text}</span>;
}

function FeatureCard({ feature, view, children }: { feature: FeatureDescription; view: UserFeatureView; children: ReactNode }) {
  const scale = [feature.halfLifeTicks === undefined ? '' : `half-life ${feature.halfLifeTicks.toFixed(1)} ticks`, feature.windowEvents === undefined ? '' : `window ${feature.windowEvents} events`].filter(Boolean).join(', ');
  return (
    <article className="feature-card" aria-label={feature.name} data-freshness={feature.freshness}>
      <h3>{feature.name}</h3>
      <FreshnessBadge feature={feature} view={view} />
      <p className="help">
        {feature.formula}
        {scale && `; ${scale}`}. Shape {feature.shape}.
      </p>
      {children}
    </article>
  );
}

export function FeatureStoreView({ view, topicNames, sessionLength }: { view: UserFeatureView | null; topicNames: readonly string[]; sessionLength: number }) {
  if (view === null) {
    return (
      <section aria-labelledby="store-heading">
        <h2 id="store-heading">The feature store</h2>
        <p>The feature store appears once the world is built.</p>
      </section>
    );
  }
  const features = Object.fromEntries(describeFeatures(sessionLength).map((feature) => [feature.id, feature])) as Record<FeatureDescription['id'], FeatureDescription>;
  const topic = (index: number) => topicNames[index] ?? `topic ${index}`;
  const { session } = view;
  const served = userServed(view);

  return (
    <section aria-labelledby="store-heading" className="deferred-render">
      <h2 id="store-heading">
        The feature store for user {view.user} at tick {view.tick}
      </h2>
      <p className="help">In the formulas, w is the watch fraction of one event (0 to 1) and φ_i the topic mix of item i, [topics].</p>
      <div className="feature-grid">
        <FeatureCard feature={features.profile} view={view}>
          {!served && <p>No events of user {view.user} yet: the profile is uniform until the first watch.</p>}
          <table className="metrics-table">
            <thead>
              <tr>
                <th scope="col">Topic</th>
                <th scope="col">Served profile</th>
                <th scope="col">Live profile</th>
                <th scope="col">Session mix</th>
              </tr>
            </thead>
            <tbody>
              {view.servedProfile.map((share, t) => (
                <tr key={t}>
                  <th scope="row">{topic(t)}</th>
                  <td>{percent(share)}</td>
                  <td>{percent(view.liveProfile[t])}</td>
                  <td>{percent(session.topicMix[t])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </FeatureCard>

        <FeatureCard feature={features.session} view={view}>
          {session.events === 0 ? (
            <p>No events of this user yet: the session features are empty (a uniform topic mix).</p>
          ) : (
            <dl className="feature-stats">
              <dt>Events in the window</dt>
              <dd>
                {session.events}, ticks {session.firstTick} to {session.lastTick}
              </dd>
              <dt>Top topic</dt>
              <dd>{topic(argmax(session.topicMix))}</dd>
              <dt>Mean watch</dt>
              <dd>{percent(session.meanWatch)}</dd>
              <dt>Click rate</dt>
              <dd>{percent(session.clickRate)}</dd>
              <dt>Skip rate</dt>
              <dd>{percent(session.skipRate)}</dd>
            </dl>
          )}
        </FeatureCard>

        <FeatureCard feature={features.itemStatistics} view={view}>
          {!served ? (
            <p>Not served yet: user {view.user} has had no feed, so there are no items of a last feed to show.</p>
          ) : (
            <table className="metrics-table">
              <caption>Items of the user’s last feed</caption>
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col">Topic</th>
                  <th scope="col">Served impressions</th>
                  <th scope="col">Live impressions</th>
                  <th scope="col">Smoothed click rate</th>
                  <th scope="col">True click probability</th>
                </tr>
              </thead>
              <tbody>
                {view.items.map((item) => (
                  <tr key={item.item}>
                    <td>{item.item}</td>
                    <td>{topic(item.topic)}</td>
                    <td>{item.servedImpressions}</td>
                    <td>{item.liveImpressions}</td>
                    <td>{percent(item.servedClickRate)}</td>
                    <td className="truth-text">{percent(item.trueClick)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </FeatureCard>

        <FeatureCard feature={features.trending} view={view}>
          {!trendingMeasured(view) ? (
            <p>No engagement logged yet: every item’s trend is 0, so there is no ranking to show.</p>
          ) : (
            <table className="metrics-table">
              <caption>Top 10 by measured trend</caption>
              <thead>
                <tr>
                  <th scope="col">Rank</th>
                  <th scope="col">Item</th>
                  <th scope="col">Topic</th>
                  <th scope="col">Trend</th>
                  <th scope="col">True appeal rank</th>
                </tr>
              </thead>
              <tbody>
                {view.measuredTrending.slice(0, 10).map((row) => (
                  <tr key={row.item}>
                    <td>{row.trendRank}</td>
                    <td>{row.item}</td>
                    <td>{topic(row.topic)}</td>
                    <td>{fixed(row.trend, 2)}</td>
                    <td className="truth-text">{row.appealRank}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </FeatureCard>
      </div>
    </section>
  );
}
