// A static host for dist/ as real ones behave: files gzip-compressed, ETags, and a choice of
// cache headers. Listens on 127.0.0.1 only. Used by the benchmarks in this folder.
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css',
  '.json': 'application/json', '.png': 'image/png', '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml',
};

/**
 * Serves `root` until `close()`. Options: `cache` — the Cache-Control header sent with every
 * file ('no-cache' by default: revalidate with the ETag each time, as many hosts do);
 * `isolated` — send COOP/COEP so the page is cross-origin isolated (needed to measure memory);
 * `extra(req, res)` — answer other paths (feeds for the benchmarks).
 */
export async function serveDist(root, { cache = 'no-cache', isolated = false, extra } = {}) {
  const cached = new Map();
  const stats = { requests: 0, bytes: 0 };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (extra && (await extra(req, res, url))) return;
    const file = path.join(root, url.pathname === '/' ? 'index.html' : path.normalize(decodeURIComponent(url.pathname)));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    let entry = cached.get(file);
    if (!entry) {
      try {
        const body = await fs.readFile(file);
        entry = { body, gzip: zlib.gzipSync(body, { level: 9 }), etag: `"${crypto.createHash('sha1').update(body).digest('hex').slice(0, 16)}"` };
        cached.set(file, entry);
      } catch {
        res.writeHead(404).end('not found');
        return;
      }
    }
    const headers = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', etag: entry.etag, 'cache-control': cache, vary: 'accept-encoding' };
    if (isolated) Object.assign(headers, { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' });
    stats.requests += 1;
    if (req.headers['if-none-match'] === entry.etag) { res.writeHead(304, headers).end(); return; }
    const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    const body = gzip ? entry.gzip : entry.body;
    if (gzip) headers['content-encoding'] = 'gzip';
    headers['content-length'] = body.length;
    stats.bytes += body.length;
    res.writeHead(200, headers).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, stats, close: () => new Promise((r) => server.close(r)) };
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

const CONDITIONS = { offline: false, latency: 150, downloadThroughput: 1.6 * 1024 * 1024 / 8, uploadThroughput: 750 * 1024 / 8 };

/**
 * Lighthouse's mobile throttling, through the DevTools protocol, for a page and every worker
 * it starts (each is a target of its own: its requests and its CPU are throttled too).
 * `onBytes(n)` hears every response's size on the wire, the workers' included.
 */
export async function throttle(page, onBytes = () => {}) {
  const cdp = await page.context().newCDPSession(page);
  const setUp = async (send) => {
    await send('Network.enable');
    await send('Network.emulateNetworkConditions', CONDITIONS);
    await send('Emulation.setCPUThrottlingRate', { rate: 4 }).catch(() => {});
  };
  await setUp((method, params) => cdp.send(method, params));
  cdp.on('Network.loadingFinished', (e) => onBytes(e.encodedDataLength));
  // Workers: attached before they run, throttled, then let go.
  cdp.on('Target.attachedToTarget', async ({ sessionId, targetInfo }) => {
    const send = (method, params = {}) => cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: Math.floor(Math.random() * 1e9), method, params }) });
    if (targetInfo.type === 'worker') await setUp(send).catch(() => {});
    await send('Runtime.runIfWaitingForDebugger').catch(() => {});
  });
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const event = JSON.parse(message);
    if (event.method === 'Network.loadingFinished') onBytes(event.params.encodedDataLength);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  return cdp;
}

/** Records, in the page, when each milestone was first seen: first paint, the shell, the first row. */
export const MILESTONES = () => {
  window.__marks = {};
  const seen = (name) => { if (!(name in window.__marks)) window.__marks[name] = performance.now(); };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === 'first-paint') window.__marks.firstPaint = entry.startTime;
      if (entry.name === 'first-contentful-paint') window.__marks.firstContentfulPaint = entry.startTime;
    }
  }).observe({ type: 'paint', buffered: true });
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  // Watches until both are seen, then stops (watching costs the page's main thread).
  const look = () => {
    if (!('firstRow' in window.__marks) && document.querySelector('.entries .entry[data-key]')) {
      seen('firstRow');
      // The frame that shows it.
      requestAnimationFrame(() => requestAnimationFrame(() => seen('firstRowPainted')));
    }
    if (!('ready' in window.__marks) && document.querySelector('.app[data-ready]')) seen('ready');
    if ('firstRow' in window.__marks && 'ready' in window.__marks) watch.disconnect();
  };
  const watch = new MutationObserver(look);
  watch.observe(document, { subtree: true, childList: true, attributes: true });
};

/** Median of some numbers. */
export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Memory of a page and of every worker it started, through the DevTools protocol: each one's
 * JS heap in use and the size of its WebAssembly memories. Call `attach` before the page
 * starts its workers, then `measure()` when it is time.
 */
export async function memoryProbe(page) {
  const cdp = await page.context().newCDPSession(page);
  const workers = new Map();
  let next = 1;
  const pending = new Map();
  cdp.on('Target.attachedToTarget', async ({ sessionId, targetInfo }) => {
    if (targetInfo.type === 'worker') workers.set(sessionId, targetInfo.url.split('/').pop().replace(/-[0-9a-f]+_loader\.js$/, ''));
    cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: next++, method: 'Runtime.runIfWaitingForDebugger' }) }).catch(() => {});
  });
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const reply = JSON.parse(message);
    if (reply.id && pending.has(reply.id)) {
      pending.get(reply.id)(reply.result);
      pending.delete(reply.id);
    }
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  const inWorker = (sessionId, method, params = {}) => new Promise((resolve) => {
    const id = next++;
    pending.set(id, resolve);
    cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(() => resolve(undefined));
  });
  // Every WebAssembly.Memory of a realm, summed.
  const wasm = async (send) => {
    const proto = await send('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
    const found = await send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId });
    const sum = await send('Runtime.callFunctionOn', {
      objectId: found.objects.objectId, returnByValue: true,
      functionDeclaration: 'function () { return this.reduce((n, m) => n + m.buffer.byteLength, 0); }',
    });
    return sum.result.value;
  };
  return {
    async measure() {
      const result = {};
      const page = (method, params) => cdp.send(method, params);
      await page('HeapProfiler.collectGarbage').catch(() => {});
      result.page = { js: (await page('Runtime.getHeapUsage')).usedSize, wasm: await wasm(page) };
      for (const [sessionId, name] of workers) {
        const send = (method, params) => inWorker(sessionId, method, params);
        await send('HeapProfiler.collectGarbage');
        const heap = await send('Runtime.getHeapUsage');
        if (!heap) continue;
        result[name] = { js: heap.usedSize, wasm: await wasm(send) };
      }
      return result;
    },
  };
}

/** A clipboard holding `text`, made in the page (that costs the test, not the reader). */
export async function clipboardWith(page, text) {
  const clipboard = await page.evaluateHandle((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    return data;
  }, text);
  await page.waitForTimeout(200);
  return clipboard;
}

/** Pastes the clipboard into the paste box as a person does (a paste event). */
export async function paste(page, clipboard) {
  await page.evaluate((clipboardData) => {
    document.querySelector('#feed-text').dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
  }, clipboard);
}

/** Writes a generated backup of FEEDS x ENTRIES entries to `file` (make-backup.mjs). */
export function makeBackup(file, feeds, entries) {
  execFileSync('node', [path.join(import.meta.dirname, 'make-backup.mjs'), file, String(feeds), String(entries)], { stdio: 'inherit' });
}

/**
 * Records, in the page, each message a worker sends it as `[time, bytes, first byte]`, in
 * `window.__messages`, and when the first worker was made, in `window.__workerAt`.
 */
export const WORKER_MESSAGES = () => {
  window.__messages = [];
  const Original = window.Worker;
  window.Worker = function (...args) {
    window.__workerAt ??= performance.now();
    const worker = new Original(...args);
    worker.addEventListener('message', (e) => {
      const size = e.data?.byteLength ?? e.data?.length ?? 0;
      window.__messages.push([performance.now(), size, e.data instanceof Uint8Array ? e.data[0] : -1]);
    });
    return worker;
  };
  window.Worker.prototype = Original.prototype;
};
