// The built page's exports arrive as real downloads: an OPML 2.0 file of the subscriptions and
// a JSON backup of everything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { builtApp } from './serve.mjs';

const app = builtApp();

async function download(page, label) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`.library-tools button >> text=${label}`).click()]);
  return { name: file.suggestedFilename(), text: await fs.readFile(await file.path(), 'utf8') };
}

test('subscriptions download as OPML and everything as a JSON backup', async () => {
  const context = await app.browser().newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(app.url());
  await page.waitForSelector('.entries .entry', { timeout: 20000 });
  // Star the first entry so the backup has something of the reader's own.
  await page.locator('.entries .entry').first().click();
  await page.keyboard.press('s');

  const opml = await download(page, 'Export subscriptions (OPML)');
  assert.equal(opml.name, 'subscriptions.opml');
  assert.match(opml.text, /<opml version="2\.0">/);
  // Any spelling XML reads as an apostrophe (the shared escaper writes &#39;).
  assert.match(opml.text, /<outline [^>]*text="Bernhard(&apos;|&#39;|')s shared items"/);

  const backup = await download(page, 'Back up everything (JSON)');
  assert.equal(backup.name, 'feedreader-backup.json');
  const data = JSON.parse(backup.text);
  assert.equal(data.format, 'feedreader-backup');
  assert.equal(data.subscriptions.length, 1);
  assert.equal(data.subscriptions[0].feed.entries.length, 25, 'cached entries are in the backup');
  assert.equal(data.starred.length, 1);
  assert.equal(data.read.length, 1);
  await context.close();
});
