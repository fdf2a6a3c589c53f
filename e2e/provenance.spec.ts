import { test, expect } from '@playwright/test';
import { openApp } from './support/app';
import { loadSample } from './support/dataset';
import { trainDefaultEngineAndGenerate } from './support/engine';

test('train, split again, open Validate: the split mismatch is said in plain words and no privacy verdict is shown as Good', async ({ page }) => {
  test.setTimeout(420_000);
  await openApp(page);
  await loadSample(page, 'uci');

  // train the default engine (sequential trees) on the default split, then generate
  await trainDefaultEngineAndGenerate(page, 1000);
  // the copy guard's work is visible: a count, not "not checked"
  await expect(page.getByTestId('gen-copies-rejected')).toContainText(/\d/);
  await expect(page.getByTestId('gen-copies-rejected')).not.toContainText('not checked');

  // split again with another seed: some training rows are now held out
  await page.getByRole('button', { name: '2 Clean & explore' }).click();
  await page.getByTestId('split-seed').fill('7');
  await page.getByTestId('make-split').click();
  await expect(page.getByTestId('split-result')).toContainText('seed 7');

  await page.getByRole('button', { name: '5 Validate' }).click();
  const mismatch = page.getByTestId('provenance-mismatch');
  await expect(mismatch).toBeVisible();
  await expect(mismatch).toContainText('trained on a different train/test split');
  await expect(mismatch).toContainText('seed 42');
  await expect(mismatch).toContainText('seed 7');
  await expect(page.getByTestId('restore-trained-split')).toBeVisible();
  await expect(page.getByTestId('retrain')).toBeVisible();
  // nothing was scored on the mismatched split: no score cards, no privacy table, no "Good" verdict anywhere
  await expect(page.getByTestId('validate-progress')).toHaveCount(0);
  await expect(page.getByTestId('score-cards')).toHaveCount(0);
  await expect(page.getByTestId('privacy-table')).toHaveCount(0);
  await expect(page.locator('[data-testid="verdict"][data-level="good"]')).toHaveCount(0);
  await expect(page.getByTestId('validate-copies-rejected')).toContainText('Copy guard');

  // the risk step refuses the synthetic modes for the same reason
  await page.getByRole('button', { name: '6 Risk models' }).click();
  await expect(page.getByTestId('synthetic-reason')).toContainText('trained on a different train/test split');

  // going back to the split it was trained on scores it there, and the message goes away
  await page.getByRole('button', { name: '5 Validate' }).click();
  await page.getByTestId('restore-trained-split').click();
  await expect(page.getByTestId('provenance-mismatch')).toHaveCount(0);
  await expect(page.getByTestId('privacy-table')).toBeVisible({ timeout: 300_000 });
  await expect(page.getByTestId('privacy-table').locator('tr[data-check="rare-copies"]')).toContainText('rare real row');
  // the guard rejected every copy of a rare row, so none is left
  await expect(page.getByTestId('privacy-table').locator('tr[data-check="rare-copies"] td.num')).toHaveText('0');
});
