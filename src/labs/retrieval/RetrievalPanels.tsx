/** Lab 3's charts: training curves, the embedding map and the recall/time curve, each with its data table. */
import { memo, useId, useMemo, useState } from 'react';
import { ChartFigure } from '../../viz/ChartFigure';
import { CurveChart, type CurveSeries } from '../../viz/CurveChart';
import { EmbeddingCanvas } from '../../viz/EmbeddingCanvas';
import { Legend } from '../../viz/Legend';
import { MEASURED_COLOR, MEASURED_COLOR_LIGHT, TRUTH_COLOR, topicColor } from '../../viz/palette';
import type { EpochRow, LabModel } from '../../engine/retrieval/trainEmbeddings';
import type { RecallTimeRow } from '../../engine/retrieval/labSearch';
import type { ColdStartResult, MapLayout, Retrieval } from '../../worker/retrievalApi';
import { formatQueryTime } from './formatTime';

const percent = (value: number): string => (Number.isFinite(value) ? `${(100 * value).toFixed(1)}%` : 'n/a');

/** The training loss each model minimises, as shown beside its loss chart. */
export const LOSS_NAMES: Record<LabModel, string> = {
  'biased-mf': 'mean squared rating error + L2 penalty',
  bpr: 'BPR loss: mean −log σ(s_watched − s_unwatched) + L2 penalty',
  'two-tower': 'sampled BPR loss of the tower outputs + L2 penalty',
};

export function TrainingCurves({ model, rows }: { model: LabModel; rows: readonly EpochRow[] }) {
  const last = rows[rows.length - 1];
  const series: CurveSeries[] = [
    { key: 'held-out', label: 'Held-out recall@100 (measured)', color: MEASURED_COLOR, points: rows.map((row) => ({ x: row.epoch, y: row.heldOutRecall })) },
    { key: 'truth', label: 'Recall of the true top 100 (ground truth)', color: TRUTH_COLOR, dashed: true, points: rows.map((row) => ({ x: row.epoch, y: row.trueRecall })) },
  ];
  const loss: CurveSeries[] = [{ key: 'loss', label: 'Training loss', color: MEASURED_COLOR_LIGHT, points: rows.map((row) => ({ x: row.epoch, y: row.loss })) }];
  const recallTable = () => (
    <table>
      <thead>
        <tr>
          <th>epoch</th>
          <th>held-out recall@100</th>
          <th>held-out NDCG@100</th>
          <th>true-top-100 recall</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.epoch}>
            <td>{row.epoch}</td>
            <td>{percent(row.heldOutRecall)}</td>
            <td>{percent(row.heldOutNdcg)}</td>
            <td>{percent(row.trueRecall)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  const lossTable = () => (
    <table>
      <thead>
        <tr>
          <th>epoch</th>
          <th>training loss ({LOSS_NAMES[model]})</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.epoch}>
            <td>{row.epoch}</td>
            <td>{row.loss.toFixed(4)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  const summary = last ? `After epoch ${last.epoch}: held-out recall@100 ${percent(last.heldOutRecall)}, recall of the true top 100 ${percent(last.trueRecall)}.` : 'Not trained yet.';
  return (
    <div className="chart-pair">
      <ChartFigure title={`${model}: recall by epoch`} summary={summary} exportName={`${model}-recall`} table={recallTable}>
        <Legend items={series} />
        <CurveChart series={series} xLabel="epoch" yDomain={[0, 1]} ariaLabel={`${model} recall@100 by epoch`} />
      </ChartFigure>
      <ChartFigure title={`${model}: training loss by epoch`} summary={last ? `Loss ${last.loss.toFixed(4)} after epoch ${last.epoch}. Loss: ${LOSS_NAMES[model]}.` : 'Not trained yet.'} exportName={`${model}-loss`} table={lossTable}>
        {/* NOTE: CurveChart has no y-axis title, so the axis is named in the text above it. */}
        <p className="help" data-testid="loss-axis">
          Vertical axis: {LOSS_NAMES[model]}.
        </p>
        <CurveChart series={loss} xLabel="epoch" ariaLabel={`${model} training loss (${LOSS_NAMES[model]}) by epoch`} />
      </ChartFigure>
    </div>
  );
}

interface MapPanelProps {
  layout: MapLayout;
  group: ArrayLike<number>;
  groupLabel: string;
  groupNames: readonly string[];
  user: number;
  retrieval?: Retrieval;
  hover: { item: number; model: number[]; truth: number[] } | null;
  onHover(item: number | null): void;
  coldStart: ColdStartResult[];
  edges?: Uint32Array;
}

/** Counts the items that `candidates` share with `truth`, for the hover line. */
function sharedCount(candidates: readonly number[], truth: readonly number[]): string {
  const shared = candidates.filter((item) => truth.includes(item)).length;
  return `${shared} of them ${shared === 1 ? 'is' : 'are'}`;
}

/** Colour key of the map: topic names with their colours, or a note on what the colours mean. */
function MapLegend({ group, groupLabel, groupNames }: { group: ArrayLike<number>; groupLabel: string; groupNames: readonly string[] }) {
  if (groupNames.length > 0) {
    return (
      <ul className="topic-legend" aria-label={`Colours: ${groupLabel}`}>
        {groupNames.map((name, index) => (
          <li key={name}>
            <span className="swatch" style={{ background: topicColor(index) }} aria-hidden="true" />
            {name}
          </li>
        ))}
      </ul>
    );
  }
  let groups = 0;
  for (let item = 0; item < group.length; item += 1) {
    groups = Math.max(groups, group[item] + 1);
  }
  return (
    <p className="help" data-testid="map-legend">
      Colours: {groupLabel}, {groups} groups. Each group has its own colour up to the palette&apos;s 47 colours; beyond that, colours repeat. The data table gives each item&apos;s {groupLabel}.
    </p>
  );
}

/** Selects an item by number from the keyboard, which lists its nearest neighbours as hovering does. */
function ItemInspector({ items, onInspect }: { items: number; onInspect(item: number | null): void }) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    const text = draft.trim();
    if (text === '') {
      setError(null);
      onInspect(null);
      return;
    }
    const item = Number(text);
    if (!Number.isInteger(item) || item < 0 || item >= items) {
      setError(`${text} is not an item on this map: enter a whole number from 0 to ${items - 1}`);
      return;
    }
    setError(null);
    onInspect(item);
  };
  return (
    <div className="parameter">
      <label htmlFor={id}>Item to inspect (0 to {items - 1})</label>
      <input
        id={id}
        inputMode="numeric"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => event.key === 'Enter' && commit()}
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

function MapPanelInner({ layout, group, groupLabel, groupNames, user, retrieval, hover, onHover, coldStart, edges }: MapPanelProps) {
  // Only the model drawn here has a position on this map; another model's new item would land on a foreign projection.
  const markers = useMemo(
    () =>
      coldStart
        .filter((result) => result.model === layout.model && result.point !== null)
        .map((result) => ({ x: result.point?.[0] ?? 0, y: result.point?.[1] ?? 0, label: `new item (${result.model})`, color: result.model === 'two-tower' ? TRUTH_COLOR : MEASURED_COLOR })),
    [coldStart, layout.model],
  );
  const hnswNote =
    edges !== undefined && edges.length > 0
      ? ` Grey lines are the HNSW index's links on layers 2 and up (${edges.length / 2} links): the few long jumps a search follows first, before it narrows down on the dense lower layers.`
      : '';
  const coldNote = markers.length > 0 ? ` The dot labelled "new item (${layout.model})" is the cold-start item, placed by ${layout.model}.` : '';
  const method = layout.method === 'pca' ? `PCA (axes explain ${percent(layout.explained?.[0] ?? Number.NaN)} and ${percent(layout.explained?.[1] ?? Number.NaN)} of the variance)` : 'UMAP';
  const table = () => (
    <table>
      <thead>
        <tr>
          <th>item</th>
          <th>x</th>
          <th>y</th>
          <th>{groupLabel}</th>
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: Math.min(200, layout.items) }, (_, item) => (
          <tr key={item}>
            <td>{item}</td>
            <td>{layout.points[item * 2].toFixed(3)}</td>
            <td>{layout.points[item * 2 + 1].toFixed(3)}</td>
            <td>{groupNames[group[item]] ?? group[item]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartFigure
      title={`Embedding map of ${layout.model} (${layout.method.toUpperCase()})`}
      summary={`${layout.items} items by ${method}, coloured by ${groupLabel}. User ${user} is the large dark dot; rings mark their ${retrieval?.candidates.length ?? 0} retrieved candidates; crosses mark the hovered or inspected item's nearest neighbours.${hnswNote}${coldNote} The data table lists the first 200 items.`}
      exportName={`map-${layout.model}-${layout.method}`}
      table={table}
      canvas
    >
      <EmbeddingCanvas
        points={layout.points}
        items={layout.items}
        group={group}
        colorOf={topicColor}
        user={user}
        highlighted={retrieval?.candidates}
        marked={hover?.model}
        markers={markers}
        edges={edges}
        onHover={onHover}
        ariaLabel={`Embedding map: ${layout.items} items coloured by ${groupLabel}`}
      />
      <MapLegend group={group} groupLabel={groupLabel} groupNames={groupNames} />
      <ItemInspector items={layout.items} onInspect={onHover} />
      <p aria-live="polite" data-testid="hover-info">
        {hover === null
          ? 'Hover an item, or enter its number above, to list its nearest neighbours.'
          : `Item ${hover.item} (${groupLabel} ${groupNames[group[hover.item]] ?? group[hover.item]}): nearest by the model ${hover.model.join(', ')}` +
            (hover.truth.length > 0 ? `; ${sharedCount(hover.model, hover.truth)} also among its 10 nearest by true topic mix.` : '.')}
      </p>
    </ChartFigure>
  );
}

export function RecallTimeChart({ rows }: { rows: readonly RecallTimeRow[] }) {
  const byKind = (kind: string) => rows.filter((row) => row.kind === kind).map((row) => ({ x: row.msPerQuery, y: row.recall }));
  const series: CurveSeries[] = [
    { key: 'ivf', label: 'IVF (nprobe)', color: MEASURED_COLOR, points: byKind('ivf') },
    { key: 'hnsw', label: 'HNSW (ef)', color: MEASURED_COLOR_LIGHT, points: byKind('hnsw') },
    { key: 'exact', label: 'Exact search', color: TRUTH_COLOR, points: byKind('exact') },
  ].filter((entry) => entry.points.length > 0);
  const exact = rows.find((row) => row.kind === 'exact');
  const table = () => (
    <table>
      <thead>
        <tr>
          <th>method</th>
          <th>parameter</th>
          <th>recall@10</th>
          <th>median ms per query</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.kind}-${row.parameter}`}>
            <td>{row.kind}</td>
            <td>{row.parameter}</td>
            <td>{percent(row.recall)}</td>
            <td>{row.msPerQuery.toFixed(4)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  const summary =
    rows.length === 0
      ? 'Not measured yet.'
      : `Exact search takes ${exact ? formatQueryTime(exact.msPerQuery) : 'an unknown time'} per query. ` +
        rows
          .filter((row) => row.kind !== 'exact')
          .map((row) => `${row.kind} ${row.parameter}: ${percent(row.recall)} in ${formatQueryTime(row.msPerQuery)}`)
          .join('; ') +
        '. Times are medians on this machine: each setting ran its queries once to warm up, then at least 5 times and for at least 50 ms.';
  return (
    <ChartFigure title="Recall@10 against query time" summary={summary} exportName="recall-time" table={table}>
      <Legend items={series} />
      <CurveChart series={series} xLabel="median milliseconds per query (log scale)" yDomain={[0, 1]} logX ariaLabel="Recall@10 against milliseconds per query" />
    </ChartFigure>
  );
}

export const MapPanel = memo(MapPanelInner);
