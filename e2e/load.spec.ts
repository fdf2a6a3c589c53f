import { test, expect } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { openApp } from './support/app';
import { loadSample, uploadFile, roleOf } from './support/dataset';

test('the UCI sample loads with the expected schema and target', async ({ page }) => {
  await openApp(page);
  await loadSample(page, 'uci');
  await expect(page.getByTestId('row-count')).toHaveText('30,000');
  await expect(page.getByTestId('column-count')).toHaveText('25');
  expect(await roleOf(page, 'ID')).toBe('identifier');
  for (const c of ['SEX', 'EDUCATION', 'MARRIAGE', 'PAY_0', 'PAY_2', 'PAY_3', 'PAY_4', 'PAY_5', 'PAY_6']) {
    expect(await roleOf(page, c), c).toBe('categorical');
  }
  for (const c of ['LIMIT_BAL', 'AGE', 'BILL_AMT1', 'BILL_AMT6', 'PAY_AMT1', 'PAY_AMT6']) {
    expect(await roleOf(page, c), c).toBe('continuous');
  }
  await expect(page.getByTestId('target-select')).toHaveValue('default_payment_next_month');
  // attribution of the bundled data is shown
  await expect(page.getByText('Yeh, I-C. and Lien, C-H. (2009)', { exact: false })).toBeVisible();
  // the virtualised preview shows the first row and keeps far fewer rows than 30,000 in the DOM
  const grid = page.getByTestId('preview-grid');
  await expect(grid.getByRole('row').nth(1)).toContainText('20000');
  expect(await grid.getByRole('row').count()).toBeLessThan(200);
  await grid.evaluate((el) => (el.scrollTop = 28 * 29_990));
  await expect(grid).toContainText('30000');
});

test('the transactions sample: datetimes, identifiers and fraud target', async ({ page }) => {
  await openApp(page);
  await loadSample(page, 'transactions');
  await expect(page.getByTestId('row-count')).toHaveText('2,001');
  expect(await roleOf(page, 'trans_date_trans_time')).toBe('datetime');
  expect(await roleOf(page, 'dob')).toBe('datetime');
  expect(await roleOf(page, 'cc_num')).toBe('identifier');
  expect(await roleOf(page, 'trans_num')).toBe('identifier');
  expect(['categorical', 'text']).toContain(await roleOf(page, 'merchant'));
  await expect(page.getByTestId('target-select')).toHaveValue('is_fraud');
});

test('a user can override a role and the target', async ({ page }) => {
  await openApp(page);
  await loadSample(page, 'uci');
  await page.getByLabel('Role of AGE').selectOption('categorical');
  await expect(page.locator('tr[data-column="AGE"]')).toHaveAttribute('data-role', 'categorical');
  await expect(page.locator('tr[data-column="AGE"]')).toContainText('inferred: continuous');
  await page.getByTestId('target-select').selectOption('SEX');
  await expect(page.getByTestId('target-select')).toHaveValue('SEX');
});

test('semicolon, BOM, quoted newlines and CRLF from the file picker', async ({ page }) => {
  await openApp(page);
  const csv = '\uFEFFname;amount;note\r\n"Smith; J";12,5;"line one\r\nline two"\r\nLee;7;plain\r\n\r\n';
  await uploadFile(page, 'semi.csv', csv);
  await expect(page.getByTestId('row-count')).toHaveText('2');
  await expect(page.getByTestId('column-count')).toHaveText('3');
  await expect(page.getByTestId('dataset-summary')).toContainText('“;”');
  await expect(page.getByTestId('preview-grid')).toContainText('Smith; J');
});

test('tab-separated gzip file', async ({ page }) => {
  await openApp(page);
  const rows = ['a\tb\tlabel', ...Array.from({ length: 50 }, (_, i) => `${i}\t${(i * 1.5).toFixed(1)}\t${i % 2}`)].join('\n');
  await uploadFile(page, 'data.tsv.gz', gzipSync(Buffer.from(rows)), 'application/gzip');
  await expect(page.getByTestId('row-count')).toHaveText('50');
  await expect(page.getByTestId('dataset-summary')).toContainText('tab');
  await expect(page.getByTestId('dataset-summary')).toContainText('gzip');
});

test('drag and drop a file onto the drop zone', async ({ page }) => {
  await openApp(page);
  const dataTransfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['x,y\n1,2\n3,4\n'], 'dropped.csv', { type: 'text/csv' }));
    return dt;
  });
  await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('dataset-summary')).toContainText('dropped.csv');
  await expect(page.getByTestId('row-count')).toHaveText('2');
});
