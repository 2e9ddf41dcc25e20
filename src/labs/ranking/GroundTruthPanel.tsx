/**
 * The ground truth that the platform cannot see: the true probabilities
 * behind every logged impression, the best AUC and log loss they allow, and
 * the response model's formulas. An imported file has none of this.
 */
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useMemo } from 'react';
import { RESPONSE_MODEL_DOC } from '../../engine/world/response';
import { formatNumber, formatPercent } from './format';
import { TASK_LABELS } from './rankingUrl';
import { useSessionState } from './sessionContext';

/** The response model's entries that drive Lab 4's three tasks. */
const SHOWN = ['Match', 'Expected watch fraction', 'Click', 'Conversion'];

export function GroundTruthPanel() {
  const dataset = useSessionState((state) => state.dataset);
  const docs = useMemo(
    () =>
      RESPONSE_MODEL_DOC.filter((doc) => SHOWN.includes(doc.name)).map((doc) => ({
        ...doc,
        // throwOnError false: a formula KaTeX cannot parse shows as red source text instead of breaking the page.
        html: katex.renderToString(doc.latex, { displayMode: true, throwOnError: false }),
      })),
    [],
  );

  if (dataset && !dataset.hasTruth) {
    return (
      <section aria-labelledby="truth-heading">
        <h2 id="truth-heading">
          <span className="truth-badge">Ground truth</span> Not available
        </h2>
        <p data-testid="no-truth">
          {dataset.fileName ?? 'This file'} is a real log: nobody knows the true click probability behind its rows, so there is no Bayes-optimal AUC to compare with. The models can only be
          compared with each other on held-out rows, as on a real platform.
        </p>
      </section>
    );
  }

  return (
    <section aria-labelledby="truth-heading">
      <h2 id="truth-heading">
        <span className="truth-badge">Ground truth</span> What the simulator knows
      </h2>
      <p>Every synthetic impression carries the true probabilities it was drawn from. The platform only sees the sampled click, conversion and watch fraction.</p>
      {dataset?.trueMeans && (
        <ul>
          {dataset.tasks.map((task) => (
            <li key={task}>
              {TASK_LABELS[task]}: true mean {formatPercent(dataset.trueMeans?.[task])}, observed {formatPercent(dataset.baseRates[task])}
            </li>
          ))}
        </ul>
      )}
      {dataset && dataset.bayes.length > 0 && (
        <table data-testid="bayes-table">
          <caption>Bayes-optimal on the test split: predicting with the true probability</caption>
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">AUC</th>
              <th scope="col">Log loss</th>
            </tr>
          </thead>
          <tbody>
            {dataset.bayes.map((entry) => (
              <tr key={entry.task}>
                <th scope="row">{TASK_LABELS[entry.task]}</th>
                <td>{formatNumber(entry.auc, 4)}</td>
                <td>{formatNumber(entry.logLoss, 4)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        No model can beat these on average: they rank by the true probability itself, and a click is still a random draw from it. The gap between a model and this column is estimation error: what the
        model has not learnt from a finite log (each user’s hidden interests θ show only through their clicks) or cannot express.
      </p>
      <details>
        <summary>The true response model</summary>
        <p>In this log the click probability is also multiplied by the chance that the user looks at the slot, (1 + position)^−b, with b the position bias.</p>
        <dl className="formulas">
          {docs.map((doc) => (
            <div key={doc.name}>
              <dt>{doc.name}</dt>
              <dd>
                <div className="formula" dangerouslySetInnerHTML={{ __html: doc.html }} />
                <p>{doc.explanation}</p>
              </dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
}
