import { test, expect } from '@playwright/test';
import { openApp } from './support/app';

test('the automatic choice never picks a software WebGPU adapter or software WebGL', async ({ page }) => {
  await openApp(page);
  const active = await page.getByTestId('active-backend').getAttribute('data-backend');
  const picker = page.getByLabel('Compute backend');
  const webgpuNote = (await picker.locator('option[value="webgpu"]').getAttribute('title')) ?? '';
  const webglNote = (await picker.locator('option[value="webgl"]').getAttribute('title')) ?? '';
  // WebGL is forced onto SwiftShader in playwright.config.ts; on a machine without a GPU
  // WebGPU is SwiftShader too, and then WASM must win
  expect(webglNote).toMatch(/^software renderer/);
  expect(active).not.toBe('webgl');
  if (webgpuNote.startsWith('software adapter')) expect(active).toBe('wasm');
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
