/** Renders a LaTeX formula with KaTeX. A formula KaTeX cannot parse shows as red source text instead of breaking the page. */
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useMemo } from 'react';

export function Formula({ latex, display = false }: { latex: string; display?: boolean }) {
  const html = useMemo(() => katex.renderToString(latex, { displayMode: display, throwOnError: false }), [latex, display]);
  return <span className={display ? 'formula formula-display' : 'formula'} dangerouslySetInnerHTML={{ __html: html }} />;
}
