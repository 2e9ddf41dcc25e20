import type { Browser, Page } from '@playwright/test';
import { expect, guardContext, test, type PageProblems } from './fixtures';

/** A small world, so a few ticks take seconds on 2 cores. */
const SMALL_WORLD = { seed: '11', users: '200', items: '600', creators: '40', retrainEvery: '10' };

function labUrl(extra: Record<string, string> = {}): string {
  return `#/lab/feed-machine?${new URLSearchParams({ ...SMALL_WORLD, ...extra }).toString()}`;
}

/** Waits until the worker has built the world and Play is enabled. */
async function waitUntilReady(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled({ timeout: 45_000 });
}

/** Clicks Step until the tick counter shows `tick`. */
async function stepTo(page: Page, tick: number): Promise<void> {
  const counter = page.getByTestId('tick');
  for (let current = Number(await counter.textContent()); current < tick; current++) {
    await page.getByRole('button', { name: 'Step' }).click();
    await expect(counter).toHaveText(String(current + 1), { timeout: 30_000 });
  }
}

/** Returns the metrics table's rows by tick: the text of every cell, and the `shareExploration` cell on its own. */
async function readMetricRows(page: Page): Promise<Map<number, { cells: string; shareExploration: string }>> {
  const table = page.getByTestId('metrics-table');
  const columns = await table.locator('thead th').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('title')));
  const column = columns.indexOf('shareExploration');
  expect(column, 'shareExploration column').toBeGreaterThan(0);

  const rows = await table.locator('tbody tr').evaluateAll((elements) =>
    elements.map((row) => ({ tick: Number(row.getAttribute('data-tick')), cells: [...row.children].map((cell) => cell.textContent ?? '') })),
  );
  return new Map(rows.map((row) => [row.tick, { cells: row.cells.join('|'), shareExploration: row.cells[column] }]));
}

/** Opens `url` in a fresh, guarded context and waits for the world. */
async function openFresh(browser: Browser, origin: string, problems: PageProblems, url: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: origin });
  await guardContext(context, origin, problems);
  const page = await context.newPage();
  await page.goto(url);
  await waitUntilReady(page);
  return page;
}

test('scheduled change applies from the next tick', async ({ browser, origin, problems }) => {
  // ε = 1 after tick 5: every slot of ticks 6 on is a random unseen item.
  const url = labUrl({ changes: '5:epsilon=1' });
  const runs: Map<number, { cells: string; shareExploration: string }>[] = [];

  for (let run = 0; run < 2; run++) {
    const page = await openFresh(browser, origin, problems, url);
    await expect(page.getByTestId('policy-changes')).toContainText('After tick 5: exploration ε 0.1 → 1 (not reached yet)');

    await stepTo(page, 8);
    await expect(page.getByTestId('policy-changes')).toContainText('After tick 5: exploration ε 0.1 → 1');
    await expect(page.getByTestId('policy-changes')).not.toContainText('not reached yet');
    await expect(page.getByRole('img', { name: 'Engagement (measured) by tick' }).locator('.tick-annotations text')).toHaveText('ε → 1');

    runs.push(await readMetricRows(page));
    await page.context().close();
  }

  const [first, second] = runs;
  for (let tick = 1; tick <= 5; tick++) {
    expect(first.get(tick)?.shareExploration, `tick ${tick}`).not.toBe('1');
  }
  for (let tick = 6; tick <= 8; tick++) {
    expect(first.get(tick)?.shareExploration, `tick ${tick}`).toBe('1');
  }
  expect(second.size).toBe(8);
  for (const [tick, row] of first) {
    expect(second.get(tick)?.cells, `tick ${tick}`).toBe(row.cells);
  }
});

test('live change is kept in a shared link', async ({ browser, origin, problems }) => {
  const page = await openFresh(browser, origin, problems, labUrl({ speed: '10' }));
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const tickOf = async (target: Page) => Number(await target.getByTestId('tick').textContent());
  await expect.poll(() => tickOf(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);

  const epsilon = page.getByRole('spinbutton', { name: 'Exploration (ε)' });
  await epsilon.fill('1');
  await epsilon.press('Enter');
  const entry = page.getByTestId('policy-changes').getByRole('listitem');
  await expect(entry).toHaveText(/^After tick \d+: exploration ε 0\.1 → 1$/);
  const changedAt = Number(/After tick (\d+)/.exec((await entry.textContent()) ?? '')?.[1]);

  // Play goes on through the change.
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect.poll(() => tickOf(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(changedAt + 3);
  await page.getByRole('button', { name: 'Pause' }).click();
  await waitUntilReady(page);
  await expect(page.getByTestId('run-status')).toHaveText(/^Paused at tick \d+\.$/);

  const tick = await tickOf(page);
  const rows = await readMetricRows(page);
  expect(rows.get(changedAt + 1)?.shareExploration).toBe('1');
  expect(rows.get(tick)?.shareExploration).toBe('1');
  expect(decodeURIComponent(page.url())).toContain(`changes=${changedAt}:epsilon=1`);
  expect(decodeURIComponent(page.url())).toContain('epsilon=0.1&');

  // The address plus the tick is what "Copy link" writes; a fresh page replays it.
  const replay = await openFresh(browser, origin, problems, `${page.url()}&tick=${tick}`);
  await expect(replay.getByTestId('tick')).toHaveText(String(tick), { timeout: 60_000 });
  await waitUntilReady(replay);
  const replayed = await readMetricRows(replay);
  expect([...replayed.keys()]).toEqual([...rows.keys()]);
  for (const [rowTick, row] of rows) {
    expect(replayed.get(rowTick)?.cells, `tick ${rowTick}`).toBe(row.cells);
  }
  await replay.context().close();
});

test('invalid schedule is reported and skipped', async ({ page }) => {
  await page.goto(labUrl({ changes: '5:users=50' }));
  await waitUntilReady(page);
  await expect(page.getByTestId('url-messages')).toContainText(
    'changes=5:users=50 was not used: Invalid policy change "5:users=50": "users=50" is not FIELD=VALUE with FIELD one of epsilon',
  );
  await expect(page.getByTestId('policy-changes')).toContainText('No policy changes in this run.');
  expect(page.url()).not.toContain('changes=');
});
