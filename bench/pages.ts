/**
 * Page-load figures of the public analytics pages (issue 5: "under 1 second on this machine with the reference
 * data"), measured in Debian's headless Chromium against a server on the reference data. Prints a table; asserts
 * nothing.
 *
 *   npm run build && npx tsx bench/pages.ts            # PGlite in memory, reference data only, port 3102
 *   RUNS=10 BENCH_PORT=3199 npx tsx bench/pages.ts
 *
 * For every page: one first visit (empty browser cache, server caches cold for that page), then RUNS visits in a
 * fresh browser context each (empty HTTP cache, as a new visitor; server warm). Figures are milliseconds from the
 * start of navigation (Navigation Timing), read in the page:
 *   - ttfb: responseStart of the HTML;  dcl: DOMContentLoaded;
 *   - ready: the page's first chart drawn (a sparkline and the grapher's chart canvas or map paths in the DOM);
 *   - idle: the end of the last network response once the network has gone quiet (all API data in);
 *   - revisit: `ready` when the same page is opened again in the same browser (HTTP cache warm: a returning visitor).
 * The goal is `ready` and `idle` under 1,000 ms.
 */
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { buildApp } from '../apps/server/src/app';
import { readConfig } from '../apps/server/src/config';
import { openPglite } from '../apps/server/src/db/client';
import { migrate } from '../apps/server/src/db/migrate';
import { loadReferenceData } from '../apps/server/src/db/seed';

const port = Number(process.env.BENCH_PORT ?? 3102);
const runs = Number(process.env.RUNS ?? 5);
const root = path.resolve(import.meta.dirname, '..');

/** The grapher block has drawn its first view: the chart's canvas or the map's provinces. */
const GRAPHER_DRAWN = '[data-testid="grapher-chart"] canvas, [data-testid="grapher-map"] svg path[data-code]';

const PAGES: { name: string; url: string; ready: string[] }[] = [
  {
    name: 'province profile (Tuyên Quang)',
    url: '/analytics/province/08',
    ready: ['[data-testid="sparkline"] polyline', GRAPHER_DRAWN],
  },
  {
    name: 'region profile (Northern Midlands)',
    url: '/analytics/region/NMM',
    ready: ['[data-testid="sparkline"] polyline', GRAPHER_DRAWN],
  },
  {
    name: 'national dashboard',
    url: '/analytics',
    ready: ['[data-testid="sparkline"] polyline', GRAPHER_DRAWN],
  },
  {
    name: 'composite index (3 indicators)',
    url: '/analytics/index',
    ready: ['[data-testid="grapher-map"] svg path[data-code]', '[data-testid="index-row"]'],
  },
  // Baselines: existing public pages of the same app, to separate the app's own start-up from the analytics pages.
  // The sign-in form needs no data: its "ready" is the floor of any page (HTML + the app's script and styles).
  { name: '(baseline) sign-in form /login', url: '/login', ready: ['form input'] },
  {
    name: '(baseline) province page /provinces/08',
    url: '/provinces/08',
    ready: ['[data-testid="province-name"]', 'svg path'],
  },
  {
    name: '(baseline) data explorer /data',
    url: '/data?indicator=population',
    ready: [GRAPHER_DRAWN],
  },
  {
    name: 'disparities and convergence',
    url: '/analytics/disparities?at=2025-06-30&indicator=monthly_income_per_capita',
    ready: ['[data-testid="inequality-table"]', '[data-testid="grapher-chart"] canvas'],
  },
];

const t0 = performance.now();
const database = await openPglite(null);
await migrate(database);
await loadReferenceData(database, { demo: false, log: () => {} });
const loadMs = performance.now() - t0;
const app = await buildApp(
  database,
  { ...readConfig({ DEMO: '0' }), port },
  { webDist: path.join(root, 'apps/web/dist') },
);
await app.listen({ port, host: '127.0.0.1' });
const base = `http://127.0.0.1:${port}`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-quic'],
});

interface Sample {
  ttfb: number;
  dcl: number;
  ready: number;
  idle: number;
  requests: number;
  kb: number;
  /** The same page opened again in the same browser (HTTP cache warm, as a returning visitor): ready. */
  revisit: number;
}

/** Time (since navigation start) at which every ready selector is in the DOM, polled every animation frame. */
async function readyTime(page: Page, ready: string[]): Promise<number> {
  const readyAt = await page.waitForFunction(
    (sels) => (sels.every((s) => document.querySelector(s)) ? performance.now() : null),
    ready,
    { polling: 'raf', timeout: 30_000 },
  );
  return (await readyAt.jsonValue()) as number;
}

async function visit(url: string, ready: string[]): Promise<Sample> {
  const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(base + url, { waitUntil: 'commit' });
  const readyMs = await readyTime(page, ready);
  await page.waitForLoadState('networkidle');
  const m = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const res = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    return {
      ttfb: nav.responseStart,
      dcl: nav.domContentLoadedEventEnd,
      idle: Math.max(nav.responseEnd, ...res.map((r) => r.responseEnd)),
      requests: res.length + 1,
      kb: (nav.transferSize + res.reduce((s, r) => s + r.transferSize, 0)) / 1024,
    };
  });
  const again = await context.newPage();
  await again.goto(base + url, { waitUntil: 'commit' });
  const revisit = await readyTime(again, ready);
  await again.waitForLoadState('networkidle');
  await context.close();
  return { ...m, ready: readyMs, revisit };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const f = (x: number) => x.toFixed(0).padStart(6);

console.log(
  `Load average before: ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} (${os.cpus().length} cores).`,
);
console.log(
  `Reference data loaded in ${(loadMs / 1000).toFixed(1)} s (PGlite in memory). Chromium headless, 1440×900.`,
);
console.log(`Milliseconds from navigation start; warm = median of ${runs} fresh-context visits (empty HTTP cache).\n`);
console.log(
  `${'page'.padEnd(36)} ${'first: ready'.padStart(12)} ${'idle'.padStart(6)} │ ${'warm: ttfb'.padStart(10)} ${'dcl'.padStart(6)} ${'ready'.padStart(6)} ${'idle'.padStart(6)} ${'max ready'.padStart(9)} │ revisit │ req   kB`,
);
for (const p of PAGES) {
  const first = await visit(p.url, p.ready);
  const warm: Sample[] = [];
  for (let i = 0; i < runs; i++) warm.push(await visit(p.url, p.ready));
  console.log(
    `${p.name.padEnd(36)} ${f(first.ready).padStart(12)} ${f(first.idle)} │ ${f(median(warm.map((w) => w.ttfb))).padStart(10)} ${f(median(warm.map((w) => w.dcl)))} ${f(median(warm.map((w) => w.ready)))} ${f(median(warm.map((w) => w.idle)))} ${f(Math.max(...warm.map((w) => w.ready))).padStart(9)} │ ${f(median(warm.map((w) => w.revisit))).padStart(7)} │ ${String(warm[0].requests).padStart(3)} ${f(warm[0].kb)}`,
  );
}
console.log(
  `Load average after: ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}.`,
);
await browser.close();
await app.close();
await database.close();
