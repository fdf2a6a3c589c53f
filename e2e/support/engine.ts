import { expect, type Page } from '@playwright/test';

/** On step 3: train the engine picked there and wait for its model. */
export async function trainEngine(page: Page): Promise<void> {
  await page.getByTestId('engine-train').click();
  await expect(page.getByTestId('engine-model')).toBeVisible({ timeout: 120_000 });
}

/** On step 4: generate `rows` rows from the current model and wait until they are there. */
export async function generateRows(page: Page, rows: number): Promise<void> {
  await page.getByTestId('gen-rows').fill(String(rows));
  await page.getByTestId('gen-run').click();
  await expect(page.getByTestId('gen-result')).toHaveAttribute('data-rows', String(rows), { timeout: 120_000 });
}

/** Train the default engine (sequential trees) on the loaded dataset's train split, then generate `rows` rows. */
export async function trainDefaultEngineAndGenerate(page: Page, rows: number): Promise<void> {
  await page.getByRole('button', { name: '3 Train', exact: true }).click();
  await trainEngine(page);
  await page.getByTestId('engine-go-generate').click();
  await generateRows(page, rows);
}
