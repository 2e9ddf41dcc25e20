/** The last ticks' metrics, every CSV column, newest first. "Download CSV" has every tick. */
import { TICK_METRIC_COLUMNS } from '../../engine/loop/types';
import { selectMetrics, selectResultsVersion } from '../../state/selectors';
import { useFeedLab } from '../../state/store';
import { formatNumber } from './format';
import { METRIC_LABELS, TRUTH_METRICS } from './metricLabels';

const LATEST_TICKS = 10;

export function MetricsTable() {
  const rows = useFeedLab(selectMetrics);
  useFeedLab(selectResultsVersion);
  const latestRows = rows.slice(-LATEST_TICKS).reverse();

  return (
    <section aria-labelledby="metrics-heading">
      <h2 id="metrics-heading">Metrics per tick</h2>
      <div className="table-scroll">
        <table data-testid="metrics-table" className="metrics-table">
          <caption>
            {rows.length === 0 ? 'No ticks yet.' : `The last ${latestRows.length} of ${rows.length} ticks, newest first. Orange columns are ground truth.`}
          </caption>
          <thead>
            <tr>
              {TICK_METRIC_COLUMNS.map((column) => (
                <th scope="col" key={column} className={TRUTH_METRICS.has(column) ? 'truth-column' : undefined} title={column}>
                  {METRIC_LABELS[column]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {latestRows.map((row) => (
              <tr key={row.tick} data-tick={row.tick}>
                {TICK_METRIC_COLUMNS.map((column) =>
                  column === 'tick' ? (
                    <th scope="row" key={column}>
                      {row.tick}
                    </th>
                  ) : (
                    <td key={column} className={TRUTH_METRICS.has(column) ? 'truth-column' : undefined}>
                      {Number.isInteger(row[column]) ? row[column] : formatNumber(row[column], 4)}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
