import { expect, type Page } from '@playwright/test';

/** Network sizes and schedule of a GAN small enough to train in seconds on WASM. */
export interface TinyGanSettings {
  epochs: number;
  /** units of every generator and discriminator layer (two layers each) and of the embedding */
  width: number;
  batchSize: number;
  /** epochs between quality probes; the preset's when left out */
  probeEvery?: number;
}

/** 2 epochs of 32-unit networks; fewer, larger steps: the tests check the pipeline, not the quality. */
export const TINY_GAN: TinyGanSettings = { epochs: 2, width: 32, batchSize: 500, probeEvery: 1 };

export async function setSetting(page: Page, key: string, value: string): Promise<void> {
  const input = page.getByTestId(`setting-${key}`);
  await input.fill(value);
  await expect(input).toHaveValue(value);
}

/** Step 3 with the GAN picked (the sequential-trees engine is the default). */
export async function openGanTraining(page: Page): Promise<void> {
  await page.getByRole('button', { name: '3 Train', exact: true }).click();
  await page.getByTestId('engine-ctgan').check();
  await expect(page.getByTestId('train-plan')).toContainText('rows of the train split');
}

/** Fill the advanced settings (their panel open) with a tiny GAN's. */
export async function fillTinyGanSettings(page: Page, settings: TinyGanSettings = TINY_GAN): Promise<void> {
  const layers = `${settings.width}, ${settings.width}`;
  await setSetting(page, 'epochs', String(settings.epochs));
  await setSetting(page, 'generatorDims', layers);
  await setSetting(page, 'discriminatorDims', layers);
  await setSetting(page, 'embeddingDim', String(settings.width));
  await setSetting(page, 'batchSize', String(settings.batchSize));
  if (settings.probeEvery !== undefined) await setSetting(page, 'probeEvery', String(settings.probeEvery));
}

/** Start a tiny GAN on the loaded dataset from the quick preset; returns once training is started. */
export async function startTinyGan(page: Page, settings: TinyGanSettings = TINY_GAN): Promise<void> {
  await openGanTraining(page);
  await page.getByTestId('preset-quick').check();
  await page.getByTestId('advanced-settings').locator('summary').click();
  await fillTinyGanSettings(page, settings);
  await page.getByTestId('start-training').click();
}

/** A tiny GAN on the loaded dataset, trained to the end. */
export async function trainTinyGan(page: Page): Promise<void> {
  await startTinyGan(page);
  await expect(page.getByTestId('train-progress')).toHaveAttribute('data-phase', 'finished', { timeout: 120_000 });
}

/** Generate `rows` rows from the GAN on step 3 and wait until they are there. */
export async function generateGanRows(page: Page, rows: number): Promise<void> {
  await page.getByTestId('generate-rows').fill(String(rows));
  await page.getByTestId('generate').click();
  await expect(page.getByTestId('generation-summary')).toContainText(rows.toLocaleString('en-US'));
}
