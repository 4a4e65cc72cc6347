// Tags on starred entries in the built app: a starred entry takes tags, each tag shows under
// Starred with its count and lists its entries, and all of it holds after a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtApp } from './serve.mjs';

const app = builtApp();

test('a starred entry takes tags, listed under Starred with counts, kept after a reload', async () => {
  const context = await app.browser().newContext();
  const page = await context.newPage();
  await page.goto(app.url());
  await page.waitForSelector('.app[data-ready] .entries button.entry[data-key]');
  const rows = page.locator('.entries button.entry[data-key]');
  const titles = [];
  for (const [n, tags] of [[0, 'rust, to read'], [2, 'Rust']]) {
    await rows.nth(n).click();
    await page.waitForSelector('.reader .article-title');
    titles.push((await page.textContent('.reader .article-title')).trim());
    assert.equal(await page.$('#entry-tags'), null, 'only a starred entry has tags');
    await page.keyboard.press('s');
    await page.fill('#entry-tags', tags);
    await page.press('#entry-tags', 'Enter');
  }
  const tag = (name) => page.locator('.feeds button.feed.tag', { hasText: name });
  await page.waitForFunction(() => document.querySelectorAll('.feeds button.feed.tag').length === 2);
  assert.equal(await tag('rust').locator('.count').textContent(), '2');
  assert.equal(await tag('to read').locator('.count').textContent(), '1');
  await tag('to read').click();
  await page.waitForSelector('.entries .list-heading >> text=Starred: to read');
  await page.waitForFunction(() => document.querySelectorAll('.entries button.entry[data-key]').length === 1);
  // The row's title after its star.
  assert.equal((await page.textContent('.entries button.entry[data-key] .entry-title')).replace(/^★\s*/, '').trim(), titles[0]);
  assert.equal(new URL(page.url()).hash, '#/tag/to%20read');

  await page.reload();
  await page.waitForSelector('#app > .app[data-ready]');
  await page.waitForFunction(() => document.querySelectorAll('#app > .app .entries button.entry[data-key]').length === 1);
  assert.equal(await tag('rust').locator('.count').textContent(), '2');
  // The tags come back in the entry's field.
  await page.locator('.entries button.entry[data-key]').first().click();
  await page.waitForSelector('#entry-tags');
  assert.equal(await page.inputValue('#entry-tags'), 'rust, to read');
  await context.close();
});
