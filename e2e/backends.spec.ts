import { test, expect } from '@playwright/test';
import { openApp } from './helpers';

test('the automatic choice never picks a software WebGPU adapter', async ({ page }) => {
  await openApp(page);
  const active = await page.getByTestId('active-backend').getAttribute('data-backend');
  const webgpuOption = page.getByLabel('Compute backend').locator('option[value="webgpu"]');
  const note = (await webgpuOption.getAttribute('title')) ?? '';
  if (note.startsWith('software adapter')) expect(active).not.toBe('webgpu');
  expect(['webgpu', 'webgl', 'wasm', 'cpu']).toContain(active);
});

for (const backend of ['cpu', 'wasm', 'webgl', 'webgpu'] as const) {
  test(`the ${backend} backend initialises in the worker and computes`, async ({ page }) => {
    await openApp(page);
    const option = page.getByLabel('Compute backend').locator(`option[value="${backend}"]`);
    // Debian Chromium offers all four here (WebGL and WebGPU through SwiftShader, see playwright.config.ts)
    expect(await option.isDisabled(), `${backend}: ${await option.getAttribute('title')}`).toBe(false);
    await page.getByLabel('Compute backend').selectOption(backend);
    const badge = page.getByTestId('active-backend');
    await expect(badge).toHaveAttribute('data-backend', backend);
    await expect(badge).toHaveAttribute('data-selftest', '56');
  });
}
