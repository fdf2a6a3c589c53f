import { test, expect } from '@playwright/test';
import { openApp } from './support/app';
import { loadSample } from './support/dataset';
import { trainDefaultEngineAndGenerate } from './support/engine';

test('UCI: validate sequential-tree rows, refine them against the detector in one click, history shows before and after', async ({ page }) => {
  test.setTimeout(600_000);
  await openApp(page);
  await loadSample(page, 'uci');

  await trainDefaultEngineAndGenerate(page, 2000);

  await page.getByRole('button', { name: '5 Validate' }).click();
  await expect(page.getByTestId('detection-giveaways')).toBeVisible({ timeout: 240_000 });
  // the detector used every synthetic row (2,000 a side), and says so
  await expect(page.getByTestId('detection-giveaways')).toContainText('2,000 synthetic rows');
  const refine = page.getByTestId('refine-button');
  await expect(refine).toBeEnabled();
  await refine.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('refine-progress')).toBeVisible();
  await expect(page.getByTestId('refine-cancel')).toBeVisible();
  await expect(page.getByTestId('refine-outcome')).toBeVisible({ timeout: 300_000 });
  await expect(page.getByTestId('refine-outcome')).toContainText('Kept 2,000 of 20,000 candidates');

  // the refined rows are a new run, validated: the history holds both with a detection score
  await expect(page.getByTestId('validate-source')).toContainText('refined by a detector', { timeout: 240_000 });
  const rows = page.getByTestId('run-history').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  const detections = await page.getByTestId('run-detection').allTextContents();
  expect(detections).toHaveLength(2);
  for (const d of detections) {
    // fmtNum prints 1 for a detector that cannot tell at all
    const v = Number(d);
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThanOrEqual(1);
  }
  await expect(rows.filter({ hasText: 'refined by a detector' })).toHaveCount(1);
  await page.screenshot({ path: '/tmp/refine-validate.png', fullPage: true });
});
