// Nothing shown that is not saved: a big import is saved in parts with "Saving n of m
// entries…" until the last part is committed, the browser asks before the page is left
// meanwhile, and a reload in the middle keeps what was committed and says what was not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { builtApp } from './serve.mjs';

const app = builtApp();
const FEEDS = 60;
const ENTRIES = 250;
const backup = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'feeds-saving-')), 'backup.json');
execFileSync('node', [path.resolve(import.meta.dirname, '../../scripts/bench/make-backup.mjs'), backup, String(FEEDS), String(ENTRIES)]);

const allCount = async (page) => Number(await page.locator('.feed:has(.feed-title:text-is("All")) .count').first().textContent());
const number = (text) => Number(text.replaceAll(',', ''));

async function importBackup(page) {
  await page.goto(app.url());
  await page.waitForSelector('#app > .app[data-ready] .entries .entry', { timeout: 20000 });
  // A click gives the page the user activation a browser wants before it asks on leaving.
  await page.locator('#search').click();
  if (!(await page.$('.add-feed'))) await page.locator('.add-toggle').click();
  await page.locator('.add-feed input[type=file]').setInputFiles(backup);
}

test('a reload while a big import is saved keeps what was committed and says what was not', async () => {
  const context = await app.browser().newContext();
  const page = await context.newPage();
  await importBackup(page);
  // The first part is committed: the page says so.
  const saving = page.locator('.status.saving');
  await saving.filter({ hasText: /Saving [1-9][\d,]* of 15,000 entries/ }).waitFor({ timeout: 120000 });
  const dialogs = [];
  page.on('dialog', (dialog) => { dialogs.push(dialog.type()); dialog.accept(); });
  await page.reload();
  assert.deepEqual(dialogs, ['beforeunload'], 'the browser asked before the page was left');
  const notice = page.locator('.notice', { hasText: 'The import was interrupted after' });
  await notice.waitFor({ timeout: 30000 });
  const [, done, of] = (await notice.textContent()).match(/after ([\d,]+) of ([\d,]+) entries; open the file again to add the rest/);
  assert.equal(number(of), FEEDS * ENTRIES);
  assert.ok(number(done) > 0 && number(done) < FEEDS * ENTRIES, `${done} of ${of}`);
  await page.waitForFunction((expected) => {
    // The page's own sidebar, not a last screen put back before it.
    const all = [...document.querySelectorAll('#app > .app[data-ready] .feed')].find((b) => b.querySelector('.feed-title')?.textContent === 'All');
    return Number(all?.querySelector('.count')?.textContent) === expected;
  }, 25 + number(done), { timeout: 30000 });
  // Told once.
  await page.reload();
  await page.waitForSelector('#app > .app[data-ready] .entries .entry', { timeout: 20000 });
  assert.equal(await allCount(page), 25 + number(done));
  assert.equal(await page.locator('.notice', { hasText: 'interrupted' }).count(), 0);
  await context.close();
});

test('a big import is said done only once all of it is saved, and all of it is there after a reload', async () => {
  const context = await app.browser().newContext();
  const page = await context.newPage();
  await importBackup(page);
  await page.locator('.status.ok', { hasText: 'restored the backup' }).waitFor({ timeout: 300000 });
  assert.equal(await page.locator('.status.saving').count(), 0, 'nothing is still being saved when it says done');
  await page.reload();
  await page.waitForFunction((expected) => {
    // The page's own sidebar, not a last screen put back before it.
    const all = [...document.querySelectorAll('#app > .app[data-ready] .feed')].find((b) => b.querySelector('.feed-title')?.textContent === 'All');
    return Number(all?.querySelector('.count')?.textContent) === expected;
  }, 25 + FEEDS * ENTRIES, { timeout: 60000 });
  assert.equal(await page.locator('.notice', { hasText: 'interrupted' }).count(), 0);
  await context.close();
});
