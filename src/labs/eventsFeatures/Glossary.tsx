/**
 * Terms of the ground-truth panel that the page uses without showing their
 * model: true utility, clickbait and the drift of true interests, with their
 * formulas from the simulator's response model, rendered with KaTeX.
 */
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useMemo } from 'react';
import { RESPONSE_MODEL_DOC } from '../../engine/world/response';

/** Response-model entries that this page's text relies on. */
const TERMS = ['Click', 'True utility', 'Interest drift'];

export function Glossary() {
  const formulas = useMemo(
    () =>
      RESPONSE_MODEL_DOC.filter((doc) => TERMS.includes(doc.name)).map((doc) => ({
        name: doc.name,
        // throwOnError false: a formula KaTeX cannot parse shows as red source text instead of breaking the page.
        html: katex.renderToString(doc.latex, { displayMode: true, throwOnError: false }),
      })),
    [],
  );
  return (
    <details className="glossary">
      <summary>Terms: true utility, clickbait, drift</summary>
      <dl>
        <dt>True utility</dt>
        <dd>What a user really gained from an item: high for relevant, good items, lowered by clickbait. The simulator computes it for every impression; the platform never observes it.</dd>
        <dt>Clickbait</dt>
        <dd>A property c of each item, from 0 to 1, that raises the click probability as much as real interest does but lowers likes, shares, conversions and true utility.</dd>
        <dt>Drift of true interests</dt>
        <dd>Each watched item pulls the user’s true interests θ toward its topics, by the drift rate η times the watch fraction w, so the interests on this panel change during a run.</dd>
      </dl>
      {formulas.map((formula) => (
        <div key={formula.name}>
          <p className="help">{formula.name}:</p>
          <div className="formula" dangerouslySetInnerHTML={{ __html: formula.html }} />
        </div>
      ))}
      <p className="help">
        m is the match of item and interests, q the item’s quality, n<sub>u</sub> and ν the user’s taste for novelty and the item’s novelty, σ the logistic function. Lab 1, <a href="#/lab/feed-machine">The feed machine</a>, lists the whole response model
        under “The models behind the numbers”.
      </p>
    </details>
  );
}
