// Mark entries read after N days, in the built app: the setting reads the sample's old entries
// at once (the counts say so), leaves a starred one alone, and holds after a reload; a feed can
// have its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtApp } from './serve.mjs';

const app = builtApp();
const allCount = (page) => page.locator('.feeds li').first().locator('.count').textContent();

test('old entries are marked read when the setting says so, starred ones kept, a feed may differ', async () => {
  const context = await app.browser().newContext();
  const page = await context.newPage();
  await page.goto(app.url());
  await page.waitForSelector('.app[data-ready] .entries button.entry[data-key]');
  assert.equal(await allCount(page), '25');
  // One starred entry, left unread (open it, s, then m).
  await page.locator('.entries button.entry[data-key]').first().click();
  await page.waitForSelector('.reader .article-title');
  await page.keyboard.press('s');
  await page.waitForSelector('.entries .star-mark');
  await page.keyboard.press('m');
  await page.waitForFunction(() => document.querySelector('.feeds li .count')?.textContent === '25');

  // The sample is from 2025: a feed of its own keeps "Never", so nothing changes yet.
  await page.locator('.feeds .feed-menu').first().click();
  await page.locator('.feed-settings select[id^="feed-age-"]').selectOption('0');
  await page.locator('.settings-toggle').click();
  await page.locator('#read-after').selectOption('30');
  await page.waitForFunction(() => document.querySelector('#read-after')?.value === '30');
  assert.equal(await allCount(page), '25', 'the feed keeps its own "Never"');
  // As in Settings: all but the starred one are read, and the counts say so at once.
  await page.locator('.feed-settings select[id^="feed-age-"]').selectOption('');
  await page.waitForFunction(() => document.querySelector('.feeds li .count')?.textContent === '1');
  // Back later, with no entry open (one in the address would be opened, and read).
  await page.evaluate(() => { location.hash = '#/all'; });
  await page.reload();
  await page.waitForSelector('#app > .app[data-ready]');
  await page.waitForFunction(() => document.querySelector('#app > .app[data-ready] .feeds li .count')?.textContent === '1');
  // The Unread list: the starred entry alone.
  await page.locator('.segmented button', { hasText: 'Unread' }).first().click();
  await page.waitForFunction(() => document.querySelectorAll('.entries button.entry[data-key]').length === 1);
  assert.equal(await page.locator('.entries button.entry .star-mark').count(), 1);
  await context.close();
});
