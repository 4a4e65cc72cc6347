// Where the page's main thread spends long tasks while a backup is imported (a CPU profile).
//   node scripts/bench/probe-import.mjs [FEEDS=100] [ENTRIES=300]
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
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
const events = [];
cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
const traced = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
const n = await page.evaluate(() => window.__longTasks.length);
await page.locator('.add-feed input[type=file]').setInputFiles(backup);
await page.waitForFunction(() => document.querySelector('.status')?.textContent.includes('restored the backup'), null, { timeout: 600000, polling: 250 });
await page.waitForTimeout(500);
console.log('long tasks', JSON.stringify(await page.evaluate((n) => window.__longTasks.slice(n).map((t) => [Math.round(t.startTime), Math.round(t.duration)]), n)));
await cdp.send('Tracing.end');
await traced;
// Long top-level tasks on the page's main thread, and what they held (by event name).
const mainPid = events.find((e) => e.name === 'TracingStartedInBrowser')?.pid;
const tasks = events.filter((e) => e.name === 'RunTask' && e.dur > 50000);
for (const task of tasks) {
  const inside = events.filter((e) => e.pid === task.pid && e.tid === task.tid && e.ts >= task.ts && e.ts < task.ts + task.dur && e.dur && e.name !== 'RunTask');
  const by = new Map();
  for (const e of inside) by.set(e.name, (by.get(e.name) ?? 0) + e.dur / 1000);
  console.log(`task ${Math.round(task.dur / 1000)} ms (pid ${task.pid} tid ${task.tid}):`, [...by].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', '));
}
const messages = await page.evaluate((n) => window.__messages, n);
console.log(`${messages.length} messages from the engine; over 10 KB:`, JSON.stringify(messages.filter((m) => m[1] > 10000).map(([t, size, tag]) => [Math.round(t), size, tag])));
const { profile } = await cdp.send('Profiler.stop');
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
const mainTasks = tasks.filter((t) => t.tid === t.pid);
let at = profile.startTime;
const inLong = new Map();
profile.samples.forEach((id, i) => {
  at += profile.timeDeltas[i] ?? 0;
  const task = mainTasks.find((t) => at >= t.ts && at < t.ts + t.dur);
  if (!task) return;
  const chain = [];
  for (let n = id; n && chain.length < 6; n = parents.get(n)) { const f = byId.get(n).callFrame; chain.push(f.functionName || '(anon)'); }
  const key = `[${Math.round(task.dur / 1000)}] ` + chain.join(' < ');
  inLong.set(key, (inLong.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
});
console.log('in long main-thread tasks:\n' + [...inLong].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(1)} ms  ${k}`).join('\n'));
const self = new Map();
profile.samples.forEach((id, i) => {
  const node = byId.get(id);
  const key = `${node.callFrame.functionName} ${node.callFrame.url.split('/').pop()}`;
  self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
});
console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${v.toFixed(1)} ms  ${k}`).join('\n'));
await browser.close();
await host.close();
fs.rmSync(work, { recursive: true, force: true });
