/**
 * Renders prose with inline LaTeX between dollar signs ("$C_u$ is the set…"),
 * each piece through {@link Formula}, so symbols in sentences look like the
 * symbols in the formulas above them.
 */
import { Formula } from './Formula';

/** Splits `text` at dollar signs: even pieces are prose, odd pieces LaTeX. */
export function splitMath(text: string): { math: boolean; text: string }[] {
  return text
    .split('$')
    .map((piece, index) => ({ math: index % 2 === 1, text: piece }))
    .filter((piece) => piece.text.length > 0);
}

export function MathText({ text }: { text: string }) {
  return (
    <>
      {splitMath(text).map((piece, index) => (piece.math ? <Formula key={index} latex={piece.text} /> : <span key={index}>{piece.text}</span>))}
    </>
  );
}
