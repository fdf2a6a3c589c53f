import { test, expect, type Page } from '@playwright/test';
import { openApp, useWasm } from './support/app';
import { loadSample, roleOf } from './support/dataset';
import { goExplore, goRiskModels } from './support/steps';
import { startTinyGan } from './support/tiny-gan';
import { trainLogisticRegression } from './support/risk-models';

/** Wait until every change so far is written to IndexedDB. */
async function saved(page: Page) {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
}

async function restored(page: Page) {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-restored', 'yes');
}

/**
 * UCI sample on WASM, a tiny GAN of 8 epochs with 16-unit nets, until its first checkpoint is saved:
 * one is written every 5 epochs (the default), so wait for the one of epoch 5.
 */
async function tinyGanPastCheckpoint5(page: Page) {
  await openApp(page);
  await useWasm(page);
  await loadSample(page, 'uci');
  await startTinyGan(page, { epochs: 8, width: 16, batchSize: 1000, probeEvery: 4 });
  await expect(page.getByTestId('train-progress')).toBeVisible();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-checkpoint-epoch', '5', { timeout: 150_000 });
}

async function resumeAndFinish(page: Page, epochs: number) {
  const offer = page.getByTestId('resume-offer');
  await expect(offer).toBeVisible({ timeout: 60_000 });
  await expect(offer).toHaveAttribute('data-epoch', '5');
  await expect(page.getByTestId('resume-from-checkpoint')).toHaveText('Resume from epoch 5');
  await page.getByTestId('resume-from-checkpoint').click();
  const progress = page.getByTestId('train-progress');
  await expect(progress).toHaveAttribute('data-phase', 'training', { timeout: 60_000 });
  await expect(progress).toHaveAttribute('data-phase', 'finished', { timeout: 150_000 });
  await expect(progress).toHaveAttribute('data-epoch', String(epochs));
  await expect(page.getByTestId('train-message')).toContainText(`Finished ${epochs} epochs`);
  await expect(offer).toHaveCount(0);
}

test('(a) after a reload the same dataset, role override, recipe, split and step are back', async ({ page }) => {
  await openApp(page);
  await loadSample(page, 'uci');
  await page.getByLabel('Role of AGE').selectOption('categorical');
  await expect.poll(() => roleOf(page, 'AGE')).toBe('categorical');
  await goExplore(page);
  const finding = page.locator('[data-testid="finding"][data-finding-id="rareCodes:EDUCATION"]');
  await finding.getByTestId('apply-fix').click();
  await expect(page.locator('[data-testid="recipe-step"][data-step-id="fix-rareCodes-EDUCATION"]')).toBeVisible();
  await page.getByTestId('split-fraction').fill('0.3');
  await page.getByTestId('split-seed').fill('7');
  await page.getByTestId('make-split').click();
  await expect(page.getByTestId('split-test-rows')).toHaveText('9,000');
  await saved(page);
  await expect(page.getByTestId('projects-button')).toContainText('uci_credit_card_default');

  await page.reload();
  await restored(page);
  await expect(page.getByRole('heading', { name: 'Clean and explore' })).toBeVisible();
  await expect(page.getByRole('button', { name: '2 Clean & explore' })).toHaveAttribute('aria-current', 'step');
  await expect(page.locator('[data-testid="recipe-step"][data-step-id="fix-rareCodes-EDUCATION"]')).toBeVisible();
  await expect(page.getByTestId('recipe-step')).toHaveCount(1);
  await expect(page.getByTestId('split-train-rows')).toHaveText('21,000');
  await expect(page.getByTestId('split-test-rows')).toHaveText('9,000');
  await expect(page.getByTestId('split-fraction')).toHaveValue('0.3');
  await expect(page.getByTestId('split-seed')).toHaveValue('7');
  await page.getByRole('button', { name: '1 Load' }).click();
  await expect(page.getByTestId('dataset-summary')).toContainText('30,000');
  await expect.poll(() => roleOf(page, 'AGE')).toBe('categorical');
  expect(await roleOf(page, 'LIMIT_BAL')).toBe('continuous');
});

test('(a2) trained risk models and their comparison table come back after a reload', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page);
  await loadSample(page, 'uci');
  await goRiskModels(page);
  const row = await trainLogisticRegression(page);
  const auc = await row.getAttribute('data-auc');
  await saved(page);

  await page.reload();
  await restored(page);
  await goRiskModels(page);
  await expect(row).toHaveCount(1);
  expect(await row.getAttribute('data-auc')).toBe(auc);
});

test('(b) a reload mid-training offers "Resume from epoch 5", and the resumed run completes', async ({ page }) => {
  test.setTimeout(420_000);
  await tinyGanPastCheckpoint5(page);

  await page.reload();
  await restored(page);
  await expect(page.getByRole('button', { name: '3 Train', exact: true })).toHaveAttribute('aria-current', 'step');
  await resumeAndFinish(page, 8);
  // the chart covers the whole run: epochs before the checkpoint came back with it
  await expect(page.getByTestId('loss-chart')).toBeVisible();
});

test('(c) "Restart compute worker" mid-training: the banner explains, the worker restarts, training resumes from the checkpoint', async ({ page }) => {
  test.setTimeout(420_000);
  await tinyGanPastCheckpoint5(page);

  await page.getByTestId('restart-worker').click();
  const banner = page.getByTestId('worker-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toHaveAttribute('data-kind', 'user-restart');
  await expect(banner).toContainText('restarted');
  await expect(banner).toContainText('reopened from its last save');
  // the fresh worker has a backend again (the one chosen before) and the project is back
  await expect(page.getByTestId('active-backend')).toHaveAttribute('data-backend', 'wasm');
  await restored(page);
  await page.getByRole('button', { name: '1 Load' }).click();
  await expect(page.getByTestId('dataset-summary')).toContainText('30,000');
  await resumeAndFinish(page, 8);
  await page.getByTestId('dismiss-worker-banner').click();
  await expect(banner).toHaveCount(0);
});

test('(d) a project exported to a file imports into a fresh browser profile with its dataset and recipe', async ({ page, browser }) => {
  await openApp(page);
  await loadSample(page, 'uci');
  await goExplore(page);
  await page.locator('[data-testid="finding"][data-finding-id="rareCodes:MARRIAGE"]').getByTestId('apply-fix').click();
  await expect(page.getByTestId('recipe-step')).toHaveCount(1);
  await saved(page);

  await page.getByTestId('projects-button').click();
  const dialog = page.getByTestId('projects-dialog');
  await expect(dialog.getByTestId('project-row')).toHaveCount(1);
  await expect(dialog.getByTestId('storage-usage')).toContainText('Storage used');
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('export-project').click()]);
  expect(download.suggestedFilename()).toMatch(/^synthcredit-project-.*\.json$/);
  const file = await download.path();

  // a new context has an empty IndexedDB
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  try {
    await openApp(other);
    await restored(other);
    await expect(other.getByTestId('dataset-summary')).toHaveCount(0);
    await other.getByTestId('projects-button').click();
    await expect(other.getByTestId('projects-dialog').getByTestId('project-row')).toHaveCount(0);
    await other.getByTestId('import-project-input').setInputFiles(file);
    await expect(other.getByTestId('projects-button')).toContainText('uci_credit_card_default', { timeout: 60_000 });
    await expect(other.getByRole('heading', { name: 'Clean and explore' })).toBeVisible();
    await expect(other.locator('[data-testid="recipe-step"][data-step-id="fix-rareCodes-MARRIAGE"]')).toBeVisible();
    await other.getByRole('button', { name: '1 Load' }).click();
    await expect(other.getByTestId('dataset-summary')).toContainText('30,000');

    // a file that is not a project is refused with a reason
    await other.getByTestId('projects-button').click();
    await other.getByTestId('import-project-input').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"other"}') });
    await expect(other.getByTestId('projects-error')).toContainText('not a SynthCredit project');
  } finally {
    await fresh.close();
  }
});
