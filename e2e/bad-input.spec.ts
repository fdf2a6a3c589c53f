import { test, expect, type Page } from '@playwright/test';
import { openApp } from './support/app';
import { uploadFile, loadSample } from './support/dataset';

async function expectError(page: Page, code: string, text: RegExp) {
  const box = page.getByTestId('load-error');
  await expect(box).toBeVisible();
  await expect(box).toHaveAttribute('data-code', code);
  await expect(box).toContainText(text);
}

test('empty file, header only and binary file give specific errors; the loaded data survives', async ({ page }) => {
  await openApp(page);
  await loadSample(page, 'transactions');
  await uploadFile(page, 'empty.csv', '');
  await expectError(page, 'empty', /empty/i);
  await expect(page.getByTestId('load-error')).toContainText('card_transactions_fraud.csv');
  await uploadFile(page, 'header.csv', 'a,b,c\n');
  await expectError(page, 'header-only', /header/i);
  const binary = Buffer.alloc(4096);
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919) % 256;
  await uploadFile(page, 'photo.csv', binary);
  await expectError(page, 'binary', /binary/i);
  // still usable: the previous dataset is still shown and a good file loads
  await expect(page.getByTestId('row-count')).toHaveText('2,001');
  await uploadFile(page, 'good.csv', 'x,y\n1,2\n');
  await expect(page.getByTestId('row-count')).toHaveText('1');
  await expect(page.getByTestId('load-error')).toHaveCount(0);
});

test('ragged rows are reported by line and can be skipped', async ({ page }) => {
  await openApp(page);
  await uploadFile(page, 'ragged.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8\n9,10,11,12\n');
  await expectError(page, 'ragged', /line 3/i);
  await page.getByRole('button', { name: /skipping those rows/i }).click();
  await expect(page.getByTestId('row-count')).toHaveText('2');
  await expect(page.getByTestId('dataset-summary')).toContainText('Skipped 2');
});

test('Windows-1252 text is decoded with a notice; duplicate, empty and blank column names are fixed with notices', async ({ page }) => {
  await openApp(page);
  const bytes = Buffer.from('name,city,name,,empty\nJos\xe9,M\xfcnchen,x,1,\nAna,Z\xfcrich,y,2,\n', 'latin1');
  await uploadFile(page, 'legacy.csv', bytes);
  const notices = page.getByTestId('notices');
  await expect(notices).toContainText(/Windows-1252/i);
  await expect(notices).toContainText(/repeats the name/i);
  await expect(notices).toContainText(/empty/i);
  await expect(page.getByTestId('preview-grid')).toContainText('José');
  await expect(page.getByTestId('preview-grid')).toContainText('München');
});
