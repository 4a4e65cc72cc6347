import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveDist, CHROMIUM_ARGS, MILESTONES } from './serve.mjs';
const host = await serveDist(path.resolve('dist'), { cache: 'no-cache' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
const CONDITIONS = { offline: false, latency: 150, downloadThroughput: 1.6 * 1024 * 1024 / 8, uploadThroughput: 750 * 1024 / 8 };
const reqs = {};
let t0 = null;
const onEvent = (who) => (method, params) => {
  if (method === 'Network.requestWillBeSent') { t0 ??= params.timestamp; reqs[who + params.requestId] = { url: params.request.url.split('/').pop().slice(0, 40), who, start: params.timestamp }; }
  if (method === 'Network.loadingFinished' && reqs[who + params.requestId]) { Object.assign(reqs[who + params.requestId], { end: params.timestamp, bytes: params.encodedDataLength }); }
};
const setUp = async (send) => { await send('Network.enable'); await send('Network.emulateNetworkConditions', CONDITIONS); await send('Emulation.setCPUThrottlingRate', { rate: 4 }).catch(() => {}); };
await setUp((m, p) => cdp.send(m, p));
const pageEvents = onEvent('page');
for (const m of ['Network.requestWillBeSent', 'Network.loadingFinished']) cdp.on(m, (p) => pageEvents(m, p));
cdp.on('Target.attachedToTarget', async ({ sessionId, targetInfo }) => {
  const send = (method, params = {}) => cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: Math.floor(Math.random() * 1e9), method, params }) });
  if (targetInfo.type === 'worker') await setUp(send).catch(() => {});
  await send('Runtime.runIfWaitingForDebugger').catch(() => {});
});
const workerEvents = onEvent('worker');
cdp.on('Target.receivedMessageFromTarget', ({ message }) => { const e = JSON.parse(message); if (e.method) workerEvents(e.method, e.params); });
await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
await page.addInitScript(MILESTONES);
if (process.argv[2] === 'repeat') {
  await page.goto(host.url);
  await page.waitForFunction(() => window.__marks.firstRowPainted, null, { timeout: 60000 });
  await page.waitForTimeout(3000);
  for (const k of Object.keys(reqs)) delete reqs[k];
  t0 = null;
}
await page.goto(host.url);
await page.waitForFunction(() => window.__marks.firstRowPainted, null, { timeout: 60000 });
await page.waitForTimeout(2000);
const marks = await page.evaluate(() => ({ ...window.__marks, tasks: window.__longTasks }));
console.log(JSON.stringify(marks));
for (const r of Object.values(reqs).sort((a, b) => a.start - b.start)) console.log(`${r.who.padEnd(7)} ${((r.start - t0) * 1000).toFixed(0).padStart(6)} → ${r.end ? ((r.end - t0) * 1000).toFixed(0).padStart(6) : '     ?'} ${String(r.bytes ?? '').padStart(8)} ${r.url}`);
await browser.close(); await host.close();
