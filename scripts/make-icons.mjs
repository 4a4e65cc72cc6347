// Makes the app's PNG icons from the one source image, static/icons/icon.svg, with headless
// Chromium: node scripts/make-icons.mjs. Run it when the source changes and commit the PNGs
// (a few kilobytes; the build copies them, so it needs no image tools).
// - icon-SIZE.png: the drawing on a rounded square, transparent corners (browsers, stores);
// - maskable-512.png: the full square, for launchers that cut their own shape.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const folder = path.resolve(import.meta.dirname, '../static/icons');
const svg = fs.readFileSync(path.join(folder, 'icon.svg'), 'utf8');
const uri = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const page = await browser.newPage();
async function draw(file, size, rounded) {
  await page.setViewportSize({ width: size, height: size });
  const radius = rounded ? Math.round(size * 0.2) : 0;
  await page.setContent(`<html><body style="margin:0;background:transparent">
    <img src="${uri}" width="${size}" height="${size}" style="display:block;border-radius:${radius}px"></body></html>`);
  await page.waitForFunction(() => document.images[0].complete);
  await page.screenshot({ path: path.join(folder, file), omitBackground: true });
  console.log(`${file}: ${fs.statSync(path.join(folder, file)).size} bytes`);
}
for (const size of [16, 32, 48, 128, 192, 512]) await draw(`icon-${size}.png`, size, true);
await draw('maskable-512.png', 512, false);
await browser.close();
