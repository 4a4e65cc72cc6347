// Where a click on an entry spends its time until the article is painted, in a big library:
// the engine's answer (the message's arrival in the page) against the page's drawing.
//   node scripts/bench/probe-open.mjs [FEEDS=100] [ENTRIES=300]   (after make dist)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveDist, CHROMIUM_ARGS, MILESTONES, makeBackup, WORKER_MESSAGES } from './serve.mjs';

const [feeds = 100, entries = 300] = process.argv.slice(2).map(Number);
const dist = path.resolve(import.meta.dirname, '../../dist');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'feedreader-probe-'));
const backup = path.join(work, 'backup.json');
makeBackup(backup, feeds, entries);
const host = await serveDist(dist);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const page = await (await browser.newContext({ viewport: { width: 1366, height: 860 } })).newPage();
await page.addInitScript(MILESTONES);
await page.addInitScript(WORKER_MESSAGES);
await page.goto(host.url);
await page.waitForFunction(() => document.querySelector('.app[data-ready]') && window.__marks.firstRowPainted);
await page.locator('.add-toggle').click();
await page.locator('.add-feed input[type=file]').setInputFiles(backup);
await page.waitForFunction(() => document.querySelector('.status')?.textContent.includes('restored the backup'), null, { timeout: 600000, polling: 250 });
await page.reload();
await page.waitForFunction((n) => Number(document.querySelector('.entries ul[data-total]')?.dataset.total) >= n, feeds * entries, { polling: 100 });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
const events = [];
cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
for (const wait of [0, 3000]) {
  await page.waitForTimeout(wait);
  if (wait) {
    await cdp.send('Profiler.start');
    await cdp.send('Tracing.start', { categories: 'devtools.timeline', transferMode: 'ReportEvents' });
  }
  for (let i = 1; i <= 6; i++) {
    const [answer, painted] = await page.evaluate(async (n) => {
      const row = document.querySelectorAll('.entries .entry[data-key]')[n];
      const title = row.querySelector('.entry-title').textContent.replace(/^★ /, '');
      const seen = window.__messages.length;
      const start = performance.now();
      row.click();
      const shown = () => document.querySelector('.reader .article-title')?.textContent === title && document.querySelector('.reader .article-body');
      await new Promise((resolve) => {
        if (shown()) return resolve();
        const watch = new MutationObserver(() => { if (shown()) { watch.disconnect(); resolve(); } });
        watch.observe(document.querySelector('.reader'), { subtree: true, childList: true, characterData: true });
      });
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const first = window.__messages[seen];
      return [first ? first[0] - start : -1, performance.now() - start];
    }, i);
    console.log(`after ${wait} ms idle: click ${i}: first answer ${answer.toFixed(1)} ms, painted ${painted.toFixed(1)} ms`);
  }
}
const traced = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
await cdp.send('Tracing.end');
await traced;
const main = events.filter((e) => e.tid === e.pid && e.dur > 1000 && ['RunTask'].includes(e.name));
const summary = new Map();
for (const e of events.filter((e) => e.tid === e.pid && e.dur)) summary.set(e.name, (summary.get(e.name) ?? 0) + e.dur / 1000);
console.log('page main thread during the idle clicks:', [...summary].sort((a, b) => b[1] - a[1]).slice(0, 14).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', '));
const { profile } = await cdp.send('Profiler.stop');
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map();
profile.samples.forEach((id, i) => {
  const f = byId.get(id).callFrame;
  const key = `${f.functionName} ${f.url.split('/').pop()}`;
  self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
});
console.log([...self].sort((a, b) => b[1] - a[1]).slice(1, 20).map(([k, v]) => `${v.toFixed(1)} ms  ${k}`).join('\n'));
await browser.close();
await host.close();
fs.rmSync(work, { recursive: true, force: true });
