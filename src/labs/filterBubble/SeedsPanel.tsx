/**
 * Many seeds: runs the current twins on N seeds in the worker, one after the
 * other, and charts the mean over seeds with its 95% t interval. Displayed
 * interval ends are clipped to each metric's range (see `INTERVAL_NOTE`),
 * because with 2 seeds t(0.975, 1) = 12.7 stretches them far outside it. The
 * CSV keeps the unclipped ends: it is the one the CLI writes for the same
 * set-up (`--lab filter-bubble`).
 */
import { useId, useMemo, useState } from 'react';
import { BUBBLE_METRIC_DOC, type BubbleMetricName } from '../../engine/experiments/bubbleMetrics';
import type { SeedsResult } from '../../worker/filterBubbleApi';
import { formatDifference, formatInterval, formatMetric } from './format';
import type { FilterBubbleController } from './labController';
import { CHARTED_METRICS, displayedInterval, INTERVAL_NOTE, MetricFigure, summaryPoints, type TwinLabels } from './MetricCharts';
import { NumberSetting } from '../../teaching/NumberSetting';
import { cliArguments, FILTER_BUBBLE_FIELDS, summarySeeds, twinConfig, type FilterBubbleSettings } from './settings';

interface SeedsPanelProps {
  controller: FilterBubbleController;
  settings: FilterBubbleSettings;
  onChange(next: Partial<FilterBubbleSettings>): void;
  labels: TwinLabels;
  ready: boolean;
  /** The worker's TensorFlow.js backend, for the CLI command shown. */
  backend: string;
}

function downloadCsv(csv: string, name: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

export function SeedsPanel({ controller, settings, onChange, labels, ready, backend }: SeedsPanelProps) {
  const metricId = useId();
  const [metric, setMetric] = useState<BubbleMetricName>('homogenisation');
  const [run, setRun] = useState<{ key: string; result: SeedsResult } | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const seeds = summarySeeds(settings);
  // The result belongs to the set-up it ran, so it is hidden once the twins, seeds or ticks change.
  const key = JSON.stringify([twinConfig(settings), seeds, settings.seedTicks]);
  const result = run?.key === key ? run.result : null;
  // The CLI offers the Node backends only (wasm and cpu).
  const cliBackend = backend === 'cpu' ? 'cpu' : 'wasm';

  const start = async () => {
    setBusy(true);
    setRun(null);
    setStatus('Starting…');
    try {
      const outcome = await controller.runSeeds(seeds, settings.seedTicks, (progress) => setStatus(`Seed ${progress.seedsDone + 1} of ${progress.seeds}: tick ${progress.tick} of ${progress.ticks}`));
      setRun({ key, result: outcome });
      setStatus(`Done: ${outcome.seeds.length} seeds × ${outcome.ticks} ticks.`);
    } catch (error) {
      setStatus(`The many-seeds run failed: ${error instanceof Error ? error.message : String(error)}. Run it again.`);
    } finally {
      setBusy(false);
    }
  };

  const points = useMemo(() => (result ? summaryPoints(result.summary, metric) : []), [result, metric]);
  const last = result?.summary.at(-1);

  return (
    <section aria-labelledby="seeds-heading" className="panel seeds-panel">
      <h2 id="seeds-heading">Many seeds: mean and 95% interval</h2>
      <p>
        One seed is one draw of users, items and visits. This runs the twins as set above on seeds {seeds[0]} to {seeds.at(-1)} and shows the mean over seeds with a 95% t interval. B − A is paired: its interval is of the per-seed differences, so
        it can exclude 0 even when the twins' bands overlap.
      </p>
      <div className="parameter-grid">
        <NumberSetting label="Seeds N" help="2 to 20 seeds, starting at the seed above." field={FILTER_BUBBLE_FIELDS.seedCount} value={settings.seedCount} onCommit={(seedCount) => onChange({ seedCount })} />
        <NumberSetting label="Ticks per seed" help="5 to 200." field={FILTER_BUBBLE_FIELDS.seedTicks} value={settings.seedTicks} onCommit={(seedTicks) => onChange({ seedTicks })} />
      </div>
      <div className="button-row">
        <button type="button" onClick={() => void start()} disabled={busy || !ready}>
          Run {settings.seedCount} seeds
        </button>
        {result && (
          <button type="button" onClick={() => downloadCsv(result.csv, `feedback-loops-seeds-${result.seeds[0]}-${result.seeds.at(-1)}.csv`)}>
            Download CSV
          </button>
        )}
      </div>
      <p className="help">
        The same run in the command line: <code>npm run sim -- {cliArguments(settings).join(' ')} --backend {cliBackend} --out FILE</code>.{' '}
        {cliBackend === backend
          ? 'Its CSV has the same bytes as Download CSV.'
          : `The page runs on ${backend}, which the CLI lacks; trained models differ slightly between backends, so the CLI's numbers will too.`}
      </p>
      <p aria-live="polite" data-testid="seeds-status">
        {status}
      </p>
      {run !== null && result === null && <p className="notice">The settings changed after the last many-seeds run, so its result is hidden. Run the seeds again.</p>}
      {result && last && (
        <>
          <div className="parameter">
            <label htmlFor={metricId}>Metric shown</label>
            <select id={metricId} name="seedsMetric" value={metric} onChange={(event) => setMetric(event.target.value as BubbleMetricName)}>
              {CHARTED_METRICS.map((name) => (
                <option key={name} value={name}>
                  {BUBBLE_METRIC_DOC[name].label}
                </option>
              ))}
            </select>
          </div>
          <MetricFigure metric={metric} points={points} labels={labels} context={`mean over ${result.seeds.length} seeds`} />
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Many-seeds summary table (scrolls sideways)">
            <table className="metrics-table" data-testid="seeds-table">
              <caption>
                Tick {last.tick}, mean [95% interval] over {result.seeds.length} seeds. {INTERVAL_NOTE}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Metric</th>
                  <th scope="col">{labels.a}</th>
                  <th scope="col">{labels.b}</th>
                  <th scope="col">{labels.difference}</th>
                </tr>
              </thead>
              <tbody>
                {CHARTED_METRICS.map((name) => {
                  const cell = (series: 'a' | 'b' | 'difference') => {
                    const interval = displayedInterval(last, name, series);
                    const difference = series === 'difference';
                    const mean = difference ? formatDifference(interval.mean) : formatMetric(interval.mean);
                    return `${mean} ${formatInterval(interval.low, interval.high, difference)}`;
                  };
                  return (
                    <tr key={name}>
                      <th scope="row">{BUBBLE_METRIC_DOC[name].label}</th>
                      <td>{cell('a')}</td>
                      <td>{cell('b')}</td>
                      <td>{cell('difference')}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
