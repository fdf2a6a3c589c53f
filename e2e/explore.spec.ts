import { test, expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { openApp } from './support/app';
import { loadSample, uploadFile } from './support/dataset';
import { goExplore } from './support/steps';

function summaryCell(page: Page, column: string, stat: string) {
  return page.locator(`[data-testid="summary-table"] tr[data-column="${column}"] [data-stat="${stat}"]`);
}

function percent(text: string | null): number {
  const m = /(-?\d+(?:\.\d+)?)\s*%/.exec(text ?? '');
  if (!m) throw new Error(`no percentage in ${JSON.stringify(text)}`);
  return Number(m[1]);
}

test('UCI: the EDUCATION code finding is fixed, charts render, and a stratified 80/20 split keeps the default rate', async ({ page }) => {
  await openApp(page);
  await loadSample(page, 'uci');
  await goExplore(page);

  const finding = page.locator('[data-testid="finding"][data-finding-id="rareCodes:EDUCATION"]');
  await expect(finding).toContainText('EDUCATION');
  await expect(finding).toContainText('345');
  await expect(summaryCell(page, 'EDUCATION', 'distinct')).toHaveText('7');

  await finding.getByTestId('apply-fix').click();
  const step = page.locator('[data-testid="recipe-step"][data-step-id="fix-rareCodes-EDUCATION"]');
  await expect(step).toContainText('EDUCATION');
  await expect(step.getByTestId('step-effect')).toHaveText(/rows removed 0 · cells changed 345/);
  await expect(finding.getByTestId('apply-fix')).toHaveText(/In recipe/);
  await expect(finding.getByTestId('apply-fix')).toBeDisabled();
  // codes 0, 5, 6 merged into 4: four levels left
  await expect(summaryCell(page, 'EDUCATION', 'distinct')).toHaveText('4');

  // undo is free: switching the step off restores the data as loaded, switching it on applies it again
  // (the checkbox follows the worker's answer, so click and then wait for it)
  await step.getByRole('checkbox').click();
  await expect(step.getByRole('checkbox')).not.toBeChecked();
  await expect(step.getByTestId('step-effect')).toHaveText('disabled');
  await expect(summaryCell(page, 'EDUCATION', 'distinct')).toHaveText('7');
  await step.getByRole('checkbox').click();
  await expect(step.getByRole('checkbox')).toBeChecked();
  await expect(step.getByTestId('step-effect')).toHaveText(/cells changed 345/);
  await expect(summaryCell(page, 'EDUCATION', 'distinct')).toHaveText('4');

  // every chart draws an SVG
  for (const id of ['chart-target-balance', 'chart-column', 'chart-heatmap', 'chart-pair']) {
    await expect(page.getByTestId(id).locator('svg').first(), id).toBeVisible();
  }
  await expect(page.getByTestId('target-rate')).toContainText('22.1 %');
  // the per-column chart follows the chosen column (a categorical one here)
  await page.getByTestId('histogram-column').selectOption('PAY_0');
  await expect(page.getByTestId('chart-column').locator('svg').first()).toBeVisible();
  // a click on a heatmap cell charts that pair; its tooltip names the measure
  const cell = page.getByTestId('chart-heatmap').locator('g.mark-rect path[aria-label^="b: EDUCATION; a: LIMIT_BAL;"]');
  await expect(cell).toHaveAttribute('aria-label', /measure: correlation ratio/);
  await cell.click();
  await expect(page.getByTestId('pair-x')).toHaveValue('LIMIT_BAL');
  await expect(page.getByTestId('pair-y')).toHaveValue('EDUCATION');
  await expect(page.getByTestId('pair-note')).toContainText('Counts over all 30,000 rows');
  await expect(page.getByTestId('chart-heatmap').locator('g.mark-rect path[aria-label^="b: SEX; a: MARRIAGE;"]')).toHaveAttribute('aria-label', /Cramér’s V/);
  await expect(page.getByTestId('chart-heatmap').locator('g.mark-rect path[aria-label^="b: AGE; a: LIMIT_BAL;"]')).toHaveAttribute('aria-label', /Pearson r/);
  // a numeric pair is drawn from a sample of at most 5,000 rows
  await page.getByTestId('pair-x').selectOption('LIMIT_BAL');
  await page.getByTestId('pair-y').selectOption('BILL_AMT1');
  await expect(page.getByTestId('pair-note')).toContainText('sample of 5,000 of 30,000 rows');
  await expect(page.getByTestId('chart-pair').locator('svg .mark-symbol path').first()).toBeAttached();

  // the default split: 80/20, stratified
  await expect(page.getByTestId('split-fraction')).toHaveValue('0.2');
  await page.getByTestId('make-split').click();
  await expect(page.getByTestId('split-train-rows')).toHaveText('24,000');
  await expect(page.getByTestId('split-test-rows')).toHaveText('6,000');
  const trainRate = percent(await page.getByTestId('split-train-rate').textContent());
  const testRate = percent(await page.getByTestId('split-test-rate').textContent());
  expect(trainRate).toBeCloseTo(22.12, 1);
  expect(Math.abs(trainRate - testRate)).toBeLessThan(0.02);
});

test('the recipe exports as JSON and imports back; an invalid file leaves the recipe unchanged', async ({ page }) => {
  await openApp(page);
  await loadSample(page, 'uci');
  await goExplore(page);
  await page.locator('[data-testid="finding"][data-finding-id="rareCodes:MARRIAGE"]').getByTestId('apply-fix').click();
  const steps = page.getByTestId('recipe-step');
  await expect(steps).toHaveCount(1);
  await expect(steps.first().getByTestId('step-effect')).toHaveText(/cells changed 54/);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-recipe').click()]);
  const json = await readFile((await download.path())!, 'utf8');
  expect(JSON.parse(json)).toMatchObject({ version: 1, steps: [{ id: 'fix-rareCodes-MARRIAGE', kind: 'remapCategories', column: 'MARRIAGE' }] });

  // a hand-added step: drop the ID column
  await page.getByTestId('add-step-kind').selectOption('dropColumns');
  await page.getByTestId('add-step-columns').selectOption(['ID']);
  await page.getByTestId('add-step').click();
  await expect(steps).toHaveCount(2);
  await expect(page.getByTestId('cleaned-columns')).toHaveText('24');

  // invalid JSON: a clear error, nothing changed
  await page.getByTestId('recipe-file-input').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 1, "steps": [{"id": "x"}]}') });
  await expect(page.getByTestId('recipe-error')).toContainText(/Invalid cleaning recipe/);
  await expect(steps).toHaveCount(2);

  // a valid file replaces the recipe
  await page.getByTestId('recipe-file-input').setInputFiles({ name: 'recipe.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await expect(steps).toHaveCount(1);
  await expect(page.getByTestId('recipe-error')).toHaveCount(0);
  await expect(page.getByTestId('cleaned-columns')).toHaveText('25');

  // a recipe that names a column this data lacks is refused with its reason
  const foreign = { version: 1, steps: [{ id: 'drop-x', kind: 'dropColumns', enabled: true, columns: ['NOT_HERE'] }] };
  await page.getByTestId('recipe-file-input').setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(foreign)) });
  await expect(page.getByTestId('recipe-error')).toContainText('NOT_HERE');
  await expect(steps).toHaveCount(1);

  // by hand: remap a category, move it up, delete it
  await page.getByTestId('add-step-kind').selectOption('remapCategories');
  await page.getByTestId('add-step-column').selectOption('SEX');
  await page.getByLabel('Labels (comma-separated)').fill('1');
  await page.getByLabel('become').fill('2');
  await page.getByTestId('add-step').click();
  await expect(steps).toHaveCount(2);
  await steps.nth(1).getByRole('button', { name: /Move step 2 up/ }).click();
  await expect(steps.first()).toHaveAttribute('data-step-id', 'remap-SEX');
  await steps.first().getByRole('button', { name: /Delete step 1/ }).click();
  await expect(steps).toHaveCount(1);
});

/** Like the UCI Credit Approval data: `?` marks missing values, and some cells are blank. */
function creditApprovalLike(): string {
  const lines = ['A1,A2,A3,A4,A9,A14,class'];
  for (let i = 0; i < 60; i++) {
    const a1 = i % 13 === 0 ? '?' : i % 3 === 0 ? 'a' : 'b';
    const a2 = i % 11 === 0 ? '?' : (20 + ((i * 7) % 40) + 0.25 * (i % 4)).toFixed(2);
    const a3 = ((i * 37) % 100) / 10;
    const a4 = i % 17 === 5 ? '' : ['u', 'y', 'l'][i % 3];
    const a9 = i % 2 === 0 ? 't' : 'f';
    const a14 = i % 19 === 0 ? '' : String(100 + ((i * 53) % 400));
    const cls = i % 5 < 2 ? '+' : '-';
    lines.push([a1, a2, a3, a4, a9, a14, cls].join(','));
  }
  return lines.join('\n') + '\n';
}

test('missing markers (? and blank cells) are found and imputed', async ({ page }) => {
  await openApp(page);
  await uploadFile(page, 'credit-approval-like.csv', creditApprovalLike());
  await expect(page.getByTestId('row-count')).toHaveText('60');
  await goExplore(page);

  // A2 is numeric with `?` (6 of 60); A4 is categorical with blanks (4 of 60)
  const a2 = page.locator('[data-testid="finding"][data-finding-id="missing:A2"]');
  await expect(a2).toContainText('6 missing');
  const a4 = page.locator('[data-testid="finding"][data-finding-id="missing:A4"]');
  await expect(a4).toContainText('4 missing');
  await expect(summaryCell(page, 'A2', 'missing')).toHaveText('6');
  await expect(summaryCell(page, 'A4', 'missing')).toHaveText('4');

  await a2.getByTestId('apply-fix').click();
  const step = page.locator('[data-testid="recipe-step"][data-kind="impute"]');
  await expect(step.getByTestId('step-effect')).toHaveText(/cells changed 6/);
  await expect(summaryCell(page, 'A2', 'missing')).toHaveText('0');
  await expect(summaryCell(page, 'A2', 'count')).toHaveText('60');
  // the suggested fix adds a "was missing" indicator column
  await expect(page.locator('[data-testid="summary-table"] tr[data-column="A2_was_missing"]')).toBeVisible();

  // by hand: the categorical A4 with its mode
  await page.getByTestId('add-step-kind').selectOption('impute');
  await page.getByTestId('add-step-column').selectOption('A4');
  await expect(page.getByTestId('add-step-method')).toHaveValue('mode');
  await page.getByTestId('add-step').click();
  await expect(page.getByTestId('recipe-step')).toHaveCount(2);
  await expect(summaryCell(page, 'A4', 'missing')).toHaveText('0');

  // a constant fill without a value is caught by the form, with a message
  await page.getByTestId('add-step-column').selectOption('A1');
  await page.getByTestId('add-step-method').selectOption('constant');
  await page.getByTestId('add-step').click();
  await expect(page.getByTestId('add-step-problem')).toContainText('constant');
});

test('a role change under the recipe names the failing step; editing repairs it', async ({ page }) => {
  await openApp(page);
  await loadSample(page, 'uci');
  await goExplore(page);
  await page.locator('[data-testid="finding"][data-finding-id="rareCodes:MARRIAGE"]').getByTestId('apply-fix').click();
  await page.locator('[data-testid="finding"][data-finding-id="outliers:LIMIT_BAL"]').getByTestId('apply-fix').click();
  const steps = page.getByTestId('recipe-step');
  await expect(steps).toHaveCount(2);
  await expect(steps.nth(1).getByTestId('step-effect')).toHaveText(/cells changed \d+/);

  // MARRIAGE made continuous on the Load step: the remap no longer applies
  await page.getByRole('button', { name: '1 Load' }).click();
  await page.getByLabel('Role of MARRIAGE').selectOption('continuous');
  await expect(page.locator('tr[data-column="MARRIAGE"]')).toHaveAttribute('data-role', 'continuous');
  await goExplore(page);
  await expect(page.getByTestId('recipe-state-error')).toContainText('fix-rareCodes-MARRIAGE');
  await expect(steps.first().getByTestId('step-effect')).toHaveText(/failed/);
  await expect(steps.nth(1).getByTestId('step-effect')).toHaveText('not applied');

  // moving the cap step first (keyboard) applies it; deleting the broken step clears the error
  await steps.nth(1).getByRole('button', { name: 'Move step 2 up' }).focus();
  await page.keyboard.press('Enter');
  await expect(steps.first()).toHaveAttribute('data-step-id', 'fix-outliers-LIMIT_BAL');
  await expect(steps.first().getByTestId('step-effect')).toHaveText(/cells changed \d+/);
  await steps.nth(1).getByRole('button', { name: 'Delete step 2' }).click();
  await expect(steps).toHaveCount(1);
  await expect(page.getByTestId('recipe-state-error')).toHaveCount(0);
});
