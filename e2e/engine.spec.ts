import { test, expect, type Page } from '@playwright/test';
import { openApp } from './support/app';
import { loadSample } from './support/dataset';

function card(page: Page, id: string) {
  return page.locator(`[data-testid="score-card"][data-card="${id}"]`);
}

test('UCI: sequential trees (the default engine) train in seconds, generate exact what-if rows, validate with detection', async ({ page }) => {
  test.setTimeout(360_000);
  await openApp(page);
  await loadSample(page, 'uci');

  await page.getByRole('button', { name: '3 Train', exact: true }).click();
  // the default engine is the sequential trees; the GAN is one click away
  await expect(page.getByTestId('engine-ar-cart')).toBeChecked();
  await expect(page.getByTestId('engine-picker')).toContainText('Sequential trees');
  await expect(page.getByTestId('engine-picker')).toContainText('CTGAN');
  await expect(page.getByTestId('engine-plan')).toContainText('train split');
  await page.screenshot({ path: '/tmp/engine-train.png', fullPage: true });

  await page.getByTestId('engine-train').click();
  await expect(page.getByTestId('engine-progress')).toBeVisible();
  await expect(page.getByTestId('engine-model')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('engine-progress')).toHaveAttribute('data-phase', 'done');
  await expect(page.getByTestId('engine-model')).toContainText('Sequential trees');
  await expect(page.getByTestId('engine-seconds')).toHaveText(/^\d+\.\d s$/);
  await page.screenshot({ path: '/tmp/engine-trained.png', fullPage: true });

  await page.getByTestId('engine-go-generate').click();
  await expect(page.getByTestId('gen-model')).toHaveAttribute('data-engine', 'ar-cart');
  await page.getByTestId('gen-rows').fill('2000');
  await page.getByTestId('whatif-add-fix').click();
  await page.getByTestId('whatif-fix-column-0').selectOption('default_payment_next_month');
  await page.getByTestId('whatif-fix-label-0').selectOption('1');
  await page.getByTestId('gen-run').click();
  const result = page.getByTestId('gen-result');
  await expect(result).toBeVisible({ timeout: 120_000 });
  await expect(result).toHaveAttribute('data-rows', '2000');
  // the label is fixed by the model itself: every row holds it
  const defaults = await page.getByTestId('gen-preview').locator('tbody td[data-column="default_payment_next_month"]').allTextContents();
  expect(defaults.length).toBeGreaterThan(0);
  expect(defaults.every((d) => d === '1')).toBe(true);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('gen-download').click()]);
  const { readFileSync } = await import('node:fs');
  const lines = readFileSync(await download.path(), 'utf8').trimEnd().split(/\r?\n/);
  expect(lines).toHaveLength(2001);
  const target = lines[0].split(',').indexOf('default_payment_next_month');
  expect(target).toBeGreaterThanOrEqual(0);
  expect(lines.slice(1).every((l) => l.split(',')[target] === '1')).toBe(true);
  await page.screenshot({ path: '/tmp/engine-generated.png', fullPage: true });

  await page.getByRole('button', { name: '5 Validate' }).click();
  await expect(page.getByTestId('score-cards')).toBeVisible({ timeout: 240_000 });
  await expect(card(page, 'pairTrends').getByTestId('score-value')).toHaveText(/^[01]\.\d{3}$/);
  await expect(card(page, 'detection')).toContainText('Detection (1 = indistinguishable)');
  await expect(card(page, 'detection').getByTestId('score-value')).toHaveText(/^[01]\.\d{3}$/);
  await expect(page.getByTestId('detection-giveaways')).toBeVisible();
  const runs = page.getByTestId('run-history').locator('tbody tr');
  await expect(runs.first().getByTestId('run-engine')).toHaveText('Sequential trees');
  await page.screenshot({ path: '/tmp/engine-validate.png', fullPage: true });
});
