// A feed's statistics in the built app: its ⋯ menu → Statistics opens a dialog with a bar
// chart of entries per week over the last year, the same in words, and how its fetches went.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtApp } from './serve.mjs';

const app = builtApp();
const SERVER = 'http://127.0.0.1:8765';

test('Statistics draw a year of weeks and say what the chart shows', async () => {
  const context = await app.browser().newContext();
  const page = await context.newPage();
  await page.goto(app.url());
  await page.waitForSelector('.app[data-ready]', { timeout: 20000 });
  if (!(await page.$('.add-feed'))) await page.locator('.add-toggle').click();
  await page.fill('#feed-address', `${SERVER}/cors/weekly.xml`);
  await page.locator('.add-address button[type=submit]').click();
  await page.waitForSelector('.lookup.preview', { timeout: 15000 });
  await page.locator('.lookup .subscribe').click();
  const feed = page.locator('.feeds li', { hasText: 'Every three days' });
  await feed.waitFor();
  await feed.locator('.feed-menu').click();
  await page.locator('.feed-settings .show-statistics').click();

  const dialog = page.locator('.dialog.statistics[role=dialog]');
  await dialog.waitFor();
  assert.equal(await dialog.locator('h2').textContent(), 'Statistics: Every three days');
  // 52 weeks, this one last; every entry of the last year in some bar, the two older ones not.
  const bars = dialog.locator('svg.chart rect.bar');
  assert.equal(await bars.count(), 52);
  const counted = await bars.evaluateAll((rects) => rects.map((r) => Number(r.querySelector('title').textContent.match(/: (\d+) entr/)[1])));
  assert.equal(counted.reduce((a, b) => a + b, 0), 20);
  assert.ok(counted.slice(0, 40).every((n) => n === 0), 'nothing before the last two months');
  assert.ok(counted.slice(-9).every((n) => n >= 1), 'an entry every three days reaches every recent week');
  // The chart is named by its summary, which says the same in words.
  assert.equal(await dialog.locator('svg.chart').getAttribute('aria-labelledby'), 'statistics-summary');
  assert.match(await dialog.locator('figcaption').textContent(), /20 in all, 0\.3 a week on average; the busiest week, of .+, had [23] entries\./);
  const facts = await dialog.locator('.statistics-facts').textContent();
  assert.match(facts, /A new entry every 3\.0 days on average \(over the 20 entries of the last year\)/);
  assert.match(facts, /22 entries cached on this device/);
  assert.match(facts, /Last fetched/);
  assert.match(facts, /The last fetch went well/);
  // Escape closes it.
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await context.close();
});
