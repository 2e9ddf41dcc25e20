import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { TICK_METRIC_COLUMNS } from '../src/engine/loop/types';
import { expect, guardContext, test } from './fixtures';

/** A small world, so 50 ticks take seconds on 2 cores. */
const SMALL_WORLD = { seed: '11', users: '200', items: '600', creators: '40', retrainEvery: '10' };

function labUrl(extra: Record<string, string> = {}): string {
  return `#/lab/feed-machine?${new URLSearchParams({ ...SMALL_WORLD, ...extra }).toString()}`;
}

/** Waits until the worker has built the world and Play is enabled. */
async function waitUntilReady(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled({ timeout: 45_000 });
}

/** Clicks "Download CSV" and returns the downloaded file's text. */
async function downloadCsv(page: Page): Promise<string> {
  const downloaded = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const download = await downloaded;
  const path = await download.path();
  return readFile(path, 'utf8');
}

test('play advances tick and charts', async ({ page }) => {
  await page.goto(labUrl({ speed: '30' }));
  await waitUntilReady(page);
  await expect(page.getByTestId('tick')).toHaveText('0');

  const rows = page.getByTestId('metrics-table').locator('tbody tr');
  await expect(rows).toHaveCount(0);
  const chartLine = page.getByRole('img', { name: 'Engagement (measured) by tick' }).locator('path[stroke-width="2.5"]').first();
  const lineBefore = (await chartLine.getAttribute('d')) ?? '';

  await page.getByRole('button', { name: 'Play', exact: true }).click();

  await expect.poll(async () => Number(await page.getByTestId('tick').textContent()), { timeout: 30_000 }).toBeGreaterThanOrEqual(5);
  await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(3);
  await expect.poll(async () => (await chartLine.getAttribute('d')) ?? '').not.toBe(lineBefore);

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
});

test('metrics table has the CSV columns', async ({ page }) => {
  await page.goto(labUrl());
  await waitUntilReady(page);

  await page.getByRole('button', { name: 'Step' }).click();

  await expect(page.getByTestId('tick')).toHaveText('1');
  const table = page.getByTestId('metrics-table');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table.locator('tbody tr').first()).toHaveAttribute('data-tick', '1');
  const columns = await table.locator('thead th').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('title')));
  expect(columns).toEqual([...TICK_METRIC_COLUMNS]);
});

test('shared link replays identically', async ({ browser, origin, problems }) => {
  // Two fresh pages open the same link, which replays to tick 50.
  const runs: { csv: string; backend: string; row: string }[] = [];
  for (let run = 0; run < 2; run++) {
    const context = await browser.newContext({ baseURL: origin });
    await guardContext(context, origin, problems);
    const page = await context.newPage();

    await page.goto(labUrl({ tick: '50' }));
    await expect(page.getByTestId('tick')).toHaveText('50', { timeout: 60_000 });
    await waitUntilReady(page);

    runs.push({
      csv: await downloadCsv(page),
      backend: (await page.getByTestId('backend').textContent()) ?? '',
      row: (await page.locator('[data-testid="metrics-table"] tbody tr[data-tick="50"]').textContent()) ?? '',
    });
    await context.close();
  }

  expect(runs[1].backend).toBe(runs[0].backend);
  expect(runs[0].row).not.toBe('');
  expect(runs[1].row).toBe(runs[0].row);

  const lines = runs[0].csv.split('\n');
  expect(lines.length).toBe(52);
  expect(lines[50].startsWith('50,')).toBe(true);
  expect(runs[1].csv).toBe(runs[0].csv);
});

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

test('page CSV matches the CLI', async ({ page }) => {
  await page.goto(labUrl({ tick: '20', backend: 'wasm' }));
  await expect(page.getByTestId('tick')).toHaveText('20', { timeout: 60_000 });
  await waitUntilReady(page);
  await expect(page.getByTestId('backend')).toHaveText('wasm');
  const pageCsv = await downloadCsv(page);

  const flags = ['--seed', '11', '--users', '200', '--items', '600', '--creators', '40', '--retrain-every', '10'];
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'cli/sim.ts', '--lab', 'feed-machine', ...flags, '--ticks', '20', '--backend', 'wasm'], {
    cwd: repoRoot,
    maxBuffer: 16 * 1024 * 1024,
  });

  expect(pageCsv.split('\n').length).toBe(22);
  expect(pageCsv).toBe(stdout);
});
