// Shared stories as the reader's own feed, in the built app: an entry shared with a comment
// joins "Shared", the feed downloads as shared.atom, and that file, opened in a fresh reader,
// gives the same story with "Shared by" and the comment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { builtApp } from './serve.mjs';

const app = builtApp();

test('a story shared with a comment downloads as shared.atom, which reads back the same', async () => {
  const context = await app.browser().newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(app.url());
  await page.waitForSelector('.app[data-ready] .entries button.entry[data-key]');
  // The name the feed says shared them.
  await page.locator('.settings-toggle').click();
  await page.fill('#sharer', 'Ada');
  await page.press('#sharer', 'Tab');
  await page.waitForFunction(() => document.querySelector('#sharer')?.value === 'Ada');
  await page.locator('.settings-toggle').click();

  await page.locator('.entries button.entry[data-key]').nth(1).click();
  await page.waitForSelector('.reader .article-title');
  const title = (await page.textContent('.reader .article-title')).trim();
  const link = await page.getAttribute('.reader .article-title a', 'href');
  await page.locator('.toggle-share').click();
  await page.fill('#share-comment', 'Worth it, & then some.');
  await page.locator('.share-form button[type=submit]').click();
  await page.waitForSelector('.toggle-share[aria-pressed=true]');
  const shared = page.locator('.feeds button.feed', { hasText: 'Shared' }).first();
  await page.waitForFunction(() => [...document.querySelectorAll('.feeds button.feed')].some((b) => /^Shared\s*1$/.test(b.textContent.trim())));
  await shared.click();
  await page.waitForFunction(() => document.querySelectorAll('.entries button.entry[data-key]').length === 1);

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.download-shared').click()]);
  assert.equal(download.suggestedFilename(), 'shared.atom');
  const file = await download.path();
  const atom = await fs.readFile(file, 'utf8');
  assert.match(atom, /<title>Ada&#39;s shared stories<\/title>|<title>Ada's shared stories<\/title>/);

  // Another reader (a fresh profile) opens the file: the story, shared by Ada, with the comment.
  const elsewhere = await app.browser().newContext();
  const other = await elsewhere.newPage();
  await other.goto(app.url());
  await other.waitForSelector('.app[data-ready]');
  await other.locator('.add-toggle').click();
  await other.locator('.add-feed input[type=file]').setInputFiles({ name: 'shared.atom', mimeType: 'application/atom+xml', buffer: Buffer.from(atom) });
  await other.waitForSelector('.feeds >> text=Ada\'s shared stories');
  await other.locator('.feeds button.feed', { hasText: 'Ada\'s shared stories' }).click();
  await other.waitForFunction(() => document.querySelectorAll('.entries button.entry[data-key]').length === 1);
  await other.locator('.entries button.entry[data-key]').first().click();
  await other.waitForSelector('.reader .article-title');
  assert.equal((await other.textContent('.reader .article-title')).trim(), title);
  assert.equal(await other.getAttribute('.reader .article-title a', 'href'), link);
  assert.match(await other.textContent('.reader .article-shared'), /^Shared by Ada from Bernhard's shared items$/);
  assert.equal((await other.textContent('.reader .shared-comment')).trim(), 'Worth it, & then some.');
  await elsewhere.close();

  // Unshared, it leaves "Shared".
  await page.locator('.entries button.entry[data-key]').first().click();
  await page.locator('.toggle-share').click();
  await page.locator('.share-form .unshare').click();
  await page.waitForSelector('.entries .empty');
  await context.close();
});
