// A Miniflux for the built app's tests, written from its API documentation
// (miniflux.app/docs/api.html) and its source (v2.3.3): no Miniflux can run on these machines
// (its build needs a newer Go than Debian's). It answers the calls a sync makes, with
// Miniflux's CORS headers (any origin; the preflight allows X-Auth-Token and Content-Type),
// so the page's calls from another origin are real cross-origin calls.
import http from 'node:http';

export const KEY = 'miniflux-api-key-for-tests';

/**
 * Serves one feed of `count` unread entries on 127.0.0.1; `entries` is its state, `calls`
 * every call; `hold()` keeps the id lists from answering until the function it returns is
 * called (a sync caught halfway).
 */
export async function startMiniflux(count) {
  const feed = { id: 7, user_id: 1, title: 'Valley Post', site_url: 'https://valley.example/', feed_url: 'https://valley.example/feed.xml',
    category: { id: 1, user_id: 1, title: 'All', hide_globally: false }, icon: { feed_id: 7, icon_id: 0 } };
  const entries = Array.from({ length: count }, (_, i) => ({
    id: 100 + i + 1, user_id: 1, feed_id: 7, status: 'unread', starred: false, title: `Valley story ${i + 1}`,
    url: `https://valley.example/${i + 1}`, comments_url: '', author: 'Ann', content: `<p>Valley story ${i + 1} body</p>`,
    hash: String(i), published_at: new Date(Date.UTC(2026, 10, i + 1)).toISOString(), created_at: '2026-12-01T10:00:00Z',
    changed_at: '2026-12-01T10:00:00Z', share_code: '', reading_time: 1, enclosures: [], tags: [], feed,
  }));
  const calls = [];
  let gate = null;
  const server = http.createServer(async (req, res) => {
    const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': 'X-Auth-Token, Authorization, Content-Type, Accept' };
    if (req.method === 'OPTIONS') return res.writeHead(204, { ...cors, 'Access-Control-Max-Age': '3600' }).end();
    let body = '';
    for await (const chunk of req) body += chunk;
    calls.push(`${req.method} ${req.url}`);
    if (gate && req.url.startsWith('/v1/entries/ids')) await gate;
    const json = (status, value) => res.writeHead(status, { ...cors, 'Content-Type': 'application/json' }).end(value === undefined ? '' : JSON.stringify(value));
    if (req.headers['x-auth-token'] !== KEY) return json(401, { error_message: 'access unauthorized' });
    const url = new URL(req.url, 'http://x');
    const q = url.searchParams;
    const matching = () => entries
      .filter((e) => !q.has('status') || e.status === q.get('status'))
      .filter((e) => !q.has('starred') || String(e.starred) === q.get('starred'))
      .filter((e) => !q.has('before_entry_id') || e.id < Number(q.get('before_entry_id')))
      .sort((a, b) => b.id - a.id);
    switch (`${req.method} ${url.pathname}`) {
      case 'GET /v1/me': return json(200, { id: 1, username: 'ann', is_admin: false, theme: 'light_serif', language: 'en_US', timezone: 'UTC' });
      case 'GET /v1/version': return json(200, { version: '2.3.3', commit: 'abc', build_date: '2026-06-20', go_version: 'go1.24', compiler: 'gc', arch: 'amd64', os: 'linux' });
      case 'GET /v1/feeds': return json(200, [feed]);
      case 'GET /v1/entries/ids': {
        const all = matching();
        const offset = Number(q.get('offset') ?? 0);
        return json(200, { total: all.length, entry_ids: all.slice(offset, offset + Number(q.get('limit') ?? 10000)).map((e) => e.id) });
      }
      case 'GET /v1/entries': {
        const all = matching();
        return json(200, { total: all.length, entries: all.slice(0, Number(q.get('limit') ?? 100)) });
      }
      case 'PUT /v1/entries': {
        const change = JSON.parse(body);
        for (const e of entries.filter((e) => change.entry_ids.includes(e.id))) {
          if (change.status) e.status = change.status;
          if (typeof change.starred === 'boolean') e.starred = change.starred;
        }
        return json(204);
      }
      default: return res.writeHead(404, { ...cors, 'Content-Type': 'text/plain' }).end('404 page not found\n');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const hold = () => {
    let release;
    gate = new Promise((resolve) => { release = resolve; });
    return () => { gate = null; release(); };
  };
  return { url: `http://127.0.0.1:${server.address().port}`, entries, calls, hold, close: () => server.close() };
}
