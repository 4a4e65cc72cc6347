// Writes a backup file of this reader (format version 1) with FEEDS feeds of ENTRIES entries
// each, about 1.5 KB of article per entry, as tests/support/big_library.rs makes them:
//   node scripts/bench/make-backup.mjs FILE [FEEDS=300] [ENTRIES=300]
import fs from 'node:fs';

const [file, feeds = 300, entries = 300] = process.argv.slice(2);
if (!file) throw new Error('usage: make-backup.mjs FILE [FEEDS] [ENTRIES]');
const WORDS = ['rust', 'wasm', 'atom', 'parser', 'browser', 'sanitizer', 'storage', 'keyboard'];
const body = `<p>${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(26)}</p>`;
// 64-bit FNV-1a, as the reader names feeds (src/core/hash.rs, Library::feed_id_for_url).
const fnv = (text) => {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(text)) hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n);
  return hash;
};
const out = fs.createWriteStream(file);
out.write('{"format":"feedreader-backup","version":1,"exported":null,"settings":{},"read":[],"starred":[],"subscriptions":[');
for (let f = 0; f < feeds; f++) {
  const url = `https://feeds.example/${f}.xml`;
  const id = (fnv(url) >> 16n).toString(16).padStart(12, '0');
  const list = [];
  for (let e = 0; e < entries; e++) {
    const published = new Date(1_700_000_000_000 + (f * entries + e) * 60_000).toISOString().replace('.000Z', 'Z');
    list.push({ id: `${url}#${e}`, title: `Feed ${f} entry ${e} ${WORDS[(f * 7 + e) % WORDS.length]}`, link: null, published, updated: null,
      authors: [], categories: [], summary: body, content: null, enclosures: [] });
  }
  const feed = { kind: 'rss', version: '2.0', title: `Feed ${f}`, link: null, self_link: null, subtitle: null, updated: null,
    language: null, icon: null, authors: [], entries: list, diagnostics: [] };
  // No address: nothing to fetch (the refresh benchmark fetches feeds of its own).
  out.write((f ? ',' : '') + JSON.stringify({ id, source: null, feed, name: null, folder: null }));
}
out.write(']}');
out.end(() => console.log(`${file}: ${feeds} feeds x ${entries} entries, ${fs.statSync(file).size} bytes`));
