/** Rates of each event type per tick, from the event stream. */
import type { EventRates } from '../../engine/events/rates';
import { ChartFigure } from '../../viz/ChartFigure';
import { Legend } from '../../viz/Legend';
import { LineChart, type LineSeries } from '../../viz/LineChart';
import { topicColor } from '../../viz/palette';
import { fixed, percent } from './format';

const SERIES: readonly LineSeries<EventRates>[] = [
  { key: 'click', label: 'Click rate', color: topicColor(0), value: (row) => row.clickRate },
  { key: 'like', label: 'Like rate', color: topicColor(1), value: (row) => row.likeRate },
  { key: 'share', label: 'Share rate', color: topicColor(2), value: (row) => row.shareRate },
  { key: 'skip', label: 'Skip rate', color: topicColor(3), value: (row) => row.skipRate },
];

const tickOf = (row: EventRates) => row.tick;

export function RatesChart({ rates, version }: { rates: readonly EventRates[]; version: number }) {
  const last = rates.at(-1);
  const summary = last
    ? `At tick ${last.tick}: ${last.impressions} impressions, click rate ${percent(last.clickRate)}, like rate ${percent(last.likeRate)}, share rate ${percent(last.shareRate)}, skip rate ${percent(last.skipRate)}.`
    : 'No ticks yet: press Run.';
  return (
    <ChartFigure
      title="Event rates per tick"
      summary={summary}
      exportName="event-rates"
      table={() => (
        <table className="metrics-table">
          <thead>
            <tr>
              <th scope="col">Tick</th>
              <th scope="col">Impressions</th>
              <th scope="col">Click rate</th>
              <th scope="col">Like rate</th>
              <th scope="col">Share rate</th>
              <th scope="col">Skip rate</th>
            </tr>
          </thead>
          <tbody>
            {rates.map((row) => (
              <tr key={row.tick}>
                <td>{row.tick}</td>
                <td>{row.impressions}</td>
                <td>{fixed(row.clickRate, 4)}</td>
                <td>{fixed(row.likeRate, 4)}</td>
                <td>{fixed(row.shareRate, 4)}</td>
                <td>{fixed(row.skipRate, 4)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    >
      <Legend items={SERIES.map((series) => ({ key: series.key, label: series.label, color: series.color, value: last ? percent(series.value(last)) : undefined }))} />
      {rates.length === 0 ? (
        <p className="empty-chart">No events yet: press Run to log the first tick.</p>
      ) : (
        <LineChart rows={rates} version={version} x={tickOf} series={SERIES} yFormat={(value) => percent(value, 0)} ariaLabel="Click, like, share and skip rates by tick" />
      )}
    </ChartFigure>
  );
}
