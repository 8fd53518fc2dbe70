/**
 * Lighthouse mobile runs (its default: Moto G Power emulation, simulated slow 4G, 4× CPU slowdown) of the pages that
 * a first visit opens most: the map, the data explorer and the national dashboard. Starts the built app on a fresh
 * embedded database (or uses `--url`), drives Debian's Chromium, prints the performance score, LCP, FCP, TBT, CLS and
 * bytes transferred. Figures, not a test: machines differ and so does their load.
 *
 *   npm run build && npx tsx bench/lighthouse.ts                 # port 5131, three runs per page, median printed
 *   npx tsx bench/lighthouse.ts --url http://127.0.0.1:3000 --runs 1
 *   npx tsx bench/lighthouse.ts --runs 1 --save /tmp/lh     # also write each run's full report (JSON) there
 *   npx tsx bench/lighthouse.ts --calibrate                  # CPU slowdown scaled to this machine (below)
 *
 * Lighthouse's CPU slowdown is relative to the host: its 4× is calibrated for a high-end desktop, benchmark index
 * 1,500–2,000 (Lighthouse's docs/throttling.md). This machine's index moves between 1,200 and 3,400 from one hour to
 * the next, so the same build scored 87 or 99. `--calibrate` measures the index (Lighthouse's own benchmark, in the
 * same Chromium, from a run just before) and sets the slowdown to 4 × index / 1,750, so that every run simulates the
 * same phone; each run's index and slowdown are printed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import * as constants from 'lighthouse/core/config/constants.js';
import { startServer } from './server';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    port: { type: 'string', default: '5131' },
    runs: { type: 'string', default: '3' },
    pages: { type: 'string', default: '/,/data,/analytics' },
    save: { type: 'string' },
    calibrate: { type: 'boolean', default: false },
  },
});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The midpoint of the benchmark index range Lighthouse's 4× slowdown is calibrated for. */
const REFERENCE_INDEX = 1750;

async function main() {
  // A fresh embedded database, as a first visitor after `npm start` would meet it.
  const dataDir = path.join(os.tmpdir(), `regionlink-lighthouse-${process.pid}`);
  const server = args.url
    ? { base: args.url, stop: async () => undefined }
    : await startServer(args.port as string, { DATA_DIR: dataDir, DATABASE_URL: '' });
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const rows: string[] = [];
  try {
    for (const page of (args.pages as string).split(',')) {
      const runs: {
        score: number;
        lcp: number;
        fcp: number;
        tbt: number;
        cls: number;
        kb: number;
        index: number;
        measured: number;
        slowdown: number;
      }[] = [];
      for (let i = 0; i < Number(args.runs); i++) {
        const run = (slowdown: number) =>
          lighthouse(`${server.base}${page}`, {
            port: chrome.port,
            onlyCategories: ['performance'],
            logLevel: 'error',
            throttling: { ...constants.throttling.mobileSlow4G, cpuSlowdownMultiplier: slowdown },
          });
        // Calibrated: a first run measures the index (Lighthouse's own, as its docs' table means it), the second counts.
        const measured = args.calibrate ? ((await run(4))?.lhr.environment.benchmarkIndex ?? Number.NaN) : Number.NaN;
        const slowdown = args.calibrate ? Math.round(((4 * measured) / REFERENCE_INDEX) * 10) / 10 : 4;
        const result = await run(slowdown);
        const lhr = result?.lhr;
        if (!lhr) throw new Error(`no Lighthouse result for ${page}`);
        if (args.save) {
          fs.mkdirSync(args.save, { recursive: true });
          const name = `${page.replace(/\W+/g, '_').replace(/^_/, '') || 'root'}-${i + 1}.json`;
          fs.writeFileSync(path.join(args.save, name), JSON.stringify(lhr));
        }
        const num = (id: string) => Number(lhr.audits[id]?.numericValue ?? Number.NaN);
        runs.push({
          score: Math.round((lhr.categories.performance.score ?? 0) * 100),
          lcp: num('largest-contentful-paint') / 1000,
          fcp: num('first-contentful-paint') / 1000,
          tbt: num('total-blocking-time'),
          cls: num('cumulative-layout-shift'),
          kb: num('total-byte-weight') / 1024,
          index: Math.round(lhr.environment.benchmarkIndex),
          measured: Math.round(measured),
          slowdown,
        });
      }
      const m = (k: keyof (typeof runs)[number]) => median(runs.map((r) => r[k]));
      rows.push(
        `| ${page} | ${m('score')} | ${m('lcp').toFixed(1)} s | ${m('fcp').toFixed(1)} s | ${Math.round(m('tbt'))} ms | ${m('cls').toFixed(3)} | ${Math.round(m('kb'))} KB | ${runs.map((r) => r.score).join(', ')} | ${runs.map((r) => (args.calibrate ? `${r.measured} → ${r.slowdown}× (${r.index})` : `${r.index}`)).join(', ')} |`,
      );
      console.log(rows[rows.length - 1]);
    }
  } finally {
    await chrome.kill();
    await server.stop();
    if (!args.url) fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(
    `\nLighthouse ${process.env.npm_package_devDependencies_lighthouse ?? '12'} mobile, ${args.runs} run(s) per page, median, CPU slowdown ${args.calibrate ? `4 × index / ${REFERENCE_INDEX}` : '4×'}; ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}`,
  );
  console.log(
    `| page | performance | LCP | FCP | TBT | CLS | transferred | scores of the runs | ${args.calibrate ? "index measured → CPU slowdown (Lighthouse's index)" : "Lighthouse's benchmark index"} of the runs |`,
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

await main();
