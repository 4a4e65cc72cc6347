// The real FreshRSS of ../shared/servers/freshrss for the built app's tests: started on a free
// port of 127.0.0.1 with its own data folder, called as another device would, stopped after.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const SCRIPTS = process.env.FRESHRSS_DIR ?? path.resolve(import.meta.dirname, '../../../shared/servers/freshrss');
export const USER = 'tester';
export const PASSWORD = 'tester-api-password';

export const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));

/** Starts FreshRSS subscribed to `feedUrl`; `call(path, form)` calls its API as a device would. */
export async function startFreshRss(feedUrl) {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'feeds-freshrss-'));
  // A free port for PHP: taken, then let go just before it binds.
  const probe = http.createServer();
  const port = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  const line = execFileSync(path.join(SCRIPTS, 'start.sh'), [String(port), data], { encoding: 'utf8' });
  const fresh = { url: line.match(/FRESHRSS_URL=(\S+)/)[1], api: line.match(/FRESHRSS_API=(\S+)/)[1] };
  fresh.call = async (pathAndQuery, form) => {
    const login = await fetch(`${fresh.api}/accounts/ClientLogin`, { method: 'POST', body: new URLSearchParams({ Email: USER, Passwd: PASSWORD }) });
    const auth = (await login.text()).match(/Auth=(.*)/)[1];
    const headers = { Authorization: `GoogleLogin auth=${auth}` };
    if (!form) return (await fetch(`${fresh.api}/reader/api/0/${pathAndQuery}`, { headers })).text();
    const token = (await (await fetch(`${fresh.api}/reader/api/0/token`, { headers })).text()).trim();
    return (await fetch(`${fresh.api}/reader/api/0/${pathAndQuery}`, { method: 'POST', headers, body: new URLSearchParams([...form, ['T', token]]) })).text();
  };
  fresh.stop = () => {
    try { execFileSync(path.join(SCRIPTS, 'stop.sh'), [data]); } catch { /* stopped already */ }
    fs.rmSync(data, { recursive: true, force: true });
  };
  const added = await fresh.call('subscription/quickadd', [['quickadd', feedUrl]]);
  if (!added.includes('"numResults":1')) throw new Error(`FreshRSS did not subscribe to ${feedUrl}: ${added}`);
  return fresh;
}

/**
 * FreshRSS behind a proxy that strips its CORS headers and refuses preflights: a Google Reader
 * server as BazQux or an older FreshRSS are, which a web page may not call.
 */
export async function withoutCors(target) {
  const server = http.createServer(async (req, res) => {
    if (req.method === 'OPTIONS') return res.writeHead(405).end();
    let body = Buffer.alloc(0);
    for await (const chunk of req) body = Buffer.concat([body, chunk]);
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'origin', 'connection', 'content-length'].includes(name)));
    const answer = await fetch(new URL(req.url, target), { method: req.method, headers, body: body.length ? body : undefined });
    const kept = [...answer.headers].filter(([name]) => !name.startsWith('access-control-') && !['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(name));
    res.writeHead(answer.status, Object.fromEntries(kept)).end(Buffer.from(await answer.arrayBuffer()));
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}
