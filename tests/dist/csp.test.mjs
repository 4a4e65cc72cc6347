// The built page (dist/) in headless Chromium: it starts under its Content-Security-Policy, and
// that policy really stops inline script.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtApp } from './serve.mjs';

const app = builtApp();

async function openApp() {
  const page = await app.browser().newPage();
  const violations = [];
  await page.exposeFunction('reportViolation', (v) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(app.url());
  await page.waitForSelector('.entries .entry', { timeout: 20000 });
  return { page, violations };
}

test('the app starts under its CSP with no violation', async () => {
  const { page, violations } = await openApp();
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  for (const directive of ["object-src 'none'", "base-uri 'none'", "form-action 'none'", 'connect-src *']) {
    assert.ok(csp.includes(directive), `CSP has ${directive}`);
  }
  assert.equal(await page.getAttribute('.entries ul[data-total]', 'data-total'), '25');
  // Open an entry too: its article (images, an embed) must not trip the policy either.
  await page.locator('.entries .entry').first().click();
  await page.waitForSelector('.reader .article-body');
  // The service worker, the manifest and the icons are the page's own files too.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20000 });
  assert.equal(await page.evaluate(async () => (await fetch('./manifest.webmanifest')).ok), true);
  assert.deepEqual(violations, []);
  await page.close();
});

test('an injected inline script does not run and a violation is reported', async () => {
  const { page, violations } = await openApp();
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.appendChild(script);
    const img = document.createElement('div');
    img.innerHTML = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="window.__handlerRan = true">';
    document.body.appendChild(img);
  });
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__inlineRan), undefined, 'inline script ran');
  assert.equal(await page.evaluate(() => window.__handlerRan), undefined, 'inline handler ran');
  assert.ok(violations.some((v) => v.startsWith('script-src')), `violations: ${violations}`);
  await page.close();
});
