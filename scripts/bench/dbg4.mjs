import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveDist, CHROMIUM_ARGS, MILESTONES, throttle } from './serve.mjs';
const host = await serveDist(path.resolve('dist'), { cache: 'no-cache' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
const page = await context.newPage();
const cdp = await throttle(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
await page.addInitScript(MILESTONES);
await page.goto(host.url);
await page.waitForFunction(() => window.__marks.firstRowPainted, null, { timeout: 60000 });
const { profile } = await cdp.send('Profiler.stop');
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const n = byId.get(profile.samples[i]);
  const name = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}`;
  self.set(name, (self.get(name) ?? 0) + (dt[i] ?? 0) / 1000);
}
const kinds = {};
for (const [name, ms] of self) {
  const kind = name.includes('wasm-function') ? 'wasm' : name.startsWith('(') ? name.split(' ')[0] : name.includes('page-') ? 'page glue: ' + name.split(' ')[0] : 'js: ' + name;
  kinds[kind] = (kinds[kind] ?? 0) + ms;
}
console.log(Object.entries(kinds).sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(0).padStart(6)} ${k}`).join('\n'));
await browser.close(); await host.close();
