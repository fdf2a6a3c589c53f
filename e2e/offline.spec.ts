import { test, expect } from '@playwright/test';
import { openApp, loadSample } from './helpers';

test('after the first visit the app reloads and works with the network off, training included', async ({ page, context }) => {
  test.setTimeout(180_000);
  await openApp(page);
  // wait until the service worker has precached everything and controls the page
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'SynthCredit' })).toBeVisible();
  await expect(page.getByTestId('active-backend')).toHaveAttribute('data-backend', /\w+/);
  await loadSample(page, 'uci');
  await expect(page.getByTestId('row-count')).toHaveText('30,000');
  // the WASM backend's binary also comes from the cache
  await page.getByLabel('Compute backend').selectOption('wasm');
  await expect(page.getByTestId('active-backend')).toHaveAttribute('data-selftest', '56');

  // train a few epochs of a tiny GAN, still offline
  await page.getByRole('button', { name: '3 Train', exact: true }).click();
  await page.getByTestId('engine-ctgan').check();
  await page.getByTestId('preset-quick').check();
  await page.getByTestId('advanced-settings').locator('summary').click();
  for (const [key, value] of [['epochs', '2'], ['generatorDims', '16, 16'], ['discriminatorDims', '16, 16'], ['embeddingDim', '16'], ['batchSize', '1000']]) {
    await page.getByTestId(`setting-${key}`).fill(value);
  }
  await page.getByTestId('start-training').click();
  const progress = page.getByTestId('train-progress');
  await expect(progress).toHaveAttribute('data-phase', 'finished', { timeout: 120_000 });
  await expect(progress).toHaveAttribute('data-epoch', '2');
});
