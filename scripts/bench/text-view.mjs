// Text view in the built app (desktop, no throttling): every page of a folder of saved pages
// (Mozilla Readability's test pages: see README) is an entry of a feed this script serves, with
// the pages on the same host; each is opened and read with `x`, timed from the key to the
// whole article (or the reason it is none) painted. The first includes loading the extraction
// worker. Prints BENCH lines.
//   node scripts/bench/text-view.mjs DIR
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveDist, CHROMIUM_ARGS, median } from './serve.mjs';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node scripts/bench/text-view.mjs DIR (folders with source.html)');
const pages = fs.readdirSync(dir).filter((name) => fs.existsSync(path.join(dir, name, 'source.html'))).sort();
const dist = path.resolve(import.meta.dirname, '../../dist');
const host = await serveDist(dist, {
  extra: async (req, res, url) => {
    if (url.pathname === '/pages.xml') {
      const items = pages.map((name, i) => `<item><title>${name}</title><link>${host.url}page/${name}/</link><guid>${name}</guid>` +
        `<pubDate>${new Date(Date.UTC(2026, 10, 1) + i * 60_000).toUTCString()}</pubDate><description>Teaser.</description></item>`).join('');
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Saved pages</title><link>${host.url}</link>${items}</channel></rss>`);
      return true;
    }
    const match = url.pathname.match(/^\/page\/([^/]+)\/$/);
    if (!match || !pages.includes(decodeURIComponent(match[1]))) return false;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(fs.readFileSync(path.join(dir, decodeURIComponent(match[1]), 'source.html')));
    return true;
  },
});
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
await page.goto(host.url);
await page.waitForSelector('.app[data-ready]');
await page.locator('.add-toggle').click();
await page.fill('#feed-address', `${host.url}pages.xml`);
await page.locator('.add-address button[type=submit]').click();
await page.waitForSelector('.lookup.preview');
await page.locator('.lookup .subscribe').click();
await page.waitForSelector('.feeds >> text=Saved pages');
const times = [];
let none = 0;
for (const name of pages) {
  await page.fill('#search', name);
  const row = page.locator('.entries button.entry', { hasText: name }).first();
  await row.click();
  await page.waitForSelector(`.reader .article-title >> text=${name}`);
  const ms = await page.evaluate(() => new Promise((resolve) => {
    const start = performance.now();
    const done = () => document.querySelector('.reader .whole-article, .reader .text-problem');
    const observer = new MutationObserver(() => {
      if (done()) { observer.disconnect(); requestAnimationFrame(() => resolve(performance.now() - start)); }
    });
    observer.observe(document.querySelector('.reader'), { childList: true, subtree: true });
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'x', bubbles: true }));
  }));
  if (await page.$('.reader .text-problem')) none += 1;
  times.push(ms);
}
const [first, ...rest] = times;
console.log(`BENCH text view: ${times.length} pages, first (worker loading) ${first.toFixed(0)} ms; then median ${median(rest).toFixed(0)} ms, slowest ${Math.max(...rest).toFixed(0)} ms; ${none} said to be no article`);
await browser.close();
await host.close();
