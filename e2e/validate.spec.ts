import { test, expect, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { openApp, useWasm } from './support/app';
import { loadSample } from './support/dataset';
import { trainTinyGan, generateGanRows } from './support/tiny-gan';

function card(page: Page, id: string) {
  return page.locator(`[data-testid="score-card"][data-card="${id}"]`);
}

test('without synthetic data the validate step says what to do first', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: '5 Validate' }).click();
  await expect(page.getByTestId('validate-empty')).toContainText('No dataset is loaded');
  await page.getByRole('button', { name: '1 Load' }).click();
  await loadSample(page, 'uci');
  await page.getByRole('button', { name: '5 Validate' }).click();
  await expect(page.getByTestId('validate-empty')).toContainText(/train a GAN in step 3/i);
  await expect(page.getByRole('button', { name: /Go to step 3/ })).toBeVisible();
});

test('UCI: train a tiny GAN, generate, validate: scores, heatmaps, run history and a self-contained HTML report', async ({ page }) => {
  test.setTimeout(420_000);
  await openApp(page);
  await useWasm(page);
  await loadSample(page, 'uci');
  await trainTinyGan(page);
  await generateGanRows(page, 1000);

  await page.getByRole('button', { name: '5 Validate' }).click();
  await expect(page.getByRole('heading', { name: 'Validate the synthetic data' })).toBeVisible();
  // the report is built on opening
  await expect(page.getByTestId('score-cards')).toBeVisible({ timeout: 240_000 });
  await expect(page.getByTestId('score-card')).toHaveCount(10);
  const overallText = (await card(page, 'overall').getByTestId('score-value').textContent()) ?? '';
  expect(overallText).toMatch(/^0\.\d{3}$/);
  const overall = Number(overallText);
  expect(overall).toBeGreaterThan(0.3);
  for (const id of ['overall', 'columnShapes', 'pairTrends', 'strongPairs', 'utility', 'dcrRatio', 'exactCopies', 'mia', 'replay']) {
    await expect(card(page, id).getByTestId('verdict'), id).toHaveText(/Good|Caution|Problem|Not judged/);
  }
  // the ID column is never generated, so nothing is replayed
  await expect(card(page, 'replay').getByTestId('score-value')).toHaveText('0');
  await expect(page.getByTestId('validate-source')).toContainText('1,000 synthetic rows');

  // side by side + overlaid distribution of a chosen column
  await expect(page.getByTestId('side-by-side').locator('tr[data-column="LIMIT_BAL"]')).toBeVisible();
  await expect(page.getByTestId('chart-validate-column').locator('svg').first()).toBeVisible();
  await page.getByTestId('validate-column').selectOption('PAY_0');
  await expect(page.getByTestId('chart-validate-column').locator('svg').first()).toBeVisible();

  // the three heatmaps draw
  for (const id of ['heatmap-real', 'heatmap-synthetic', 'heatmap-difference']) {
    await expect(page.getByTestId(id).locator('svg').first(), id).toBeVisible();
  }
  await expect(page.getByTestId('privacy-table')).toContainText('Exact copies');
  await expect(page.getByTestId('utility-table').locator('tr[data-model="logistic-regression"]')).toBeVisible();

  // the run history holds this run, marked best (the only validated one)
  const runs = page.getByTestId('run-history').locator('tbody tr');
  await expect(runs).toHaveCount(1);
  await expect(runs.first().getByTestId('best-run')).toBeVisible();
  await expect(runs.first()).toContainText('2 epochs');
  await page.screenshot({ path: '/tmp/validate-screen.png', fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('download-report').click()]);
  expect(download.suggestedFilename()).toMatch(/^synthcredit-validation-run-1\.html$/);
  const html = readFileSync(await download.path(), 'utf8');
  writeFileSync('/tmp/validate-report.html', html);
  expect(html.startsWith('<!doctype html>')).toBe(true);
  // no external reference: the only URL is the SVG namespace; no script, no linked resource
  const urls = new Set(html.match(/[a-z][a-z0-9+.-]*:\/\/[^\s"'<>)]*/gi) ?? []);
  expect([...urls]).toEqual(['http://www.w3.org/2000/svg']);
  expect(html).not.toMatch(/<(script|link|img|iframe|object|embed)\b/i);
  expect(html).not.toMatch(/\s(src|href)\s*=\s*["']?(?!#)/i);
  // the score is in it, and the charts are inline SVG
  expect(html).toContain(`<div class="value">${overallText}</div>`);
  expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(4);
  expect(html).toContain('LIMIT_BAL');
});
