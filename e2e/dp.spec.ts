import { test, expect } from '@playwright/test';
import { openApp } from './support/app';
import { loadSample } from './support/dataset';
import { trainEngine } from './support/engine';

test('UCI: the differentially private engine trains at epsilon 1 and shows its budget; the epsilon sweep runs and cancels', async ({ page }) => {
  test.setTimeout(300_000);
  await openApp(page);
  await loadSample(page, 'uci');

  await page.getByRole('button', { name: '3 Train', exact: true }).click();
  await page.getByTestId('engine-dp-mst').check();
  await expect(page.getByTestId('dp-settings')).toBeVisible();
  await page.getByTestId('dp-epsilon-input').fill('0');
  await expect(page.getByTestId('dp-settings-error')).toContainText('Epsilon');
  await expect(page.getByTestId('engine-train')).toBeDisabled();
  await page.getByTestId('dp-epsilon-input').fill('1');
  await expect(page.getByTestId('engine-train')).toBeEnabled();

  await trainEngine(page);
  await expect(page.getByTestId('engine-model')).toContainText('Differentially private (MST)');
  const budget = page.getByTestId('dp-budget');
  await expect(budget).toBeVisible();
  await expect(page.getByTestId('dp-epsilon')).toHaveText('epsilon = 1.00');
  // 24,000 training rows: 1 / n² is below 1e-6
  await expect(page.getByTestId('dp-delta')).toHaveText(/^delta = 1\.74e-9$/);
  await expect(page.getByTestId('dp-unprotected')).toContainText('schema');
  // the tail fit spends no budget: the mechanism says so rather than listing a share
  await expect(budget).toContainText('generalised Pareto fit to the noisy histogram: post-processing, no budget');
  await expect(page.getByTestId('dp-budget-steps')).toContainText('two-way marginal');
  await budget.getByText(/Every measurement/).click();
  await expect(page.getByTestId('dp-measurements')).toContainText('sigma');
  await page.screenshot({ path: '/tmp/dp-budget.png', fullPage: true });

  await page.getByTestId('dp-sweep-run').click();
  await expect(page.getByTestId('dp-sweep-progress')).toBeVisible();
  // the first point (epsilon 0.3) arrives, then the rest is cancelled
  await expect(page.getByTestId('dp-sweep-table').locator('tbody tr')).toHaveCount(1, { timeout: 120_000 });
  await expect(page.getByTestId('dp-sweep-chart')).toBeVisible();
  await page.getByTestId('dp-sweep-cancel').click();
  await expect(page.getByTestId('dp-sweep-stopped')).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: '/tmp/dp-sweep.png', fullPage: true });
});
