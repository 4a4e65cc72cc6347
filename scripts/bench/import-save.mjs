// How long a big import takes to be shown and to be saved, and what a reload in between keeps:
//   node scripts/bench/import-save.mjs [FEEDS=300] [ENTRIES=300]   (DIST=path to another build)
// "Shown": from choosing the file until All counts every entry. "Saved": until the status says
// the backup is restored (said only once it is saved). Then the page is reloaded and the
// entries counted, as a person checking would.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveDist, CHROMIUM_ARGS, makeBackup } from './serve.mjs';

const [feeds = 300, entries = 300] = process.argv.slice(2).map(Number);
const dist = path.resolve(process.env.DIST ?? path.join(import.meta.dirname, '../../dist'));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'feedreader-import-'));
const backup = path.join(work, 'backup.json');
makeBackup(backup, feeds, entries);
const total = feeds * entries + 25;
const host = await serveDist(dist);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const page = await (await browser.newContext({ viewport: { width: 1366, height: 860 } })).newPage();
const allCount = () => page.evaluate(() => {
  const all = [...document.querySelectorAll('.feed')].find((b) => b.querySelector('.feed-title')?.textContent === 'All');
  return Number(all?.querySelector('.count')?.textContent);
});
await page.goto(host.url);
await page.waitForSelector('.entries .entry', { timeout: 60000 });
if (!(await page.$('.add-feed'))) await page.locator('.add-toggle').click();
const start = Date.now();
await page.locator('.add-feed input[type=file]').setInputFiles(backup);
await page.waitForFunction((n) => {
  const all = [...document.querySelectorAll('.feed')].find((b) => b.querySelector('.feed-title')?.textContent === 'All');
  return Number(all?.querySelector('.count')?.textContent) === n;
}, total, { timeout: 900000, polling: 100 });
const shown = (Date.now() - start) / 1000;
await page.waitForFunction(() => document.querySelector('.status')?.textContent.includes('restored the backup'), null, { timeout: 900000, polling: 100 });
const saved = (Date.now() - start) / 1000;
await page.reload();
await page.waitForSelector('.entries .entry', { timeout: 120000 });
await page.waitForFunction(() => document.querySelector('.app[data-ready]'), null, { timeout: 120000 }).catch(() => {});
await page.waitForTimeout(1000);
console.log(`BENCH import of ${total - 25} entries (${feeds} x ${entries}) from ${dist}: shown in ${shown.toFixed(1)} s, saved in ${saved.toFixed(1)} s; after a reload All counts ${await allCount()}`);
await browser.close();
await host.close();
fs.rmSync(work, { recursive: true, force: true });
