import { chromium } from 'playwright-core';
import { serveDist, CHROMIUM_ARGS } from './serve.mjs';
const host = await serveDist('/work/main/dist', { isolated: process.argv[2] === 'iso' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const page = await browser.newPage();
page.on('console', (m) => console.log('console:', m.type(), m.text().slice(0, 300)));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
page.on('worker', (w) => { console.log('worker', w.url()); w.on('console', (m) => console.log('worker console:', m.text().slice(0,300))); });
await page.goto(host.url);
await page.waitForSelector('.app[data-ready]');
await page.locator('.add-toggle').click();
const t = Date.now();
await page.locator('.add-feed input[type=file]').setInputFiles('/tmp/b9k.json');
for (let i = 0; i < 30; i++) {
  await page.waitForTimeout(2000);
  const s = await page.evaluate(() => (document.querySelector('.status')?.textContent ?? '') + ' | ' + (document.querySelector('.notice')?.textContent ?? ''));
  if (s.trim() !== '|') { console.log((Date.now() - t) / 1000, s); break; }
}
await browser.close(); await host.close();
