/**
 * Benchmark of the national report package (documents module): generating the real 2025 package — letter, report
 * (Parts I–III, 28 tasks, 44 footnotes, 2 tables, map and chart) and Appendix 1 — as DOCX, PDF and XLSX; then the same
 * from the 2025 reporting cycle's accepted submissions through the API (PGlite in memory, Fastify `inject`): creating
 * the draft, reading it, an edit, and each export. Prints the median and range of each step over RUNS runs.
 * Goal (issue 7): the DOCX in under 2 seconds.
 *
 *   npx tsx bench/documents.ts            (RUNS=5 by default; CYCLE=0 skips the cycle part)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPORT_PARTS } from '@regionlink/shared';
import type { Topology } from 'topojson-specification';
import { buildApp } from '../apps/server/src/app';
import { REFERENCE_DIR, readConfig } from '../apps/server/src/config';
import { openPglite } from '../apps/server/src/db/client';
import { migrate } from '../apps/server/src/db/migrate';
import { loadReferenceData } from '../apps/server/src/db/seed';
import { writeDocx } from '../apps/server/src/modules/documents/docx-writer';
import { loadFixture2025 } from '../apps/server/src/modules/documents/fixture-2025';
import { generatePackage, generatePdfs, layoutAll } from '../apps/server/src/modules/documents/package';
import { findSoffice } from '../apps/server/src/modules/documents/pdf-writer';
import { writeXlsx } from '../apps/server/src/modules/documents/xlsx-writer';

const RUNS = Number(process.env.RUNS ?? 5);

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { median, min: s[0], max: s[s.length - 1] };
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(2).replace('.', ',')} s`;

async function main() {
  const model = loadFixture2025();
  const topology = JSON.parse(
    fs.readFileSync(path.join(REFERENCE_DIR, 'geo/vn-provinces-34.topojson'), 'utf8'),
  ) as Topology;
  const input = { model, boundaries: { topology, source: 'reference/geo' } };
  const hasLibreOffice = findSoffice() !== null;

  const steps: [string, () => Promise<unknown>][] = [
    [
      'DOCX: letter + report + appendix (layout, charts, docx)',
      async () => {
        const l = layoutAll(input);
        for (const p of REPORT_PARTS) await writeDocx(l[p]);
      },
    ],
    ['PDF (pdfmake, bundled Noto Serif)', () => generatePdfs(REPORT_PARTS, input, 'pdfmake')],
    ...(hasLibreOffice
      ? ([['PDF (LibreOffice, from the DOCX)', () => generatePdfs(REPORT_PARTS, input, 'libreoffice')]] as [
          string,
          () => Promise<unknown>,
        ][])
      : []),
    ['XLSX annex', () => writeXlsx(model)],
    [
      `Whole package zip (${hasLibreOffice ? 'LibreOffice' : 'pdfmake'} PDFs)`,
      () => generatePackage(input, { engine: hasLibreOffice ? 'libreoffice' : 'pdfmake' }),
    ],
  ];

  console.log(
    `Documents benchmark: 2025 package, ${RUNS} runs each (after one warm-up), ${os.cpus().length} CPUs, Node ${process.version}`,
  );
  const results: { name: string; median: number; min: number; max: number }[] = [];
  for (const [name, fn] of steps) {
    await fn();
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) samples.push(await time(fn));
    const s = stats(samples);
    results.push({ name, ...s });
    console.log(`  ${name.padEnd(58)} median ${fmt(s.median)}  (min ${fmt(s.min)}, max ${fmt(s.max)})`);
  }
  const docx = results[0];
  console.log(`Goal: DOCX under 2 s — ${docx.median < 2000 ? 'met' : 'NOT met'} (median ${fmt(docx.median)}).`);
  if (!hasLibreOffice) console.log('LibreOffice not installed: PDFs by pdfmake only.');
  if (process.env.CYCLE !== '0') await cycleBench();
}

/** The 2025 cycle's report from its accepted submissions, through the API as the page uses it. */
async function cycleBench() {
  const database = await openPglite(null);
  await migrate(database);
  const t0 = performance.now();
  await loadReferenceData(database, { demo: true, log: () => {} });
  const app = await buildApp(database, { ...readConfig({ DEMO: '1' }), loginDelayBaseMs: 1 }, { webDist: null });
  await app.ready();
  console.log(
    `\n2025 cycle from its accepted submissions (PGlite in memory, data loaded in ${fmt(performance.now() - t0)}):`,
  );
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'admin.mof', password: 'regionlink-demo' },
  });
  const cookie = `rl_session=${login.cookies.find((c) => c.name === 'rl_session')!.value}`;
  const cycles = JSON.parse((await app.inject({ url: '/api/v1/cycles', headers: { cookie } })).body).items as {
    id: number;
    year: number;
  }[];
  const id = cycles.find((c) => c.year === 2025)!.id;
  const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, ifMatch?: string) => {
    const r = await app.inject({
      method,
      url,
      payload: payload as never,
      headers: { cookie, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
    });
    if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
    return r;
  };
  const base = `/api/v1/cycles/${id}/report`;
  const created = await time(() => call('POST', `${base}/draft`, {}));
  console.log(`  ${'Create the draft (read service, assembly, store)'.padEnd(58)} once   ${fmt(created)}`);
  let etag = (await call('GET', `${base}/draft`)).headers.etag as string;
  let n = 0;
  const steps: [string, () => Promise<unknown>][] = [
    ['Read the draft (with its sync state)', () => call('GET', `${base}/draft`)],
    [
      'Save an edit (If-Match, history)',
      async () => {
        const r = await call(
          'PATCH',
          `${base}/draft`,
          {
            edits: [
              {
                kind: 'blocks',
                unit: 'report.partTwo.sections.2-1',
                blocks: [
                  {
                    kind: 'paragraph',
                    content: [{ kind: 'text', text: `Lần sửa ${++n}`, bold: false, italic: false }],
                  },
                ],
              },
            ],
          },
          etag,
        );
        etag = r.headers.etag as string;
      },
    ],
    ['report.docx (read service, merge, layout, charts, docx)', () => call('GET', `${base}/report.docx`)],
    [
      'letter.docx + report.docx + appendix.docx',
      async () => {
        for (const p of REPORT_PARTS) await call('GET', `${base}/${p}.docx`);
      },
    ],
    ['annex.xlsx', () => call('GET', `${base}/annex.xlsx`)],
    ['package.zip (3 DOCX, 3 PDF, XLSX)', () => call('GET', `${base}/package.zip`)],
  ];
  for (const [name, fn] of steps) {
    await fn();
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) samples.push(await time(fn));
    const s = stats(samples);
    console.log(`  ${name.padEnd(58)} median ${fmt(s.median)}  (min ${fmt(s.min)}, max ${fmt(s.max)})`);
  }
  await app.close();
  await database.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
