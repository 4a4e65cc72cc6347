// The built site as an installable app that works offline: the service worker, a second
// build deployed over the first, Chromium's installability check, the links that lead into
// the reader, and the unread badge. Feeds come from the test server on 127.0.0.1:8765.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveDist, launch } from './serve.mjs';

const DIST = path.resolve(import.meta.dirname, '../../dist');
const SERVER = 'http://127.0.0.1:8765';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
let host, browser;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'feedreader-pwa-'));
before(async () => {
  host = await serveDist(DIST);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await host?.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

async function controlled(page) {
  await page.waitForSelector('.app[data-ready]', { timeout: 20000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20000 });
}

test('after one visit the reader opens offline with its entries and articles', async () => {
  host.serve(DIST);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(host.url);
  await controlled(page);
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('.app[data-ready]', { timeout: 20000 });
  await page.waitForFunction(() => document.querySelectorAll('.entries .entry[data-key]').length >= 10);
  const row = page.locator('.entries .entry[data-key]').nth(2);
  const title = (await row.locator('.entry-title').textContent()).replace(/^★ /, '');
  await row.click();
  await page.waitForFunction((t) => document.querySelector('.reader .article-title')?.textContent === t
    && document.querySelector('.reader .article-body')?.textContent.trim().length > 20, title);
  // The parser is an app file too: a pasted feed is read with no network.
  await page.locator('.add-toggle').click();
  await page.fill('#feed-text', '<rss version="2.0"><channel><title>Offline paste</title><item><title>One</title><guid>1</guid></item></channel></rss>');
  await page.locator('.add-text button[type=submit]').click();
  await page.waitForSelector('.feeds >> text=Offline paste', { timeout: 20000 });
  await page.locator('.refresh').first().click();
  await page.waitForFunction(() => /offline/i.test(document.querySelector('.status')?.textContent ?? ''));
  await context.close();
});

test('a new build is offered, never mixed in, and its Reload brings it whole', async () => {
  // The second build: the first with a changed stylesheet (a new hashed name) and a mark in
  // index.html, and its own service worker written by the build's script.
  const second = path.join(scratch, 'second');
  fs.cpSync(DIST, second, { recursive: true });
  const css = fs.readdirSync(second).find((f) => /^app-.*\.css$/.test(f));
  fs.renameSync(path.join(second, css), path.join(second, 'app-second.css'));
  fs.appendFileSync(path.join(second, 'app-second.css'), '\n/* second build */\n');
  const index = path.join(second, 'index.html');
  fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace(css, 'app-second.css').replace('<head>', '<head>\n  <meta name="build" content="second">'));
  execFileSync('python3', [path.resolve(import.meta.dirname, '../../scripts/service_worker.py'), second]);
  const files = JSON.parse(fs.readFileSync(path.join(second, 'sw.js'), 'utf8').match(/const FILES = (\[[^\]]*\]);/)[1]);

  host.serve(DIST);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(host.url);
  await controlled(page);
  assert.ok(await page.isHidden('#update'), 'no update offered while the build is the newest');

  host.serve(second);
  await page.reload();
  await page.waitForSelector('#update:not([hidden])', { timeout: 30000 });
  assert.match(await page.textContent('#update'), /A new version is ready/);
  assert.equal(await page.$('meta[name=build]'), null, 'the page stays on its own build until the reader chooses');
  assert.ok((await page.getAttribute('link[rel=stylesheet]', 'href')).includes(css));

  await Promise.all([page.waitForEvent('load'), page.locator('#update button').click()]);
  await page.waitForSelector('meta[name=build]', { state: 'attached', timeout: 20000 });
  await page.waitForSelector('.app[data-ready]', { timeout: 20000 });
  const asked = await page.evaluate(() => [location.href, ...performance.getEntriesByType('resource').map((e) => e.name)]);
  const origin = new URL(host.url).origin;
  for (const url of asked.filter((u) => u.startsWith(origin))) {
    const name = new URL(url).pathname.slice(1) || 'index.html';
    assert.ok(files.includes(name) || name === 'sw.js', `${name} is a file of the second build`);
  }
  assert.ok(!asked.some((u) => u.includes(css)), 'the first build\'s stylesheet is not used');
  await page.waitForFunction(async () => (await caches.keys()).filter((k) => k.startsWith('feedreader-app-')).length === 1);
  await context.close();
});

test('Chromium finds the reader installable, with icons that load', async () => {
  host.serve(DIST);
  const profile = fs.mkdtempSync(path.join(scratch, 'profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args: ARGS, headless: true });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(host.url);
    await controlled(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors: errors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(errors, [], 'no installability errors');
    const { errors: manifestErrors, data } = await cdp.send('Page.getAppManifest');
    assert.deepEqual(manifestErrors, []);
    const manifest = JSON.parse(data);
    assert.equal(manifest.display, 'standalone');
    assert.ok(manifest.icons.some((i) => i.purpose === 'maskable'));
    for (const icon of manifest.icons) {
      const size = await page.evaluate(async (src) => {
        const image = new Image();
        image.src = src;
        await image.decode();
        return `${image.naturalWidth}x${image.naturalHeight}`;
      }, new URL(icon.src, host.url).href);
      assert.equal(size, icon.sizes, `${icon.src} loads at its size`);
    }
  } finally {
    await context.close();
  }
});

test('a shared page and a web+feed: link lead to the preview', async () => {
  host.serve(DIST);
  const context = await browser.newContext();
  const page = await context.newPage();
  const feed = `${SERVER}/cors/feed.xml`;
  await page.goto(`${host.url}?shared-title=${encodeURIComponent('Local News')}&shared-text=${encodeURIComponent(`Have a look: ${feed}`)}`);
  await page.waitForSelector('.lookup.preview', { timeout: 15000 });
  assert.equal(await page.textContent('.lookup.preview h3'), 'Local News');
  assert.equal(new URL(page.url()).search, '', 'the shared text leaves the address bar');
  await page.goto(`${host.url}?add=${encodeURIComponent(`web+feed:${feed}`)}`);
  await page.waitForSelector('.lookup.preview', { timeout: 15000 });
  assert.equal(await page.textContent('.lookup.preview h3'), 'Local News');
  assert.ok(!(await page.textContent('.feeds')).includes('Local News'), 'nothing subscribed without the click');
  await context.close();
});

test('the app icon shows the unread count, and none at zero', async () => {
  host.serve(DIST);
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.__badge = [];
    navigator.setAppBadge = async (n) => { window.__badge.push(n); };
    navigator.clearAppBadge = async () => { window.__badge.push(0); };
  });
  const page = await context.newPage();
  await page.goto(host.url);
  await page.waitForSelector('.app[data-ready]', { timeout: 20000 });
  await page.waitForFunction(() => window.__badge.at(-1) === 25);
  await page.keyboard.press('Shift+A');
  await page.waitForFunction(() => window.__badge.at(-1) === 0);
  await context.close();
});
