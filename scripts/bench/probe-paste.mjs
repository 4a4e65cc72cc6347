// Where the page's main thread spends its time while a 10,000-entry feed is pasted and added
// (long tasks, then a CPU profile): node scripts/bench/probe-paste.mjs (after make dist)
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveDist, clipboardWith, paste, CHROMIUM_ARGS, MILESTONES } from './serve.mjs';
const dist = path.resolve(import.meta.dirname, '../../dist');
const host = await serveDist(dist);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const page = await (await browser.newContext({ viewport: { width: 1366, height: 860 } })).newPage();
await page.addInitScript(MILESTONES);
await page.goto(host.url);
await page.waitForFunction(() => document.querySelector('.app[data-ready]') && window.__marks.firstRowPainted);
const tasks = async (label, f) => {
  const n = await page.evaluate(() => window.__longTasks.length);
  await f();
  await page.waitForTimeout(300);
  console.log(label, JSON.stringify(await page.evaluate((n) => window.__longTasks.slice(n).map((t) => Math.round(t.duration)), n)));
};
const items = Array.from({ length: 10000 }, (_, i) => `<item><title>Pasted entry ${i}</title><guid>paste-${i}</guid><description>&lt;p&gt;${'Some words of the pasted article. '.repeat(10)}&lt;/p&gt;</description></item>`).join('');
const text = `<rss version="2.0"><channel><title>Pasted ten thousand</title><link>https://paste.example/</link>${items}</channel></rss>`;
await page.locator('.add-toggle').click();
const clipboard = await clipboardWith(page, text);
await tasks('paste', () => paste(page, clipboard));
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
await tasks('submit', async () => {
  await page.locator('.add-text button[type=submit]').click();
  await page.waitForFunction(() => document.querySelector('.status')?.textContent.includes('Added Pasted'), null, { timeout: 60000 });
});
const { profile } = await cdp.send('Profiler.stop');
const self = new Map();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas; 
profile.samples.forEach((id, i) => { const n = byId.get(id); const k = n.callFrame.functionName + ' ' + n.callFrame.url.split('/').pop() ; self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0) / 1000); });
console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `${v.toFixed(1)} ms  ${k}`).join('\n'));
await browser.close(); await host.close();
