/** Lab 3's charts: training curves, the embedding map and the recall/time curve, each with its data table. */
import { memo, useMemo } from 'react';
import { ChartFigure } from '../../viz/ChartFigure';
import { CurveChart, type CurveSeries } from '../../viz/CurveChart';
import { EmbeddingCanvas } from '../../viz/EmbeddingCanvas';
import { Legend } from '../../viz/Legend';
import { MEASURED_COLOR, MEASURED_COLOR_LIGHT, TRUTH_COLOR, topicColor } from '../../viz/palette';
import type { EpochRow, LabModel } from '../../engine/retrieval/trainEmbeddings';
import type { RecallTimeRow } from '../../engine/retrieval/labSearch';
import type { ColdStartResult, MapLayout, Retrieval } from '../../worker/retrievalApi';

const percent = (value: number): string => (Number.isFinite(value) ? `${(100 * value).toFixed(1)}%` : 'n/a');

export function TrainingCurves({ model, rows }: { model: LabModel; rows: readonly EpochRow[] }) {
  const last = rows[rows.length - 1];
  const series: CurveSeries[] = [
    { key: 'held-out', label: 'Held-out recall@100 (measured)', color: MEASURED_COLOR, points: rows.map((row) => ({ x: row.epoch, y: row.heldOutRecall })) },
    { key: 'truth', label: 'Recall of the true top 100 (ground truth)', color: TRUTH_COLOR, dashed: true, points: rows.map((row) => ({ x: row.epoch, y: row.trueRecall })) },
  ];
  const loss: CurveSeries[] = [{ key: 'loss', label: 'Training loss', color: MEASURED_COLOR_LIGHT, points: rows.map((row) => ({ x: row.epoch, y: row.loss })) }];
  const table = () => (
    <table>
      <thead>
        <tr>
          <th>epoch</th>
          <th>training loss</th>
          <th>held-out recall@100</th>
          <th>held-out NDCG@100</th>
          <th>true-top-100 recall</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.epoch}>
            <td>{row.epoch}</td>
            <td>{row.loss.toFixed(4)}</td>
            <td>{percent(row.heldOutRecall)}</td>
            <td>{percent(row.heldOutNdcg)}</td>
            <td>{percent(row.trueRecall)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  const summary = last ? `After epoch ${last.epoch}: loss ${last.loss.toFixed(4)}, held-out recall@100 ${percent(last.heldOutRecall)}, recall of the true top 100 ${percent(last.trueRecall)}.` : 'Not trained yet.';
  return (
    <div className="chart-pair">
      <ChartFigure title={`${model}: recall by epoch`} summary={summary} exportName={`${model}-recall`} table={table}>
        <Legend items={series} />
        <CurveChart series={series} xLabel="epoch" yDomain={[0, 1]} ariaLabel={`${model} recall@100 by epoch`} />
      </ChartFigure>
      <ChartFigure title={`${model}: training loss by epoch`} summary={last ? `Loss ${last.loss.toFixed(4)} after epoch ${last.epoch}.` : 'Not trained yet.'} exportName={`${model}-loss`} table={table}>
        <CurveChart series={loss} xLabel="epoch" ariaLabel={`${model} training loss by epoch`} />
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

function MapPanelInner({ layout, group, groupLabel, groupNames, user, retrieval, hover, onHover, coldStart, edges }: MapPanelProps) {
  const markers = useMemo(
    () =>
      coldStart.map((result) => ({ x: result.point[0], y: result.point[1], label: `new item (${result.model})`, color: result.model === 'two-tower' ? TRUTH_COLOR : MEASURED_COLOR })),
    [coldStart],
  );
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
      summary={`${layout.items} items by ${method}, coloured by ${groupLabel}. User ${user} is the large dark dot; rings mark their ${retrieval?.candidates.length ?? 0} retrieved candidates; crosses mark the hovered item's nearest neighbours. The data table lists the first 200 items.`}
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
      <p aria-live="polite" data-testid="hover-info">
        {hover === null
          ? 'Hover an item to list its nearest neighbours.'
          : `Item ${hover.item} (${groupNames[group[hover.item]] ?? ''}): nearest by the model ${hover.model.join(', ')}` +
            (hover.truth.length > 0 ? `; ${hover.model.filter((item) => hover.truth.includes(item)).length} of them are also among its 10 nearest by true topic mix.` : '.')}
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
          <th>ms per query</th>
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
      : `Exact search takes ${exact?.msPerQuery.toFixed(3)} ms per query. ` +
        rows
          .filter((row) => row.kind !== 'exact')
          .map((row) => `${row.kind} ${row.parameter}: ${percent(row.recall)} in ${row.msPerQuery.toFixed(3)} ms`)
          .join('; ') +
        '.';
  return (
    <ChartFigure title="Recall@10 against query time" summary={summary} exportName="recall-time" table={table}>
      <Legend items={series} />
      <CurveChart series={series} xLabel="milliseconds per query (log scale)" yDomain={[0, 1]} logX ariaLabel="Recall@10 against milliseconds per query" />
    </ChartFigure>
  );
}

export const MapPanel = memo(MapPanelInner);
