import { chromium } from 'playwright-core';
import { serveDist, CHROMIUM_ARGS } from './serve.mjs';
const generated = (n) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Generated ${n}</title><link>https://gen.example/${n}/</link><item><title>G ${n}</title><guid>g-${n}</guid></item></channel></rss>`;
const host = await serveDist('/work/main/dist', { isolated: true, extra: async (req, res, url) => {
  const m = url.pathname.match(/^\/gen\/(\d+)\.xml$/); if (!m) return false;
  res.writeHead(200, { 'content-type': 'application/rss+xml', 'cross-origin-resource-policy': 'same-origin' }).end(generated(m[1])); return true; } });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const page = await browser.newPage();
page.on('console', (m) => console.log('console:', m.type(), m.text().slice(0, 300)));
page.on('worker', (w) => w.on('console', (m) => console.log('worker:', m.text().slice(0, 300))));
await page.goto(host.url);
await page.waitForSelector('.app[data-ready]');
await page.locator('.add-toggle').click();
const outlines = Array.from({ length: 5 }, (_, n) => `<outline text="Generated ${n}" xmlUrl="${host.url}gen/${n}.xml"/>`).join('');
await page.fill('#feed-text', `<opml version="2.0"><body>${outlines}</body></opml>`);
await page.locator('.add-text button[type=submit]').click();
await page.waitForTimeout(1500);
console.log(await page.textContent('.status'));
await page.locator('.refresh').click();
for (let i = 0; i < 20; i++) { await page.waitForTimeout(1000); console.log(await page.evaluate(() => document.querySelector('.status')?.textContent + ' / ' + document.querySelector('.refresh').textContent)); }
await browser.close(); await host.close();
