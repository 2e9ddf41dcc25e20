import type { Page } from '@playwright/test';
import { expect, test, watchMainThread } from './fixtures';

/** A small world, so a run of 20 ticks takes seconds on 2 cores. */
const SMALL_WORLD = { seed: '3', users: '200', items: '800', topics: '6' };

function labUrl(extra: Record<string, string> = {}): string {
  return `#/lab/events-features?${new URLSearchParams({ ...SMALL_WORLD, ...extra }).toString()}`;
}

/** Waits until the worker has built the world and Run is enabled. */
async function waitUntilReady(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: /^Run \d+ ticks$/ })).toBeEnabled({ timeout: 60_000 });
}

test('runs the loop and stays responsive', async ({ page }) => {
  await page.goto(labUrl({ ticks: '20' }));
  await waitUntilReady(page);
  const ratesLine = page.getByRole('img', { name: 'Click, like, share and skip rates by tick' }).locator('path[stroke-width="2.5"]').first();
  await expect(ratesLine).toHaveAttribute('d', '');

  const mainThread = await watchMainThread(page);
  await page.getByRole('button', { name: 'Run 20 ticks' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Done: tick 20', { timeout: 60_000 });
  const { cpuOver50Ms } = await mainThread.stop();

  expect(cpuOver50Ms, 'main-thread tasks over 50 ms of CPU during the run').toEqual([]);
  expect(Number((await page.getByTestId('event-count').textContent())?.replace(/,/g, ''))).toBeGreaterThan(200);
  await expect(ratesLine).not.toHaveAttribute('d', '');
  const table = page.getByRole('table', { name: 'Logged events, oldest first' });
  await expect(table.getByRole('row').nth(3)).toContainText(/\d/);
  await expect(page.getByRole('heading', { name: 'The feature store for user 0 at tick 20' })).toBeVisible();
  await expect(page.getByText('Real-time: updated with every event').first()).toBeVisible();
  await expect(page.getByText('Batch, served live (refresh every tick)').first()).toBeVisible();
  await expect(page.getByTestId('trending-overlap')).toContainText('of the top 20 measured trending items');
});

test('pauses the stream to inspect it', async ({ page }) => {
  await page.goto(labUrl({ ticks: '300' }));
  await waitUntilReady(page);

  await page.getByRole('button', { name: 'Run 300 ticks' }).click();
  await expect.poll(async () => Number((await page.getByTestId('event-count').textContent())?.replace(/,/g, '')), { timeout: 30_000 }).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Pause the stream' }).click();

  await expect(page.getByTestId('run-status')).toContainText('Paused at tick', { timeout: 30_000 });
  await expect(page.getByLabel('Follow the newest events')).not.toBeChecked();
  const viewport = page.getByLabel('Logged events, oldest first, scrollable');
  await viewport.evaluate((element) => {
    element.scrollTop = 0;
  });
  const firstRow = page.getByRole('table', { name: 'Logged events, oldest first' }).getByRole('row').nth(1);
  await expect(firstRow.getByRole('cell').first()).toHaveText('0');
  await expect(firstRow.getByRole('cell').nth(1)).toHaveText('1');
});

test('serves stale batch features and compares freshness', async ({ page }) => {
  await page.goto(labUrl({ featureRefresh: '5', staleRefresh: '5', compareTicks: '8', ticks: '7' }));
  await waitUntilReady(page);

  await page.getByRole('button', { name: 'Run 7 ticks' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Done: tick 7', { timeout: 60_000 });
  await expect(page.getByText('Batch, refreshed every 5 ticks; served copy from the start of tick 6 (1 tick old)').first()).toBeVisible();

  await page.getByRole('button', { name: 'Compare every tick with every 5 ticks' }).click();

  await expect(page.getByText(/^Mean over 8 ticks: click rate/)).toBeVisible({ timeout: 60_000 });
  const freshLine = page.getByRole('img', { name: 'Click rate and true utility per tick with fresh and stale batch features' }).locator('path[stroke-width="2.5"]').first();
  await expect(freshLine).not.toHaveAttribute('d', '');
});

test('binge step reveals the run’s numbers', async ({ page }) => {
  await page.goto(labUrl());
  await waitUntilReady(page);
  const step = page.locator('.step-card').filter({ hasText: 'A binge' });

  await step.getByLabel('The session features').check();
  await step.getByRole('button', { name: 'Run the experiment' }).click();

  await expect(step.getByRole('heading', { name: 'What happened' })).toBeVisible({ timeout: 60_000 });
  await expect(step).toContainText('It became the session’s top topic');
  await expect(step).toContainText('The numbers support:');
});

test('reports a bad URL value and keeps the default', async ({ page }) => {
  await page.goto(labUrl({ users: 'abc' }));

  await expect(page.getByText('users=abc is not a whole number between 20 and 2000; using 300')).toBeVisible();
  await waitUntilReady(page);
  await expect(page.getByText('World: 300 users')).toBeVisible();
});

test('sandbox hides the guidance', async ({ page }) => {
  await page.goto(labUrl({ mode: 'sandbox' }));
  await waitUntilReady(page);

  await expect(page.getByRole('heading', { name: 'Predict, then run' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Guided' }).click();
  await expect(page.getByRole('heading', { name: 'Predict, then run' })).toBeVisible();
  await expect(page).toHaveURL(/mode=guided/);
});
