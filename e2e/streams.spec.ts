import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openApp } from './support/app';

/** RFC 4180 rows (quoted cells may hold commas, doubled quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

async function download(page: Page, testId: string): Promise<{ name: string; header: string[]; rows: string[][] }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const [header, ...rows] = parseCsv(readFileSync(await file.path(), 'utf8'));
  return { name: file.suggestedFilename(), header, rows };
}

test('customers and transactions: the card histories sample, 50 synthetic customers, one name and birth date per customer, fresh keys', async ({ page }) => {
  test.setTimeout(420_000);
  const real = parseCsv(readFileSync('public/samples/card_histories_sample.csv', 'utf8'));
  const realHeader = real[0];
  const realCards = new Set(real.slice(1).map((r) => r[realHeader.indexOf('cc_num')]));
  expect(realCards.size).toBe(15);

  await openApp(page);
  // 4 MB: reading and typing take longer than the smaller samples on a busy CI machine
  await page.getByTestId('sample-histories').click();
  await expect(page.getByTestId('dataset-summary')).toBeVisible({ timeout: 120_000 });

  // step 1 proposes the mode with the card as key, the timestamp as time, measured profile columns
  const proposal = page.getByTestId('streams-proposal');
  await expect(proposal).toBeVisible();
  await expect(page.getByTestId('streams-customers')).toHaveText('15');
  await expect(proposal).toHaveAttribute('data-mode', 'rows');
  await page.getByTestId('streams-mode-on').check();
  await expect(proposal).toHaveAttribute('data-mode', 'streams');
  await expect(page.getByTestId('streams-key-cc_num')).toBeChecked();
  await expect(page.getByTestId('streams-time')).toHaveValue('trans_date_trans_time');
  for (const c of ['first', 'last', 'dob', 'street', 'job']) await expect(page.locator(`tr[data-streams-column="${c}"]`)).toHaveAttribute('data-part', 'profile');
  for (const c of ['amt', 'category', 'merchant', 'is_fraud']) await expect(page.locator(`tr[data-streams-column="${c}"]`)).toHaveAttribute('data-part', 'event');
  // the parts are the user's to change (keyboard: a plain select), and back
  await page.getByTestId('streams-part-job').selectOption('event');
  await expect(page.locator('tr[data-streams-column="job"]')).toHaveAttribute('data-part', 'event');
  await page.getByTestId('streams-part-job').selectOption('profile');
  await expect(page.locator('tr[data-streams-column="job"]')).toHaveAttribute('data-part', 'profile');

  // step 3: the sequential engine, 20 % of the cards held out
  await page.getByTestId('streams-go-train').click();
  await expect(page.getByTestId('streams-spec-summary')).toContainText('cc_num');
  await expect(page.getByTestId('streams-holdout')).toHaveValue('0.2');
  await page.getByTestId('streams-train-run').click();
  await expect(page.getByTestId('streams-model')).toBeVisible({ timeout: 180_000 });
  await expect(page.getByTestId('streams-model')).toContainText('on 12 customers (3 held out');

  // step 4: 50 customers (the default) and the three downloads
  await page.getByTestId('streams-go-generate').click();
  await expect(page.getByTestId('streams-gen-customers')).toHaveValue('50');
  await page.getByTestId('streams-gen-run').click();
  const result = page.getByTestId('streams-gen-result');
  await expect(result).toHaveAttribute('data-customers', '50', { timeout: 120_000 });

  const customers = await download(page, 'streams-download-customers');
  const transactions = await download(page, 'streams-download-transactions');
  const joined = await download(page, 'streams-download-joined');
  expect(customers.name).toBe('card_histories_sample-synthetic-customers.csv');
  expect(transactions.name).toBe('card_histories_sample-synthetic-transactions.csv');

  // customers: 50 rows, 50 different fresh card numbers that pass the Luhn check
  expect(customers.header.slice(0, 1)).toEqual(['cc_num']);
  expect(customers.header).toEqual(expect.arrayContaining(['first', 'last', 'dob']));
  expect(customers.rows).toHaveLength(50);
  const keys = customers.rows.map((r) => r[0]);
  expect(new Set(keys).size).toBe(50);
  // (checks over many rows collect their failures first: one expect per check keeps the trace small)
  expect(keys.filter((k) => realCards.has(k))).toEqual([]);
  expect(keys.filter((k) => !/^\d{12,19}$/.test(k) || !luhnValid(k))).toEqual([]);

  // transactions: every row belongs to one of those customers, and every customer has a stream
  expect(transactions.header.slice(0, 2)).toEqual(['cc_num', 'trans_date_trans_time']);
  const byKey = new Set(keys);
  expect(transactions.rows.filter((r) => !byKey.has(r[0])).length).toBe(0);
  expect(new Set(transactions.rows.map((r) => r[0])).size).toBe(50);
  expect(Number(await result.getAttribute('data-transactions'))).toBe(transactions.rows.length);

  // joined: the input's columns in the input's order; one name and one birth date per customer
  expect(joined.header).toEqual(realHeader);
  expect(joined.rows).toHaveLength(transactions.rows.length);
  const col = (n: string) => joined.header.indexOf(n);
  const identities = new Map<string, Set<string>>();
  for (const r of joined.rows) {
    const who = [r[col('first')], r[col('last')], r[col('dob')]].join('|');
    const seen = identities.get(r[col('cc_num')]) ?? new Set<string>();
    identities.set(r[col('cc_num')], seen.add(who));
  }
  expect(identities.size).toBe(50);
  expect([...identities.values()].filter((who) => who.size !== 1).length).toBe(0);
  const identity = new Map([...identities].map(([k, who]) => [k, [...who][0]]));
  // the joined identity is the customers table's
  const ci = (n: string) => customers.header.indexOf(n);
  expect(customers.rows.filter((r) => identity.get(r[0]) !== [r[ci('first')], r[ci('last')], r[ci('dob')]].join('|')).length).toBe(0);
  // formats of the input: cents stay cents, birth dates without a clock, timestamps as written
  const offFormat = (name: string, re: RegExp) => joined.rows.map((r) => r[col(name)]).filter((x) => !re.test(x)).slice(0, 5);
  expect(offFormat('amt', /^-?\d+\.\d{2}$/)).toEqual([]);
  expect(offFormat('dob', /^\d{4}-\d{2}-\d{2}$/)).toEqual([]);
  expect(offFormat('trans_date_trans_time', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)).toEqual([]);

  // step 5: the streams panel beside the report
  await page.getByTestId('streams-go-validate').click();
  await expect(page.getByTestId('streams-figures')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('streams-validate-source')).toContainText('50 synthetic customers');
  await expect(page.getByTestId('streams-validate-source')).toContainText('3 real customers held out');
  await expect(page.getByTestId('streams-figure-replayed')).toHaveText('0');
  await expect(page.getByTestId('streams-figure-dcr')).toHaveText(/^\d+\.\d{3}$/);
  // beside the per-customer detection: detection on single events, and the fraud model (TSTR / TRTR)
  await expect(page.locator('tr[data-figure="event-detection"]')).toContainText('Single-event detection');
  await expect(page.getByTestId('streams-figure-event-detection')).toHaveText(/^\d+\.\d{3}$/);
  await expect(page.locator('tr[data-figure="fraud-tstr"]')).toContainText('trained on synthetic (TSTR)');
  await expect(page.locator('tr[data-figure="fraud-trtr"]')).toContainText('trained on real (TRTR)');
  await expect(page.getByTestId('streams-figure-fraud-ratio')).toHaveText(/^\d+\.\d{3}$/);
  await expect(page.getByTestId('streams-chart-hour').locator('svg')).toBeVisible();
  await expect(page.getByTestId('streams-chart-transitions').locator('svg')).toBeVisible();
});
