// Lighthouse 12's mobile performance audit of the built app, served gzip-compressed:
//   node scripts/bench/lighthouse.mjs [RUNS=3]   (after make dist; fetches lighthouse@12.2.3 with npx)
// Each run is a first visit in a fresh profile; prints the score and its metrics, and the median.
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import { serveDist, median } from './serve.mjs';

const [runs = 3] = process.argv.slice(2).map(Number);
const dist = path.resolve(import.meta.dirname, '../../dist');
const host = await serveDist(dist);
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'feedreader-lighthouse-'));
const scores = [];
for (let run = 1; run <= runs; run++) {
  const report = path.join(out, `run-${run}.json`);
  // Asynchronous: the server that answers Lighthouse runs in this process.
  await promisify(execFile)('npx', ['-y', 'lighthouse@12.2.3', host.url, '--only-categories=performance', '--output=json', `--output-path=${report}`, '--quiet',
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run'],
  { maxBuffer: 1 << 26, env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' } });
  const result = JSON.parse(fs.readFileSync(report, 'utf8'));
  const metric = (id) => result.audits[id].numericValue;
  const figures = { score: result.categories.performance.score, fcp: metric('first-contentful-paint'), lcp: metric('largest-contentful-paint'),
    tbt: metric('total-blocking-time'), cls: metric('cumulative-layout-shift'), si: metric('speed-index') };
  scores.push(figures);
  // The main-thread tasks it counted as long (start + duration, simulated).
  const long = (result.audits['long-tasks']?.details?.items ?? []).map((t) => `${Math.round(t.startTime)}+${Math.round(t.duration)}`).join(' ');
  console.log(`run ${run}: score ${figures.score}, FCP ${Math.round(figures.fcp)} ms, LCP ${Math.round(figures.lcp)} ms, TBT ${Math.round(figures.tbt)} ms, CLS ${figures.cls.toFixed(3)}, Speed Index ${Math.round(figures.si)} ms; long tasks ${long}`);
}
const m = (k) => median(scores.map((s) => s[k]));
console.log(`BENCH Lighthouse 12.2.3 mobile (median of ${runs}): score ${m('score')}, FCP ${Math.round(m('fcp'))} ms, LCP ${Math.round(m('lcp'))} ms, TBT ${Math.round(m('tbt'))} ms, CLS ${m('cls').toFixed(3)}`);
await host.close();
fs.rmSync(out, { recursive: true, force: true });
