// Takes screenshots of the built app: node scripts/screenshot.mjs URL OUT_PREFIX
// Opens the page at desktop and phone widths, clicks the first entry, and saves PNGs.
import { chromium } from 'playwright-core';

const [url, out = '/tmp/shot'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run'],
});
for (const [name, viewport, scheme] of [['desktop', { width: 1366, height: 860 }, 'light'],
                                        ['phone', { width: 390, height: 844 }, 'light'],
                                        ['dark', { width: 1366, height: 860 }, 'dark']]) {
  const page = await browser.newPage({ viewport, colorScheme: scheme });
  page.on('console', (m) => { if (m.type() === 'error') console.log(`[${name}] console:`, m.text()); });
  page.on('pageerror', (e) => console.log(`[${name}] pageerror:`, e.message));
  await page.goto(url);
  await page.waitForSelector('.entry', { timeout: 15000 });
  await page.screenshot({ path: `${out}-${name}-list.png` });
  await page.locator('.entry').nth(1).click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}-${name}-open.png` });
  await page.close();
}
await browser.close();
