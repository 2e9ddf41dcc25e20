import type { Page } from '@playwright/test';
import { CTR_TRAIN_DEFAULTS } from '../src/engine/ctr/modelInfo';
import { expect, test, watchMainThread } from './fixtures';

/** A small log and two epochs, so one run of three models takes seconds on 2 cores. */
const SMALL = { samples: '8000', users: '60', items: '120', epochs: '2', mode: 'sandbox' };

function labUrl(extra: Record<string, string> = {}): string {
  return `#/lab/ranking?${new URLSearchParams({ ...SMALL, ...extra }).toString()}`;
}

/** Waits until the worker has chosen its backend and generated the data set. */
async function waitUntilReady(page: Page): Promise<void> {
  await expect(page.getByTestId('dataset-summary')).toContainText('8,000 impressions', { timeout: 60_000 });
  await expect(page.getByRole('button', { name: /^Train/ })).toBeEnabled();
}

/** Builds a Criteo line: label, 13 integers, 26 hex categories. */
function criteoLine(index: number): string {
  const integers = Array.from({ length: 13 }, (_, k) => String((index * (k + 3)) % 97));
  const categories = Array.from({ length: 26 }, (_, k) => ((index * 7919 + k * 104729) % 0xffffff).toString(16).padStart(8, '0'));
  return [index % 4 === 0 ? '1' : '0', ...integers, ...categories].join('\t');
}

test('trains three models, draws the charts and keeps the page responsive', async ({ page }) => {
  await page.goto(labUrl());
  await expect(page.getByText('Choose at least one task')).toHaveCount(0);
  await waitUntilReady(page);
  await expect(page.getByText('Choose at least one task')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Copy link' })).toBeVisible();
  const mainThread = await watchMainThread(page);

  await page.getByRole('button', { name: 'Train 3 models' }).click();
  await expect(page.getByRole('button', { name: 'Stop' })).toBeEnabled();
  await expect(page.getByTestId('notice')).toContainText('Trained 9 model-task pairs', { timeout: 120_000 });
  const { cpuOver50Ms } = await mainThread.stop();
  expect(cpuOver50Ms, 'main-thread tasks over 50 ms of CPU during training').toEqual([]);

  const table = page.getByTestId('score-table');
  await expect(table.locator('tbody tr')).toHaveCount(6);
  await expect(table).toContainText('DeepFM');
  const firstAuc = await table.locator('tbody tr').first().locator('td').first().textContent();
  expect(Number.parseFloat(firstAuc ?? '')).toBeGreaterThan(0.5);
  const bayesAuc = await table.locator('tbody tr').first().locator('td.truth-column').textContent();
  expect(Number.parseFloat(bayesAuc ?? '')).toBeGreaterThan(0.5);

  await expect(page.getByRole('img', { name: /Training and test log loss per epoch for pCTR/ }).locator('path').first()).toBeVisible();
  await expect(page.getByRole('img', { name: /Calibration plot for pCTR/ }).locator('circle').first()).toBeVisible();
  const ranked = page.getByTestId('ranked-list');
  await expect(ranked.locator('li')).not.toHaveCount(0);
  await expect(ranked.locator('li').first()).toContainText('#1');
  await expect(ranked.getByRole('img').first()).toHaveAttribute('aria-label', /watch \* 10 = .*pCTR \* pCVR \* 50 = .*total/);

  // The user chosen for the ranked list goes into the address, so a copied link shows the same user.
  const users = page.getByLabel('for', { exact: true });
  const second = await users.locator('option').nth(1).getAttribute('value');
  await users.selectOption(second ?? '');
  await expect(page).toHaveURL(new RegExp(`context=${second}`));

  // A division by zero keeps the last formula whose scores are finite and names the term.
  await page.getByLabel(/Utility formula/).fill('pCTR * 10 + 1/0');
  await expect(page.getByTestId('formula-nonfinite')).toContainText('The term 1/0 is Infinity');
  await expect(page.getByTestId('formula-nonfinite')).toContainText('still uses watch * 10 + pCTR * pCVR * 50');
  await expect(ranked.getByRole('img').first()).toHaveAttribute('aria-label', /watch \* 10 = /);

  // The typographic minus and times of the teaching text are accepted.
  await page.getByLabel(/Utility formula/).fill('watch × 10 − pCTR');
  await expect(page.getByTestId('formula-error')).toHaveCount(0);
  await expect(page.getByTestId('formula-nonfinite')).toHaveCount(0);
  await expect(ranked.getByRole('img').first()).toHaveAttribute('aria-label', /watch × 10 = .*− pCTR = /);
});

test('stops a run of all four models', async ({ page }) => {
  await page.goto(labUrl({ wideDeep: '1', epochs: '30', watch: '0' }));
  await waitUntilReady(page);

  await page.getByRole('button', { name: 'Train 4 models' }).click();
  await expect(page.getByRole('button', { name: 'Stop' })).toBeFocused();
  await expect(page.getByText(/epoch [1-9]\d* of 30/).first()).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('notice')).toContainText(/Stopped: [0-3] of 8 model-task pairs trained\./, { timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Train 4 models' })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Stop' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Train 4 models' })).toBeFocused();
  await expect(page.getByTestId('untrained-conversion')).toContainText('Not trained: the run stopped before this task started.');
  await expect(page.getByRole('img', { name: /log loss per epoch for pCVR/ })).toHaveCount(0);
});

test('rejects a formula with its column and keeps the last valid one', async ({ page }) => {
  await page.goto(labUrl({ deepfm: '0', fm: '0', conversion: '0', watch: '0' }));
  await waitUntilReady(page);

  const formula = page.getByLabel(/Utility formula/);
  await formula.fill('pCTR * 3 + pctr');
  await expect(page.getByTestId('formula-error')).toContainText('Unknown name "pctr" at column 12. Did you mean "pCTR"?');
  await expect(page).toHaveURL(/formula=watch/);

  await formula.fill('pCTR * 3');
  await expect(page.getByTestId('formula-error')).toHaveCount(0);
  await expect(page).toHaveURL(/formula=pCTR\+\*\+3/);

  await page.getByRole('button', { name: 'Train model' }).click();
  await expect(page.getByTestId('notice')).toContainText('Trained 1 model-task pair.', { timeout: 60_000 });
  await expect(page.getByTestId('ranked-list').locator('li')).not.toHaveCount(0);

  // The default formula needs watch and pCVR, which this run did not train: a calm note with a button, not an error.
  await page.getByRole('button', { name: 'Default formula' }).click();
  await expect(page.getByTestId('ranking-missing')).toContainText('The formula uses watch and pCVR, but the last run trained LR on pCTR only.');
  await expect(page.getByTestId('ranking-error')).toHaveCount(0);
  await page.getByRole('button', { name: 'Train LR on pCVR and watch too' }).click();
  await expect(page.getByTestId('notice')).toContainText('Trained 3 model-task pairs.', { timeout: 60_000 });
  await expect(page.getByTestId('ranked-list').locator('li')).not.toHaveCount(0);

  // The cross drop-downs use the same font size as the other form fields.
  const epochsSize = await page.getByLabel('Epochs').evaluate((element) => getComputedStyle(element).fontSize);
  await expect(page.getByLabel('Cross', { exact: true })).toHaveCSS('font-size', epochsSize);
});

test('reports a broken Criteo file by line and field and keeps the data', async ({ page }) => {
  await page.goto(labUrl({ deepfm: '0', fm: '0' }));
  await waitUntilReady(page);
  const summary = await page.getByTestId('dataset-summary').textContent();

  const broken = [criteoLine(1), criteoLine(2), `1\t5\tabc${criteoLine(3).slice(4)}`].join('\n');
  await page.getByLabel(/Criteo-style click log/).setInputFiles({ name: 'broken.txt', mimeType: 'text/plain', buffer: Buffer.from(broken) });
  await expect(page.getByTestId('import-error')).toContainText(/Line 3, field I\d+/);
  await expect(page.getByTestId('import-error')).toContainText('The data set and models on screen are unchanged.');
  await expect(page.getByTestId('dataset-summary')).toHaveText(summary ?? '');

  const good = Array.from({ length: 400 }, (_, index) => criteoLine(index)).join('\n');
  await page.getByLabel(/Criteo-style click log/).setInputFiles({ name: 'day_0.txt', mimeType: 'text/plain', buffer: Buffer.from(good) });
  await expect(page.getByTestId('dataset-summary')).toContainText('Imported file day_0.txt: 400 impressions, 39 fields');
  await expect(page.getByTestId('import-error')).toBeEmpty();
  await expect(page.getByTestId('no-truth')).toContainText('no Bayes-optimal AUC');

  await page.getByRole('button', { name: 'Train model' }).click();
  await expect(page.getByTestId('notice')).toContainText('Trained 1 model-task pair.', { timeout: 60_000 });
  await expect(page.getByTestId('score-table')).toContainText('no truth: imported file');
  await expect(page.getByTestId('ranking-error')).toContainText('This data set has no labels for watch or pCVR');

  await page.getByLabel(/Utility formula/).fill('pCTR * 10');
  await expect(page.getByTestId('ranked-list').locator('li')).toHaveCount(10);
  await expect(page.getByRole('heading', { name: 'The ranked list: a block of test rows' })).toBeVisible();

  // The guided steps need the truth: they are off with a reason and a visible button to generate synthetic data.
  await page.getByRole('button', { name: 'Guided' }).click();
  await expect(page.getByTestId('steps-need-synthetic')).toContainText('day_0.txt does not have');
  await page.getByRole('radio', { name: 'FM', exact: true }).check();
  await expect(page.getByRole('button', { name: 'Run the experiment' }).first()).toBeDisabled();
  await page.getByTestId('steps-need-synthetic').getByRole('button', { name: 'Generate synthetic data' }).click();
  await expect(page.getByTestId('dataset-summary')).toContainText('Synthetic click log', { timeout: 60_000 });
  await expect(page.getByTestId('steps-need-synthetic')).toHaveCount(0);
});

test('names a rejected address value and uses the default', async ({ page }) => {
  await page.goto(labUrl({ epochs: 'many', crosses: 'user*' }));
  await expect(page.getByTestId('url-messages')).toContainText(`epochs=many is not a whole number between 1 and 30; using ${CTR_TRAIN_DEFAULTS.epochs}`);
  await expect(page.getByTestId('url-messages')).toContainText('crosses=user* is not a comma-separated list of crosses such as user*item_topic');
  await waitUntilReady(page);
  await expect(page.getByLabel('Epochs')).toHaveValue(String(CTR_TRAIN_DEFAULTS.epochs));
});

test('a guided step says what it trained and keeps focus', async ({ page }) => {
  await page.goto(labUrl({ mode: 'guided' }));
  await waitUntilReady(page);

  await page.getByRole('radio', { name: 'FM', exact: true }).check();
  await page.getByRole('button', { name: 'Run the experiment' }).first().click();
  await expect(page.getByText('The results and the ranked list now show this run: LR, FM on pCTR only.')).toBeVisible({ timeout: 60_000 });
  expect(await page.evaluate(() => document.activeElement !== document.body), 'focus after the step').toBe(true);
  await expect(page.getByTestId('run-origin')).toContainText('Results of step 1 (Logistic regression against a factorisation machine).');
  await expect(page.getByTestId('ranking-missing')).toContainText('The formula uses watch and pCVR, but the last run trained');
  await expect(page.getByTestId('ranking-error')).toHaveCount(0);
});
