// First and repeat visits of the built app under Lighthouse's mobile throttling (150 ms round
// trip, 1.6 Mbit/s down, 750 kbit/s up, CPU 4x slower), served gzip-compressed:
//   node scripts/bench/first-visit.mjs [runs]
// Prints, per run and as medians: first paint, first list row (painted), the reader ready
// (the page's wasm took over and the engine answered), bytes the page's
// requests transferred (compressed), bytes the host sent in all (the service worker's copy
// of the app included), and main-thread tasks longer than 50 ms. The repeat visit is served
// by the service worker the first one installed. Beside it, in the same run, a static page of
// the same rows: index.html with no script (the sample's first screen it holds), revalidated
// by the host on its repeat visit.
import fs from 'node:fs';
import zlib from 'node:zlib';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveDist, CHROMIUM_ARGS, throttle, MILESTONES, median } from './serve.mjs';

const runs = Number(process.argv[2] ?? 5);
const dist = path.resolve(import.meta.dirname, '../../dist');
// STILL_FROM=dir: the static page from another build's index.html (to measure an older build
// against the same static page).
const still = fs.readFileSync(path.join(process.env.STILL_FROM ?? dist, 'index.html'), 'utf8')
  .replace(/<script\b[^>]*><\/script>/g, '').replace(/<link rel="(?:modulepreload|preload|page|engine|parser|sample|manifest)"[^>]*>/g, '');
const stillGzip = zlib.gzipSync(still, { level: 9 });
const extra = (req, res, url) => {
  if (url.pathname !== '/still.html') return false;
  // As the host sends every file: gzip, an ETag, revalidated on each visit.
  const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', etag: '"still"', 'content-encoding': 'gzip' };
  if (req.headers['if-none-match'] === '"still"') res.writeHead(304, headers).end();
  else res.writeHead(200, headers).end(stillGzip);
  return true;
};
const host = await serveDist(dist, { cache: 'no-cache', extra });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });

async function visit(context, address = host.url) {
  const page = await context.newPage();
  let bytes = 0;
  await throttle(page, (n) => { bytes += n; });
  await page.addInitScript(MILESTONES);
  const sent = host.stats.bytes;
  await page.goto(address);
  await page.waitForFunction(() => window.__marks.firstRowPainted, null, { timeout: 60000 });
  if (address === host.url) {
    await page.waitForFunction(() => window.__marks.ready, null, { timeout: 60000 });
    // Let what the first visit still fetches come in: the service worker's copy of the app.
    await page.waitForTimeout(3000);
    await page.waitForFunction(() => navigator.serviceWorker?.controller, null, { timeout: 60000 }).catch(() => {});
  }
  const marks = await page.evaluate(() => ({ ...window.__marks, longTasks: window.__longTasks }));
  await page.close();
  return { firstPaint: marks.firstContentfulPaint, firstRow: marks.firstRowPainted, ready: marks.ready ?? 0, bytes, hostBytes: host.stats.bytes - sent, longTasks: marks.longTasks.length };
}

const first = [];
const repeat = [];
const stillFirst = [];
const stillRepeat = [];
for (let run = 0; run < runs; run++) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, serviceWorkers: process.env.NO_SW ? 'block' : 'allow' });
  const one = await visit(context);
  const again = await visit(context);
  first.push(one);
  repeat.push(again);
  console.log(`run ${run + 1}: first visit ${JSON.stringify(one)}; repeat ${JSON.stringify(again)}`);
  await context.close();
  const plain = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true });
  stillFirst.push(await visit(plain, `${host.url}still.html`));
  stillRepeat.push(await visit(plain, `${host.url}still.html`));
  console.log(`run ${run + 1}: static page first ${JSON.stringify(stillFirst.at(-1))}; repeat ${JSON.stringify(stillRepeat.at(-1))}`);
  await plain.close();
}
const summary = (list) => ({
  firstPaint: Math.round(median(list.map((r) => r.firstPaint))),
  firstRow: Math.round(median(list.map((r) => r.firstRow))),
  // The page's wasm has taken over and the engine has answered: the reader works.
  ready: Math.round(median(list.map((r) => r.ready))),
  kilobytes: Math.round(median(list.map((r) => r.bytes)) / 1000),
  hostKilobytes: Math.round(median(list.map((r) => r.hostBytes)) / 1000),
  longTasks: median(list.map((r) => r.longTasks)),
});
console.log(`BENCH first visit (median of ${runs}): ${JSON.stringify(summary(first))}`);
console.log(`BENCH repeat visit, host sends no-cache + ETag, service worker installed (median of ${runs}): ${JSON.stringify(summary(repeat))}`);
console.log(`BENCH static page of the same rows, first visit (median of ${runs}): ${JSON.stringify(summary(stillFirst))}`);
console.log(`BENCH static page of the same rows, repeat visit (median of ${runs}): ${JSON.stringify(summary(stillRepeat))}`);
const ratio = (a, b) => (median(a.map((r) => r.firstRow)) / median(b.map((r) => r.firstRow))).toFixed(2);
console.log(`BENCH first row, reader / static page: first visit ${ratio(first, stillFirst)}x, repeat visit ${ratio(repeat, stillRepeat)}x`);
await browser.close();
await host.close();
