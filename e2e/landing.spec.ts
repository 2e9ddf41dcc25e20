import { expect, test } from './fixtures';

test('landing lists twelve labs', async ({ page }) => {
  await page.goto('#/');

  const labs = page.getByRole('main').getByRole('listitem');
  await expect(labs).toHaveCount(12);
  await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toHaveCount(12);
  await expect(labs.first()).toContainText('The feed machine');
});

test('lab 1 opens from landing', async ({ page }) => {
  await page.goto('#/');

  await page.getByRole('link', { name: 'The feed machine' }).click();

  await expect(page).toHaveURL(/#\/lab\/feed-machine/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lab 1: The feed machine');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await expect(page.getByTestId('tick')).toHaveText('0');
});
