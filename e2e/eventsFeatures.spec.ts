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
  await expect(page.getByText('No events yet: press Run to log the first tick.')).toBeVisible();
  await expect(page.getByRole('img', { name: 'Click, like, share and skip rates by tick' })).toHaveCount(0);
  await expect(page.getByText('No comparison yet: press the button above to draw it.')).toBeVisible();
  await expect(page.getByTestId('trending-overlap')).toContainText('No engagement logged yet');
  await expect(page.getByText('Not served yet: user 0 has had no feed')).toBeVisible();
  await expect(page.getByText('No engagement logged yet: every item’s trend is 0')).toBeVisible();

  const mainThread = await watchMainThread(page);
  await page.getByRole('button', { name: 'Run 20 ticks' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Done: tick 20', { timeout: 60_000 });
  const { cpuOver50Ms } = await mainThread.stop();

  expect(cpuOver50Ms, 'main-thread tasks over 50 ms of CPU during the run').toEqual([]);
  expect(Number((await page.getByTestId('event-count').textContent())?.replace(/,/g, ''))).toBeGreaterThan(200);
  const ratesLine = page.getByRole('img', { name: 'Click, like, share and skip rates by tick' }).locator('path[stroke-width="2.5"]').first();
  await expect(ratesLine).not.toHaveAttribute('d', '');
  const table = page.getByRole('table', { name: 'Logged events, oldest first' });
  await expect(table.getByRole('row').nth(3)).toContainText(/\d/);
  await expect(page.getByRole('heading', { name: 'The feature store for user 0 at tick 20' })).toBeVisible();
  await expect(page.getByText('Real-time: updated with every event').first()).toBeVisible();
  await expect(page.getByText('Batch, served live (refresh every tick)').first()).toBeVisible();
  await expect(page.getByTestId('trending-overlap')).toContainText('of the top 20 measured trending items');
});

test('pauses the run to inspect it, then resumes', async ({ page }) => {
  await page.goto(labUrl({ ticks: '40' }));
  await waitUntilReady(page);

  await page.getByRole('button', { name: 'Run 40 ticks' }).click();
  await expect.poll(async () => Number((await page.getByTestId('event-count').textContent())?.replace(/,/g, '')), { timeout: 30_000 }).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Pause the run to inspect the stream' }).click();

  await expect(page.getByTestId('run-status')).toContainText('Paused at tick', { timeout: 30_000 });
  await expect(page.getByLabel('Follow the newest events')).not.toBeChecked();
  const viewport = page.getByLabel('Logged events, oldest first, scrollable');
  await viewport.evaluate((element) => {
    element.scrollTop = 0;
  });
  const firstRow = page.getByRole('table', { name: 'Logged events, oldest first' }).getByRole('row').nth(1);
  await expect(firstRow.getByRole('cell').first()).toHaveText('0');
  await expect(firstRow.getByRole('cell').nth(1)).toHaveText('1');

  await page.getByRole('button', { name: /^Resume the run \(\d+ ticks left\)$/ }).click();
  await expect(page.getByTestId('run-status')).toContainText('Done: tick 40', { timeout: 90_000 });
  await expect(page.getByRole('button', { name: /^Resume/ })).toBeDisabled();
});

for (const width of [1280, 800]) {
  test(`event table fits ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(labUrl({ ticks: '1' }));
    await waitUntilReady(page);
    await page.getByRole('button', { name: 'Run 1 ticks' }).click();
    await expect(page.getByTestId('run-status')).toContainText('Done: tick 1', { timeout: 60_000 });

    const table = page.getByRole('table', { name: 'Logged events, oldest first' });
    const tableBox = await table.boundingBox();
    const pctrBox = await table.getByRole('columnheader', { name: 'pCTR' }).boundingBox();
    expect(tableBox).not.toBeNull();
    expect(pctrBox).not.toBeNull();
    expect(pctrBox!.x + pctrBox!.width).toBeLessThanOrEqual(tableBox!.x + tableBox!.width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  });
}

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

  await page.getByRole('button', { name: 'Reset to tick 0' }).click();
  await waitUntilReady(page);
  await expect(page.getByText(/^Mean over 8 ticks: click rate/)).toHaveCount(0);
  await expect(page.getByText('No comparison yet: press the button above to draw it.')).toBeVisible();
});

test('trending step reads tick 40 after the run passed it', async ({ page }) => {
  await page.goto(labUrl({ ticks: '42' }));
  await waitUntilReady(page);
  await page.getByRole('button', { name: 'Run 42 ticks' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Done: tick 42', { timeout: 120_000 });
  const step = page.locator('.step-card').filter({ hasText: 'Measured trending against true appeal' });

  await step.getByLabel('Half or more').check();
  await step.getByRole('button', { name: 'Run the experiment' }).click();

  await expect(step.getByRole('heading', { name: 'What happened' })).toBeVisible({ timeout: 120_000 });
  await expect(step).toContainText('At tick 40, ');
  await expect(page.getByRole('heading', { name: 'The feature store for user 0 at tick 42' })).toBeVisible();
});

test('clears a field error once the value is valid', async ({ page }) => {
  await page.goto(labUrl());
  await waitUntilReady(page);
  const users = page.getByLabel('Users', { exact: true });

  await users.fill('0');
  await users.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Users: 0 is not a whole number between 20 and 2000; kept 200.' })).toBeVisible();
  await expect(users).toHaveValue('200');
  await users.fill('200');
  await users.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Users:' })).toHaveCount(0);

  const items = page.getByLabel('Items', { exact: true });
  await items.fill('50');
  await items.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Items: 50 is not a whole number between 100 and 10000; kept 800.' })).toBeVisible();
  await items.fill('1000');
  await expect(page.getByRole('alert').filter({ hasText: 'Items:' })).toHaveCount(0);
});

test('rejects a user outside the world', async ({ page }) => {
  await page.goto(labUrl({ user: '1999' }));

  await expect(page.getByText('User 1999 does not exist in a world of 200 users (users 0 to 199); showing user 0 instead.')).toBeVisible();
  await expect(page).toHaveURL(/user=0/);
  await waitUntilReady(page);
  const user = page.getByLabel('User shown');
  await expect(user).toHaveValue('0');

  await user.fill('250');
  await user.press('Enter');
  await expect(page.getByText('User shown: 250 is not a user of this world of 200 users; choose 0 to 199; kept 0.')).toBeVisible();
  await expect(user).toHaveValue('0');
  await expect(page).not.toHaveURL(/user=250/);
  await expect(page.getByRole('button', { name: 'Copy link' })).toBeVisible();
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
