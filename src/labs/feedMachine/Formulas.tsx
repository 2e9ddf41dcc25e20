/**
 * The formulas behind the simulation, rendered with KaTeX: the true response
 * model (ground truth, which the platform never observes) and the ranking utility
 * (what the platform optimises).
 */
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useMemo } from 'react';
import { RANKING_UTILITY_DOC } from '../../engine/ranking/utility';
import { RESPONSE_MODEL_DOC } from '../../engine/world/response';

type FormulaDoc = { name: string; latex: string; explanation: string };

function FormulaList({ docs }: { docs: readonly FormulaDoc[] }) {
  // throwOnError false: a formula KaTeX cannot parse shows as red source text instead of breaking the page.
  const rendered = useMemo(() => docs.map((doc) => ({ ...doc, html: katex.renderToString(doc.latex, { displayMode: true, throwOnError: false }) })), [docs]);
  return (
    <dl className="formulas">
      {rendered.map((doc) => (
        <div key={doc.name}>
          <dt>{doc.name}</dt>
          <dd>
            <div className="formula" dangerouslySetInnerHTML={{ __html: doc.html }} />
            <p>{doc.explanation}</p>
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function Formulas() {
  return (
    <section aria-labelledby="formulas-heading" className="formulas-section">
      <h2 id="formulas-heading">The models behind the numbers</h2>
      <details className="truth-box">
        <summary>
          <span className="truth-badge">Ground truth</span> The true response model: how users really react
        </summary>
        <p className="help">
          σ is the logistic function. θ<sub>u</sub>: true interests; φ<sub>i</sub>: item topic mix; q: quality; c: clickbait; L: length in seconds; π: visible
          popularity; n<sub>u</sub>, ρ<sub>u</sub>: the user's taste for novelty and popularity.
        </p>
        <FormulaList docs={RESPONSE_MODEL_DOC} />
      </details>
      <details>
        <summary>The ranking utility: what the platform optimises</summary>
        <FormulaList docs={RANKING_UTILITY_DOC} />
      </details>
    </section>
  );
}
