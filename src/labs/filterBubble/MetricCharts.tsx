/**
 * Lab 8's metrics over ticks: one chart per metric with both twins and their
 * difference B − A, and a table of the newest tick. With a many-seeds
 * summary, the same charts draw means with 95% bands.
 */
import { memo, useMemo } from 'react';
import { BUBBLE_METRIC_DOC, type BubbleMetricName } from '../../engine/experiments/bubbleMetrics';
import type { Series, SummaryTick, TwinRow } from '../../engine/experiments/seeds';
import { clipInterval, differenceRange, type MeanInterval, type ValueRange } from '../../engine/stats/interval';
import { ChartFigure } from '../../viz/ChartFigure';
import { TwinChart, type TwinPoint, type TwinSeriesName } from '../../viz/TwinChart';
import { formatDifference, formatInterval, formatMetric } from './format';

/** The metrics the page charts, in teaching order. */
export const CHARTED_METRICS: readonly BubbleMetricName[] = ['homogenisation', 'trueUtility', 'utilityRatio', 'intraListDiversity', 'userTopicEntropy', 'popularityBias', 'creatorGini', 'coverage', 'interestShift'];

export type TwinLabels = Record<TwinSeriesName, string>;

/** Converts one seed's rows to chart points of `metric`. */
export function rowPoints(rows: readonly TwinRow[], metric: BubbleMetricName): TwinPoint[] {
  return rows.map((row) => ({ tick: row.tick, values: { a: row.a[metric], b: row.b[metric], difference: row.difference[metric] } }));
}

/** Caption sentence on the clipping of displayed interval ends, for every table of intervals. */
export const INTERVAL_NOTE =
  'Interval ends are clipped to the metric’s range (shares, Jaccard and Gini to [0, 1], entropy to 0 and above, B − A to ± the width of that range), because a t interval of few seeds can leave it. The CSV keeps the unclipped ends.';

/** Returns the range of `metric` in one series: the metric's own range for a twin, ± its width for B − A. */
export function seriesRange(metric: BubbleMetricName, series: Series): ValueRange {
  const range = BUBBLE_METRIC_DOC[metric].range;
  return series === 'difference' ? differenceRange(range) : range;
}

/** Returns the interval of `metric` in `series` at one summary tick, its ends clipped to {@link seriesRange} for display. */
export function displayedInterval(tick: SummaryTick, metric: BubbleMetricName, series: Series): MeanInterval {
  return clipInterval(tick.series[series][metric], seriesRange(metric, series));
}

/** Converts a many-seeds summary to chart points of `metric`: means with their 95% intervals, clipped for display. */
export function summaryPoints(summary: readonly SummaryTick[], metric: BubbleMetricName): TwinPoint[] {
  return summary.map((tick) => {
    const [a, b, difference] = (['a', 'b', 'difference'] as const).map((series) => displayedInterval(tick, metric, series));
    return {
      tick: tick.tick,
      values: { a: a.mean, b: b.mean, difference: difference.mean },
      bands: { a: [a.low, a.high], b: [b.low, b.high], difference: [difference.low, difference.high] },
    };
  });
}

function PointsTable({ points, labels }: { points: readonly TwinPoint[]; labels: TwinLabels }) {
  const withBands = points.some((point) => point.bands !== undefined);
  const cell = (point: TwinPoint, name: TwinSeriesName) => {
    const value = name === 'difference' ? formatDifference(point.values[name]) : formatMetric(point.values[name]);
    const band = point.bands?.[name];
    return band ? `${value} ${formatInterval(band[0], band[1], name === 'difference')}` : value;
  };
  return (
    <table className="metrics-table">
      {withBands && <caption>Mean [95% t interval] over seeds. {INTERVAL_NOTE}</caption>}
      <thead>
        <tr>
          <th scope="col">Tick</th>
          <th scope="col">{labels.a}</th>
          <th scope="col">{labels.b}</th>
          <th scope="col">{labels.difference}</th>
        </tr>
      </thead>
      <tbody>
        {points.map((point) => (
          <tr key={point.tick}>
            <th scope="row">{point.tick}</th>
            <td>{cell(point, 'a')}</td>
            <td>{cell(point, 'b')}</td>
            <td>{cell(point, 'difference')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface MetricFigureProps {
  metric: BubbleMetricName;
  points: readonly TwinPoint[];
  labels: TwinLabels;
  maxTick?: number;
  /** File name stem and title suffix, e.g. "mean over 5 seeds". */
  context?: string;
}

export const MetricFigure = memo(function MetricFigure({ metric, points, labels, maxTick, context }: MetricFigureProps) {
  const doc = BUBBLE_METRIC_DOC[metric];
  const last = points.at(-1);
  const title = context ? `${doc.label} (${context})` : doc.label;
  const summary = last
    ? `At tick ${last.tick}: A ${formatMetric(last.values.a)}, B ${formatMetric(last.values.b)}, B − A ${formatDifference(last.values.difference)}.`
    : 'No ticks yet: press Run.';
  return (
    <ChartFigure title={title} summary={summary} exportName={`feedback-loops-${metric}${context ? '-seeds' : ''}`} table={() => <PointsTable points={points} labels={labels} />}>
      <TwinChart points={points} labels={labels} ariaLabel={`${title}: twins A and B, and B − A, by tick`} maxTick={maxTick} />
    </ChartFigure>
  );
});

function MetricChart({ rows, metric, labels, maxTick }: { rows: readonly TwinRow[]; metric: BubbleMetricName; labels: TwinLabels; maxTick: number }) {
  const points = useMemo(() => rowPoints(rows, metric), [rows, metric]);
  return <MetricFigure metric={metric} points={points} labels={labels} maxTick={maxTick} />;
}

/** Shows the newest tick's value of every charted metric: A, B and B − A. */
export function LatestTable({ row, labels }: { row: TwinRow | undefined; labels: TwinLabels }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Newest tick of both twins (scrolls sideways)">
      <table className="metrics-table twin-latest" data-testid="twin-latest">
        <caption>{row ? `Tick ${row.tick}` : 'Tick 0: no feeds served yet'}</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">{labels.a}</th>
            <th scope="col">{labels.b}</th>
            <th scope="col">{labels.difference}</th>
          </tr>
        </thead>
        <tbody>
          {CHARTED_METRICS.map((metric) => (
            <tr key={metric} data-metric={metric}>
              <th scope="row">{BUBBLE_METRIC_DOC[metric].label}</th>
              <td>{row ? formatMetric(row.a[metric]) : '–'}</td>
              <td>{row ? formatMetric(row.b[metric]) : '–'}</td>
              <td>{row ? formatDifference(row.difference[metric]) : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MetricCharts({ rows, labels, maxTick }: { rows: readonly TwinRow[]; labels: TwinLabels; maxTick: number }) {
  return (
    <section aria-labelledby="twin-metrics-heading" className="twin-metrics">
      <h2 id="twin-metrics-heading">Both twins, tick by tick</h2>
      <LatestTable row={rows.at(-1)} labels={labels} />
      <div className="twin-chart-grid">
        {CHARTED_METRICS.map((metric) => (
          <MetricChart key={metric} rows={rows} metric={metric} labels={labels} maxTick={maxTick} />
        ))}
      </div>
    </section>
  );
}
