/**
 * Lab 8's ground-truth panel: what the simulator stores and the platform
 * never observes. Users' true interests drift with what they watch, the ideal
 * recommender reads true utility, and the metrics are computed from both.
 */
import { BUBBLE_METRIC_DOC } from '../../engine/experiments/bubbleMetrics';
import { USER_DYNAMICS_DOC } from '../../engine/world/dynamics';
import { RESPONSE_MODEL_DOC } from '../../engine/world/response';
import { Formula } from './Formula';
import { MathText } from './MathText';
import { CHARTED_METRICS } from './MetricCharts';

/** The response model's formulas that Lab 8's metrics and dynamics refer to: match, expected watch fraction (with the popularity coefficient a_ρ) and true utility. */
const TRUTH_FORMULAS = RESPONSE_MODEL_DOC.filter((doc) => ['Match', 'Expected watch fraction', 'True utility'].includes(doc.name));

export function GroundTruth() {
  return (
    <>
      <h2>
        <span className="truth-badge">Ground truth</span> What the simulator knows
      </h2>
      <p>
        Each user <MathText text="$u$ has true interests $\theta_u$, a mix over topics, and each item a topic mix $\phi_i$. The platform never sees $\theta$" />: it sees clicks and watch time of the feeds it served, and retrains its models on them.
      </p>
      <h3>Response model</h3>
      <dl className="formulas">
        {TRUTH_FORMULAS.map((doc) => (
          <div key={doc.name}>
            <dt>{doc.name}</dt>
            <dd>
              <Formula latex={doc.latex} display />
              <p>{doc.explanation}</p>
            </dd>
          </div>
        ))}
      </dl>
      <p>
        The <strong>ideal recommender</strong> serves every user the unseen items of highest true utility <MathText text="$U_{ui}$" /> and never reads the logs. It is the yardstick of the utility ratio (1 is ideal) and of Chaney, Stewart and Engelhardt
        (2018), “How algorithmic confounding in recommendation systems increases homogeneity and decreases utility”, whose finding the Chaney preset reproduces.
      </p>
      <h3>User dynamics</h3>
      <dl className="formulas">
        {USER_DYNAMICS_DOC.map((doc) => (
          <div key={doc.name}>
            <dt>{doc.name}</dt>
            <dd>
              <Formula latex={doc.latex} display />
              <p>
                <MathText text={doc.explanation} />
              </p>
            </dd>
          </div>
        ))}
      </dl>
      <details>
        <summary>How each metric is computed</summary>
        <dl className="formulas">
          {CHARTED_METRICS.map((metric) => {
            const doc = BUBBLE_METRIC_DOC[metric];
            return (
              <div key={metric}>
                <dt>{doc.label}</dt>
                <dd>
                  <Formula latex={doc.latex} display />
                  <p>
                    Where <MathText text={doc.symbols} />
                  </p>
                  <p className="help">{doc.source === null ? 'Defined by this simulator; no outside source.' : `Source: ${doc.source}.`}</p>
                </dd>
              </div>
            );
          })}
        </dl>
      </details>
    </>
  );
}
