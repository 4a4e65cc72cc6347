// Read history in the built app: "Recently read" lists the entries opened, the last one first,
// each with when it was read, and keeps them after a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtApp } from './serve.mjs';

const app = builtApp();
const titles = (page) => page.$$eval('.entries button.entry[data-key] .entry-title', (rows) => rows.map((r) => r.textContent.trim()));

test('Recently read lists what was opened, last first, with when, across a reload', async () => {
  const context = await app.browser().newContext();
  const page = await context.newPage();
  await page.goto(app.url());
  await page.waitForSelector('.app[data-ready] .entries button.entry[data-key]');
  const rows = page.locator('.entries button.entry[data-key]');
  const opened = [];
  for (const n of [4, 1, 2]) {
    await rows.nth(n).click();
    await page.waitForFunction((k) => document.querySelector('.reader .article-title') && document.querySelector('.entries .entry.selected')?.dataset.key === k,
      await rows.nth(n).getAttribute('data-key'));
    opened.push((await page.textContent('.reader .article-title')).trim());
  }
  // Marked unread again, the last one stays in the history.
  await page.keyboard.press('m');

  await page.locator('.feeds button.feed', { hasText: 'Recently read' }).click();
  await page.waitForSelector('.entries .list-heading >> text=Recently read');
  await page.waitForFunction(() => document.querySelectorAll('.entries button.entry[data-key]').length === 3);
  assert.deepEqual(await titles(page), [...opened].reverse());
  assert.match(await page.textContent('.entries button.entry[data-key] .opened'), /^read (now|\d+ seconds? ago|this minute)/);
  assert.ok(!(await page.isVisible('.entries .list-controls')), 'Unread / All / order do not apply here');
  assert.equal(new URL(page.url()).hash, '#/history');

  await page.reload();
  await page.waitForSelector('#app > .app[data-ready]');
  await page.waitForFunction(() => document.querySelectorAll('#app > .app .entries button.entry[data-key]').length === 3);
  assert.deepEqual(await titles(page), [...opened].reverse());
  await context.close();
});
