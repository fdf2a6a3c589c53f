import { expect, type Page } from '@playwright/test';

export async function loadSample(page: Page, id: 'uci' | 'transactions'): Promise<void> {
  await page.getByTestId(`sample-${id}`).click();
  await expect(page.getByTestId('dataset-summary')).toBeVisible();
}

/** Upload an in-memory file through the file picker. */
export async function uploadFile(page: Page, name: string, content: string | Buffer, mimeType = 'text/csv'): Promise<void> {
  await page.getByTestId('file-input').setInputFiles({ name, mimeType, buffer: typeof content === 'string' ? Buffer.from(content, 'utf8') : content });
}

export async function roleOf(page: Page, column: string): Promise<string | null> {
  return page.locator(`tr[data-column="${column}"]`).getAttribute('data-role');
}
