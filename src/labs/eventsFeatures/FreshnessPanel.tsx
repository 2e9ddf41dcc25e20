/** The freshness control's experiment: the same world with batch features refreshed every tick and every N ticks. */
import { useMemo } from 'react';
import { ChartFigure } from '../../viz/ChartFigure';
import { Legend } from '../../viz/Legend';
import { LineChart, type LineSeries } from '../../viz/LineChart';
import { MEASURED_COLOR, MEASURED_COLOR_LIGHT, TRUTH_COLOR, TRUTH_COLOR_LIGHT } from '../../viz/palette';
import type { FreshnessComparison } from '../../worker/eventsFeaturesApi';
import { describeAgreement, describeChange, describeSharedStart, judgeFreshness } from './freshnessExperiment';
import { fixed, percent } from './format';

interface ComparisonRow {
  tick: number;
  freshClick: number;
  staleClick: number;
  freshUtility: number;
  staleUtility: number;
}

const tickOf = (row: ComparisonRow) => row.tick;

/** Dash patterns (SVG stroke-dasharray, px) of the stale runs, so they differ from the fresh ones by more than shade. */
const STALE_CLICK_DASH = '2 3';
const STALE_UTILITY_DASH = '12 3 2 3';

interface FreshnessPanelProps {
  comparison: FreshnessComparison | null;
  /** Text of the experiment while it runs, or null. */
  progress: string | null;
  onRun(): void;
  disabled: boolean;
  staleRefresh: number;
  compareTicks: number;
}

export function FreshnessPanel({ comparison, progress, onRun, disabled, staleRefresh, compareTicks }: FreshnessPanelProps) {
  const stale = comparison?.runs[1]?.featureRefresh ?? staleRefresh;
  const series = useMemo<LineSeries<ComparisonRow>[]>(
    () => [
      { key: 'freshClick', label: 'Click rate, refresh every tick', color: MEASURED_COLOR, value: (row) => row.freshClick },
      { key: 'staleClick', label: `Click rate, refresh every ${stale} ticks`, color: MEASURED_COLOR_LIGHT, dashArray: STALE_CLICK_DASH, value: (row) => row.staleClick },
      { key: 'freshUtility', label: 'True utility, refresh every tick', color: TRUTH_COLOR, dashed: true, value: (row) => row.freshUtility },
      { key: 'staleUtility', label: `True utility, refresh every ${stale} ticks`, color: TRUTH_COLOR_LIGHT, dashArray: STALE_UTILITY_DASH, value: (row) => row.staleUtility },
    ],
    [stale],
  );
  const rows = useMemo<ComparisonRow[]>(() => {
    const [fresh, staleRun] = comparison?.runs ?? [];
    if (fresh === undefined || staleRun === undefined) {
      return [];
    }
    return fresh.rows.slice(0, staleRun.rows.length).map((row, k) => ({ tick: row.tick, freshClick: row.clickRate, staleClick: staleRun.rows[k].clickRate, freshUtility: row.trueUtility, staleUtility: staleRun.rows[k].trueUtility }));
  }, [comparison]);

  let summary = `Press the button to run the world twice for ${compareTicks} ticks each, on the same seed.`;
  if (rows.length > 0 && comparison) {
    const verdict = judgeFreshness(comparison);
    summary =
      `Mean over ${rows.length} ticks: click rate ${describeChange(verdict.freshClick, verdict.staleClick, (value) => percent(value, 2))}; ` +
      `true utility ${describeChange(verdict.freshUtility, verdict.staleUtility, (value) => fixed(value))}. ${describeAgreement(verdict)} ${describeSharedStart(comparison.retrainEvery, rows.length)}`;
  }

  return (
    <section aria-labelledby="freshness-heading" className="deferred-render">
      <h2 id="freshness-heading">What stale features cost</h2>
      <p>
        A batch job recomputes profiles and item statistics on a schedule. Between two runs of the job the ranker reads the old values. This experiment builds the same world twice: once with batch features refreshed every tick, once every {staleRefresh} ticks (set it with “Stale refresh to compare (ticks)” under “View and experiments” in the Run panel), and
        compares the click rate the platform measures with the true utility only the simulator knows.
      </p>
      <div className="button-row">
        <button type="button" className="primary" onClick={onRun} disabled={disabled}>
          Compare every tick with every {staleRefresh} ticks
        </button>
        <span role="status">{progress}</span>
      </div>
      <ChartFigure
        title="Fresh against stale batch features"
        summary={summary}
        exportName="feature-freshness"
        table={() => (
          <table className="metrics-table">
            <thead>
              <tr>
                <th scope="col">Tick</th>
                {series.map((line) => (
                  <th scope="col" key={line.key}>
                    {line.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.tick}>
                  <td>{row.tick}</td>
                  {series.map((line) => (
                    <td key={line.key}>{fixed(line.value(row), 4)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      >
        <Legend items={series.map((line) => ({ key: line.key, label: line.label, color: line.color, dashed: line.dashed, dashArray: line.dashArray }))} />
        {rows.length === 0 ? (
          <p className="empty-chart">No comparison yet: press the button above to draw it.</p>
        ) : (
          <LineChart rows={rows} version={rows.length} x={tickOf} series={series} ariaLabel="Click rate and true utility per tick with fresh and stale batch features" />
        )}
      </ChartFigure>
    </section>
  );
}
