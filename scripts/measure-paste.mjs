// Measures, in the built app, how long a click on "Add feed" with a pasted 10,000-entry feed
// takes until the next paint (the Event Timing API's duration for the click, as INP counts it).
// Usage: node scripts/measure-paste.mjs URL   (serve dist/ first)
import { chromium } from 'playwright-core';

const [url = 'http://127.0.0.1:8099/'] = process.argv.slice(2);
let xml = '<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title><link>https://big.example/</link>';
for (let i = 0; i < 10000; i++) {
  xml += `<item><title>Entry ${i}</title><link>https://big.example/${i}</link><guid>https://big.example/${i}</guid>` +
    `<pubDate>Mon, 01 Sep 2025 10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} GMT</pubDate>` +
    `<description>&lt;p&gt;Paragraph ${i} with &lt;a href="/x"&gt;a link&lt;/a&gt;.&lt;/p&gt;</description></item>`;
}
xml += '</channel></rss>';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const results = [];
for (let run = 0; run < 5; run++) {
  const page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
  await page.goto(url);
  await page.waitForSelector('.app[data-ready]');
  await page.locator('.add-toggle').click();
  await page.fill('#feed-text', xml);
  await page.evaluate(() => {
    window.__clicks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'click') window.__clicks.push({ duration: e.duration, processing: e.processingEnd - e.processingStart });
    }).observe({ type: 'event', durationThreshold: 16, buffered: false });
  });
  await page.locator('.add-text button[type=submit]').click();
  await page.waitForSelector('.entries ul[data-total="10000"], .entries ul[data-total="10025"]');
  await page.waitForTimeout(1500);
  results.push(await page.evaluate(() => window.__clicks));
  await page.close();
}
await browser.close();
console.log(JSON.stringify(results));
