// A first sync of a big account, a sync when nothing changed, and sending queued marks, in the
// built app against the local FreshRSS (../shared/servers/freshrss):
//   node scripts/bench/sync.mjs [FEEDS=50] [ENTRIES=200] [STARRED=1000]
// FreshRSS keeps at most 200 entries per feed by default, so 10,000 unread entries are 50 feeds
// of 200 (about 1.5 KB of article each). Requests are counted from FreshRSS's own log; bytes
// are what the page's workers received; memory is of the page and its workers after the sync;
// long tasks are the page's main thread's during it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveDist, CHROMIUM_ARGS, MILESTONES, memoryProbe } from './serve.mjs';

const [feeds = 50, entries = 200, starredCount = 1000] = process.argv.slice(2).map(Number);
const SCRIPTS = process.env.FRESHRSS_DIR ?? path.resolve(import.meta.dirname, '../../../shared/servers/freshrss');
const dist = path.resolve(process.env.DIST ?? path.join(import.meta.dirname, '../../dist'));
const data = fs.mkdtempSync(path.join(os.tmpdir(), 'feeds-sync-bench-'));
const body = `<p>${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(26)}</p>`.replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const feed = (f) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${f}</title><link>https://feeds.example/${f}/</link>${
  Array.from({ length: entries }, (_, e) => `<item><title>Feed ${f} entry ${e}</title><guid isPermaLink="false">urn:${f}:${e}</guid><link>https://feeds.example/${f}/${e}</link><pubDate>${new Date(1_760_000_000_000 + (f * entries + e) * 60_000).toUTCString()}</pubDate><description>${body}</description></item>`).join('')
}</channel></rss>`;
const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
const feedServer = http.createServer((req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed(Number(req.url.match(/\d+/)?.[0] ?? 0))));
const feedPort = await listen(feedServer);
const probe = http.createServer();
const port = await listen(probe);
await new Promise((resolve) => probe.close(resolve));
const line = execFileSync(path.join(SCRIPTS, 'start.sh'), [String(port), data], { encoding: 'utf8' });
const fresh = { url: line.match(/FRESHRSS_URL=(\S+)/)[1], api: line.match(/FRESHRSS_API=(\S+)/)[1] };
const login = await (await fetch(`${fresh.api}/accounts/ClientLogin`, { method: 'POST', body: new URLSearchParams({ Email: 'tester', Passwd: 'tester-api-password' }) })).text();
const headers = { Authorization: `GoogleLogin auth=${login.match(/Auth=(.*)/)[1]}` };
const token = (await (await fetch(`${fresh.api}/reader/api/0/token`, { headers })).text()).trim();
const post = (what, form) => fetch(`${fresh.api}/reader/api/0/${what}`, { method: 'POST', headers, body: new URLSearchParams([...form, ['T', token]]) }).then((r) => r.text());
for (let f = 0; f < feeds; f++) await post('subscription/quickadd', [['quickadd', `http://127.0.0.1:${feedPort}/feed/${f}.xml`]]);
const ids = JSON.parse(await (await fetch(`${fresh.api}/reader/api/0/stream/items/ids?s=user/-/state/com.google/reading-list&n=100000`, { headers })).text()).itemRefs.map((r) => r.id);
for (let i = 0; i < starredCount; i += 500) await post('edit-tag', [...ids.slice(i, Math.min(i + 500, starredCount)).map((id) => ['i', id]), ['a', 'user/-/state/com.google/starred']]);
console.log(`FreshRSS has ${ids.length} unread entries in ${feeds} feeds, ${starredCount} starred`);
// Calls, and the preflights the browser makes before them (an `Authorization` header is not
// one a page may send to another origin without asking; the answer is cached for 10 minutes
// per address).
const logged = () => fs.readFileSync(path.join(data, 'server.log'), 'utf8').split('\n').filter((l) => l.includes('/api/greader.php/'));
const requests = () => logged().length;
const counted = (from) => {
  const lines = logged().slice(from);
  const preflights = lines.filter((l) => l.includes('[OPTIONS]') || / OPTIONS /.test(l)).length;
  return `${lines.length - preflights} calls (+${preflights} preflights)`;
};

const host = await serveDist(dist);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const page = await (await browser.newContext({ viewport: { width: 1366, height: 860 } })).newPage();
const memory = await memoryProbe(page);
// Bytes the page and its workers receive (each worker is a target of its own).
let bytes = 0;
const cdp = await page.context().newCDPSession(page);
await cdp.send('Network.enable');
cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
cdp.on('Target.attachedToTarget', ({ sessionId }) => {
  const send = (method) => cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: Math.floor(Math.random() * 1e9), method }) }).catch(() => {});
  send('Network.enable').then(() => send('Runtime.runIfWaitingForDebugger'));
});
cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
  const event = JSON.parse(message);
  if (event.method === 'Network.loadingFinished') bytes += event.params.encodedDataLength;
});
await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
await page.addInitScript(MILESTONES);
await page.goto(host.url);
await page.waitForSelector('.entries .entry', { timeout: 60000 });
await page.locator('.settings-toggle').click();
await page.fill('#account-address', fresh.url);
await page.fill('#account-user', 'tester');
await page.fill('#account-password', 'tester-api-password');
const allCount = () => page.evaluate(() => Number([...document.querySelectorAll('.feed')].find((b) => b.querySelector('.feed-title')?.textContent === 'All')?.querySelector('.count')?.textContent));
const before = requests();
const longBefore = await page.evaluate(() => window.__longTasks.length);
bytes = 0;
const start = Date.now();
await page.locator('.accounts button', { hasText: 'Connect' }).click();
await page.waitForFunction(() => Number([...document.querySelectorAll('.feed')].find((b) => b.querySelector('.feed-title')?.textContent === 'All')?.querySelector('.count')?.textContent) > 25, null, { timeout: 600000, polling: 50 });
const firstRows = (Date.now() - start) / 1000;
await page.locator('#connection', { hasText: 'Connected:' }).waitFor({ timeout: 600000 });
const whole = (Date.now() - start) / 1000;
const firstRequests = counted(before);
const firstBytes = bytes;
const long = await page.evaluate((n) => window.__longTasks.slice(n).map((t) => Math.round(t.duration)), longBefore);
const used = await memory.measure();
const mb = (n) => (n / 1e6).toFixed(1);
console.log(`BENCH first sync of ${ids.length} entries (${starredCount} starred): first rows in ${firstRows.toFixed(1)} s, whole in ${whole.toFixed(1)} s; ${firstRequests}, ${mb(firstBytes)} MB received; All counts ${await allCount()}; main-thread tasks over 50 ms: ${JSON.stringify(long)}`);
console.log(`BENCH memory after: ${Object.entries(used).map(([k, v]) => `${k} ${mb(v.js)} JS + ${mb(v.wasm)} wasm MB`).join(', ')}`);

// A sync when nothing changed.
await page.waitForTimeout(500);
let n = requests();
await page.locator('.accounts button', { hasText: 'Sync now' }).click();
await page.waitForFunction(() => /Last synced/.test(document.querySelector('.account-state')?.textContent ?? ''), null, { timeout: 60000 });
for (let i = 0; i < 100 && requests() === n; i++) await page.waitForTimeout(50);
await page.waitForTimeout(1500);
console.log(`BENCH a sync when nothing changed: ${counted(n)}`);

// 1,000 marks queued offline, then sent.
await page.locator('.settings-panel button', { hasText: 'Close' }).click();
await page.context().setOffline(true);
await page.evaluate(() => window.dispatchEvent(new Event('offline')));
// Five feeds of 200 marked read, each with Shift+A: 1,000 marks.
const marked = 5 * entries;
for (let f = 0; f < 5; f++) {
  await page.locator('.feed .feed-title', { hasText: new RegExp(`^Feed ${f}$`) }).first().click();
  await page.locator('.entries .entry[data-key]').first().waitFor();
  await page.keyboard.press('Shift+A');
  await page.locator('.status', { hasText: 'Marked' }).waitFor();
}
await page.waitForTimeout(500);
const waiting = (await page.locator('.account-heading .account-state').textContent()).trim();
n = requests();
const t = Date.now();
await page.context().setOffline(false);
await page.evaluate(() => window.dispatchEvent(new Event('online')));
await page.waitForFunction(() => !/waiting/.test(document.querySelector('.account-heading')?.textContent ?? 'waiting'), null, { timeout: 20000, polling: 50 }).catch(async () => {
  console.log('after:', await page.locator('.account-heading').textContent(), logged().slice(n));
});
console.log(`BENCH ${marked} marks queued offline ("${waiting}"), sent when back online: ${counted(n)}, ${((Date.now() - t) / 1000).toFixed(1)} s`);
await browser.close();
await host.close();
feedServer.close();
execFileSync(path.join(SCRIPTS, 'stop.sh'), [data]);
fs.rmSync(data, { recursive: true, force: true });
