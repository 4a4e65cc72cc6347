// The reader at scale, in the built app (desktop, no throttling), served gzip-compressed:
//   node scripts/bench/library.mjs [FEEDS=300] [ENTRIES=300]
// Imports a generated backup of FEEDS x ENTRIES entries (scripts/bench/make-backup.mjs) through
// the page, as a person drops a file, then reloads and measures: reload to the first row
// (beside the same for the 25-entry sample, in the same run), search per keystroke, a click
// to its article painted, memory of page and workers, and main-thread tasks over 50 ms while
// importing, pasting 10,000 entries and refreshing 100 feeds. Prints BENCH lines.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveDist, clipboardWith, paste, CHROMIUM_ARGS, MILESTONES, median, memoryProbe, makeBackup } from './serve.mjs';

const [feeds = 300, entries = 300] = process.argv.slice(2).map(Number);
const dist = path.resolve(import.meta.dirname, '../../dist');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'feedreader-bench-'));
const backup = path.join(work, 'backup.json');
makeBackup(backup, feeds, entries);

// Feeds for the refresh: /gen/N.xml, 100 entries each, with an ETag.
const generated = (n) => {
  const items = Array.from({ length: 100 }, (_, i) => `<item><title>Generated ${n} entry ${i}</title><guid>gen-${n}-${i}</guid>` +
    `<pubDate>Mon, 02 Nov 2026 10:${String(i % 60).padStart(2, '0')}:00 GMT</pubDate><description>&lt;p&gt;${'Lorem ipsum dolor sit amet. '.repeat(20)}&lt;/p&gt;</description></item>`).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Generated ${n}</title><link>https://gen.example/${n}/</link>${items}</channel></rss>`;
};
const host = await serveDist(dist, {
  isolated: true,
  extra: async (req, res, url) => {
    const match = url.pathname.match(/^\/gen\/(\d+)\.xml$/);
    if (!match) return false;
    res.writeHead(200, { 'content-type': 'application/rss+xml', 'cross-origin-resource-policy': 'same-origin' }).end(generated(match[1]));
    return true;
  },
});
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, '--enable-blink-features=ForceEagerMeasureMemory'] });

let probe;
async function open(context) {
  const page = await context.newPage();
  probe = await memoryProbe(page);
  await page.addInitScript(MILESTONES);
  await page.goto(host.url);
  await page.waitForFunction(() => window.__marks.firstRowPainted || document.querySelector('.app[data-ready]'), null, { timeout: 120000 });
  return page;
}

/** Reload to the first row painted, in ms from navigation. */
async function reloadToFirstRow(page) {
  await page.reload();
  await page.waitForFunction(() => window.__marks.firstRowPainted, null, { timeout: 120000 });
  return page.evaluate(() => window.__marks.firstRowPainted);
}

/** Long main-thread tasks from now until `done` resolves. */
async function longTasksDuring(page, done) {
  const before = await page.evaluate(() => window.__longTasks.length);
  await done();
  return page.evaluate((n) => window.__longTasks.slice(n).map((t) => Math.round(t.duration)), before);
}

async function status(page, text, timeout = 600000) {
  // Polled, not every frame: watching must not cost the main thread it measures.
  await page.waitForFunction((t) => document.querySelector('.status')?.textContent.includes(t), text, { timeout, polling: 250 });
}

// The 25-entry sample, reloaded, for comparison in the same run.
const small = await browser.newContext({ viewport: { width: 1366, height: 860 } });
const smallPage = await open(small);
await smallPage.waitForFunction(() => window.__marks.firstRowPainted);
const sample = [];
for (let i = 0; i < 5; i++) sample.push(await reloadToFirstRow(smallPage));
await small.close();

const context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
const page = await open(context);
await page.waitForFunction(() => window.__marks.firstRowPainted);

// Import the big backup as a person would: Add feed, Open a file.
await page.locator('.add-toggle').click();
const started = Date.now();
const importTasks = await longTasksDuring(page, async () => {
  await page.locator('.add-feed input[type=file]').setInputFiles(backup);
  await status(page, 'restored the backup');
});
const importSeconds = (Date.now() - started) / 1000;
const round = (list) => list.map((n) => Math.round(n));
console.log(`BENCH ${feeds * entries} entries (${feeds} x ${entries}, backup ${Math.round(fs.statSync(backup).size / 1e6)} MB) imported in ${importSeconds.toFixed(1)} s; main-thread tasks over 50 ms meanwhile: ${JSON.stringify(importTasks)}`);

// Reload to the first row.
const big = [];
for (let i = 0; i < 5; i++) big.push(await reloadToFirstRow(page));
// The whole list, once the library is read (the first screen comes before it).
await page.waitForFunction((n) => Number(document.querySelector('.entries ul[data-total]')?.dataset.total) >= n, feeds * entries, { polling: 100 });
const total = await page.getAttribute('.entries ul[data-total]', 'data-total');
console.log(`BENCH reload to first row: ${Math.round(median(big))} ms at ${total} entries (runs ${JSON.stringify(round(big))}), ${Math.round(median(sample))} ms for the 25-entry sample (${JSON.stringify(round(sample))}): ratio ${(median(big) / median(sample)).toFixed(2)}`);

// Search as you type: each keystroke until its list is on screen.
async function keystrokes(text) {
  const times = [];
  await page.fill('#search', '');
  await page.waitForTimeout(300);
  for (let i = 1; i <= text.length; i++) {
    const ms = await page.evaluate(async (value) => {
      const box = document.querySelector('#search');
      const list = document.querySelector('.entries');
      const before = Number(list.dataset.list);
      const start = performance.now();
      box.value = value;
      box.dispatchEvent(new Event('input', { bubbles: true }));
      // Until the new list is in the page (the engine answered and the page drew it), then
      // until the frame that shows it begins.
      await new Promise((resolve) => {
        const list = document.querySelector('.entries');
        if (Number(list.dataset.list) > before) return resolve();
        const watch = new MutationObserver(() => { if (Number(list.dataset.list) > before) { watch.disconnect(); resolve(); } });
        watch.observe(list, { attributes: true });
      });
      await new Promise((resolve) => requestAnimationFrame(resolve));
      return performance.now() - start;
    }, text.slice(0, i));
    times.push(ms);
  }
  return times;
}
const searches = [...(await keystrokes('keyboard 29')), ...(await keystrokes('lorem elit 7'))];
console.log(`BENCH search per keystroke: median ${Math.round(median(searches))} ms, max ${Math.round(Math.max(...searches))} ms (${JSON.stringify(round(searches))})`);
await page.fill('#search', '');
await page.waitForTimeout(500);

// A click on an entry until its article is painted.
const opens = [];
for (let i = 0; i < 7; i++) {
  opens.push(await page.evaluate(async (n) => {
    const row = document.querySelectorAll('.entries .entry[data-key]')[n];
    const title = row.querySelector('.entry-title').textContent.replace(/^★ /, '');
    const start = performance.now();
    row.click();
    // Until the article is in the page, then until the frame that shows it begins.
    const shown = () => document.querySelector('.reader .article-title')?.textContent === title && document.querySelector('.reader .article-body');
    await new Promise((resolve) => {
      if (shown()) return resolve();
      const watch = new MutationObserver(() => { if (shown()) { watch.disconnect(); resolve(); } });
      watch.observe(document.querySelector('.reader'), { subtree: true, childList: true, characterData: true });
    });
    await new Promise((resolve) => requestAnimationFrame(resolve));
    return performance.now() - start;
  }, i + 1));
}

console.log(`BENCH click an entry to its article painted: median ${Math.round(median(opens))} ms (${JSON.stringify(round(opens))})`);

// Memory of the page and its workers: JS heaps and WebAssembly memories.
const memory = await probe.measure();
const megabytes = (n) => Math.round(n / 1e6);
const totalMemory = Object.values(memory).reduce((n, m) => n + m.js + m.wasm, 0);
console.log(`BENCH memory: ${megabytes(totalMemory)} MB in all (${Object.entries(memory).map(([name, m]) => `${name}: JS ${megabytes(m.js)} MB + wasm ${megabytes(m.wasm)} MB`).join('; ')})`);

// A filter hiding the entries whose title ends in "keyboard" (one in eight): from the click on
// Add filter until the list is without them, every stored article judged again by the parser.
await page.locator('.settings-toggle').click();
await page.fill('#filter-pattern', 'keyboard$');
const listedBefore = Number(await page.getAttribute('.entries ul[data-total]', 'data-total'));
const filterStarted = Date.now();
let filterDone;
const filterTasks = await longTasksDuring(page, async () => {
  await page.locator('.filter-form button').click();
  // The list shrinks feed by feed; the pass is over when it last changed (no change in 5 s).
  let last = listedBefore, changed = Date.now();
  while (Date.now() - changed < 5000) {
    const now = Number(await page.getAttribute('.entries ul[data-total]', 'data-total'));
    if (now !== last) { last = now; changed = Date.now(); }
    await page.waitForTimeout(100);
  }
  filterDone = changed;
});
const filterSeconds = (filterDone - filterStarted) / 1000;
const listedAfter = await page.getAttribute('.entries ul[data-total]', 'data-total');
console.log(`BENCH a hiding filter over ${listedBefore} entries: the list shows ${listedAfter} after ${filterSeconds.toFixed(1)} s; main-thread tasks over 50 ms meanwhile: ${JSON.stringify(filterTasks)}`);
await page.locator('.filter-rules .rules button').click();
await page.waitForFunction((n) => Number(document.querySelector('.entries ul[data-total]')?.dataset.total) === n, listedBefore, { timeout: 600000, polling: 100 });
await page.locator('.settings-actions button', { hasText: 'Close' }).click();

// Pasting 10,000 entries, and refreshing 100 feeds, watching the main thread.
const items = Array.from({ length: 10000 }, (_, i) => `<item><title>Pasted entry ${i}</title><guid>paste-${i}</guid><description>&lt;p&gt;${'Some words of the pasted article. '.repeat(10)}&lt;/p&gt;</description></item>`).join('');
await page.locator('.add-toggle').click();
const clipboard = await clipboardWith(page, `<rss version="2.0"><channel><title>Pasted ten thousand</title><link>https://paste.example/</link>${items}</channel></rss>`);
const pasteTasks = await longTasksDuring(page, async () => {
  await paste(page, clipboard);
  await page.locator('.add-text button[type=submit]').click();
  await status(page, 'Added Pasted ten thousand');
});
const outlines = Array.from({ length: 100 }, (_, n) => `<outline text="Generated ${n}" xmlUrl="${host.url}gen/${n}.xml"/>`).join('');
await page.fill('#feed-text', `<opml version="2.0"><body>${outlines}</body></opml>`);
await page.locator('.add-text button[type=submit]').click();
await status(page, 'Imported 100');
const refreshStarted = Date.now();
const refreshTasks = await longTasksDuring(page, async () => {
  await page.locator('.refresh').click();
  await status(page, 'Refreshed 100 feeds');
});
const refreshSeconds = (Date.now() - refreshStarted) / 1000;

console.log(`BENCH main-thread tasks over 50 ms: pasting 10,000 entries ${JSON.stringify(pasteTasks)}; refreshing 100 feeds (${refreshSeconds.toFixed(1)} s) ${JSON.stringify(refreshTasks)}`);
await browser.close();
await host.close();
fs.rmSync(work, { recursive: true, force: true });
