/**
 * Panel 1: each creator's reach against its followers, both twins on one
 * log–log scatter, with the micro/macro split and each twin's rank correlation.
 */
import { memo, useMemo } from 'react';
import { ChartFigure } from '../../viz/ChartFigure';
import type { CreatorsSnapshot, CreatorsTwin } from '../../worker/creatorsApi';
import { ReachScatter, type ScatterPoint } from './charts';
import { formatCount, formatPercent, formatRho } from './format';
import { ceilingShare, CEILING_SHARE } from './steps';

export type TwinLabels = Record<CreatorsTwin, string>;

function points(snapshot: CreatorsSnapshot): ScatterPoint[] {
  return snapshot.reach.map((row) => ({ creator: row.creator, followers: row.followers, reach: row.distinctUsers, micro: row.followers < snapshot.microThreshold }));
}

function ReachTable({ snapshots, labels }: { snapshots: Record<CreatorsTwin, CreatorsSnapshot>; labels: TwinLabels }) {
  return (
    <table className="metrics-table">
      <thead>
        <tr>
          <th scope="col">Creator</th>
          <th scope="col">Followers</th>
          <th scope="col">Group</th>
          <th scope="col">Users reached, {labels.a}</th>
          <th scope="col">Users reached, {labels.b}</th>
        </tr>
      </thead>
      <tbody>
        {snapshots.a.reach.map((row, index) => (
          <tr key={row.creator}>
            <th scope="row">{row.creator}</th>
            <td>{row.followers}</td>
            <td>{row.followers < snapshots.a.microThreshold ? 'micro' : 'macro'}</td>
            <td>{row.distinctUsers}</td>
            <td>{snapshots.b.reach[index]?.distinctUsers ?? 'n/a'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export const ReachPanel = memo(function ReachPanel({ snapshots, labels, users }: { snapshots: Record<CreatorsTwin, CreatorsSnapshot>; labels: TwinLabels; users: number }) {
  const twins = useMemo(
    () => [
      { key: 'a' as const, label: labels.a, points: points(snapshots.a) },
      { key: 'b' as const, label: labels.b, points: points(snapshots.b) },
    ],
    [snapshots, labels],
  );
  const { a, b } = snapshots;
  const summary = `After ${a.tick} ticks. Spearman’s ρ of followers and users reached: A ${formatRho(a.rankCorrelation)}, B ${formatRho(b.rankCorrelation)}. Both axes are log scales of count + 1, so creators with 0 followers or 0 reach sit on the axes.`;
  return (
    <section className="panel" aria-labelledby="reach-heading">
      <h2 id="reach-heading">1. Reach against followers</h2>
      <p className="help">
        Reach is the number of distinct users who saw at least one of the creator’s items since tick 1. Micro creators have fewer followers than the median ({a.microThreshold}); the rest are macro. Reach cannot exceed the {users} users, so creators near that ceiling tie in reach, and ρ then measures partly the ceiling: the last column shows how many are there.
      </p>
      <div className="table-scroll">
        <table className="metrics-table" data-testid="reach-summary">
          <thead>
            <tr>
              <th scope="col">Twin</th>
              <th scope="col">Mean users reached, micro</th>
              <th scope="col">Mean users reached, macro</th>
              <th scope="col">Spearman’s ρ (followers, reach)</th>
              <th scope="col">Creators above {formatPercent(CEILING_SHARE)} of users</th>
            </tr>
          </thead>
          <tbody>
            {(['a', 'b'] as const).map((twin) => (
              <tr key={twin}>
                <th scope="row">{labels[twin]}</th>
                <td>{formatCount(snapshots[twin].reachByGroup.micro)}</td>
                <td>{formatCount(snapshots[twin].reachByGroup.macro)}</td>
                <td>{formatRho(snapshots[twin].rankCorrelation)}</td>
                <td>{formatPercent(ceilingShare(snapshots[twin], users))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ChartFigure title="Reach against followers" summary={summary} exportName="creators-reach" table={() => <ReachTable snapshots={snapshots} labels={labels} />}>
        <ReachScatter twins={twins} threshold={a.microThreshold} ariaLabel="Distinct users reached against followers, per creator, twins A and B, log scales" />
      </ChartFigure>
    </section>
  );
});
