import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openApp, useWasm } from './support/app';
import { loadSample } from './support/dataset';
import { trainTinyGan } from './support/tiny-gan';

test('generate step: says to train first, then 2,000 what-if rows (default = 1, AGE < 30) and a CSV download', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page);
  await useWasm(page);
  await loadSample(page, 'uci');

  // before training: a clear pointer to step 3
  await page.getByRole('button', { name: '4 Generate' }).click();
  await expect(page.getByTestId('gen-no-model')).toContainText('No trained model yet');
  await expect(page.getByTestId('gen-no-model')).toContainText('Train');

  await trainTinyGan(page);
  await page.getByRole('button', { name: '4 Generate' }).click();
  await expect(page.getByTestId('gen-model')).toContainText('2 epochs');
  // suggested constraints are pre-filled and on
  await expect(page.getByTestId('constraint-list')).toContainText('PAY_AMT1 ≥ 0');
  await expect(page.getByTestId('constraint-ineq:PAY_AMT1>=0')).toBeChecked();
  // ID is an identifier: placeholders, never the real values
  await expect(page.getByTestId('identifier-options')).toContainText('ID');

  await page.getByTestId('gen-rows').fill('2000');
  await page.getByTestId('whatif-add-fix').click();
  await page.getByTestId('whatif-fix-column-0').selectOption('default_payment_next_month');
  await page.getByTestId('whatif-fix-label-0').selectOption('1');
  await page.getByTestId('whatif-add-range').click();
  await page.getByTestId('whatif-range-column-0').selectOption('AGE');
  await page.getByTestId('whatif-range-op-0').selectOption('<');
  await page.getByTestId('whatif-range-value-0').fill('30');
  await page.getByTestId('gen-run').click();

  const result = page.getByTestId('gen-result');
  await expect(result).toBeVisible({ timeout: 120_000 });
  await expect(result).toHaveAttribute('data-rows', '2000');
  await expect(page.getByTestId('gen-acceptance')).toContainText('%');
  const acceptance = Number(await result.getAttribute('data-acceptance'));
  expect(acceptance).toBeGreaterThan(0);
  console.log(`acceptance rate with default constraints: ${(acceptance * 100).toFixed(2)} %`);
  expect(acceptance).toBeLessThanOrEqual(1);
  await expect(page.getByTestId('gen-replay')).toContainText('0');

  // every preview row satisfies both conditions
  const preview = page.getByTestId('gen-preview');
  const ages = await preview.locator('tbody td[data-column="AGE"]').allTextContents();
  const defaults = await preview.locator('tbody td[data-column="default_payment_next_month"]').allTextContents();
  expect(ages.length).toBeGreaterThan(0);
  expect(defaults).toHaveLength(ages.length);
  for (const a of ages) expect(Number(a)).toBeLessThan(30);
  for (const d of defaults) expect(d).toBe('1');
  await expect(page.getByTestId('gen-chart')).toBeVisible();
  await page.screenshot({ path: '/tmp/generate-result.png', fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('gen-download').click()]);
  expect(download.suggestedFilename()).toBe('synthetic.csv');
  const lines = readFileSync(await download.path(), 'utf8').trimEnd().split(/\r?\n/);
  expect(lines).toHaveLength(2001);
  const header = lines[0].split(',');
  expect(header).toContain('AGE');
  const ageAt = header.indexOf('AGE');
  const defAt = header.indexOf('default_payment_next_month');
  const idAt = header.indexOf('ID');
  const realIds = new Set(readFileSync('public/samples/uci_credit_card_default.csv', 'utf8').split('\n').slice(1).map((l) => l.split(',')[0]));
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    expect(cells).toHaveLength(header.length);
    expect(Number(cells[ageAt])).toBeLessThan(30);
    expect(cells[defAt]).toBe('1');
    if (idAt >= 0) expect(realIds.has(cells[idAt])).toBe(false);
  }
});
