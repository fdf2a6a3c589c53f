import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openApp } from './support/app';
import { loadSample } from './support/dataset';
import { trainLogisticRegression } from './support/risk-models';

/** The first 200 data rows of the bundled UCI sample, as an in-memory upload. */
function uciHead(rows: number): string {
  const lines = readFileSync(resolve(process.cwd(), 'public/samples/uci_credit_card_default.csv'), 'utf8').split(/\r?\n/);
  return lines.slice(0, rows + 1).join('\n') + '\n';
}

test('UCI: apply a logistic regression to one applicant and to a batch file; download, PSI', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page);
  await loadSample(page, 'uci');
  const nav = page.getByRole('navigation', { name: 'Pipeline steps' });
  await nav.getByRole('button', { name: '6 Risk models' }).click();
  await expect(page.getByTestId('risk-split')).toBeVisible();
  await trainLogisticRegression(page);

  await nav.getByRole('button', { name: '8 Apply' }).click();
  await expect(page.getByTestId('apply-model')).toContainText('Logistic regression');

  // screening: a form from the schema
  await expect(page.getByRole('tab', { name: 'Screening' })).toHaveAttribute('aria-selected', 'true');
  await page.getByLabel('LIMIT_BAL', { exact: true }).fill('50000');
  await page.getByLabel('AGE', { exact: true }).fill('35');
  await page.getByLabel('PAY_0', { exact: true }).selectOption('2');
  await page.getByLabel('SEX', { exact: true }).selectOption('2');
  await page.getByTestId('screen-score').click();
  await expect(page.getByTestId('screen-pd')).toContainText('%');
  const pd = Number((await page.getByTestId('screen-pd').innerText()).replace(/[^\d.]/g, ''));
  expect(pd).toBeGreaterThan(0);
  expect(pd).toBeLessThan(100);
  await expect(page.getByTestId('screen-decision')).toHaveText(/Approve|Decline/);
  await expect(page.getByTestId('reasons-chart').locator('svg')).toBeVisible();
  // two months late on PAY_0 raises the risk: it is among the reasons
  await expect(page.getByTestId('reasons-table')).toContainText('PAY_0');
  if (process.env.APPLY_SCREENSHOT) await page.screenshot({ path: `${process.env.APPLY_SCREENSHOT}-screening.png`, fullPage: true });

  // batch scoring of the first 200 rows (in-memory upload)
  await page.getByRole('tab', { name: 'Batch scoring' }).click();
  await page.getByTestId('apply-file-input').setInputFiles({ name: 'uci-first-200.csv', mimeType: 'text/csv', buffer: Buffer.from(uciHead(200), 'utf8') });
  await expect(page.getByTestId('batch-rows')).toHaveText('200', { timeout: 60_000 });
  await expect(page.getByTestId('batch-score-chart').locator('svg')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);

  const download = page.waitForEvent('download');
  await page.getByTestId('batch-download').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('scored-uci-first-200.csv');
  const chunks = await (await file.createReadStream()).toArray();
  const lines = Buffer.concat(chunks as Buffer[]).toString('utf8').trimEnd().split('\r\n');
  expect(lines).toHaveLength(201);
  const header = lines[0].split(',');
  const pIndex = header.indexOf('probability');
  const dIndex = header.indexOf('decision');
  expect(pIndex).toBeGreaterThan(0);
  expect(dIndex).toBeGreaterThan(0);
  expect(header).toContain('reason_1');
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const p = Number(cells[pIndex]);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
    expect(['approve', 'decline']).toContain(cells[dIndex]);
  }
  if (process.env.APPLY_SCREENSHOT) await page.screenshot({ path: `${process.env.APPLY_SCREENSHOT}-batch.png`, fullPage: true });

  // monitoring: PSI of the score and CSI per input, batch against the training rows
  await page.getByRole('tab', { name: 'Monitoring' }).click();
  await expect(page.getByTestId('psi-table')).toBeVisible();
  await expect(page.getByTestId('psi-row').first()).toContainText('score (PD)');
  expect(await page.getByTestId('psi-row').count()).toBeGreaterThan(10);
  if (process.env.APPLY_SCREENSHOT) await page.screenshot({ path: `${process.env.APPLY_SCREENSHOT}-monitoring.png`, fullPage: true });

  // cut-off by approval rate on the batch: 80 % of 200 rows approved; used for later decisions
  await page.getByRole('tab', { name: 'Cut-off' }).click();
  await page.getByTestId('approval-rate').fill('80');
  await page.getByTestId('apply-cutoff').click();
  await expect(page.getByTestId('cutoff-result')).toContainText('approves 160 (80.0 %)');
  await expect(page.getByTestId('cutoff-chart').locator('svg')).toBeVisible();
  if (process.env.APPLY_SCREENSHOT) await page.screenshot({ path: `${process.env.APPLY_SCREENSHOT}-cutoff.png`, fullPage: true });

  // portfolio: EL with EAD = LIMIT_BAL, by EDUCATION; PAY_0 one month later for everyone raises it
  await page.getByRole('tab', { name: 'Portfolio' }).click();
  await page.getByTestId('ead-column').selectOption('LIMIT_BAL');
  await page.getByTestId('segment-column').selectOption('EDUCATION');
  await page.getByTestId('stress-column').selectOption('PAY_0');
  await page.getByTestId('portfolio-compute').click();
  await expect(page.getByTestId('segment-chart').locator('svg')).toBeVisible();
  const el = Number((await page.getByTestId('portfolio-el').innerText()).replace(/[^\d.]/g, ''));
  const stressed = Number((await page.getByTestId('stressed-el').innerText()).split('(')[0].replace(/[^\d.]/g, ''));
  expect(el).toBeGreaterThan(0);
  expect(stressed).toBeGreaterThan(el);
  if (process.env.APPLY_SCREENSHOT) await page.screenshot({ path: `${process.env.APPLY_SCREENSHOT}-portfolio.png`, fullPage: true });

  // fraud / alert queue with precision at k (the batch has outcomes)
  await page.getByRole('tab', { name: 'Fraud alerts' }).click();
  await expect(page.getByTestId('precision-at-k')).toContainText('top 50');
  await expect(page.getByTestId('fraud-queue').locator('tbody tr')).toHaveCount(50);
  if (process.env.APPLY_SCREENSHOT) await page.screenshot({ path: `${process.env.APPLY_SCREENSHOT}-fraud.png`, fullPage: true });

  // model file: export, then import it back: it joins the model list
  await page.getByRole('tab', { name: 'Model file' }).click();
  const exported = page.waitForEvent('download');
  await page.getByTestId('model-export').click();
  const modelFile = await exported;
  const json = Buffer.concat((await (await modelFile.createReadStream()).toArray()) as Buffer[]).toString('utf8');
  expect(JSON.parse(json)).toMatchObject({ format: 'synthcredit-risk-model', version: 1, modelKind: 'logistic' });
  await page.getByTestId('model-import').setInputFiles({ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(json, 'utf8') });
  await expect(page.getByTestId('apply-model')).toContainText('(imported)');
  await expect(page.getByTestId('apply-model').locator('option')).toHaveCount(2);
  await page.getByTestId('model-import').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"other"}', 'utf8') });
  await expect(page.getByRole('alert')).toContainText('not a SynthCredit risk-model file');
});
