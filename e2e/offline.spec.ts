import { test, expect } from '@playwright/test';
import { openApp, loadSample } from './helpers';

test('after the first visit the app reloads and works with the network off', async ({ page, context }) => {
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
});
