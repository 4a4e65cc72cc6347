// Text view in the built app, against pages on the test feed server: the whole article
// replaces a feed's teaser (x or the Text button) and back, it is searchable and opens offline
// after a reload, a site that forbids cross-origin reads is explained with what works, and a
// feed set to Text view opens its entries that way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtApp } from './serve.mjs';

const app = builtApp();
const SERVER = 'http://127.0.0.1:8765';

async function subscribe(page, address) {
  if (!(await page.$('.add-feed'))) await page.locator('.add-toggle').click();
  await page.fill('#feed-address', address);
  await page.locator('.add-address button[type=submit]').click();
  await page.waitForSelector('.lookup.preview', { timeout: 15000 });
  await page.locator('.lookup .subscribe').click();
  await page.waitForSelector('.feeds >> text=Courier teasers');
}

const openEntry = async (page, title) => {
  await page.locator('.entries button.entry', { hasText: title }).click();
  await page.waitForSelector(`.reader .article-title >> text=${title}`);
};

test('Text view reads the whole article, keeps it for search and offline, and explains a blocked site', async () => {
  const context = await app.browser().newContext();
  const page = await context.newPage();
  await page.goto(app.url());
  await page.waitForSelector('.app[data-ready]', { timeout: 20000 });
  await subscribe(page, `${SERVER}/cors/articles.xml`);

  await openEntry(page, 'Why the river froze early');
  assert.match(await page.textContent('.reader article'), /A teaser, not the story/);
  await page.keyboard.press('x');
  await page.waitForSelector('.reader .whole-article h2 >> text=What the measurements show', { timeout: 15000 });
  const whole = await page.textContent('.reader .whole-article');
  assert.match(whole, /Hydrologists say/);
  assert.match(whole, /Ice across the river below the old bridge on 4 November/);
  assert.doesNotMatch(whole, /Accept all cookies|Skated on it yesterday|Share on Facebook|Most read/);
  assert.doesNotMatch(await page.textContent('.reader article'), /A teaser, not the story/, 'in place of the teaser');
  assert.equal(await page.getAttribute('.toggle-text', 'aria-pressed'), 'true');
  // Feed text goes back.
  await page.locator('.toggle-text').click();
  await page.waitForSelector('.reader >> text=A teaser, not the story');
  assert.equal(await page.$('.reader .whole-article'), null);

  // The other article's site sends no CORS header: said, with what works, and the teaser stays.
  await openEntry(page, 'The river, elsewhere');
  await page.locator('.toggle-text').click();
  const problem = await page.waitForSelector('.reader .text-problem', { timeout: 15000 });
  const said = await problem.textContent();
  assert.match(said, /does not let other web pages read it/);
  assert.match(said, /browser extension/);
  assert.match(await page.textContent('.reader article'), /Another teaser/);

  // Kept: search finds a word only the article has, and it opens with the network cut.
  await page.evaluate(() => { location.hash = '#/all'; });
  await page.reload();
  await page.waitForSelector('#app > .app[data-ready]');
  await page.fill('#search', 'hydrologists');
  await page.waitForFunction(() => document.querySelectorAll('.entries button.entry[data-key]').length === 1);
  await context.setOffline(true);
  await page.locator('.entries button.entry', { hasText: 'Why the river froze early' }).click();
  await page.waitForSelector('.reader .article-title');
  await page.keyboard.press('x');
  await page.waitForSelector('.reader .whole-article >> text=What the measurements show');
  await context.setOffline(false);

  // A feed set to open in Text view does so.
  await page.fill('#search', '');
  const feed = page.locator('.feeds li', { hasText: 'Courier teasers' });
  await feed.locator('.feed-menu').click();
  await page.locator('.feed-settings label', { hasText: 'Open entries in Text view' }).locator('input').check();
  await page.keyboard.press('Escape');
  await openEntry(page, 'The river, elsewhere');
  await openEntry(page, 'Why the river froze early');
  await page.waitForSelector('.reader .whole-article >> text=What the measurements show');
  await context.close();
});
