import { test, expect, type Page } from '@playwright/test';
import { openApp } from './support/app';
import { uploadFile, loadSample } from './support/dataset';
import { XSS_IMG, XSS_SCRIPT, markupCsv, randomBytes, randomPrintableBytes, wideCsv } from '../src/core/data/__fixtures__/hostile';

/**
 * Hostile files in the built app. The CSP of the build would also block an injected inline
 * handler, so `window.__pwned` alone could not catch a regression: the page also records any
 * element carrying the payload that appears in the DOM (an innerHTML somewhere would add one),
 * and the test reads names and values back as textContent.
 */
interface Watch {
  dialogs: string[];
  pageErrors: string[];
}

async function watchPage(page: Page): Promise<Watch> {
  const watch: Watch = { dialogs: [], pageErrors: [] };
  page.on('dialog', (d) => {
    watch.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => watch.pageErrors.push(e.message));
  await page.addInitScript(() => {
    const w = window as unknown as { __injected: string[]; __cspViolations: string[] };
    w.__injected = [];
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
    // Elements made from the data rather than text: an event-handler attribute, a javascript: or
    // `x` URL, or an active element carrying the payload. (Attribute *values* such as title or
    // aria-label legitimately hold the names as text, so those are not flagged.)
    const active = new Set(['SCRIPT', 'IMG', 'IFRAME', 'SVG', 'svg', 'OBJECT', 'EMBED', 'A']);
    const isInjected = (el: Element): boolean =>
      [...el.attributes].some(
        (a) => /^on/i.test(a.name) || (/^(?:src|href|srcdoc|action|formaction|data)$/i.test(a.name) && /javascript:|^x$/i.test(a.value.trim())),
      ) || (active.has(el.tagName) && el.outerHTML.includes('__pwned'));
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (!(n instanceof Element)) continue;
          for (const el of [n, ...n.querySelectorAll('*')]) if (isInjected(el)) w.__injected.push(el.outerHTML.slice(0, 200));
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
  return watch;
}

async function expectNothingRan(page: Page, watch: Watch): Promise<void> {
  // give an injected <img onerror> time to fail its load and fire
  await page.waitForTimeout(1000);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await page.evaluate(() => (window as unknown as { __injected: string[] }).__injected)).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
  expect(watch.dialogs).toEqual([]);
  expect(watch.pageErrors).toEqual([]);
}

test('markup in header names, cells, notices, errors and the file name shows as text and never runs', async ({ page }) => {
  const watch = await watchPage(page);
  await openApp(page);

  await uploadFile(page, `${XSS_IMG}.csv`, markupCsv());
  await expect(page.getByTestId('row-count')).toHaveText('3');
  const names = [XSS_IMG, XSS_SCRIPT, 'formula', 'empty'];
  await expect(page.getByTestId('dataset-summary').locator('h3')).toHaveText(`${XSS_IMG}.csv`);

  // schema table: one row per column, the name as text
  const schemaNames = page.getByTestId('schema-table').locator('tbody th[scope="row"]');
  await expect(schemaNames).toHaveCount(4);
  expect(await schemaNames.allTextContents()).toEqual(names);
  expect(await page.getByLabel(`Role of ${XSS_SCRIPT}`).count()).toBe(1);

  // preview: header names and cell values as text
  const grid = page.getByTestId('preview-grid');
  await expect(grid).toContainText(XSS_SCRIPT);
  expect(await grid.locator('[role="columnheader"]').allTextContents()).toEqual(['#', ...names]);
  const cells = await grid.locator('[role="cell"]').allTextContents();
  for (const v of [XSS_SCRIPT, XSS_IMG, '<b>bold</b>', '<a href="javascript:alert(1)">x</a>', '"><svg onload=alert(1)>', '&lt;escaped&gt;', '=HYPERLINK("http://x","y")']) {
    expect(cells, v).toContain(v);
  }
  expect(await page.locator('main img, main script, main svg[onload], main a[href^="javascript"]').count()).toBe(0);

  // a notice naming an empty column whose name is markup
  await uploadFile(page, 'notice.csv', `"<iframe src=""javascript:window.__pwned=1"">",b\n,1\n,2\n`);
  await expect(page.getByTestId('row-count')).toHaveText('2');
  await expect(page.getByTestId('notices')).toContainText('Column "<iframe src="javascript:window.__pwned=1">" is empty in every row');

  // an error message quoting markup column names
  await uploadFile(page, 'header-only.csv', `${XSS_SCRIPT},"${XSS_IMG.replace(/"/g, '""')}"\n`);
  const error = page.getByTestId('load-error');
  await expect(error).toHaveAttribute('data-code', 'header-only');
  const text = await error.textContent();
  expect(text).toContain(`"${XSS_SCRIPT}"`);
  expect(text).toContain(`"${XSS_IMG}"`);

  await expectNothingRan(page, watch);
});

test('a 10,000-column file and random bytes leave the app usable: the bundled sample still loads', async ({ page }) => {
  const watch = await watchPage(page);
  await openApp(page);

  test.setTimeout(300_000);
  let started = Date.now();
  await uploadFile(page, 'wide.csv', wideCsv(10_000, 3));
  const summary = page.getByTestId('dataset-summary');
  const error = page.getByTestId('load-error');
  await expect(summary.or(error)).toBeVisible({ timeout: 120_000 });
  console.log(`10,000 columns: summary or error after ${Date.now() - started} ms`);
  if (await summary.isVisible()) {
    await expect(page.getByTestId('column-count')).toHaveText('10000');
    await expect(page.getByTestId('row-count')).toHaveText('3');
  } else {
    await expect(error).not.toBeEmpty();
  }

  await uploadFile(page, 'noise.csv', Buffer.from(randomBytes(64 * 1024, 8)));
  await expect(error).toHaveAttribute('data-code', 'binary');
  await expect(error).toContainText('looks like a binary file');

  await uploadFile(page, 'noise2.csv', Buffer.from(randomPrintableBytes(64 * 1024, 9)));
  await expect(error.or(summary.filter({ hasText: 'noise2.csv' }))).toBeVisible();

  started = Date.now();
  await loadSample(page, 'uci');
  await expect(summary).toContainText('uci_credit_card_default.csv', { timeout: 120_000 });
  console.log(`bundled sample loaded after ${Date.now() - started} ms`);
  await expect(page.getByTestId('row-count')).toHaveText('30,000');
  await expect(page.getByTestId('column-count')).toHaveText('25');
  await expect(error).toHaveCount(0);
  expect(watch.dialogs).toEqual([]);
  expect(watch.pageErrors).toEqual([]);
});
