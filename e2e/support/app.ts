import { expect, type Page } from '@playwright/test';

/** Open the app and wait until the worker has chosen a compute backend. */
export async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('active-backend')).toHaveAttribute('data-backend', /\w+/);
  // loading is possible once the last project (if any) has been reopened
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-restored', 'yes');
}

/** Software WebGL (SwiftShader) on these machines is far slower than WASM for small networks. */
export async function useWasm(page: Page): Promise<void> {
  await page.getByLabel('Compute backend').selectOption('wasm');
  await expect(page.getByTestId('active-backend')).toHaveAttribute('data-backend', 'wasm');
}
