import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openApp } from './support/app';
import { uploadFile } from './support/dataset';
import { trainEngine, generateRows } from './support/engine';

/**
 * 400 card transactions written the way real exports write them: a timestamp `YYYY-MM-DD HH:mm:ss`,
 * a date-only birth date, amounts in cents (some `-99.00`), whole counts and a `+`/`-` class.
 */
function transactions(): string {
  const lines = ['trans_date_trans_time,dob,amt,count,class'];
  let seed = 7;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pad = (n: number) => String(n).padStart(2, '0');
  for (let i = 0; i < 400; i++) {
    const t = new Date(Date.UTC(2019, 0, 1) + Math.floor(next() * 180 * 86_400_000));
    const stamp = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
    const dob = `${1940 + Math.floor(next() * 60)}-${pad(1 + Math.floor(next() * 12))}-${pad(1 + Math.floor(next() * 28))}`;
    const fraud = next() < 0.3;
    const amt = i % 25 === 0 ? '-99.00' : (fraud ? 200 + next() * 800 : 2 + next() * 120).toFixed(2);
    lines.push(`${stamp},${dob},${amt},${Math.floor(next() * 20)},${fraud ? '+' : '-'}`);
  }
  return lines.join('\n') + '\n';
}

test('a download keeps the input formats: timestamp and date patterns, cents, whole counts, +/- labels unescaped', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page);
  await uploadFile(page, 'formats.csv', transactions());
  await expect(page.getByTestId('dataset-summary')).toBeVisible();

  await page.getByRole('button', { name: '3 Train', exact: true }).click();
  await expect(page.getByTestId('engine-ar-cart')).toBeChecked();
  await trainEngine(page);
  await page.getByTestId('engine-go-generate').click();
  await generateRows(page, 300);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('gen-download').click()]);
  const text = readFileSync(await download.path(), 'utf8');
  const lines = text.split('\r\n');
  // one line ending (CRLF) and a final one
  expect(lines.at(-1)).toBe('');
  expect(text.includes('\n') && !/[^\r]\n/.test(text)).toBe(true);
  const header = lines[0].split(',');
  expect(header).toEqual(['trans_date_trans_time', 'dob', 'amt', 'count', 'class']);
  const rows = lines.slice(1, -1).map((l) => l.split(','));
  expect(rows).toHaveLength(300);
  for (const [stamp, dob, amt, count, cls] of rows) {
    expect(stamp).toMatch(/^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})?$/);
    expect(dob).toMatch(/^(\d{4}-\d{2}-\d{2})?$/);
    expect(amt).toMatch(/^(-?\d+\.\d{2})?$/);
    expect(count).toMatch(/^(\d+)?$/);
    expect(['+', '-']).toContain(cls);
  }
  expect(new Set(rows.map((r) => r[4]))).toEqual(new Set(['+', '-']));
});
