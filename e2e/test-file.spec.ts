import { test, expect } from '@playwright/test';
import { openApp } from './support/app';
import { uploadFile } from './support/dataset';

function csv(n: number, offset: number, header = 'id,age,limit,grade,default'): string {
  const lines = [header];
  for (let i = offset; i < offset + n; i++) lines.push(`c${i},${20 + ((i * 7) % 40)},${(1 + ((i * 5) % 9)) * 10000},${['a', 'b', 'c'][i % 3]},${i % 4 === 0 ? 1 : 0}`);
  return lines.join('\n') + '\n';
}

test('a separate test file: other columns are refused by name; the same columns make every loaded row train', async ({ page }) => {
  await openApp(page);
  await uploadFile(page, 'train.csv', csv(300, 0));
  await expect(page.getByTestId('dataset-summary')).toBeVisible();
  await page.getByRole('button', { name: '2 Clean & explore' }).click();
  await expect(page.getByRole('heading', { name: 'Clean and explore' })).toBeVisible();

  const input = page.getByTestId('test-file-input');
  await input.setInputFiles({ name: 'wrong.csv', mimeType: 'text/csv', buffer: Buffer.from(csv(40, 1000, 'id,age,credit_limit,grade,default')) });
  await expect(page.getByTestId('split-error')).toContainText('lacks "limit"');
  await expect(page.getByTestId('split-error')).toContainText('"credit_limit"');

  await input.setInputFiles({ name: 'test.csv', mimeType: 'text/csv', buffer: Buffer.from(csv(50, 1000)) });
  await expect(page.getByTestId('split-result')).toContainText('test rows from the file "test.csv"');
  await expect(page.getByTestId('split-train-rows')).toHaveText('300');
  await expect(page.getByTestId('split-test-rows')).toHaveText('50');

  // a random split again is one click away
  await page.getByTestId('make-split').click();
  await expect(page.getByTestId('split-test-rows')).toHaveText('60');
});
