// A static file server for dist/ on 127.0.0.1 (a random free port), and a headless Chromium.
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

const TYPES = {
  '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.png': 'image/png', '.svg': 'image/svg+xml',
};

/**
 * Serves `root` until `close()`; answers only on the loopback interface. `serve(other)` serves
 * another folder from then on (a new build deployed at the same address); `requests` lists
 * the paths asked for.
 */
export async function serveDist(root) {
  const requests = [];
  const server = http.createServer(async (req, res) => {
    requests.push(new URL(req.url, 'http://localhost').pathname);
    const url = new URL(req.url, 'http://localhost');
    const file = path.join(root, url.pathname === '/' ? 'index.html' : path.normalize(url.pathname));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    try {
      const body = await fs.readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, requests, serve: (other) => { root = other; }, close: () => new Promise((r) => server.close(r)) };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * For a test file: serves dist/ and launches Chromium before its tests, closes both after.
 * Returns `{ url(), browser() }` to read them inside tests.
 */
export function builtApp() {
  let server, browser;
  before(async () => {
    server = await serveDist(path.resolve(import.meta.dirname, '../../dist'));
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return { url: () => server.url, browser: () => browser };
}
