// Where a first visit's main-thread tasks go (no throttling): each task over 10 ms, split by trace event
// (wasm lazy compilation, layout, ...), and the page's milestones.
//   node scripts/bench/probe-first.mjs   (after make dist)
import { chromium } from 'playwright-core';
import { serveDist, CHROMIUM_ARGS, MILESTONES } from './serve.mjs';
const host = await serveDist(new URL('../../dist', import.meta.url).pathname);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const page = await (await browser.newContext({ viewport: { width: 412, height: 823 } })).newPage();
await page.addInitScript(MILESTONES);
const cdp = await page.context().newCDPSession(page);
const events = [];
cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline,v8,v8.wasm,disabled-by-default-v8.wasm.detailed,disabled-by-default-devtools.timeline,disabled-by-default-v8.compile,blink.user_timing', transferMode: 'ReportEvents' });
await page.goto(host.url);
await page.waitForFunction(() => document.querySelector('.app[data-ready]') && window.__marks.firstRowPainted);
await page.waitForTimeout(1500);
const traced = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
await cdp.send('Tracing.end');
await traced;
const mains = events.filter((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain').map((e) => `${e.pid}/${e.tid}`);
const tasks = events.filter((e) => e.name === "FunctionCall" && e.dur > 10000 && mains.includes(`${e.pid}/${e.tid}`));
const t0 = Math.min(...events.filter(e=>e.ts>0).map(e=>e.ts));
for (const task of tasks) {
  const inside = events.filter((e) => e.pid === task.pid && e.tid === task.tid && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + task.dur && e !== task && e.dur);
  const by = new Map();
  for (const e of inside) by.set(e.name, (by.get(e.name) ?? 0) + e.dur / 1000);
  console.log(`task at ${((task.ts - t0) / 1000).toFixed(0)} ms: ${(task.dur / 1000).toFixed(1)} ms:`, [...by].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', '));
}
console.log(await page.evaluate(() => JSON.stringify(window.__marks)));
await browser.close(); await host.close();
