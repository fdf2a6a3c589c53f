import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openApp, useWasm } from './support/app';
import { loadSample } from './support/dataset';
import { openGanTraining, fillTinyGanSettings, generateGanRows } from './support/tiny-gan';

test('train a tiny GAN on the UCI sample, watch it, generate 500 rows and download them', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page);
  await useWasm(page);
  await loadSample(page, 'uci');
  await openGanTraining(page);
  await expect(page.getByTestId('train-plan')).toContainText('24,000');
  await expect(page.getByTestId('train-plan')).toContainText('ID');
  await expect(page.getByTestId('train-backend')).toContainText('WASM');

  await page.getByTestId('preset-quick').check();
  await page.getByTestId('advanced-settings').locator('summary').click();
  // defaults are filled in from the preset
  await expect(page.getByTestId('setting-generatorDims')).toHaveValue('128, 128');
  await expect(page.getByTestId('setting-batchSize')).toHaveValue('250');
  await fillTinyGanSettings(page);

  await page.getByTestId('start-training').click();
  const progress = page.getByTestId('train-progress');
  await expect(progress).toBeVisible();
  await expect(page.getByTestId('loss-chart')).toBeVisible({ timeout: 90_000 });
  await expect(progress).toHaveAttribute('data-phase', 'finished', { timeout: 90_000 });
  await expect(progress).toHaveAttribute('data-epoch', '2');
  await expect(page.getByTestId('probe-chart')).toBeVisible();
  await expect(page.getByTestId('live-view')).toBeVisible();
  await expect(page.getByTestId('live-scatter')).toBeVisible();
  await page.screenshot({ path: '/tmp/train-finished.png', fullPage: true });

  await generateGanRows(page, 500);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
  expect(download.suggestedFilename()).toBe('synthetic.csv');
  const lines = readFileSync(await download.path(), 'utf8').trimEnd().split('\n');
  expect(lines).toHaveLength(501);
  expect(lines[0].split(',')).toContain('LIMIT_BAL');
  expect(lines[0].split(',')).not.toContain('ID');
  expect(lines[1].split(',')).toHaveLength(lines[0].split(',').length);

  // save in the browser (IndexedDB), export as one JSON file, import it back and generate without training
  await page.getByTestId('save-model').click();
  await expect(page.getByTestId('saved-models').locator('li')).toHaveCount(1);
  const [modelFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-model').click()]);
  expect(modelFile.suggestedFilename()).toMatch(/^synthcredit-gan-.*\.json$/);
  const modelJson = JSON.parse(readFileSync(await modelFile.path(), 'utf8'));
  expect(modelJson).toMatchObject({ format: 'synthcredit.gan-model', version: 1 });
  await page.getByTestId('import-model-input').setInputFiles(await modelFile.path());
  await expect(page.getByTestId('model-note')).toContainText('Loaded');
  await page.getByTestId('generate').click();
  await expect(page.getByTestId('generation-summary')).toContainText('500');
  await page.getByTestId('import-model-input').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"x"}') });
  await expect(page.getByTestId('model-note')).toContainText('not a SynthCredit GAN model');
});

test('a categorical column with hundreds of labels is named in a warning before training', async ({ page }) => {
  await openApp(page);
  await loadSample(page, 'transactions');
  await openGanTraining(page);
  const warning = page.getByTestId('width-warning');
  await expect(warning).toContainText('"merchant"');
  await expect(warning).toContainText('grouping rare categories');
  await expect(page.getByTestId('start-training')).toBeDisabled();
  await page.getByTestId('acknowledge-warning').check();
  await expect(page.getByTestId('start-training')).toBeEnabled();
  await page.screenshot({ path: '/tmp/train-warning.png' });
});
