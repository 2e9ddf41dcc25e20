import { expect, test } from './fixtures';

test('check questions grade only on Check answer', async ({ page }) => {
  await page.goto('#/lab/feed-machine');
  const card = page.locator('.question-card').first();
  const feedback = card.locator('.feedback');
  const options = card.getByRole('radio');

  // Arrow keys move through a radio group and select as they go: no verdict may appear for each option passed.
  await options.first().focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await expect(feedback).toHaveText('');

  await card.getByRole('button', { name: 'Check answer' }).click();
  await expect(feedback).toHaveText(/^(Correct|Not quite)\./);

  await options.first().check();
  await expect(feedback).toHaveText('');
});
