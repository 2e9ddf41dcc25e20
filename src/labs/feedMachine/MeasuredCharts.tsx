/**
 * The run's headline curves: engagement (what the platform measures) beside
 * true utility and the utility ratio (ground truth), and feed diversity.
 * Dotted vertical lines mark retrains.
 */
import { DIVERSITY_COLOR, MEASURED_COLOR, MEASURED_COLOR_LIGHT, TRUTH_COLOR, TRUTH_COLOR_LIGHT } from '../../viz/palette';
import { MetricLineChart, type MetricSeries } from './MetricLineChart';

const ENGAGEMENT: MetricSeries[] = [
  { field: 'meanWatch', color: MEASURED_COLOR },
  { field: 'clickRate', color: MEASURED_COLOR_LIGHT },
];
const UTILITY: MetricSeries[] = [
  { field: 'trueUtility', color: TRUTH_COLOR },
  { field: 'idealUtility', color: TRUTH_COLOR_LIGHT, dashed: true },
];
const RATIO: MetricSeries[] = [{ field: 'utilityRatio', color: TRUTH_COLOR }];
const DIVERSITY: MetricSeries[] = [
  { field: 'intraListDiversity', color: DIVERSITY_COLOR },
  { field: 'coverage', color: MEASURED_COLOR_LIGHT, dashed: true },
];
const UNIT_RANGE: [number, number] = [0, 1];

export function MeasuredCharts() {
  return (
    <section className="chart-grid" aria-labelledby="curves-heading">
      <h2 id="curves-heading">Engagement against true utility</h2>
      <MetricLineChart
        title="Engagement (measured)"
        description="What the platform logs: the mean share of each video watched, and clicks per impression."
        series={ENGAGEMENT}
        exportName="engagement"
        yDomain={UNIT_RANGE}
      />
      <MetricLineChart
        title="True utility per item"
        description="What users really gained per served item, beside the best feed possible (the ideal feed of each user's highest-utility unseen items)."
        series={UTILITY}
        exportName="true-utility"
        truth
      />
      <MetricLineChart
        title="Utility ratio"
        description="True utility divided by the ideal feed's: 1 means feeds as good as an oracle's."
        series={RATIO}
        exportName="utility-ratio"
        yDomain={UNIT_RANGE}
        truth
      />
      <MetricLineChart
        title="Feed diversity"
        description="Intra-list diversity is 1 minus the mean topic similarity of items within a feed; coverage is the share of the catalogue served so far."
        series={DIVERSITY}
        exportName="diversity"
        yDomain={UNIT_RANGE}
      />
    </section>
  );
}
