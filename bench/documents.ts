/**
 * Benchmark of the national report package (documents module): generating the real 2025 package — letter, report
 * (Parts I–III, 28 tasks, 44 footnotes, 2 tables, map and chart) and Appendix 1 — as DOCX, PDF and XLSX.
 * Prints the median and range of each step over RUNS runs. Goal (issue 7): the DOCX in under 2 seconds.
 *
 *   npx tsx bench/documents.ts            (RUNS=5 by default)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPORT_PARTS } from '@regionlink/shared';
import type { Topology } from 'topojson-specification';
import { REFERENCE_DIR } from '../apps/server/src/config';
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
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
