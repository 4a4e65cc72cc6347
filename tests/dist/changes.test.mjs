// Story changes in the built app: a refresh brings a new version of an entry; its row and
// article say "Updated", and Show changes marks the words added and removed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { builtApp } from './serve.mjs';

const axeSource = createRequire(import.meta.url)('axe-core').source;

const app = builtApp();
const SERVER = 'http://127.0.0.1:8765';
const get = (url) => fetch(url).then((r) => r.text());

test('an updated entry says so and shows what its new version changed', async () => {
  await get(`${SERVER}/admin/edition?n=1`);
  // axe is injected as a script, which the page's own CSP would rightly refuse.
  const context = await app.browser().newContext({ bypassCSP: true });
  const page = await context.newPage();
  try {
    await page.goto(app.url());
    await page.waitForSelector('.app[data-ready]', { timeout: 20000 });
    await page.locator('.add-toggle').click();
    await page.fill('#feed-address', `${SERVER}/cors/news.xml`);
    await page.locator('.add-address button[type=submit]').click();
    await page.waitForSelector('.lookup.preview', { timeout: 15000 });
    await page.locator('.lookup .subscribe').click();
    await page.waitForSelector('.entries .entry >> text=Story B');
    assert.equal(await page.locator('.entries .updated-mark').count(), 0);

    await get(`${SERVER}/admin/edition?n=2`);
    await page.locator('.refresh').first().click();
    const row = page.locator('.entries .entry', { hasText: 'Story B, corrected' });
    await row.locator('.updated-mark').waitFor();
    assert.equal(await page.locator('.entries .updated-mark').count(), 1, 'only the changed entry, not the new one');
    await row.click();
    await page.waitForSelector('.reader .article-updated');
    await page.locator('.toggle-changes').click();
    await page.waitForSelector('.reader .changes ins');
    assert.deepEqual(await page.$$eval('.reader .changes ins', (marks) => marks.map((m) => m.textContent)), ['B, corrected', 'B, corrected']);
    assert.match(await page.textContent('.reader .changes .text-status'), /4 words added and 2 removed in the latest version/);
    assert.equal(await page.getAttribute('.toggle-changes', 'aria-pressed'), 'true');
    // Marks readable in both schemes (axe: no serious or critical violation in the pane).
    await page.evaluate(axeSource);
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      const results = await page.evaluate(() => window.axe.run('.reader', { resultTypes: ['violations'] }));
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
      assert.deepEqual(serious, [], colorScheme);
    }
    await page.locator('.toggle-changes').click();
    await page.waitForSelector('.reader .changes', { state: 'detached' });
    // Still so after a reload.
    await page.reload();
    await page.waitForSelector('#app > .app[data-ready] .entries .entry .updated-mark');
  } finally {
    await get(`${SERVER}/admin/edition?n=1`);
    await context.close();
  }
});
