/**
 * Runs a benchmark page of the built app in Debian's headless Chromium and returns what
 * the page's `window.bench` functions return.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { preview, build } from 'vite';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromiumArgs } from '../playwright.config';

export interface BrowserBench {
  page: Page;
  close(): Promise<void>;
}

export async function openBenchPage(root: string): Promise<BrowserBench> {
  // always measure the current code: a stale dist would report yesterday's speed
  if (!process.env.BENCH_NO_BUILD || !existsSync(resolve(root, 'dist/bench/index.html'))) {
    await build({ root, logLevel: 'warn' });
  }
  const server = await preview({ root, preview: { port: 4180, strictPort: false, host: '127.0.0.1' }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4180/';
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...chromiumArgs, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
  const page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') process.stderr.write(`[page] ${m.text()}\n`);
  });
  await page.goto(`${url}bench/index.html`);
  await page.waitForFunction(() => (window as unknown as { bench?: unknown }).bench !== undefined);
  return {
    page,
    async close() {
      await browser.close();
      await new Promise<void>((r) => server.httpServer.close(() => r()));
    },
  };
}
