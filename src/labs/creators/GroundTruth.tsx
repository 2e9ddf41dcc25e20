/**
 * Lab 9's ground-truth panel: what the simulator stores about the focus
 * creator and the new creator, beside what each twin's platform has logged.
 */
import type { ReactNode } from 'react';
import { SHARE_RATE_PRIOR } from '../../engine/creators/creatorLoop';
import type { CreatorEstimate, CreatorTruth } from '../../engine/creators/groundTruth';
import type { CreatorsInit, CreatorsSnapshot, CreatorsTwin } from '../../worker/creatorsApi';
import { formatCount, formatPercent, formatRate } from './format';

function estimateText(estimate: CreatorEstimate): string {
  return `${formatRate(estimate.estimatedShareRate)} (${formatCount(estimate.shares)} / ${formatCount(estimate.impressions)})`;
}

function TruthTable({ init, snapshots }: { init: CreatorsInit; snapshots: Record<CreatorsTwin, CreatorsSnapshot> }) {
  const creators: { truth: CreatorTruth; estimate: (twin: CreatorsTwin) => CreatorEstimate }[] = [
    { truth: init.focusTruth, estimate: (twin) => snapshots[twin].focusEstimate },
    { truth: init.newCreatorTruth, estimate: (twin) => snapshots[twin].newCreatorEstimate },
  ];
  const row = (label: ReactNode, cell: (index: number) => ReactNode) => (
    <tr>
      <th scope="row">{label}</th>
      {creators.map((_, index) => (
        <td key={index}>{cell(index)}</td>
      ))}
    </tr>
  );
  return (
    <table className="metrics-table truth-table" data-testid="truth-table">
      <thead>
        <tr>
          <th scope="col">Truth at tick 0; logs at tick {snapshots.a.tick}</th>
          <th scope="col">Focus, creator {init.focusTruth.creator}</th>
          <th scope="col">New, creator {init.newCreator}</th>
        </tr>
      </thead>
      <tbody>
        {row('Items (main topic)', (index) => `${creators[index].truth.items} (topic ${creators[index].truth.topic})`)}
        {row('Followers', (index) => init.followers[creators[index].truth.creator])}
        {row('True quality', (index) => formatRate(creators[index].truth.meanQuality))}
        {row('True clickbait', (index) => formatRate(creators[index].truth.meanClickbait))}
        {row('Users with its topic first', (index) => formatPercent(creators[index].truth.audienceShare))}
        {row('True P(share | not skipped)', (index) => formatRate(creators[index].truth.trueShareProbability))}
        {row('Estimated share rate per impression r̂, A', (index) => estimateText(creators[index].estimate('a')))}
        {row('Estimated share rate per impression r̂, B', (index) => estimateText(creators[index].estimate('b')))}
      </tbody>
    </table>
  );
}

export function GroundTruth({ init, snapshots }: { init: CreatorsInit | null; snapshots: Record<CreatorsTwin, CreatorsSnapshot> | null }) {
  return (
    <>
      <h2>
        <span className="truth-badge">Ground truth</span> What the simulator knows
      </h2>
      <p>
        The platform sees only its own logs: impressions, clicks, watch time and shares of the items it served. The simulator also knows each item’s true quality and clickbait, each user’s true interests, and so the true probability that a
        user shares an item. The platform ranks by a smoothed share rate r̂ = (shares + {SHARE_RATE_PRIOR.pseudoImpressions}·{SHARE_RATE_PRIOR.rate}) / (impressions + {SHARE_RATE_PRIOR.pseudoImpressions}), so an item it has rarely shown keeps
        about the prior {SHARE_RATE_PRIOR.rate}, whatever its truth.
      </p>
      {init && snapshots ? (
        <div className="table-scroll">
          <TruthTable init={init} snapshots={snapshots} />
        </div>
      ) : (
        <p>Building the twins…</p>
      )}
      <p className="help">
        Quality and clickbait are means over the creator’s items, in [0, 1]. “Users with its topic first” is the share of users whose strongest true interest is the creator’s main topic. True P(share | not skipped) is the mean over all users and its items
        for a user who did not skip, at visible popularity 0, before interests drift. The estimated share rate r̂ is the platform’s, averaged over the creator’s items, with its shares / impressions so far. The two are not measured on the same base: r̂ counts every impression, skipped ones too (a skipped item is never shared), and it is shrunk toward the prior, so r̂ is lower than the true rate by about the share of skipped impressions even with many impressions. Compare the two creators’ r̂ with each other, not with the truth.
      </p>
    </>
  );
}
