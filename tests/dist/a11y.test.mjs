// Accessibility of the built app's main views, checked by axe-core in headless Chromium:
// no serious or critical violation anywhere a reader goes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { builtApp } from './serve.mjs';

const require = createRequire(import.meta.url);
const axeSource = require('axe-core').source;
const app = builtApp();

/**
 * Runs axe on the page as it is (or on `within`); returns the serious and critical violations,
 * readably. Articles are included: the sanitizer gives images without an alt an empty one,
 * titles embeds and makes code blocks focusable.
 */
async function seriousViolations(page, within = null) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const results = await page.evaluate((selector) =>
    window.axe.run(selector ?? document, { resultTypes: ['violations'] }), within);
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const [scheme, width] of [['light', 1366], ['dark', 1366], ['light', 390]]) {
  test(`main views have no serious accessibility violations (${scheme}, ${width}px)`, async () => {
    // axe is injected as a script, which the page's own CSP would rightly refuse.
    const context = await app.browser().newContext({ bypassCSP: true, colorScheme: scheme, viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(app.url());
    await page.waitForSelector('.entries .entry', { timeout: 20000 });
    assert.deepEqual(await seriousViolations(page), [], 'the list');

    await page.locator('.entries .entry').nth(1).click();
    await page.waitForSelector('.reader .article-title');
    assert.deepEqual(await seriousViolations(page), [], 'an open entry');

    // The trainer beside it, with a rule taught (so a label shows in the list), and cards.
    await page.keyboard.press('t');
    await page.waitForSelector('.trainer');
    await page.locator('.trainer-lines li').first().locator('button.like').click();
    await page.waitForSelector('.entries .reason', { state: 'attached' });
    assert.deepEqual(await seriousViolations(page), [], 'the trainer and a rule label');
    // Back to the list (on a phone the article had the screen).
    await page.$eval('.reader .back', (button) => button.click());
    await page.waitForSelector('.entries .reason');
    await page.locator('.segmented button', { hasText: 'Cards' }).click();
    await page.waitForSelector('.entries.cards');
    assert.deepEqual(await seriousViolations(page), [], 'the card view');
    await page.locator('.segmented button', { hasText: 'List' }).click();
    await page.fill('#search', 'spiffe');
    await page.locator('.save-search').click();
    await page.waitForSelector('.saved-searches');
    assert.deepEqual(await seriousViolations(page), [], 'a saved search');
    await page.fill('#search', '');
    // Keys belong to the search box while it has focus.
    await page.evaluate(() => document.activeElement.blur());

    await page.keyboard.press('?');
    await page.waitForSelector('[role=dialog]');
    assert.deepEqual(await seriousViolations(page), [], 'the shortcut help');
    await page.keyboard.press('Escape');

    await page.locator('.add-toggle').click();
    await page.waitForSelector('.add-feed');
    assert.deepEqual(await seriousViolations(page), [], 'the add dialog');

    // A preview from the test feed server, a failure, the settings, a feed's menu.
    await page.fill('#feed-address', 'http://127.0.0.1:8765/cors/feed.xml');
    await page.locator('.add-address button[type=submit]').click();
    await page.waitForSelector('.lookup.preview', { timeout: 15000 });
    assert.deepEqual(await seriousViolations(page), [], 'a feed preview');
    await page.fill('#feed-address', 'http://127.0.0.1:8765/status/404');
    await page.locator('.add-address button[type=submit]').click();
    await page.waitForSelector('.lookup.failed', { timeout: 15000 });
    assert.deepEqual(await seriousViolations(page), [], 'a failed lookup');
    await page.locator('.add-toggle').click();
    await page.locator('.settings-toggle').click();
    // On a phone the feed menus sit in a sideways-scrolling row; a click reaches them either way.
    await page.$eval('.feed-menu', (button) => button.click());
    await page.waitForSelector('.settings-panel');
    assert.deepEqual(await seriousViolations(page), [], 'settings and a feed menu');
    await page.$eval('.feed-settings .show-statistics', (button) => button.click());
    await page.waitForSelector('.dialog.statistics svg.chart');
    assert.deepEqual(await seriousViolations(page), [], 'a feed\'s statistics');
    await page.keyboard.press('Escape');
    await page.waitForSelector('.dialog.statistics', { state: 'detached' });
    // Settings → Filters with a filter listed and a refused expression's message.
    await page.fill('#filter-pattern', 'spiffe');
    await page.locator('.filter-form button').click();
    await page.waitForSelector('.filter-rules .rules li', { timeout: 15000 });
    await page.fill('#filter-pattern', 'spiffe (');
    await page.locator('.filter-form button').click();
    await page.waitForFunction(() => document.querySelector('#filter-problem')?.textContent.length > 0, null, { timeout: 15000 });
    assert.deepEqual(await seriousViolations(page), [], 'the filters with a refused expression');
    await context.close();
  });
}

for (const scheme of ['light', 'dark']) {
  test(`Text view, whole and refused, has no serious accessibility violations (${scheme})`, async () => {
    const context = await app.browser().newContext({ bypassCSP: true, colorScheme: scheme, viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(app.url());
    await page.waitForSelector('.app[data-ready]', { timeout: 20000 });
    await page.locator('.add-toggle').click();
    await page.fill('#feed-address', 'http://127.0.0.1:8765/cors/articles.xml');
    await page.locator('.add-address button[type=submit]').click();
    await page.waitForSelector('.lookup.preview', { timeout: 15000 });
    await page.locator('.lookup .subscribe').click();
    await page.waitForSelector('.feeds >> text=Courier teasers');
    await page.locator('.entries .entry', { hasText: 'Why the river froze early' }).click();
    await page.locator('.toggle-text').click();
    await page.waitForSelector('.reader .whole-article', { timeout: 15000 });
    assert.deepEqual(await seriousViolations(page, '.reader'), [], 'the whole article');
    await page.locator('.entries .entry', { hasText: 'The river, elsewhere' }).click();
    await page.waitForSelector('.reader .article-title >> text=The river, elsewhere');
    await page.locator('.toggle-text').click();
    await page.waitForSelector('.reader .text-problem', { timeout: 15000 });
    assert.deepEqual(await seriousViolations(page, '.reader'), [], 'a page that cannot be read');
    await context.close();
  });
}

test('every entry of the sample, open, has no serious accessibility violation', async () => {
  const context = await app.browser().newContext({ bypassCSP: true, viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.goto(app.url());
  await page.waitForSelector('.entries .entry', { timeout: 20000 });
  const titles = [];
  for (let i = 0; i < 25; i++) {
    const before = await page.textContent('.reader');
    await page.keyboard.press('j');
    await page.waitForFunction((b) => document.querySelector('.reader .article-title') && document.querySelector('.reader').textContent !== b, before);
    const title = await page.textContent('.reader .article-title');
    titles.push(title);
    assert.deepEqual(await seriousViolations(page, '.reader'), [], title);
  }
  assert.equal(new Set(titles).size, 25, 'each entry was opened');
  await context.close();
});

test('on a phone, focus follows into the article and back to its row', async () => {
  const context = await app.browser().newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(app.url());
  await page.waitForSelector('.entries .entry');
  const row = page.locator('.entries .entry').nth(2);
  const key = await row.getAttribute('data-key');
  await row.click();
  await page.waitForSelector('.reader .article-title');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'reader', 'focus is in the article');
  await page.locator('.reader .back').click();
  await page.waitForSelector('.entries .entry');
  await page.waitForFunction((k) => document.activeElement?.getAttribute('data-key') === k, key, { timeout: 2000 });
  await context.close();
});
