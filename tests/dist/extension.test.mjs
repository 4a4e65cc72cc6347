// The built extension (make extension) in headless Chromium, loaded unpacked: its page reads
// feeds that send no CORS header (which the web build cannot: see fetch.test.mjs), its toolbar
// menu subscribes to the current tab's page, its Text view reads article pages that send no CORS header, it syncs with a Google Reader server that sends no
// CORS headers (a real FreshRSS behind a proxy that strips them), it opens offline with no service worker, runs
// under its own Content-Security-Policy with no violation, and has no serious accessibility
// problem. The Firefox package passes web-ext lint, and both manifests have what the stores ask.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startFreshRss, withoutCors, USER, PASSWORD } from './freshrss.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, '../..');
const UNPACKED = path.join(ROOT, 'dist-extension/chromium');
const FIREFOX = path.join(ROOT, 'dist-extension/firefox');
const SERVER = 'http://127.0.0.1:8765';
// Chromium names an unpacked extension after its folder: the first 32 hex digits of the
// path's SHA-256, written with the letters a to p.
const ID = [...crypto.createHash('sha256').update(UNPACKED).digest('hex').slice(0, 32)].map((d) => String.fromCharCode(97 + parseInt(d, 16))).join('');
const READER = `chrome-extension://${ID}/index.html`;

let context, profile;
before(async () => {
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'feedreader-extension-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', `--disable-extensions-except=${UNPACKED}`, `--load-extension=${UNPACKED}`],
  });
});
after(async () => {
  await context?.close();
  fs.rmSync(profile, { recursive: true, force: true });
});

async function reader(query = '') {
  const page = await context.newPage();
  const violations = [];
  await page.exposeFunction('reportViolation', (v) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(READER + query);
  await page.waitForSelector('.app[data-ready]', { timeout: 20000 });
  return { page, violations };
}

async function lookUp(page, address) {
  if (!(await page.$('.add-feed'))) await page.locator('.add-toggle').click();
  await page.fill('#feed-address', address);
  await page.locator('.add-address button[type=submit]').click();
  return page.waitForSelector('.lookup.preview, .lookup.choices, .lookup.failed', { timeout: 15000 });
}

const get = (url) => fetch(url).then((r) => r.text());

test('the extension reads a feed with no CORS header: preview, subscribe, refresh and merge', async () => {
  await get(`${SERVER}/admin/edition?n=1`);
  const { page, violations } = await reader();
  assert.ok(await page.isVisible('.moving-in'), 'the first start offers to bring the web version\'s library');
  assert.match(await page.textContent('.moving-in'), /Back up everything/);
  // The feed the web build explains it cannot read (fetch.test.mjs) is simply there.
  const bare = await lookUp(page, `${SERVER}/nocors/bare.xml`);
  assert.equal(await bare.getAttribute('class'), 'lookup preview', await bare.textContent());
  const found = await lookUp(page, `${SERVER}/nocors/news.xml`);
  assert.equal(await found.getAttribute('class'), 'lookup preview', await found.textContent());
  assert.equal(await page.textContent('.lookup.preview h3'), 'Changing News');
  await page.locator('.lookup .subscribe').click();
  await page.waitForSelector('.feeds >> text=Changing News');
  await page.locator('.feeds button.feed', { hasText: 'Changing News' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.entries .entry[data-key]').length === 2);
  await page.locator('.entries .entry', { hasText: 'Story B' }).click();
  await page.waitForSelector('.reader .article-title >> text=Story B');

  await get(`${SERVER}/admin/edition?n=2`);
  await page.locator('.refresh').first().click();
  await page.waitForSelector('.entries .entry >> text=Story C');
  const row = page.locator('.entries .entry', { hasText: 'Story B, corrected' });
  await row.waitFor();
  assert.match(await row.getAttribute('class'), /\bread\b/, 'the changed entry keeps its read state');
  assert.equal(await page.locator('.entries .entry[data-key]').count(), 3, 'A stays, B is updated, C is new');
  assert.deepEqual(violations, [], 'no Content-Security-Policy violation');
  await get(`${SERVER}/admin/edition?n=1`);
  await page.close();
});

test('the extension reads the whole article of a page that sends no CORS header (Text view)', async () => {
  const { page, violations } = await reader();
  const found = await lookUp(page, `${SERVER}/cors/articles.xml`);
  assert.equal(await found.getAttribute('class'), 'lookup preview', await found.textContent());
  await page.locator('.lookup .subscribe').click();
  await page.waitForSelector('.feeds >> text=Courier teasers');
  await page.locator('.feeds button.feed', { hasText: 'Courier teasers' }).click();
  // The web build explains it cannot read this one (text-view.test.mjs); the extension reads it.
  await page.locator('.entries .entry', { hasText: 'The river, elsewhere' }).click();
  await page.waitForSelector('.reader .article-title >> text=The river, elsewhere');
  await page.keyboard.press('x');
  await page.waitForSelector('.reader .whole-article h2 >> text=What the measurements show', { timeout: 15000 });
  assert.doesNotMatch(await page.textContent('.reader .whole-article'), /Accept all cookies/);
  // The test page's picture is on http:, which the reader's policy never loads (https only).
  assert.deepEqual(violations.filter((v) => !v.startsWith('img-src http://127.0.0.1:8765/')), [], 'no other Content-Security-Policy violation');
  await page.close();
});

test('the extension syncs with a Google Reader server that sends no CORS headers, which a web page cannot call', async () => {
  const fresh = await startFreshRss(`${SERVER}/nocors/news.xml`);
  const proxy = await withoutCors(fresh.url);
  try {
    const plain = await fetch(`${proxy.url}/api/greader.php/reader/api/0/token`);
    assert.equal(plain.headers.get('access-control-allow-origin'), null, 'the proxy sends no CORS headers');
    const { page, violations } = await reader();
    await page.locator('.settings-toggle').click();
    await page.fill('#account-address', proxy.url);
    await page.fill('#account-user', USER);
    await page.fill('#account-password', PASSWORD);
    await page.locator('.accounts button', { hasText: 'Connect' }).click();
    await page.waitForSelector('#connection:not(:has-text("Checking"))', { timeout: 30000 });
    assert.equal(await page.textContent('#connection'), 'Connected: 1 feed and 2 unread entries on the server.');
    await page.locator('.settings-panel button', { hasText: 'Close' }).click();
    await page.locator('.account-heading').waitFor();
    // The account's feed, under its heading (this device may follow the same feed itself).
    await page.locator('.account-heading + ul .feed .feed-title', { hasText: 'Changing News' }).click();
    await page.locator('.entries .entry', { hasText: 'Story B' }).click();
    const unread = async () => JSON.parse(await fresh.call('stream/items/ids?s=user/-/state/com.google/reading-list&xt=user/-/state/com.google/read&n=100')).itemRefs.length;
    for (let i = 0; i < 100 && (await unread()) !== 1; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await unread(), 1, 'opening Story B read it on the server; Story A stays unread');
    assert.deepEqual(violations, [], 'no Content-Security-Policy violation');
    await page.close();
  } finally {
    proxy.close();
    fresh.stop();
  }
});

test('"Subscribe to this page" previews the feeds of the current tab\'s page', async () => {
  const site = await context.newPage();
  await site.goto(`${SERVER}/nocors/site/`);
  const menu = await context.newPage();
  await menu.goto(`chrome-extension://${ID}/popup.html`);
  // The menu looks at the active tab of its window: make that the site's, as it is when the
  // toolbar button is pressed on it.
  await site.bringToFront();
  const opened = context.waitForEvent('page');
  await menu.evaluate(() => document.querySelector('.subscribe').click());
  const page = await opened;
  await page.waitForURL((url) => url.href.startsWith(READER));
  await page.waitForSelector('.lookup.preview', { timeout: 20000 });
  assert.equal(await page.textContent('.lookup.preview h3'), 'Changing News');
  assert.ok(!(await page.textContent('.feeds')).includes('Local News'));
  await Promise.all([site.close(), page.close(), menu.isClosed() ? null : menu.close()]);
});

test('the extension\'s page requires Trusted Types: a plain string is refused by innerHTML, sanitized articles still show', async () => {
  const { page } = await reader();
  const outcome = await page.evaluate(() => {
    try { document.createElement('div').innerHTML = '<b>x</b>'; return 'allowed'; } catch (error) { return error.name; }
  });
  assert.equal(outcome, 'TypeError');
  // An entry of the sample, whose articles all have a body.
  await page.locator('.feed .feed-title', { hasText: 'shared items' }).click();
  await page.locator('.entries .entry').first().click();
  await page.waitForFunction(() => document.querySelector('.reader .article-body')?.children.length > 0);
  await page.close();
});

test('the extension opens with no network and registers no service worker', async () => {
  const { page } = await reader();
  assert.deepEqual(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
  await context.setOffline(true);
  try {
    await page.reload();
    await page.waitForSelector('.app[data-ready]', { timeout: 20000 });
    await page.waitForFunction(() => document.querySelectorAll('.entries .entry[data-key]').length > 0);
  } finally {
    await context.setOffline(false);
  }
  await page.close();
});

test('axe-core finds no serious or critical violation in the extension\'s page', async () => {
  const { page } = await reader();
  await page.evaluate(require('axe-core').source);
  const results = await page.evaluate(() => window.axe.run({ exclude: [['.article-body img']] }, { resultTypes: ['violations'] }));
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(serious, []);
  await page.close();
});

test('the packages have what the stores ask, and web-ext lint finds no error', () => {
  const version = fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];
  for (const folder of [UNPACKED, FIREFOX]) {
    const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8'));
    assert.equal(manifest.manifest_version, 3);
    assert.equal(manifest.version, version);
    assert.ok(manifest.description.length > 0 && manifest.description.length <= 132);
    for (const size of ['16', '32', '48', '128']) assert.ok(fs.existsSync(path.join(folder, manifest.icons[size])), `icon ${size}`);
    assert.match(manifest.content_security_policy.extension_pages, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.deepEqual(manifest.permissions, ['activeTab']);
    assert.ok(!fs.existsSync(path.join(folder, 'sw.js')), 'no service worker in the extension');
    assert.ok(fs.existsSync(path.join(ROOT, `dist-extension/feeds-${path.basename(folder)}-${version}.zip`)));
  }
  assert.ok(JSON.parse(fs.readFileSync(path.join(FIREFOX, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id);
  const lint = JSON.parse(execFileSync(path.join(ROOT, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', FIREFOX, '--output', 'json', '--no-input'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  assert.equal(lint.summary.errors, 0, JSON.stringify(lint.errors));
});
