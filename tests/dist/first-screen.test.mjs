// The first screen before any wasm: a first visit paints the sample's rows from index.html
// itself; a device that has used the reader gets back the screen it last showed. The page's
// wasm then takes over with nothing moving. UPDATE_SAMPLE=1 rewrites static/first-screen.html
// from the built page's own first screen (then `make dist` again).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { builtApp } from './serve.mjs';

const app = builtApp();
const FIRST_SCREEN = path.resolve(import.meta.dirname, '../../static/first-screen.html');
const KEY = 'feedreader.screen';

/** Holds back every request for the reader's code (wasm, the page's and the workers' scripts) until `release()`. */
async function holdCode(page) {
  const held = [];
  let released = false;
  await page.route(/\.wasm$|\/(page|engine|parser|filters|loader)-[^/]*\.js$/, (route) => (released ? route.continue() : held.push(route)));
  return {
    held: () => held.length,
    release: () => { released = true; for (const route of held.splice(0)) route.continue(); },
  };
}

/** The rows' boxes and titles as the reader sees them. */
const rows = (page) => page.$$eval('.entries .entry[data-key]', (list) => list.slice(0, 8).map((row) => {
  const box = row.getBoundingClientRect();
  return { key: row.dataset.key, title: row.querySelector('.entry-title').textContent, top: box.top, left: box.left, width: box.width, height: box.height };
}));

/** Counts layout shifts the page sees from now on. */
const watchShifts = (page) => page.addInitScript(() => {
  window.__shifts = 0;
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__shifts += entry.value; }).observe({ type: 'layout-shift', buffered: true });
});

const takenOver = (page) => page.waitForFunction(() => document.querySelector('#app > .app[data-ready]') && !document.querySelector('#app > [data-static]'), null, { timeout: 30000 });

/** The reader opened (no service worker, so routes see every request) and showing its own screen. */
async function opened(options = {}) {
  const context = await app.browser().newContext({ serviceWorkers: 'block', ...options });
  const page = await context.newPage();
  await page.goto(app.url());
  await takenOver(page);
  return { context, page };
}

/** What boot.js keeps of the screen when the page is left. */
const keptScreen = async (page) => JSON.parse(await page.evaluate((key) => {
  window.dispatchEvent(new PageTransitionEvent('pagehide'));
  return localStorage.getItem(key);
}, KEY));

test("index.html's first screen is the page's own first screen (static/first-screen.html is up to date)", async () => {
  const { context, page } = await opened({ viewport: { width: 1280, height: 3000 } });
  await page.waitForFunction(() => document.querySelectorAll('.entries .entry[data-key]').length >= 25);
  // What boot.js keeps of a screen when the page is left, here the page's first screen.
  const { html } = await keptScreen(page);
  assert.match(html, /^<div class="app" data-static="">/);
  if (process.env.UPDATE_SAMPLE) fs.writeFileSync(FIRST_SCREEN, `${html}\n`);
  assert.equal(fs.readFileSync(FIRST_SCREEN, 'utf8').trim(), html,
    'static/first-screen.html is out of date: run `UPDATE_SAMPLE=1 node --test tests/dist/first-screen.test.mjs`, then `make dist`');
  await context.close();
});

test('a first visit shows the sample rows before any wasm, as links that open once the page is there', async () => {
  const context = await app.browser().newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const code = await holdCode(page);
  await page.goto(app.url(), { waitUntil: 'commit' });
  await page.waitForFunction(() => document.querySelectorAll('.entries a.entry[data-key]').length >= 8);
  assert.ok(code.held() >= 1, 'the page asked for its wasm, and it is held back');
  const shown = await rows(page);
  assert.ok(shown.every((row) => row.title.trim().length > 0 && row.height > 50), JSON.stringify(shown));
  assert.equal(await page.isVisible('.entries a.entry[data-key]'), true);
  // Dates are worded for this reader, as the page words them.
  assert.match(await page.textContent('.entries a.entry time'), /\d{4}|ago|yesterday/);
  // A click before the wasm is here: the address says which entry, and it opens once it is.
  const third = page.locator('.entries a.entry[data-key]').nth(2);
  const title = await third.locator('.entry-title').textContent();
  const key = await third.getAttribute('data-key');
  await third.click();
  assert.equal(await page.evaluate(() => location.hash), `#/all/entry/${key}`);
  code.release();
  await page.waitForFunction((t) => document.querySelector('.reader .article-title')?.textContent === t, title, { timeout: 30000 });
  await takenOver(page);
  // A NewsBlur shared story: who shared it beside the meta, the story alone below.
  assert.equal(await page.textContent('.reader .article-shared'), 'Shared by bernhardbock from Jim Nielsen’s Blog');
  assert.doesNotMatch(await page.textContent('.reader .article-body'), /shared this story/);
  await context.close();
});

for (const [name, options] of [
  ['desktop', { viewport: { width: 1280, height: 800 } }],
  ['phone', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }],
]) {
  test(`the page takes over the first screen with no row moving and nothing fetched twice (${name})`, async () => {
    const context = await app.browser().newContext({ ...options, serviceWorkers: 'block' });
    const page = await context.newPage();
    const asked = [];
    page.on('request', (request) => asked.push(new URL(request.url()).pathname));
    await watchShifts(page);
    const code = await holdCode(page);
    await page.goto(app.url(), { waitUntil: 'commit' });
    await page.waitForFunction(() => document.querySelectorAll('.entries a.entry[data-key]').length >= 5);
    const before = await rows(page);
    code.release();
    await takenOver(page);
    await page.waitForFunction((n) => document.querySelectorAll('.entries button.entry[data-key]').length >= n, before.length);
    const after = await rows(page);
    assert.deepEqual(after, before, 'the same rows, in the same places');
    assert.equal(await page.evaluate(() => window.__shifts), 0, 'no layout shift');
    // What the first screen and its taking over need, each asked once. (The engine's files are
    // asked twice by design: preloaded by the page, then by its worker, from the HTTP cache.)
    const own = asked.filter((file) => /^\/$|\.(html|css|bin|json)$|\/(boot|loader-[^/]*|page-[^/]*)\.js$|\/page-[^/]*\.wasm$/.test(file));
    assert.ok(own.some((file) => file.endsWith('.bin')) && own.some((file) => file.endsWith('.wasm')), own.join());
    assert.deepEqual(own.filter((file, i) => own.indexOf(file) !== i), [], 'no file fetched twice');
    await context.close();
  });
}

test('a repeat visit shows the last screen before any code arrives, and the page takes it over', async () => {
  const { context, page } = await opened();
  // The reader goes to one feed and reads an entry there.
  const feed = page.locator('.feeds li.feed-item button.feed').first();
  const feedTitle = (await feed.locator('.feed-title').textContent()).trim();
  await feed.click();
  await page.waitForFunction((t) => document.querySelector('.list-heading')?.textContent === t, feedTitle);
  await page.locator('.entries .entry[data-key]').nth(1).click();
  await page.waitForSelector('.reader .article-title');
  const seen = await rows(page);
  const address = await page.evaluate(() => location.hash);
  // Back later, with no code reaching the page: neither its wasm nor the engine.
  const code = await holdCode(page);
  await page.reload({ waitUntil: 'commit' });
  await page.waitForFunction(() => document.querySelectorAll('.entries a.entry[data-key]').length >= 2);
  assert.equal(await page.textContent('.list-heading'), feedTitle);
  assert.deepEqual((await rows(page)).map((r) => r.title), seen.map((r) => r.title));
  assert.equal(await page.isVisible('.entries a.entry.read'), true, 'the entry read is shown read');
  assert.equal(await page.evaluate(() => location.hash), address);
  assert.equal(await page.locator('.reader .article-title').count(), 0, 'no article is kept in the last screen');
  code.release();
  await takenOver(page);
  await page.waitForFunction((t) => document.querySelector('.reader .article-title')?.textContent.length > 0 && document.querySelector('.list-heading')?.textContent === t, feedTitle);
  await context.close();
});

test('a last screen that is corrupt, from another build or too old is not used; nothing in it runs', async () => {
  const { context, page } = await opened();
  const good = await keptScreen(page);
  const week = 7 * 86400e3;
  const cases = {
    corrupt: '{"build": "page-',
    'not a screen': JSON.stringify({ ...good, html: '<p>hello</p>' }),
    'another build': JSON.stringify({ ...good, build: './page-0000000000000000_bg.wasm' }),
    'too old': JSON.stringify({ ...good, at: Date.now() - week - 60000 }),
  };
  const code = await holdCode(page);
  // Stored as the page is left, after boot.js has kept the screen it leaves.
  const storeOnLeaving = (value) => page.evaluate(([key, value]) => window.addEventListener('pagehide', () => localStorage.setItem(key, value)), [KEY, value]);
  for (const [name, value] of Object.entries(cases)) {
    await storeOnLeaving(value);
    await page.reload({ waitUntil: 'commit' });
    await page.waitForSelector('#app > [data-static] .entries .loading', { state: 'visible' });
    assert.equal(await page.locator('.entries .entry[data-key]').count(), 0, `${name}: no rows, neither the sample's nor the stored ones`);
  }
  // A good one shows; what it should never hold is dropped before it is shown.
  const tampered = good.html.replace('<header class="topbar">', '<header class="topbar"><img src="x" onerror="window.__ran = 1"><script>window.__ran = 2</script><a href="javascript:window.__ran=3" class="bad">x</a>');
  await storeOnLeaving(JSON.stringify({ ...good, html: tampered }));
  await page.reload({ waitUntil: 'commit' });
  await page.waitForFunction(() => document.querySelectorAll('.entries a.entry[data-key]').length >= 5);
  assert.equal(await page.locator('#app img, #app script').count(), 0);
  assert.equal(await page.locator('#app a.bad').getAttribute('href'), null);
  await page.locator('#app a.bad').click();
  assert.equal(await page.evaluate(() => window.__ran), undefined);
  code.release();
  await takenOver(page);
  await context.close();
});

test("a last screen's dates are worded for now, as the page words them, before any code arrives", async () => {
  const { context, page } = await opened();
  const good = await keptScreen(page);
  // Kept when its first entry was just out, read again three days later: its words are stale.
  const threeDaysAgo = new Date(Date.now() - 3 * 86400e3 - 3600e3).toISOString();
  const stale = good.html
    .replace(/<time datetime="[^"]*">[^<]*<\/time>/, `<time datetime="${threeDaysAgo}">just now</time>`);
  assert.notEqual(stale, good.html);
  const code = await holdCode(page);
  await page.evaluate(([key, value]) => window.addEventListener('pagehide', () => localStorage.setItem(key, value)), [KEY, JSON.stringify({ ...good, html: stale })]);
  await page.reload({ waitUntil: 'commit' });
  await page.waitForFunction(() => document.querySelector('#app > [data-static] time')?.textContent === '3 days ago');
  assert.equal(await page.locator('#app > [data-static] time', { hasText: 'just now' }).count(), 0);
  assert.ok(code.held() > 0, 'the page and the engine are still held back');
  code.release();
  await takenOver(page);
  await context.close();
});
