import { test, expect } from '@playwright/test';
import { openApp, useWasm } from './support/app';
import { loadSample } from './support/dataset';
import { goRiskModels } from './support/steps';

test('UCI: logistic regression and GBDT trained on real data, compared on the real test split', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page);
  await loadSample(page, 'uci');
  await goRiskModels(page);

  // no split was made in step 2: the default one is made, and the page says so
  await expect(page.getByTestId('split-notice')).toContainText('default');
  await expect(page.getByTestId('risk-split')).toContainText('test 6,000 rows');
  // without a GAN run there is no synthetic table: those modes are off, with the reason
  await expect(page.getByTestId('mode-synthetic')).toBeDisabled();
  await expect(page.getByTestId('synthetic-reason')).toContainText('No synthetic data yet');

  await expect(page.getByTestId('model-logistic')).toBeChecked();
  await expect(page.getByTestId('model-gbdt')).toBeChecked();
  await expect(page.getByTestId('model-neural')).not.toBeChecked();
  await expect(page.getByTestId('mode-real')).toBeChecked();
  await page.getByTestId('train-risk').click();
  await expect(page.getByTestId('risk-progress')).toBeVisible();

  const rows = page.getByTestId('result-row');
  await expect(rows).toHaveCount(2, { timeout: 200_000 });
  const gbdt = page.locator('[data-testid="result-row"][data-model="gbdt"][data-mode="real"]');
  const logistic = page.locator('[data-testid="result-row"][data-model="logistic"][data-mode="real"]');
  await expect(gbdt).toHaveCount(1);
  await expect(logistic).toHaveCount(1);
  const gbdtAuc = Number(await gbdt.getAttribute('data-auc'));
  const lrAuc = Number(await logistic.getAttribute('data-auc'));
  expect(gbdtAuc).toBeGreaterThanOrEqual(0.7);
  expect(lrAuc).toBeGreaterThan(0.6);
  await expect(gbdt.getByTestId('auc-cell')).toContainText(gbdtAuc.toFixed(3));
  await expect(page.locator('[data-testid="result-row"].best')).toHaveCount(1);
  await expect(page.getByTestId('risk-errors')).toHaveCount(0);

  // details of the last trained result are shown; the ROC chart renders as SVG
  await expect(page.getByTestId('result-details')).toBeVisible();
  await expect(page.getByTestId('roc-chart').locator('svg')).toBeVisible();
  await gbdt.getByRole('button', { name: 'Gradient-boosted trees' }).click();
  await expect(page.getByTestId('result-details')).toContainText('Gradient-boosted trees');
  for (const id of ['roc-chart', 'pr-chart', 'confusion-chart', 'calibration-chart', 'score-chart', 'importance-chart']) {
    await expect(page.getByTestId(id).locator('svg').first()).toBeVisible();
  }

  // the CSV download holds both rows
  const download = page.waitForEvent('download');
  await page.getByTestId('download-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('risk-model-comparison.csv');
  const text = await (await file.createReadStream()).toArray();
  const csv = Buffer.concat(text as Buffer[]).toString('utf8');
  expect(csv.trimEnd().split('\r\n')).toHaveLength(3);
  expect(csv).toContain('Gradient-boosted trees,Real (TRTR)');

  if (process.env.RISK_SCREENSHOT) await page.screenshot({ path: process.env.RISK_SCREENSHOT, fullPage: true });
});

test('transactions: GBDT and MLP with derived hour, weekday and distance features trains on the fraud target', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page);
  await loadSample(page, 'transactions');
  await useWasm(page);
  await goRiskModels(page);
  await expect(page.getByTestId('risk-split')).toBeVisible();
  await page.getByTestId('model-logistic').uncheck();
  await page.getByTestId('model-neural').check();
  await page.getByText('More settings').click();
  await expect(page.getByText(/Add derived features: hour and weekday of “trans_date_trans_time”.*distance “.+” from \(lat, long\) to \(merch_lat, merch_long\)/)).toBeVisible();
  await page.getByTestId('train-risk').click();
  const row = page.locator('[data-testid="result-row"][data-model="gbdt"][data-mode="real"]');
  await expect(page.getByTestId('result-row')).toHaveCount(2, { timeout: 150_000 });
  await expect(row).toHaveCount(1);
  expect(Number(await row.getAttribute('data-auc'))).toBeGreaterThan(0.8);
  // the MLP trains in the worker on the active TensorFlow.js backend
  const mlp = page.locator('[data-testid="result-row"][data-model="neural"][data-mode="real"]');
  await expect(mlp).toHaveCount(1);
  expect(Number(await mlp.getAttribute('data-auc'))).toBeGreaterThan(0.8);
  await row.getByRole('button', { name: 'Gradient-boosted trees' }).click();
  await expect(page.getByTestId('importance-chart').locator('svg')).toBeVisible();
  await expect(page.getByTestId('importance-chart')).toContainText('trans_date_trans_time_hour');
  // the fraud-balanced sample's legitimate rows come from its first days: the raw timestamp gives the fraud away
  await expect(page.getByTestId('leak-warning')).toContainText('trans_date_trans_time');
  if (process.env.RISK_SCREENSHOT_TX) await page.screenshot({ path: process.env.RISK_SCREENSHOT_TX, fullPage: true });
});
