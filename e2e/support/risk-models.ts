import { expect, type Locator, type Page } from '@playwright/test';

/** On step 6: train the logistic regression alone on the real train split; returns its result row. */
export async function trainLogisticRegression(page: Page): Promise<Locator> {
  await page.getByTestId('model-gbdt').uncheck();
  await expect(page.getByTestId('model-logistic')).toBeChecked();
  await page.getByTestId('train-risk').click();
  const row = page.locator('[data-testid="result-row"][data-model="logistic"][data-mode="real"]');
  await expect(row).toHaveCount(1, { timeout: 180_000 });
  return row;
}
