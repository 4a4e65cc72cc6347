import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { serveDist, CHROMIUM_ARGS } from './serve.mjs';
const host = await serveDist('/work/main/dist');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const page = await browser.newPage();
page.on('console', (m) => console.log('console:', m.type(), m.text().slice(0, 500)));
page.on('worker', (w) => { w.on('console', (m) => console.log('worker console:', m.text().slice(0,500))); });
await page.goto(host.url);
await page.waitForSelector('.app[data-ready]');
const size = Number(process.argv[2] ?? 1000);
const result = await page.evaluate(async (size) => {
  const url = document.getElementById('parser-script').href;
  const w = new Worker(url, { type: 'module' });
  const bytes = new TextEncoder().encode(JSON.stringify({ format: 'feedreader-backup', version: 1, subscriptions: [] }) + ' '.repeat(size));
  // postcard: variant 3 (Backup), varint length, bytes
  const varint = []; let n = bytes.length; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; varint.push(b); } while (n);
  const job = new Uint8Array(1 + varint.length + bytes.length); job[0] = 3; job.set(varint, 1); job.set(bytes, 1 + varint.length);
  return await new Promise((done) => {
    w.onerror = (e) => done('error: ' + e.message);
    w.onmessage = (e) => { if (e.data === 'hello') { w.postMessage([1, job]); } else done('answer ' + e.data[1].length); };
  });
}, size);
console.log(result);
await browser.close(); await host.close();
