import { Random } from '../../src/engine/random';

/**
 * Builds a Criteo-format file in code: `lines` impressions with a label, 13
 * integers (some empty, negative or zero) and 26 categorical hex values
 * (some empty), tab-separated.
 */
export function criteoFixture(lines: number, seed = 1, header = false): string {
  const rng = new Random(seed);
  const rows: string[] = [];
  if (header) {
    rows.push(['label', ...Array.from({ length: 13 }, (_, k) => `I${k + 1}`), ...Array.from({ length: 26 }, (_, k) => `C${k + 1}`)].join('\t'));
  }
  for (let line = 0; line < lines; line += 1) {
    const columns = [rng.bernoulli(0.25) ? '1' : '0'];
    for (let k = 0; k < 13; k += 1) {
      const draw = rng.next();
      columns.push(integerText(draw, rng));
    }
    for (let k = 0; k < 26; k += 1) {
      columns.push(rng.next() < 0.1 ? '' : (rng.int(0xffffff) * (k + 1)).toString(16).padStart(8, '0').slice(-8));
    }
    rows.push(columns.join('\t'));
  }
  return `${rows.join('\n')}\n`;
}

/** Returns an empty field for 15% of draws, -1 for 5%, 0 for 10%, else a count below 5000. */
function integerText(draw: number, rng: Random): string {
  if (draw < 0.15) {
    return '';
  }
  if (draw < 0.2) {
    return '-1';
  }
  if (draw < 0.3) {
    return '0';
  }
  return String(rng.int(5000));
}
