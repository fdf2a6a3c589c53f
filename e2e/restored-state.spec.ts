import { test, expect } from '@playwright/test';
import { openApp } from './support/app';
import { loadSample } from './support/dataset';
import { trainEngine, generateRows } from './support/engine';

/**
 * State that tells the truth after a reload: the engine model fitted last and the synthetic rows come
 * back, step 3 and step 4 name the same current model, Validate has the rows (not "No synthetic data
 * yet"), and step 7 is a screen of its own.
 */
test('after a reload the engine model and the synthetic rows are restored; Train, Generate and Validate agree', async ({ page }) => {
  test.setTimeout(300_000);
  await openApp(page);
  await loadSample(page, 'uci');

  const nav = page.getByRole('navigation', { name: 'Pipeline steps' });
  await nav.getByRole('button', { name: '3 Train', exact: true }).click();
  await expect(page.getByTestId('engine-ar-cart')).toBeChecked();
  await trainEngine(page);
  await expect(page.getByTestId('current-model')).toHaveAttribute('data-kind', 'ar-cart');
  await expect(page.getByTestId('current-model')).toContainText('Sequential trees');

  await page.getByTestId('engine-go-generate').click();
  await expect(page.getByTestId('gen-model')).toHaveAttribute('data-engine', 'ar-cart');
  await generateRows(page, 500);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved', { timeout: 60_000 });

  await page.reload();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-restored', 'yes', { timeout: 60_000 });

  // step 3 and step 4 name the restored engine as the model that generates
  await nav.getByRole('button', { name: '3 Train', exact: true }).click();
  await expect(page.getByTestId('engine-model')).toContainText('Sequential trees');
  await expect(page.getByTestId('current-model')).toHaveAttribute('data-source', 'engine');
  await expect(page.getByTestId('current-model')).toHaveAttribute('data-kind', 'ar-cart');
  await nav.getByRole('button', { name: '4 Generate' }).click();
  await expect(page.getByTestId('gen-model')).toHaveAttribute('data-engine', 'ar-cart');

  // Validate has the restored rows: no "No synthetic data yet", and the run can be validated again
  await nav.getByRole('button', { name: '5 Validate' }).click();
  await expect(page.getByRole('heading', { name: 'Validate the synthetic data' })).toBeVisible();
  await expect(page.getByTestId('validate-empty')).toHaveCount(0);
  await expect(page.getByText('No synthetic data yet')).toHaveCount(0);

  // step 7 is not step 6: its own heading, and no training controls
  await nav.getByRole('button', { name: '7 Evaluate' }).click();
  await expect(page.getByTestId('evaluate-screen')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Evaluate on the held-out test split' })).toBeVisible();
  await expect(page.getByTestId('train-risk')).toHaveCount(0);
});
