/**
 * Panel 4's second half: every creator's platform traffic after the change
 * tick against before it, with the creators who lost and gained most in
 * each twin, to show that one decision moves creators both ways.
 */
import { memo, useMemo } from 'react';
import { countLargeChanges, type CreatorTrafficChange } from '../../engine/creators/dependency';
import type { CreatorsSnapshot, CreatorsTwin } from '../../worker/creatorsApi';
import { formatMean, formatSignedPercent } from './format';
import type { TwinLabels } from './ReachPanel';

/** Creators listed at each end of the ranking of changes. */
const LISTED = 3;

interface TrafficChangesProps {
  snapshots: Record<CreatorsTwin, CreatorsSnapshot>;
  labels: TwinLabels;
  changeTick: number;
  focusCreator: number;
  /** Makes `creator` the focus creator; the run restarts from tick 0. */
  onFollow(creator: number): void;
}

/** Picks the `LISTED` largest losses and gains of one twin, losses first, leaving out creators with NaN change. */
function extremes(changes: readonly CreatorTrafficChange[]): { losers: CreatorTrafficChange[]; winners: CreatorTrafficChange[] } {
  const measured = changes.filter((row) => Number.isFinite(row.change)).sort((x, y) => x.change - y.change || x.creator - y.creator);
  const losers = measured.slice(0, LISTED).filter((row) => row.change < 0);
  const winners = measured.slice(-LISTED).reverse().filter((row) => row.change > 0);
  return { losers, winners };
}

export const TrafficChanges = memo(function TrafficChanges({ snapshots, labels, changeTick, focusCreator, onFollow }: TrafficChangesProps) {
  const summary = useMemo(
    () => (['a', 'b'] as const).map((twin) => ({ twin, counts: countLargeChanges(snapshots[twin].trafficChanges), ...extremes(snapshots[twin].trafficChanges) })),
    [snapshots],
  );
  if (changeTick === 0) {
    return null;
  }
  const measured = summary.some((entry) => entry.counts.measured > 0);
  return (
    <div className="traffic-changes">
      <h3>Every creator: traffic after tick {changeTick} against before</h3>
      <p className="help">
        The change is (mean platform impressions per tick after − mean before) / mean before, for each creator with impressions before; −50% lost half, +100% doubled.
        A twin that does not apply the objective change is split at the same tick, so its row shows how much traffic moves without any decision.
      </p>
      {!measured && <p>Run past tick {changeTick} to compare creators before and after the change.</p>}
      {measured && (
        <div className="table-scroll" role="region" aria-label="Creators whose traffic changed most" tabIndex={0}>
          <table className="metrics-table" data-testid="traffic-changes-table">
            <thead>
              <tr>
                <th scope="col">Twin</th>
                <th scope="col">Creators halved or worse</th>
                <th scope="col">Creators doubled or better</th>
                <th scope="col">Largest losses (creator: before → after per tick)</th>
                <th scope="col">Largest gains</th>
              </tr>
            </thead>
            <tbody>
              {summary.map(({ twin, counts, losers, winners }) => (
                <tr key={twin}>
                  <th scope="row">{labels[twin]}</th>
                  <td>
                    {counts.halved} of {counts.measured}
                  </td>
                  <td>
                    {counts.doubled} of {counts.measured}
                  </td>
                  <td>
                    <CreatorList rows={losers} focusCreator={focusCreator} onFollow={onFollow} />
                  </td>
                  <td>
                    <CreatorList rows={winners} focusCreator={focusCreator} onFollow={onFollow} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
});

function CreatorList({ rows, focusCreator, onFollow }: { rows: readonly CreatorTrafficChange[]; focusCreator: number; onFollow(creator: number): void }) {
  if (rows.length === 0) {
    return <>none</>;
  }
  return (
    <ul className="creator-changes">
      {rows.map((row) => (
        <li key={row.creator}>
          Creator {row.creator} ({row.followers} followers): {formatMean(row.before)} → {formatMean(row.after)}, {formatSignedPercent(row.change)}{' '}
          {row.creator === focusCreator ? (
            <span>(the focus creator)</span>
          ) : (
            <button type="button" onClick={() => onFollow(row.creator)}>
              Follow creator {row.creator}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
