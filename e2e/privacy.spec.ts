import { test, expect } from '@playwright/test';
import { openApp } from './support/app';
import { loadSample, uploadFile } from './support/dataset';

test('a full session makes no request to any other origin, under a strict CSP', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const foreign: string[] = [];
  const all: string[] = [];
  // every request of the page and its workers goes through the context
  context.on('request', (req) => {
    const url = req.url();
    all.push(url);
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) foreign.push(url);
  });
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });

  await openApp(page);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).not.toMatch(/(^|\s)'unsafe-eval'/);

  await loadSample(page, 'uci');
  await loadSample(page, 'transactions');
  await uploadFile(page, 'mine.csv', 'a,b,default\n1,2,0\n3,4,1\n5,6,0\n');
  await expect(page.getByTestId('row-count')).toHaveText('3');
  // open every screen that exists
  for (const button of await page.getByRole('navigation', { name: 'Pipeline steps' }).getByRole('button').all()) {
    if (await button.isEnabled()) await button.click();
  }
  for (const b of ['cpu', 'wasm']) {
    await page.getByLabel('Compute backend').selectOption(b);
    await expect(page.getByTestId('active-backend')).toHaveAttribute('data-backend', b);
  }
  expect(all.length).toBeGreaterThan(3);
  expect(foreign).toEqual([]);
  expect(consoleErrors.filter((e) => /Content Security Policy|Refused/.test(e))).toEqual([]);
});
