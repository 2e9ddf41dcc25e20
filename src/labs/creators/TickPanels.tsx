/**
 * Panels 2 to 4, read from the per-tick rows of both twins: the new
 * creator's reach, share cascades, and the focus creator's traffic around
 * the objective change.
 */
import { memo, useMemo } from 'react';
import { trafficDependency, type TrafficDependency } from '../../engine/creators/dependency';
import type { CreatorTickRow } from '../../engine/creators/run';
import { ChartFigure } from '../../viz/ChartFigure';
import type { CreatorsSnapshot, CreatorsTwin, CreatorsTwinRow } from '../../worker/creatorsApi';
import { PairedHistogram, TickChart, TWIN_COLORS, type TickSeries } from './charts';
import { formatCount, formatMean, formatSignedMean, formatSignedPercent } from './format';
import { TrafficChanges } from './TrafficChanges';
import type { TwinLabels } from './ReachPanel';

type Column = { label: string; value: (row: CreatorTickRow) => number };

/** Lists chosen columns of both twins, one row per tick. */
function TwinRowsTable({ rows, labels, columns }: { rows: readonly CreatorsTwinRow[]; labels: TwinLabels; columns: readonly Column[] }) {
  return (
    <table className="metrics-table">
      <thead>
        <tr>
          <th scope="col">Tick</th>
          {(['a', 'b'] as const).flatMap((twin) =>
            columns.map((column) => (
              <th key={`${twin}${column.label}`} scope="col">
                {column.label}, {labels[twin]}
              </th>
            )),
          )}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.tick}>
            <th scope="row">{row.tick}</th>
            {(['a', 'b'] as const).flatMap((twin) => columns.map((column) => <td key={`${twin}${column.label}`}>{formatCount(column.value(row[twin]))}</td>))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function twinSeries(rows: readonly CreatorsTwinRow[], labels: TwinLabels, value: (row: CreatorTickRow) => number, suffix = '', dashB = '7 4'): TickSeries[] {
  return (['a', 'b'] as const).map((twin) => ({
    key: `${twin}${suffix}`,
    label: `${labels[twin]}${suffix ? ` ${suffix}` : ''}`,
    color: TWIN_COLORS[twin],
    dashArray: twin === 'b' ? dashB : undefined,
    points: rows.map((row) => ({ tick: row.tick, value: value(row[twin]) })),
  }));
}

interface NewCreatorProps {
  rows: readonly CreatorsTwinRow[];
  snapshots: Record<CreatorsTwin, CreatorsSnapshot>;
  labels: TwinLabels;
  maxTick: number;
  releaseTick: number;
  target: number;
  newCreator: number;
}

export const NewCreatorPanel = memo(function NewCreatorPanel({ rows, snapshots, labels, maxTick, releaseTick, target, newCreator }: NewCreatorProps) {
  const series = useMemo(() => twinSeries(rows, labels, (row) => row.newCreatorUsers), [rows, labels]);
  const available = Math.max(0, (rows.at(-1)?.tick ?? 0) - releaseTick + 1);
  const describe = (twin: CreatorsTwin) => {
    const ticks = snapshots[twin].ticksToTarget;
    return ticks === null ? `not within ${available} ticks` : `${ticks} ticks`;
  };
  const summary = `Creator ${newCreator} has no followers and releases its items at tick ${releaseTick}. Ticks to reach ${target} distinct users: A ${describe('a')}, B ${describe('b')}.`;
  return (
    <section className="panel" aria-labelledby="new-creator-heading">
      <h2 id="new-creator-heading">2. A new creator</h2>
      <p data-testid="ticks-to-target">
        Ticks from release to {target} users: <strong>A: {describe('a')}</strong>; <strong>B: {describe('b')}</strong>.
      </p>
      <p className="help">The release tick {releaseTick} counts as tick 1, so a creator that first has {target} users in the row of tick {releaseTick + 6} took 7 ticks. The CLI’s summary counts the same way.</p>
      <ChartFigure title="New creator: distinct users reached since release" summary={summary} exportName="creators-new-creator" table={() => <TwinRowsTable rows={rows} labels={labels} columns={[{ label: 'users reached', value: (row) => row.newCreatorUsers }, { label: 'impressions', value: (row) => row.newCreatorImpressions }]} />}>
        <TickChart series={series} maxTick={maxTick} markerTick={releaseTick - 1} markerLabel="release" reference={{ value: target, label: `target ${target}` }} yLabel="distinct users" ariaLabel="Distinct users the new creator reached, by tick, twins A and B" />
      </ChartFigure>
    </section>
  );
});

interface CascadesProps {
  rows: readonly CreatorsTwinRow[];
  snapshots: Record<CreatorsTwin, CreatorsSnapshot>;
  labels: TwinLabels;
  maxTick: number;
}

export const CascadesPanel = memo(function CascadesPanel({ rows, snapshots, labels, maxTick }: CascadesProps) {
  const count = useMemo(() => twinSeries(rows, labels, (row) => row.cascades), [rows, labels]);
  const size = useMemo(() => [...twinSeries(rows, labels, (row) => row.meanCascadeSize, 'mean'), ...twinSeries(rows, labels, (row) => row.maxCascadeSize, 'max', '2 3').map((s) => ({ ...s, dashArray: s.key.startsWith('a') ? '2 3' : '9 3 2 3' }))], [rows, labels]);
  const last = rows.at(-1);
  const histogram = { a: snapshots.a.cascadeHistogram, b: snapshots.b.cascadeHistogram };
  const sizeColumns: Column[] = [
    { label: 'mean size', value: (row) => row.meanCascadeSize },
    { label: 'max size', value: (row) => row.maxCascadeSize },
  ];
  return (
    <section className="panel" aria-labelledby="cascades-heading">
      <h2 id="cascades-heading">3. Share cascades</h2>
      <p className="help">
        When a user shares an item that reached them through the feed, not through another share, a new cascade starts. Each share goes to a few co-followers, who see the item at the top of their feed in the next tick if they open the app then; otherwise that delivery lapses. A recipient who shares it again extends the same cascade. A cascade’s size is the number of these deliveries that were served: size 0 means that none of the recipients opened the app in the next tick.
      </p>
      <div className="creators-chart-grid">
        <ChartFigure title="Cascades started so far (running total)" summary={last ? `By tick ${last.tick}: A ${last.a.cascades}, B ${last.b.cascades}.` : 'No ticks yet: press Run.'} exportName="creators-cascades" table={() => <TwinRowsTable rows={rows} labels={labels} columns={[{ label: 'cascades', value: (row) => row.cascades }]} />}>
          <TickChart series={count} maxTick={maxTick} yLabel="cascades" ariaLabel="Share cascades started so far, running total by tick, twins A and B" />
        </ChartFigure>
        <ChartFigure title="Cascade size" summary={last ? `By tick ${last.tick}: mean A ${formatCount(last.a.meanCascadeSize)}, B ${formatCount(last.b.meanCascadeSize)}; max A ${last.a.maxCascadeSize}, B ${last.b.maxCascadeSize}.` : 'No ticks yet: press Run.'} exportName="creators-cascade-size" table={() => <TwinRowsTable rows={rows} labels={labels} columns={sizeColumns} />}>
          <TickChart series={size} maxTick={maxTick} yLabel="impressions" ariaLabel="Mean and maximum cascade size, by tick, twins A and B" />
        </ChartFigure>
        <ChartFigure title="Cascade sizes" summary={`Cascades by size after ${snapshots.a.tick} ticks: A ${histogram.a.join(', ') || 'none'}; B ${histogram.b.join(', ') || 'none'} (from size 0).`} exportName="creators-cascade-histogram" table={() => <HistogramTable counts={histogram} labels={labels} />}>
          <PairedHistogram counts={histogram} labels={labels} ariaLabel="Number of share cascades of each size, twins A and B" />
        </ChartFigure>
      </div>
    </section>
  );
});

function HistogramTable({ counts, labels }: { counts: Record<CreatorsTwin, readonly number[]>; labels: TwinLabels }) {
  const sizes = Math.max(counts.a.length, counts.b.length);
  return (
    <table className="metrics-table">
      <thead>
        <tr>
          <th scope="col">Size</th>
          <th scope="col">Cascades, {labels.a}</th>
          <th scope="col">Cascades, {labels.b}</th>
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: sizes }, (_, size) => (
          <tr key={size}>
            <th scope="row">{size}</th>
            <td>{counts.a[size] ?? 0}</td>
            <td>{counts.b[size] ?? 0}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface DependencyProps {
  rows: readonly CreatorsTwinRow[];
  labels: TwinLabels;
  maxTick: number;
  changeTick: number;
  focusCreator: number;
  externalViews: number;
  /** Whether each twin applies the objective change. */
  changes: Record<CreatorsTwin, boolean>;
  weightsAfter: string;
  /** Both twins' newest snapshots, for every creator's change; absent before the first run. */
  snapshots?: Record<CreatorsTwin, CreatorsSnapshot>;
  /** Makes another creator the focus creator. */
  onFollow(creator: number): void;
  /** Followers per creator, [creators]; absent before the twins are built. */
  followers?: readonly number[];
  /** Whether the twins' feeds differ (follow slots or ε), so their traffic differs before any change. */
  feedsDiffer: boolean;
}

/** Mean traffic per tick before the change below which a relative change is flagged: a few impressions more or less move it by tens of percent. */
export const SMALL_BASE = 5;

/** Shows a relative change with its absolute size, flagged when its base is below {@link SMALL_BASE} per tick. */
function ChangeCell({ before, after }: { before: number; after: number }) {
  const relative = before > 0 ? (after - before) / before : Number.NaN;
  return (
    <td>
      {formatSignedMean(after - before)} per tick ({formatMean(before)} → {formatMean(after)}), {formatSignedPercent(relative)}
      {Number.isFinite(before) && before < SMALL_BASE && <span className="small-base"> Small base (under {SMALL_BASE} per tick): read the absolute change.</span>}
    </td>
  );
}

/**
 * Points the student to another creator when the focus creator's platform
 * traffic rose after the change in a twin that applies it: then this
 * creator cannot show a loss, nor the cushion of off-platform views.
 */
function FocusGainNote({ dependency, changes, changeTick, focusCreator, ticksRun }: { dependency: Record<CreatorsTwin, TrafficDependency>; changes: Record<CreatorsTwin, boolean>; changeTick: number; focusCreator: number; ticksRun: number }) {
  const gained = (['a', 'b'] as const).filter((twin) => changes[twin] && ticksRun > changeTick && dependency[twin].platformDrop < 0);
  if (changeTick === 0 || gained.length === 0) {
    return null;
  }
  return (
    <p className="notice" data-testid="focus-gain-note">
      Creator {focusCreator} gained from the change in twin {gained.map((twin) => twin.toUpperCase()).join(' and ')}, so it shows no loss to cushion. The table below lists the creators who lost most; press “Follow creator” on one of them to watch dependency.
    </p>
  );
}

export const DependencyPanel = memo(function DependencyPanel({ rows, labels, maxTick, changeTick, focusCreator, externalViews, changes, weightsAfter, snapshots, onFollow, followers, feedsDiffer }: DependencyProps) {
  const series = useMemo(() => [...twinSeries(rows, labels, (row) => row.focusImpressions, 'platform'), ...twinSeries(rows, labels, (row) => row.focusTraffic, 'total').map((s) => ({ ...s, dashArray: s.key.startsWith('a') ? '2 3' : '9 3 2 3' }))], [rows, labels]);
  const dependency = useMemo<Record<CreatorsTwin, TrafficDependency>>(
    () => ({
      a: trafficDependency(
        rows.map((row) => row.a),
        changeTick,
      ),
      b: trafficDependency(
        rows.map((row) => row.b),
        changeTick,
      ),
    }),
    [rows, changeTick],
  );
  let changeText = `From tick ${changeTick + 1}, ${changes.a && changes.b ? 'both twins rank' : changes.a ? 'twin A ranks' : 'twin B ranks'} with ${weightsAfter}.`;
  if (changeTick === 0) {
    changeText = 'The objective never changes (change tick 0).';
  } else if (!changes.a && !changes.b) {
    changeText = `Neither twin applies the objective change, so both rows below only split the run at tick ${changeTick}; choose the preset “Objective change vs no change” to see the change against its counterfactual.`;
  }
  const count = followers?.[focusCreator];
  const sorted = followers ? [...followers].sort((x, y) => x - y) : [];
  const median = sorted[Math.floor(sorted.length / 2)];
  return (
    <section className="panel" aria-labelledby="dependency-heading">
      <h2 id="dependency-heading">4. Platform dependency</h2>
      <p className="help">
        Creator {focusCreator}’s traffic per tick: impressions the platform serves, and total traffic, which adds {externalViews} views per tick from channels the platform does not control. {changeText} The change is (mean per tick after − mean before) / mean before, with “before” ticks 1–{changeTick} and
        “after” the ticks run since: −40% is a loss of 40%, +40% a gain. Each change also shows its absolute size per tick, because a percentage of a small base is large whatever happened.
      </p>
      <FocusGainNote dependency={dependency} changes={changes} changeTick={changeTick} focusCreator={focusCreator} ticksRun={rows.length} />
      {count !== undefined && feedsDiffer && (
        <p className="help" data-testid="baseline-note">
          The twins’ feeds differ, so creator {focusCreator}’s traffic differs before any change. Creator {focusCreator} has {count} followers (the median creator has {median}). A follow feed serves its new items to those followers first, whatever the ranking thinks of them; the algorithmic feed serves them only when the ranking puts them among the top K items of a user’s feed or exploration picks them.
        </p>
      )}
      <div className="table-scroll">
        <table className="metrics-table" data-testid="dependency-table">
          <thead>
            <tr>
              <th scope="col">Twin</th>
              <th scope="col">Platform impressions per tick, change</th>
              <th scope="col">Total with {externalViews} off-platform views per tick, change</th>
            </tr>
          </thead>
          <tbody>
            {(['a', 'b'] as const).map((twin) => (
              <tr key={twin}>
                <th scope="row">{labels[twin]}</th>
                <ChangeCell before={dependency[twin].platformBefore} after={dependency[twin].platformAfter} />
                <ChangeCell before={dependency[twin].totalBefore} after={dependency[twin].totalAfter} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ChartFigure
        title={`Creator ${focusCreator}: traffic per tick`}
        summary={`${changes.a || changes.b ? 'Change after the objective change' : `Change after tick ${changeTick}, with no objective change in either twin`}: A ${formatSignedPercent(-dependency.a.platformDrop)} of platform impressions, ${formatSignedPercent(-dependency.a.totalDrop)} of total traffic; B ${formatSignedPercent(-dependency.b.platformDrop)} and ${formatSignedPercent(-dependency.b.totalDrop)}.`}
        exportName="creators-dependency"
        table={() => (
          <TwinRowsTable
            rows={rows}
            labels={labels}
            columns={[
              { label: 'platform impressions', value: (row) => row.focusImpressions },
              { label: 'off-platform views', value: (row) => row.focusExternalViews },
              { label: 'total', value: (row) => row.focusTraffic },
            ]}
          />
        )}
      >
        <TickChart series={series} maxTick={maxTick} markerTick={changeTick} markerLabel="objective change" yLabel="views per tick" ariaLabel={`Traffic of creator ${focusCreator} per tick, platform and total, twins A and B`} />
      </ChartFigure>
      {snapshots && <TrafficChanges snapshots={snapshots} labels={labels} changeTick={changeTick} focusCreator={focusCreator} onFollow={onFollow} />}
    </section>
  );
});
