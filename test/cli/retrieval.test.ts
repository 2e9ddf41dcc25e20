import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/sim';

async function runSim(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } });
  return { code, stdout, stderr };
}

/**
 * Writes 30 users who rate 20 of 40 items, in u.data form. Users 3, 6, 9, …
 * give 5 stars to items 1, 4, 5, 8, … and 2 to the rest. The other users do the reverse.
 */
function writeRatings(): string {
  const lines: string[] = [];
  for (let user = 1; user <= 30; user += 1) {
    for (let item = 1; item <= 40; item += 1) {
      if ((user + item) % 2 === 0) {
        const rating = (item % 4 < 2) === (user % 3 === 0) ? 5 : 2;
        lines.push(`${user}\t${item}\t${rating}\t${1000 + item}`);
      }
    }
  }
  const path = join(mkdtempSync(join(tmpdir(), 'feedlab-retrieval-')), 'u.data');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('sim --lab retrieval', () => {
  it('reports every model in the table and CSV', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'feedlab-retrieval-out-')), 'cv.csv');
    const result = await runSim(['--lab', 'retrieval', '--ratings', writeRatings(), '--folds', '2', '--backend', 'wasm', '--out', out]);
    expect(result.stderr).not.toContain('error:');
    expect(result.code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('model,fold,rmse,mae,recall_at_10,ndcg_at_10,train_ratings,test_ratings');
    expect(lines.map((line) => line.split(',').slice(0, 2).join(','))).toEqual(['model,fold', 'biased-mf,1', 'biased-mf,2', 'biased-mf,mean', 'bpr,1', 'bpr,2', 'bpr,mean', 'two-tower,1', 'two-tower,2', 'two-tower,mean']);
    const bprMean = lines[6].split(',');
    expect(bprMean[2]).toBe('');
    expect(Number(bprMean[4])).toBeGreaterThanOrEqual(0);
    expect(Number(lines[3].split(',')[2])).toBeGreaterThan(0);
    expect(result.stderr).toMatch(/bpr +2 +- +- +\d\.\d{4} +\d\.\d{4}/);
    expect(result.stderr).toContain('predict no rating');
  });

  it('rejects an unknown model', async () => {
    const result = await runSim(['--lab', 'retrieval', '--ratings', writeRatings(), '--models', 'bpr,svd']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid value for --models: "bpr,svd"');
  });

  it('names the line of a bad file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'feedlab-retrieval-bad-')), 'u.data');
    writeFileSync(path, '1\t2\t4\t100\n1\t3\tfive\t101\n');
    const result = await runSim(['--lab', 'retrieval', '--ratings', path, '--backend', 'wasm']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('u.data line 2, field "rating"');
  });
});

/** MovieLens latest-small, from /work/main or a worktree beside it; FEEDLAB_DATASETS overrides. */
function realRatingsPath(): string | undefined {
  const candidates = [
    process.env.FEEDLAB_DATASETS && join(process.env.FEEDLAB_DATASETS, 'movielens-latest-small/ratings.csv'),
    fileURLToPath(new URL('../../../shared/datasets/movielens-latest-small/ratings.csv', import.meta.url)),
    fileURLToPath(new URL('../../../../shared/datasets/movielens-latest-small/ratings.csv', import.meta.url)),
  ];
  return candidates.find((path): path is string => typeof path === 'string' && existsSync(path));
}

const realPath = realRatingsPath();

describe.skipIf(realPath === undefined)('sim --lab retrieval on MovieLens latest-small', () => {
  it('ranks held-out positives better with BPR than with biased MF', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'feedlab-retrieval-real-')), 'cv.csv');
    const result = await runSim(['--lab', 'retrieval', '--ratings', realPath as string, '--folds', '2', '--models', 'biased-mf,bpr', '--backend', 'wasm', '--out', out]);
    expect(result.code).toBe(0);
    const rows = readFileSync(out, 'utf8').trim().split('\n').map((line) => line.split(','));
    const mean = (model: string) => rows.find((row) => row[0] === model && row[1] === 'mean') as string[];
    expect(Number(mean('biased-mf')[2])).toBeLessThan(0.95);
    expect(Number(mean('bpr')[4])).toBeGreaterThan(Number(mean('biased-mf')[4]));
  }, 300_000);
});
