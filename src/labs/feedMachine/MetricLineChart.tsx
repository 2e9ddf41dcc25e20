/**
 * One per-tick metric chart of the feed-machine page: a line chart of some
 * `TickMetrics` fields in a ChartFigure, with a legend of the latest values
 * and a data table of sampled ticks.
 */
import { useMemo, type ReactNode } from 'react';
import type { TickMetrics } from '../../engine/loop/types';
import { selectMetrics, selectResultsVersion, selectRetrainedAt } from '../../state/selectors';
import { useFeedLab } from '../../state/store';
import { ChartFigure } from '../../viz/ChartFigure';
import { sampleIndices } from '../../viz/decimate';
import { Legend } from '../../viz/Legend';
import { LineChart, type LineSeries } from '../../viz/LineChart';
import { formatNumber, ordinal } from './format';
import { METRIC_LABELS } from './metricLabels';
import { describeMarkers } from './policyChangeText';
import { usePolicyAnnotations } from './usePolicySchedule';

export interface MetricSeries {
  field: keyof TickMetrics;
  color: string;
  dashed?: boolean;
}

interface MetricLineChartProps {
  title: string;
  /** Sentence before the latest values in the caption, for example what the metric means. */
  description: ReactNode;
  series: readonly MetricSeries[];
  exportName: string;
  yDomain?: [number, number];
  truth?: boolean;
  format?: (value: number) => string;
}

const TABLE_ROWS = 50;
const tickOf = (row: TickMetrics) => row.tick;

export function MetricLineChart({ title, description, series, exportName, yDomain, truth = false, format = (value) => formatNumber(value) }: MetricLineChartProps) {
  const rows = useFeedLab(selectMetrics);
  const version = useFeedLab(selectResultsVersion);
  const retrainedAt = useFeedLab(selectRetrainedAt);
  const annotations = usePolicyAnnotations();

  const lines = useMemo<LineSeries<TickMetrics>[]>(
    () => series.map((s) => ({ key: s.field, label: METRIC_LABELS[s.field], color: s.color, dashed: s.dashed, value: (row) => row[s.field] })),
    [series],
  );

  const latest = rows.length > 0 ? rows[rows.length - 1] : null;
  const legend = series.map((s) => ({
    key: s.field,
    label: METRIC_LABELS[s.field],
    color: s.color,
    dashed: s.dashed,
    value: latest ? format(latest[s.field]) : undefined,
  }));

  const summary = (
    <>
      {description} {latest ? `At tick ${latest.tick}: ` : 'No ticks yet. '}
      {latest && series.map((s) => `${METRIC_LABELS[s.field].toLowerCase()} ${format(latest[s.field])}`).join(', ')}
      {latest && '.'} {describeMarkers(annotations, latest?.tick ?? 0)}
    </>
  );

  const table = () => (
    <table>
      <caption>
        {title}, {rows.length <= TABLE_ROWS ? 'every tick' : `every ${ordinal(Math.ceil(rows.length / TABLE_ROWS))} tick and the last`}
      </caption>
      <thead>
        <tr>
          <th scope="col">Tick</th>
          {series.map((s) => (
            <th scope="col" key={s.field}>
              {METRIC_LABELS[s.field]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sampleIndices(rows.length, TABLE_ROWS).map((index) => (
          <tr key={rows[index].tick}>
            <th scope="row">{rows[index].tick}</th>
            {series.map((s) => (
              <td key={s.field}>{format(rows[index][s.field])}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <ChartFigure title={title} summary={summary} exportName={exportName} table={table} truth={truth}>
      <Legend items={legend} />
      <LineChart rows={rows} version={version} x={tickOf} series={lines} yDomain={yDomain} yFormat={format} ariaLabel={`${title} by tick`} markers={retrainedAt} annotations={annotations} />
    </ChartFigure>
  );
}
