import { expect, type Page } from '@playwright/test';

export async function goExplore(page: Page): Promise<void> {
  await page.getByRole('button', { name: '2 Clean & explore' }).click();
  await expect(page.getByRole('heading', { name: 'Clean and explore' })).toBeVisible();
}

export async function goRiskModels(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Pipeline steps' }).getByRole('button', { name: '6 Risk models' }).click();
}
