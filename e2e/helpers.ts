import { expect, type Page } from '@playwright/test';

/** Open the app and wait until the worker has chosen a compute backend. */
export async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('active-backend')).toHaveAttribute('data-backend', /\w+/);
  // loading is possible once the last project (if any) has been reopened
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-restored', 'yes');
}

export async function loadSample(page: Page, id: 'uci' | 'transactions' | 'histories'): Promise<void> {
  await page.getByTestId(`sample-${id}`).click();
  await expect(page.getByTestId('dataset-summary')).toBeVisible();
}

/** Upload an in-memory file through the file picker. */
export async function uploadFile(page: Page, name: string, content: string | Buffer, mimeType = 'text/csv'): Promise<void> {
  await page.getByTestId('file-input').setInputFiles({ name, mimeType, buffer: typeof content === 'string' ? Buffer.from(content, 'utf8') : content });
}

export async function roleOf(page: Page, column: string): Promise<string | null> {
  return page.locator(`tr[data-column="${column}"]`).getAttribute('data-role');
}

export async function useWasm(page: Page): Promise<void> {
  await page.getByLabel('Compute backend').selectOption('wasm');
  await expect(page.getByTestId('active-backend')).toHaveAttribute('data-backend', 'wasm');
}

export async function setSetting(page: Page, key: string, value: string): Promise<void> {
  const input = page.getByTestId(`setting-${key}`);
  await input.fill(value);
  await expect(input).toHaveValue(value);
}

/** A tiny GAN on the loaded sample: quick preset, 2 epochs, 32-unit networks (seconds on WASM). */
export async function trainTinyGan(page: Page): Promise<void> {
  await page.getByRole('button', { name: '3 Train', exact: true }).click();
  // the sequential-trees engine is the default; these tests train the GAN
  await page.getByTestId('engine-ctgan').check();
  await expect(page.getByTestId('train-plan')).toContainText('rows of the train split');
  await page.getByTestId('preset-quick').check();
  await page.getByTestId('advanced-settings').locator('summary').click();
  await setSetting(page, 'epochs', '2');
  await setSetting(page, 'generatorDims', '32, 32');
  await setSetting(page, 'discriminatorDims', '32, 32');
  await setSetting(page, 'embeddingDim', '32');
  // fewer, larger steps: the tests check the pipeline, not the quality
  await setSetting(page, 'batchSize', '500');
  await setSetting(page, 'probeEvery', '1');
  await page.getByTestId('start-training').click();
  await expect(page.getByTestId('train-progress')).toHaveAttribute('data-phase', 'finished', { timeout: 120_000 });
}
