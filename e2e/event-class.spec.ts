import { test, expect } from '@playwright/test';
import { openApp } from './support/app';
import { roleOf, uploadFile } from './support/dataset';
import { trainLogisticRegression } from './support/risk-models';

/**
 * A credit file coded 1 = good, 0 = bad (as in the German credit data): bad is likelier with a
 * long duration, a large amount and no checking account. Built here with a fixed generator.
 */
function oneIsGoodCsv(rows: number): string {
  let state = 20261206;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const lines = ['duration,amount,checking,credit_risk'];
  for (let i = 0; i < rows; i++) {
    const duration = 6 + Math.floor(next() * 55);
    const amount = 500 + Math.round(next() * 15000);
    const checking = next() < 0.4 ? 'no_account' : next() < 0.5 ? 'low' : 'high';
    const z = -2.2 + 0.05 * (duration - 30) + 0.00015 * (amount - 8000) + (checking === 'no_account' ? 1.6 : checking === 'low' ? 0.3 : -0.8);
    const bad = next() < 1 / (1 + Math.exp(-z));
    lines.push(`${duration},${amount},${checking},${bad ? 0 : 1}`);
  }
  return lines.join('\n') + '\n';
}

test('a 1 = good target: the event class is chosen at load and Apply declines the risky applicant', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page);
  await uploadFile(page, 'credit-1-is-good.csv', oneIsGoodCsv(600));
  await expect(page.getByTestId('dataset-summary')).toBeVisible();
  await expect(page.getByTestId('target-select')).toHaveValue('credit_risk');

  // the suggestion is the minority class 0 (bad), shown with its share
  const event = page.getByTestId('event-select');
  await expect(event).toHaveValue('0');
  await expect(event.locator('option[value="0"]')).toContainText(/suggested/);
  await expect(event.locator('option[value="0"]')).toContainText(/\d+\.\d %/);
  await expect(page.getByTestId('event-reason')).toContainText('minority');

  // the user can choose either class; every screen names the one in force
  await event.selectOption('1');
  await expect(page.getByTestId('event-badge')).toContainText('credit_risk = “1”');
  await event.selectOption('0');
  await expect(page.getByTestId('event-badge')).toContainText('credit_risk = “0”');

  const nav = page.getByRole('navigation', { name: 'Pipeline steps' });
  await nav.getByRole('button', { name: '6 Risk models' }).click();
  await expect(page.getByTestId('event-badge')).toContainText('credit_risk = “0”');
  await trainLogisticRegression(page);

  await nav.getByRole('button', { name: '8 Apply' }).click();
  await expect(page.getByTestId('apply-model')).toContainText('Logistic regression');
  await expect(page.getByTestId('event-badge')).toContainText('credit_risk = “0”');
  // the riskiest applicant: longest duration, largest amount, no checking account
  await page.getByLabel('duration', { exact: true }).fill('60');
  await page.getByLabel('amount', { exact: true }).fill('15500');
  await page.getByLabel('checking', { exact: true }).selectOption('no_account');
  await page.getByTestId('screen-score').click();
  await expect(page.getByTestId('screen-result')).toContainText('Probability of credit_risk = “0”');
  const pd = Number((await page.getByTestId('screen-pd').innerText()).replace(/[^\d.]/g, ''));
  expect(pd).toBeGreaterThan(50);
  await expect(page.getByTestId('screen-decision')).toHaveText('Decline');
  // each risk factor raises the risk
  for (const input of ['duration', 'amount', 'checking']) {
    await expect(page.getByTestId('reasons-table').locator('tr', { hasText: input }).first()).toContainText('raises risk');
  }

  // a safe applicant is approved
  await page.getByLabel('duration', { exact: true }).fill('6');
  await page.getByLabel('amount', { exact: true }).fill('600');
  await page.getByLabel('checking', { exact: true }).selectOption('high');
  await page.getByTestId('screen-score').click();
  await expect(page.getByTestId('screen-decision')).toHaveText('Approve');
});

test('money and clock times load as numbers; a role change that would empty a column is refused, one that loses some is asked', async ({ page }) => {
  await openApp(page);
  const rows = ['code,amount,time,note', 'A1,$134.09,08:15,x', 'B2,$-99.00,13:45,y', 'C3,"$1,250.00",23:05,x', 'D4,-$5,00:30,7', 'E5,$20.50,17:00,y'];
  await uploadFile(page, 'money.csv', rows.join('\n') + '\n');
  await expect(page.getByTestId('dataset-summary')).toBeVisible();
  expect(await roleOf(page, 'amount')).toBe('continuous');
  expect(await roleOf(page, 'time')).toBe('continuous');
  await expect(page.locator('tr[data-column="amount"]')).toContainText('currency sign');
  await expect(page.locator('tr[data-column="time"]')).toContainText('Clock times');

  await page.getByLabel('Role of code').selectOption('continuous');
  await expect(page.getByTestId('role-loss')).toContainText('Not changed');
  await expect(page.getByTestId('role-loss')).toContainText('all 5 values');
  expect(await roleOf(page, 'code')).not.toBe('continuous');

  await page.getByLabel('Role of note').selectOption('continuous');
  await expect(page.getByTestId('role-loss')).toContainText('4 of 5 values');
  await page.getByTestId('role-loss-confirm').click();
  await expect(page.locator('tr[data-column="note"]')).toHaveAttribute('data-role', 'continuous');
});
