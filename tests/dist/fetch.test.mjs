// The built page (dist/) fetching from the test feed server on 127.0.0.1:8765 (started by the
// test command): a ?add= link, a site that forbids cross-origin reads, and no network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtApp } from './serve.mjs';

const app = builtApp();
const SERVER = 'http://127.0.0.1:8765';

async function open(query = '') {
  const context = await app.browser().newContext();
  const page = await context.newPage();
  await page.goto(app.url() + query);
  await page.waitForSelector('.app[data-ready]', { timeout: 20000 });
  return { context, page };
}

async function lookUp(page, address) {
  if (!(await page.$('.add-feed'))) await page.locator('.add-toggle').click();
  await page.fill('#feed-address', address);
  await page.locator('.add-address button[type=submit]').click();
  return page.waitForSelector('.lookup.preview, .lookup.choices, .lookup.failed', { timeout: 15000 });
}

test('a ?add= link previews the feed, and Subscribe adds it', async () => {
  const { context, page } = await open(`?add=${encodeURIComponent(`${SERVER}/cors/feed.xml`)}`);
  await page.waitForSelector('.lookup.preview', { timeout: 15000 });
  assert.equal(await page.textContent('.lookup.preview h3'), 'Local News');
  assert.ok(!(await page.textContent('.feeds')).includes('Local News'), 'not subscribed before the click');
  assert.equal(new URL(page.url()).search, '', 'the request leaves the address bar');
  await page.locator('.lookup .subscribe').click();
  await page.waitForSelector('.feeds >> text=Local News');
  assert.match(await page.textContent('.status'), /Subscribed to Local News: 3 entries/);
  await context.close();
});

test('a site without CORS headers is explained, and offline is told apart', async () => {
  const { context, page } = await open();
  // No Cross-Origin-Resource-Policy either: the app's page is not cross-origin isolated.
  const blocked = await lookUp(page, `${SERVER}/nocors/bare.xml`);
  assert.match(await blocked.textContent(), /does not allow other web pages to read its feed/);
  assert.match(await blocked.textContent(), /as a browser extension reads every feed directly/, 'the second way through');
  assert.ok(await page.$('.lookup button >> text=Set a CORS proxy…'));
  const refused = await lookUp(page, 'http://127.0.0.1:8799/feed.xml');
  assert.match(await refused.textContent(), /could not be reached/);
  await context.setOffline(true);
  const offline = await lookUp(page, `${SERVER}/cors/feed.xml`);
  assert.match(await offline.textContent(), /You are offline/);
  await context.close();
});

// The engine carries no regex engine: a filter that works here worked in the filters' worker.
test('a filter typed in Settings is checked and applied by the filters\' worker', async () => {
  const { context, page } = await open();
  const subscribed = await lookUp(page, `${SERVER}/cors/feed.xml`);
  assert.equal(await subscribed.$eval('h3', (h) => h.textContent), 'Local News');
  await page.locator('.lookup .subscribe').click();
  await page.waitForSelector('.feeds >> text=Local News');

  await page.locator('.settings-toggle').click();
  await page.fill('#filter-pattern', 'second (story');
  await page.locator('.filter-form button').click();
  await page.waitForFunction(() => document.querySelector('#filter-problem')?.textContent.includes('unclosed group'), null, { timeout: 15000 });
  await page.fill('#filter-pattern', '^second story$');
  await page.locator('.filter-form button').click();
  await page.waitForSelector('.filter-rules .rules >> text=Hide: title ~ ^second story$');
  await page.locator('.settings-actions button', { hasText: 'Close' }).click();
  await page.locator('.feeds button', { hasText: 'Local News' }).first().click();
  await page.waitForFunction(() => {
    const titles = [...document.querySelectorAll('.entries .entry-title')].map((t) => t.textContent);
    return titles.length === 2 && !titles.includes('Second story');
  }, null, { timeout: 15000 });
  await context.close();
});
