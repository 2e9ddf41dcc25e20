import type { Page } from '@playwright/test';
import { expect, test, watchMainThread } from './fixtures';

/** A small world, so 8 ticks of both twins take seconds on 2 cores. */
const SMALL_WORLD = { seed: '4', users: '100', items: '500', creators: '20', topics: '5', feedSize: '5', retrainEvery: '3', aFollowingSlots: '5', newCreatorTick: '3', reachTarget: '20', changeTick: '4', externalViews: '3' };

// Both twins run in one worker on a shared 2-core machine, so a run takes longer than the config's 60 s default allows.
test.describe.configure({ timeout: 120_000 });

function labUrl(extra: Record<string, string> = {}): string {
  return `#/lab/creators?${new URLSearchParams({ ...SMALL_WORLD, ...extra }).toString()}`;
}

/** Waits until the worker has built both twins and Run is enabled. */
async function waitUntilReady(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: /^Run \d+ ticks$/ })).toBeEnabled({ timeout: 60_000 });
}

async function runTicks(page: Page, ticks: number): Promise<void> {
  await page.getByRole('button', { name: `Run ${ticks} ticks` }).click();
  await expect(page.getByTestId('run-status')).toContainText(`Done: tick ${ticks}`, { timeout: 90_000 });
}

/** Reads a table's body cells as text, row by row. */
async function tableCells(page: Page, testId: string): Promise<string[][]> {
  return page.getByTestId(testId).locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? '')));
}

test('opens from the landing page', async ({ page }) => {
  await page.goto('#/');

  await page.getByRole('link', { name: 'Creators and platform dependency' }).click();

  await expect(page).toHaveURL(/#\/lab\/creators/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lab 9: Creators and platform dependency');
  await expect(page.getByLabel('Preset')).toHaveValue('follow-vs-algorithmic');
  await expect(page.getByLabel('Follow slots of twin A')).toHaveValue('10');
});

test('runs both twins and draws every panel', async ({ page }) => {
  await page.goto(labUrl({ ticks: '8', bChange: '1' }));
  await waitUntilReady(page);
  const newCreator = page.getByRole('img', { name: 'Distinct users the new creator reached, by tick, twins A and B' });
  await expect(newCreator.locator('path.series-a')).toHaveAttribute('d', '');

  const mainThread = await watchMainThread(page);
  await runTicks(page, 8);
  const { cpuOver50Ms } = await mainThread.stop();

  expect(cpuOver50Ms, 'main-thread tasks over 50 ms of CPU during the run').toEqual([]);
  for (const line of ['series-a', 'series-b']) {
    await expect(newCreator.locator(`path.${line}`), line).not.toHaveAttribute('d', '');
  }
  const scatter = page.getByRole('img', { name: /^Distinct users reached against followers/ });
  await expect(scatter.locator('circle.point-a')).toHaveCount(20);
  await expect(scatter.locator('rect.point-b')).toHaveCount(20);
  const reach = await tableCells(page, 'reach-summary');
  expect(reach.map((row) => row.slice(1).every((text) => /\d/.test(text))), 'micro, macro and ρ of both twins').toEqual([true, true]);
  const dependency = await tableCells(page, 'dependency-table');
  expect(dependency.map((row) => / per tick \([\d.]+ → [\d.]+\)/.test(row[1])), 'absolute change of platform traffic').toEqual([true, true]);
  await expect(page.getByRole('img', { name: 'Number of share cascades of each size, twins A and B' })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Traffic of creator 0 per tick/ }).locator('.change-marker')).toHaveCount(1);
  const changes = await tableCells(page, 'traffic-changes-table');
  expect(changes.map((row) => /^\d+ of \d+$/.test(row[1])), 'creators halved, per twin').toEqual([true, true]);

  await page.getByText('Data table: Reach against followers').click();
  await expect(page.getByRole('table').filter({ hasText: 'Users reached, A: follow feed' }).locator('tbody tr')).toHaveCount(20);
  await expect(page.getByRole('button', { name: 'Download CSV of twin A' })).toBeEnabled();
  await expect(page.getByTestId('cli-command-a')).toContainText('npm run -s sim -- --lab creators --ticks 8');
  await expect(page.getByTestId('cli-command-a')).toContainText('--out twin-a.csv');
  await expect(page.getByTestId('cli-command-a')).not.toContainText('--embedding-dim');
  await expect(page.getByTestId('cli-command-b')).toContainText('--following-slots 0 ');

  const follow = page.getByTestId('traffic-changes-table').getByRole('button', { name: /^Follow creator \d+$/ }).first();
  const creator = ((await follow.textContent()) ?? '').replace('Follow creator ', '');
  await follow.click();
  await expect(page).toHaveURL(new RegExp(`focusCreator=${creator}(&|$)`));
  await expect(page.getByLabel('Focus creator')).toHaveValue(creator);
});

test('a copied link restores the settings and the numbers', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(labUrl({ ticks: '5', bEpsilon: '0.2', bChange: '0' }));
  await waitUntilReady(page);
  await runTicks(page, 5);
  const first = await tableCells(page, 'reach-summary');

  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied.')).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const second = await context.newPage();
  await second.goto(link);
  await waitUntilReady(second);
  await expect(second.getByLabel('Exploration ε of twin B')).toHaveValue('0.2');
  await expect(second.getByLabel('Twin B applies the objective change')).not.toBeChecked();
  await runTicks(second, 5);

  expect(await tableCells(second, 'reach-summary')).toEqual(first);
});

test('reports bad settings by name and keeps the defaults', async ({ page }) => {
  await page.goto(labUrl({ bEpsilon: 'lots' }));

  await expect(page.getByText('bEpsilon=lots is not a number between 0 and 1; using 0')).toBeVisible();
  await waitUntilReady(page);

  const focus = page.getByLabel('Focus creator');
  await focus.fill('25');
  await focus.press('Enter');
  await expect(focus).toHaveAttribute('aria-invalid', 'true');
  await expect(focus).toHaveAccessibleDescription(/Focus creator: 25 is not a whole number between 0 and 19 \(the world has 20 creators\); kept 0\./);
  await expect(page.getByRole('button', { name: /^Run \d+ ticks$/ })).toBeEnabled();

  // A valid focus creator that a smaller world no longer has is marked at the focus field.
  await focus.fill('15');
  await focus.press('Enter');
  const creators = page.getByRole('textbox', { name: 'Creators', exact: true });
  await creators.fill('10');
  await creators.press('Enter');
  await expect(page.getByTestId('settings-error')).toContainText('Focus creator: 15 does not exist in a world of 10 creators; choose 0 to 9.');
  await expect(focus).toHaveAttribute('aria-invalid', 'true');
  await expect(focus).toHaveAccessibleDescription(/Focus creator: 15 does not exist/);
  await expect(page.getByRole('button', { name: /^Run \d+ ticks$/ })).toBeEnabled();
  await creators.fill('20');
  await creators.press('Enter');

  const slots = page.getByLabel('Follow slots of twin A');
  await slots.fill('9');
  await slots.press('Enter');
  await expect(slots).toHaveAttribute('aria-invalid', 'true');
  await expect(slots).toHaveAccessibleDescription(/Follow slots of twin A: 9 is more than the feed size K = 5; use 0 to 5\./);

  const users = page.getByRole('textbox', { name: 'Users', exact: true });
  await users.fill('lots');
  await users.press('Enter');
  await expect(users).toHaveAttribute('aria-invalid', 'true');

  // Valid values clear every message, whichever control set them.
  await focus.fill('3');
  await focus.press('Enter');
  await slots.fill('5');
  await slots.press('Enter');
  await users.fill('100');
  await users.press('Enter');
  await expect(page.locator('.field-error')).toHaveCount(0);
  await expect(page.getByTestId('settings-error')).toHaveCount(0);
  for (const input of [focus, slots, users, creators]) {
    await expect(input).toHaveAttribute('aria-invalid', 'false');
  }
});

test('repairs an out-of-range focus creator link', async ({ page }) => {
  await page.goto(labUrl({ focusCreator: '30' }));

  await expect(page.getByTestId('link-notice')).toContainText('Focus creator: 30 does not exist in a world of 20 creators; choose 0 to 19.');
  await waitUntilReady(page);
  await expect(page.getByLabel('Focus creator')).toHaveValue('0');
});

test('pause then resume continues to the target, and focus stays on a button', async ({ page }) => {
  await page.goto(labUrl({ ticks: '12' }));
  await waitUntilReady(page);

  const run = page.getByRole('button', { name: 'Run 12 ticks' });
  await run.focus();
  await page.keyboard.press('Enter');
  const pause = page.getByRole('button', { name: 'Pause' });
  await expect(pause).toBeFocused();
  await expect(page.getByTestId('run-status')).toContainText('Running: tick', { timeout: 60_000 });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('run-status')).toContainText(/Paused at tick \d+ of 12/, { timeout: 60_000 });
  const resume = page.getByRole('button', { name: 'Resume to tick 12' });
  await expect(resume).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(page.getByTestId('run-status')).toContainText('Done: tick 12', { timeout: 90_000 });
  await expect(page.getByRole('button', { name: 'Run 12 ticks' })).toBeFocused();
  await expect(page.getByTestId('cli-command-a')).toContainText('--ticks 12');
});

test('fills the width at 1280 px without overflow', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(labUrl());
  await waitUntilReady(page);

  for (const mode of ['normal', 'presentation']) {
    if (mode === 'presentation') {
      await page.getByRole('button', { name: 'Presentation mode' }).click();
      await expect(page.locator('html')).toHaveClass(/present/);
    }
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, main: document.querySelector('.lab-main')?.getBoundingClientRect().width ?? 0 }));
    expect(widths.page, `${mode}: page width`).toBeLessThanOrEqual(1280);
    expect(widths.main, `${mode}: panels column width`).toBeGreaterThan(1100);
    const truth = page.getByTestId('truth-table');
    const fits = await truth.evaluate((table) => table.getBoundingClientRect().right <= (table.parentElement?.getBoundingClientRect().right ?? 0) + 1);
    expect(fits, `${mode}: the ground-truth table fits its panel`).toBe(true);
    await page.screenshot({ path: test.info().outputPath(`creators-1280-${mode}.png`) });
  }
});
