import type { Page } from '@playwright/test';
import { expect, test, watchMainThread } from './fixtures';

/** 10,000 items for the map, few users and watches so training takes seconds on 2 cores. */
const SMALL = { mode: 'sandbox', seed: '5', users: '300', items: '10000', watches: '30', epochs: '4' };

function labUrl(extra: Record<string, string> = {}): string {
  return `#/lab/embeddings-retrieval?${new URLSearchParams({ ...SMALL, ...extra }).toString()}`;
}

async function waitForData(page: Page): Promise<void> {
  await expect(page.getByTestId('status')).toContainText('Data: synthetic, 300 users, 10000 items', { timeout: 60_000 });
}

test('trains, draws charts and map without long tasks', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(labUrl());
  await waitForData(page);
  const mainThread = await watchMainThread(page);

  await page.getByRole('button', { name: 'Train bpr' }).click();
  const drawMap = page.getByRole('button', { name: 'Draw the map of bpr' });
  await expect(drawMap).toBeEnabled({ timeout: 120_000 });
  const recallChart = page.getByRole('img', { name: 'bpr recall@100 by epoch' });
  await expect(recallChart.locator('circle')).toHaveCount(8);
  await expect(page.getByTestId('loss-axis')).toContainText('BPR loss');
  await page.getByText('Data table: bpr: training loss by epoch').click();
  const lossTable = page.locator('details[open] table');
  await expect(lossTable.locator('th')).toHaveText(['epoch', /^training loss \(BPR loss/]);
  await page.getByText('Data table: bpr: training loss by epoch').click();

  await drawMap.click();
  await expect(page.getByRole('img', { name: /Embedding map: 10000 items/ })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('retrieval-result')).toContainText('returned 100 candidates');
  await expect(page.getByTestId('truth-result')).toContainText('candidates retrieved by the IVF index');
  await expect(page.getByTestId('retrieval-result')).toContainText(/candidates in (\d+\.\d{3} ms|\d+\.\d µs|under 1 µs) \(median/);
  await expect(page.getByRole('option', { name: 'cell (needs an IVF index of the drawn model)' })).toBeDisabled();

  const chosenUser = page.getByLabel('Chosen user');
  await chosenUser.fill('2000');
  await chosenUser.press('Enter');
  await expect(page.getByText('2000 is not a user of this data (users 0 to 299)')).toBeVisible();

  const inspect = page.getByLabel('Item to inspect (0 to 9999)');
  await inspect.fill('5');
  await inspect.press('Enter');
  await expect(page.getByTestId('hover-info')).toContainText('Item 5 (true dominant topic');

  const map = page.getByRole('img', { name: /Embedding map/ });
  const box = await map.boundingBox();
  if (box === null) {
    throw new Error('The map has no bounding box');
  }
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2 + 30, { steps: 10 });
  await page.mouse.up();

  await page.getByRole('button', { name: 'Measure recall against time' }).click();
  await expect(page.getByRole('img', { name: 'Recall@10 against milliseconds per query' })).toBeVisible({ timeout: 90_000 });
  await expect(page.getByText(/Times are medians on this machine/)).toBeVisible();

  const { cpuOver50Ms } = await mainThread.stop();
  expect(cpuOver50Ms, 'main-thread tasks over 50 ms of CPU during training, drawing and panning').toEqual([]);
});

test('cold start places a new item with each model', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(labUrl({ items: '2000', model: 'two-tower' }));
  await expect(page.getByTestId('status')).toContainText('2000 items', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Train two-tower' }).click();
  await expect(page.getByRole('button', { name: 'Add a new item' })).toBeEnabled({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Add a new item' }).click();
  await expect(page.getByTestId('cold-start')).toContainText(/two-tower: nearest items [\d, ]+; \d+% share its true topic/);
  await expect(page.getByTestId('cold-start')).toContainText('not on the map');

  await page.getByRole('button', { name: 'Train two-tower' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('status')).toContainText(/Cancelling…|Cancelled\./);
  await expect(page.getByTestId('status')).toContainText('Cancelled.', { timeout: 60_000 });
});

test('bad file and bad URL value keep the lab usable', async ({ page }) => {
  await page.goto(labUrl({ items: '2000', dim: 'abc' }));
  await expect(page.getByText('dim=abc is not a whole number between 2 and 128; using 32')).toBeVisible();
  await expect(page.getByTestId('status')).toContainText('2000 items', { timeout: 60_000 });

  await page.getByLabel('Import MovieLens ratings (u.data or ratings.csv)').setInputFiles({
    name: 'ratings.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('userId,movieId,rating,timestamp\n1,2,4.0,100\n1,3,nine,101\n'),
  });
  await expect(page.getByTestId('error')).toContainText('ratings.csv line 3, field "rating"');
  await expect(page.getByTestId('status')).toContainText('Data: synthetic');
  await expect(page.getByTestId('status')).not.toContainText('Parsing ratings');
  await expect(page.getByRole('button', { name: 'Copy link' })).toBeVisible();
});

test('guided steps keep their prediction across a mode switch', async ({ page }) => {
  await page.goto(`#/lab/embeddings-retrieval?${new URLSearchParams({ items: '2000', users: '300', watches: '30', model: 'biased-mf' }).toString()}`);
  const prediction = page.getByRole('radio', { name: /^BPR: it learns to rank/ });
  await prediction.check();
  await page.getByRole('button', { name: 'Sandbox' }).click();
  await expect(page.getByTestId('guided-steps')).toBeHidden();
  await page.getByRole('button', { name: 'Guided' }).click();
  await expect(prediction).toBeChecked();
  await expect(page.getByLabel('Negatives per positive')).toBeDisabled();
});
