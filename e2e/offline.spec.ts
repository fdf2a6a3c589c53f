import { test, expect } from '@playwright/test';
import { openApp } from './support/app';
import { loadSample } from './support/dataset';
import { startTinyGan } from './support/tiny-gan';

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
  await startTinyGan(page, { epochs: 2, width: 16, batchSize: 1000 });
  const progress = page.getByTestId('train-progress');
  await expect(progress).toHaveAttribute('data-phase', 'finished', { timeout: 120_000 });
  await expect(progress).toHaveAttribute('data-epoch', '2');
});
