/**
 * Peak memory of the application server itself during a 1 M-row import and the full export of that dataset (the
 * issue 18 goal: ≤ 512 MB). `bench/run.ts` samples the RSS of the benchmark process, which also holds the generated
 * file's bookkeeping, a second pool for the bare SQL and, on PGlite, the bare engine's work: this script starts the
 * product as its own process (`apps/server/src/main.ts`, as `npm start` does), uploads the S-size file over HTTP and
 * downloads the export, and samples that process's resident memory (/proc/PID/status, every 50 ms).
 *
 *   npx tsx bench/memory.ts                        # both engines
 *   npx tsx bench/memory.ts --engines postgresql --port 5151
 *
 * Figures, not a test: they are printed, and belong in docs/benchmarks.md with the machine's load.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { writeCsv, YEARS_1995_2024 } from './generate';
import { createSyntheticIndicator, postCsv, signInAdmin, startServer } from './server';

const { values: args } = parseArgs({
  options: {
    engines: { type: 'string', default: 'postgresql,pglite' },
    port: { type: 'string', default: '5151' },
    // The server's V8 heap limit (--max-old-space-size), MB; empty: Node's default (about a quarter of the RAM).
    heap: { type: 'string', default: '' },
    pg: { type: 'string', default: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-memory-'));
const N_IND = 10;
const log = (m: string) => console.log(`[memory] ${m}`);

/** Resident memory of a process, MB (VmRSS of /proc/PID/status). */
function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : 0;
}

/** The peak RSS of `pid` while `fn` runs, sampled every 50 ms. */
async function peakOf<T>(pid: number, fn: () => Promise<T>): Promise<{ value: T; peakMb: number; ms: number }> {
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 50);
  const t0 = performance.now();
  try {
    const value = await fn();
    return { value, peakMb: Math.max(peak, rssMb(pid)), ms: Math.round(performance.now() - t0) };
  } finally {
    clearInterval(timer);
  }
}

/** The synthetic indicators: the first a sum of stocks, then alternately sums and means weighted by the first. */
async function createIndicators(base: string, cookie: string, codes: string[]) {
  for (const [i, code] of codes.entries()) {
    const sum = i % 2 === 0;
    await createSyntheticIndicator(base, cookie, code, {
      aggregation: sum ? 'sum' : 'weighted_mean',
      weightIndicator: sum ? null : codes[0],
      measure: i === 0 ? 'stock' : 'flow',
    });
  }
}

/** POST the import; its result, or an error with the server's answer. */
async function upload(url: string, cookie: string, file: string): Promise<unknown> {
  const r = await postCsv(url, cookie, file);
  if (r.status !== 200) throw new Error(`import failed: ${r.status} ${r.body.slice(0, 500)}`);
  return JSON.parse(r.body);
}

/** Read a response body to its end without keeping it; returns its size in bytes. */
async function drain(r: Response): Promise<number> {
  let bytes = 0;
  for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
  return bytes;
}

async function runEngine(engine: 'postgresql' | 'pglite', file: string, rows: number, codes: string[]) {
  let env: Record<string, string>;
  let dropDb = async () => undefined as void;
  if (engine === 'postgresql') {
    const name = `rl_memory_${process.pid}`;
    const admin = new pg.Client({ connectionString: args.pg });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    await admin.end();
    const u = new URL(args.pg as string);
    u.pathname = `/${name}`;
    env = { DATABASE_URL: u.toString(), DATA_DIR: path.join(work, 'pg-data') };
    dropDb = async () => {
      const a = new pg.Client({ connectionString: args.pg });
      await a.connect();
      await a.query(`drop database if exists "${name}" with (force)`);
      await a.end();
    };
  } else env = { DATABASE_URL: '', DATA_DIR: path.join(work, 'pglite-data') };
  log(`${engine}: starting the server (migrations, reference and demo data)`);
  const { base, pid, stop } = await startServer(
    args.port as string,
    env,
    args.heap ? [`--max-old-space-size=${args.heap}`] : [],
  );
  try {
    const cookie = await signInAdmin(base);
    await createIndicators(base, cookie, codes);
    const idle = rssMb(pid);
    log(`${engine}: server up, RSS ${idle} MB; importing ${rows.toLocaleString('en')} rows over HTTP`);
    const imp = await peakOf(pid, () =>
      upload(`${base}/api/v1/imports?dryRun=false&dataset=bench&title=Synthetic%20benchmark%20data`, cookie, file),
    );
    const datasets = (await (await fetch(`${base}/api/v1/datasets`)).json()) as {
      items: { id: number; code: string }[];
    };
    const id = datasets.items.find((d) => d.code === 'bench')?.id;
    log(`${engine}: imported in ${imp.ms} ms; exporting the dataset`);
    const exp = await peakOf(pid, async () => drain(await fetch(`${base}/api/v1/datasets/${id}/export`)));
    return {
      engine,
      idle,
      importPeak: imp.peakMb,
      importMs: imp.ms,
      exportPeak: exp.peakMb,
      exportMs: exp.ms,
      bytes: exp.value,
    };
  } finally {
    await stop();
    await dropDb();
  }
}

async function main() {
  const codes = Array.from({ length: N_IND }, (_, i) => `bench_${String(i + 1).padStart(3, '0')}`);
  const file = path.join(work, 'obs.csv');
  const rows = await writeCsv(file, { indicators: codes, years: YEARS_1995_2024, order: 'indicator' });
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  const out: string[] = [];
  for (const engine of (args.engines as string).split(',') as ('postgresql' | 'pglite')[]) {
    const r = await runEngine(engine, file, rows, codes);
    out.push(
      `| ${r.engine} | ${r.idle} | ${r.importPeak} (${(r.importMs / 1000).toFixed(1)} s) | ${r.exportPeak} (${(r.exportMs / 1000).toFixed(1)} s, ${Math.round(r.bytes / 1048576)} MB) | ${r.importPeak <= 512 && r.exportPeak <= 512 ? 'met' : 'missed'} |`,
    );
  }
  console.log(
    `\nServer process RSS, MB (${rows.toLocaleString('en')} rows; load average at start ${load}; ${new Date().toISOString()})`,
  );
  console.log('| engine | after start | peak during import | peak during full export | ≤ 512 MB |');
  console.log('|---|---|---|---|---|');
  for (const l of out) console.log(l);
  fs.rmSync(work, { recursive: true, force: true });
}

await main();
