// Where a repeat visit's time goes before its first row, served by the service worker under
// mobile throttling: each thread's tasks (page, engine) over 10 ms split by trace event, and
// when the engine's first answers arrive.   node scripts/bench/probe-repeat.mjs (after make dist)
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveDist, CHROMIUM_ARGS, throttle, MILESTONES, WORKER_MESSAGES } from './serve.mjs';

const host = await serveDist(path.resolve(import.meta.dirname, '../../dist'));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true });
const first = await context.newPage();
await first.goto(host.url);
await first.waitForFunction(() => navigator.serviceWorker?.controller, null, { timeout: 60000 });
await first.close();
const page = await context.newPage();
const cdp = await throttle(page);
await page.addInitScript(MILESTONES);
await page.addInitScript(WORKER_MESSAGES);
const events = [];
cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline,v8,v8.wasm,disabled-by-default-devtools.timeline,blink.user_timing', transferMode: 'ReportEvents' });
await page.goto(host.url);
await page.waitForFunction(() => window.__marks.firstRowPainted, null, { timeout: 60000 });
const traced = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
await cdp.send('Tracing.end');
await traced;
const names = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}/${e.tid}`, e.args.name]));
const start = events.find((e) => e.name === 'navigationStart')?.ts ?? Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
for (const task of events.filter((e) => e.name === 'RunTask' && e.dur > 10000)) {
  const thread = names.get(`${task.pid}/${task.tid}`) ?? '?';
  if (!/CrRendererMain|DedicatedWorker/.test(thread)) continue;
  const inside = events.filter((e) => e.pid === task.pid && e.tid === task.tid && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + task.dur && e !== task && e.dur && e.name !== 'RunTask' && !e.name.startsWith('ThreadController'));
  const by = new Map();
  for (const e of inside) by.set(e.name, (by.get(e.name) ?? 0) + e.dur / 1000);
  console.log(`${thread} at ${((task.ts - start) / 1000).toFixed(0)} ms: ${(task.dur / 1000).toFixed(0)} ms:`, [...by].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', '));
}
console.log(await page.evaluate(() => JSON.stringify({ marks: window.__marks, worker: window.__workerAt, messages: window.__messages.slice(0, 5).map((m) => Math.round(m[0])) })));
await browser.close();
await host.close();
