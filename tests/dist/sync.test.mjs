// The built app as the client of a real FreshRSS (../shared/servers/freshrss) on another
// origin, so the browser's CORS rules are real: connecting from Settings, the account's feeds
// in the sidebar, a read sent to the server, the server's change taken by Refresh, the account
// kept across a reload; a server whose API sends no CORS headers, explained; and Miniflux's
// own API on another origin (a Miniflux written from its documentation: miniflux.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { builtApp } from './serve.mjs';
import { startMiniflux, KEY } from './miniflux.mjs';
import { startFreshRss, listen } from './freshrss.mjs';

const axeSource = createRequire(import.meta.url)('axe-core').source;
/** axe-core's serious and critical violations on the page as it is. */
async function seriousViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const app = builtApp();
let fresh, feedServer, noCors;

const feed = (count) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Local News</title><link>https://news.example/</link>${
  Array.from({ length: count }, (_, i) => count - i).map((n) => `<item><title>Story ${n}</title><guid isPermaLink="false">urn:story:${n}</guid><link>https://news.example/${n}</link><pubDate>${new Date(Date.UTC(2026, 10, n)).toUTCString()}</pubDate><description>&lt;p&gt;Story ${n} body&lt;/p&gt;</description></item>`).join('')
}</channel></rss>`;

/** The API, called as another device would. */
const api = (pathAndQuery, form) => fresh.call(pathAndQuery, form);
const unreadCount = async () => JSON.parse(await api('stream/items/ids?s=user/-/state/com.google/reading-list&xt=user/-/state/com.google/read&n=1000')).itemRefs.length;

before(async () => {
  feedServer = http.createServer((req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed(5)));
  const feedPort = await listen(feedServer);
  fresh = await startFreshRss(`http://127.0.0.1:${feedPort}/feed.xml`);
  // A server that answers as the API does, but sends no CORS headers.
  noCors = http.createServer((req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('SID=x\nAuth=tester/abc\n'));
  noCors.port = await listen(noCors);
});

after(() => {
  fresh?.stop();
  feedServer?.close();
  noCors?.close();
});

async function openSettings(page, ready = '#account-address') {
  await page.goto(app.url());
  await page.waitForSelector('.entries .entry', { timeout: 20000 });
  await page.locator('.settings-toggle').click();
  await page.waitForSelector(ready);
}

async function connect(page, address, password = 'tester-api-password') {
  await page.fill('#account-address', address);
  await page.fill('#account-user', 'tester');
  await page.fill('#account-password', password);
  await page.locator('.accounts button', { hasText: 'Connect' }).click();
}

test('connecting to FreshRSS on another origin brings its feed, a read reaches it, its changes come back, and it is kept', async () => {
  // axe is injected as a script, which the page's own policy would rightly refuse.
  const context = await app.browser().newContext({ bypassCSP: true });
  const page = await context.newPage();
  await openSettings(page);
  await connect(page, fresh.url, 'wrong');
  await page.locator('#connection', { hasText: 'refused this user name or API password' }).waitFor({ timeout: 20000 });
  await connect(page, fresh.url);
  await page.locator('#connection', { hasText: 'Connected: 1 feed and 5 unread entries on the server.' }).waitFor({ timeout: 30000 });
  const host = new URL(fresh.url).host.split(':')[0];
  await page.locator('.account-heading', { hasText: host }).waitFor();
  assert.equal(await page.locator('#account-password').count(), 0, 'the password field is gone once connected');
  await page.screenshot({ path: path.join(os.tmpdir(), 'feeds-sync-connected.png') });
  assert.deepEqual(await seriousViolations(page), [], 'the account in Settings');
  await page.locator('.settings-panel button', { hasText: 'Close' }).click();
  assert.deepEqual(await seriousViolations(page), [], 'the account in the sidebar');
  // The account's feed, under the server's heading.
  await page.locator('.feed .feed-title', { hasText: 'Local News' }).click();
  await page.locator('.entries .entry', { hasText: 'Story 5' }).click();
  await page.waitForFunction(() => document.querySelector('.reader .article-body')?.textContent.includes('Story 5 body'));
  for (let i = 0; i < 50 && (await unreadCount()) !== 4; i++) await new Promise((r) => setTimeout(r, 200));
  assert.equal(await unreadCount(), 4, 'opening the entry read it on the server');
  // Another device reads Story 4 on the server; Refresh brings that here.
  const ids = JSON.parse(await api('stream/contents/user/-/state/com.google/reading-list?n=20')).items;
  await api('edit-tag', [['i', ids.find((i) => i.title === 'Story 4').id], ['a', 'user/-/state/com.google/read']]);
  await page.keyboard.press('Escape');
  await page.locator('.refresh').click();
  await page.waitForFunction(() => [...document.querySelectorAll('.entries .entry')].find((e) => e.textContent.includes('Story 4'))?.classList.contains('read'), null, { timeout: 20000 });
  // Kept across a reload, without the password.
  await page.reload();
  await page.locator('.account-heading', { hasText: host }).waitFor({ timeout: 20000 });
  const stored = await page.evaluate(() => JSON.stringify(localStorage));
  assert.ok(!stored.includes('tester-api-password') && !stored.includes('tester/'), 'nothing of the login in localStorage');
  await context.close();
});

test('a server whose API sends no CORS headers is explained', async () => {
  const context = await app.browser().newContext();
  const page = await context.newPage();
  await openSettings(page);
  await connect(page, `http://127.0.0.1:${noCors.port}`);
  await page.locator('#connection', { hasText: 'does not allow web pages to call its API' }).waitFor({ timeout: 30000 });
  await context.close();
});

async function connectMiniflux(page, miniflux) {
  await page.selectOption('#account-kind', 'miniflux');
  await page.fill('#account-address', miniflux.url);
  await page.fill('#account-password', KEY);
  await page.locator('.accounts button', { hasText: 'Connect' }).click();
  await page.locator('#connection', { hasText: 'Connected:' }).waitFor({ timeout: 30000 });
}

/** Waits, without a fixed sleep, for a condition on this process's side (the servers'). */
async function until(condition, what) {
  for (let i = 0; i < 150 && !condition(); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(condition(), what);
}

test('Miniflux on another origin: an API key connects, its entries arrive, a read and a star reach it', async () => {
  const miniflux = await startMiniflux(3);
  const context = await app.browser().newContext();
  const page = await context.newPage();
  await openSettings(page);
  await page.selectOption('#account-kind', 'miniflux');
  await page.locator('label[for=account-password]', { hasText: 'API key' }).waitFor();
  assert.equal(await page.locator('#account-user').count(), 0, 'Miniflux asks for no user name');
  await page.fill('#account-address', miniflux.url);
  await page.fill('#account-password', 'not-the-key');
  await page.locator('.accounts button', { hasText: 'Connect' }).click();
  await page.locator('#connection', { hasText: 'refused this API key' }).waitFor({ timeout: 20000 });
  await page.fill('#account-password', KEY);
  await page.locator('.accounts button', { hasText: 'Connect' }).click();
  await page.locator('#connection', { hasText: 'Connected: 1 feed and 3 unread entries on the server.' }).waitFor({ timeout: 30000 });
  await page.locator('.account-state', { hasText: 'as ann' }).waitFor();
  await page.locator('.settings-panel button', { hasText: 'Close' }).click();
  await page.locator('.feed .feed-title', { hasText: 'Valley Post' }).click();
  await page.locator('.entries .entry', { hasText: 'Valley story 3' }).click();
  await page.waitForFunction(() => document.querySelector('.reader .article-body')?.textContent.includes('Valley story 3 body'));
  await page.keyboard.press('s');
  const story = miniflux.entries.find((e) => e.title === 'Valley story 3');
  await until(() => story.status === 'read' && story.starred, 'the read and the star reach the server');
  assert.equal(story.status, 'read', 'opening it read it on the server, through a CORS preflight');
  assert.ok(story.starred, 'and the star is set there, never toggled');
  assert.ok(!miniflux.calls.some((c) => c.includes('/bookmark')));
  await context.close();
  miniflux.close();
});

test('one tab syncs at a time: another says so, asks nothing, and shows what the first brings', async () => {
  const miniflux = await startMiniflux(3);
  const context = await app.browser().newContext();
  const first = await context.newPage();
  await openSettings(first);
  await connectMiniflux(first, miniflux);
  const second = await context.newPage();
  await openSettings(second, '.accounts .account-state');
  // Read on another device; the first tab's sync is caught halfway.
  miniflux.entries.find((e) => e.title === 'Valley story 1').status = 'read';
  const feedCalls = () => miniflux.calls.filter((c) => c === 'GET /v1/feeds').length;
  const before = feedCalls();
  const release = miniflux.hold();
  await first.locator('.accounts button', { hasText: 'Sync now' }).click();
  await until(() => feedCalls() === before + 1 && miniflux.calls.at(-1).startsWith('GET /v1/entries/ids'), 'the first tab is syncing');
  await second.locator('.accounts button', { hasText: 'Sync now' }).click();
  await second.locator('.status', { hasText: 'Another tab of the reader is syncing with 127.0.0.1' }).waitFor({ timeout: 20000 });
  release();
  await second.locator('.settings-panel button', { hasText: 'Close' }).click();
  await second.locator('.feed .feed-title', { hasText: 'Valley Post' }).click();
  await second.waitForFunction(() => [...document.querySelectorAll('.entries .entry')].find((e) => e.textContent.includes('Valley story 1'))?.classList.contains('read'), null, { timeout: 20000 });
  assert.equal(feedCalls(), before + 1, 'one sync, by the first tab; the second followed through storage');
  await context.close();
  miniflux.close();
});
