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
  for (const directive of ["object-src 'none'", "base-uri 'none'", "form-action 'none'", 'connect-src *',
    "require-trusted-types-for 'script'", 'trusted-types feedreader feedreader-boot']) {
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
    // Built without assigning a string to a script sink (which Trusted Types refuse outright).
    const script = document.createElement('script');
    script.append(document.createTextNode('window.__inlineRan = true'));
    document.body.appendChild(script);
  });
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__inlineRan), undefined, 'inline script ran');
  assert.ok(violations.some((v) => v.startsWith('script-src') || v.startsWith('require-trusted-types-for')), `violations: ${violations}`);
  await page.close();
});

test('Trusted Types: a plain string is refused by innerHTML and by script sinks, and the policies cannot be taken over', async () => {
  const { page, violations } = await openApp();
  const refused = await page.evaluate(() => {
    const tries = {
      innerHTML: () => { document.createElement('div').innerHTML = '<img src=x onerror="window.__ran = true">'; },
      outerHTML: () => { document.body.firstElementChild.insertAdjacentHTML('beforeend', '<b>x</b>'); },
      scriptText: () => { document.createElement('script').textContent = 'window.__ran = true'; },
      scriptSrc: () => { document.createElement('script').src = 'data:text/javascript,window.__ran=true'; },
      worker: () => new Worker('data:text/javascript,1'),
      policy: () => trustedTypes.createPolicy('feedreader', { createHTML: (s) => s }),
      anotherPolicy: () => trustedTypes.createPolicy('sneaky', { createHTML: (s) => s }),
    };
    return Object.fromEntries(Object.entries(tries).map(([name, attempt]) => {
      try { attempt(); return [name, 'allowed']; } catch (error) { return [name, error.name]; }
    }));
  });
  for (const [sink, outcome] of Object.entries(refused)) assert.equal(outcome, 'TypeError', `${sink}: ${outcome}`);
  assert.equal(await page.evaluate(() => window.__ran), undefined);
  assert.ok(violations.some((v) => v.startsWith('require-trusted-types-for')), `violations: ${violations}`);
  // The page's own sink still works: an article's sanitized HTML is shown.
  await page.locator('.entries .entry').nth(2).click();
  await page.waitForFunction(() => document.querySelector('.reader .article-body')?.children.length > 0);
  await page.close();
});
