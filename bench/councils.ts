/**
 * Benchmark of the councils module's main reads through the API (PGlite in memory with the reference and demo data,
 * Fastify `inject`, signed in as the NMM council's secretariat): the register of councils, one council's page, the
 * review of a year (the "one page"), the secretariat's dashboard, the linkage network of a region, a province's
 * follow-ups across councils, the report material, and the notice of conclusions as DOCX and PDF. Prints the first
 * call (cold: for the notice, the generation; later calls of the same meeting version are served from memory) and the
 * median and range of the next RUNS calls.
 *
 *   npx tsx bench/councils.ts            (RUNS=7 by default)
 */
import { buildApp } from '../apps/server/src/app';
import { readConfig } from '../apps/server/src/config';
import { openPglite } from '../apps/server/src/db/client';
import { migrate } from '../apps/server/src/db/migrate';
import { loadReferenceData } from '../apps/server/src/db/seed';

const RUNS = Number(process.env.RUNS ?? 7);

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { median, min: s[0], max: s[s.length - 1] };
}
const ms = (v: number) => `${Math.round(v)} ms`;

async function main() {
  const database = await openPglite(null);
  await migrate(database);
  await loadReferenceData(database, { demo: true });
  const app = await buildApp(database, { ...readConfig({ DEMO: '1' }), loginDelayBaseMs: 1 }, { webDist: null });
  await app.ready();
  const login = async (username: string) => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: 'regionlink-demo' },
    });
    return `rl_session=${r.cookies.find((c) => c.name === 'rl_session')!.value}`;
  };
  const council = await login('council.nmm');
  const mof = await login('admin.mof');
  const province = await login('reporter.langson');
  const reads: [string, string, string | null][] = [
    ['GET /councils (12 councils, members counted)', '/api/v1/councils', null],
    ['GET /councils/hddp-2025-nmm (members, teams, meetings)', '/api/v1/councils/hddp-2025-nmm', council],
    [
      'GET /councils/hddp-2025-nmm/review?year=2025 (the one page)',
      '/api/v1/councils/hddp-2025-nmm/review?year=2025',
      council,
    ],
    ['GET /councils/hddp-2025-nmm/dashboard', '/api/v1/councils/hddp-2025-nmm/dashboard', council],
    ['GET /linkages?region=NMM (member: with follow-ups)', '/api/v1/linkages?region=NMM', council],
    ['GET /council-follow-ups?assignee=me (Lạng Sơn)', '/api/v1/council-follow-ups?assignee=me', province],
    [
      'GET /council-bottlenecks/report-material (2026)',
      '/api/v1/council-bottlenecks/report-material?from=2026-01-01&to=2026-12-31',
      mof,
    ],
    ['GET /cooperation-agreements?region=NMM', '/api/v1/cooperation-agreements?region=NMM', null],
    ['GET /council-meetings/1 (member)', '/api/v1/council-meetings/1', council],
    ['GET /council-meetings/1/notice.docx', '/api/v1/council-meetings/1/notice.docx', null],
    ['GET /council-meetings/1/notice.pdf (LibreOffice when installed)', '/api/v1/council-meetings/1/notice.pdf', null],
  ];
  console.log(`councils reads, ${RUNS} runs each after a warm-up (PGlite in memory, demo data, inject):`);
  for (const [name, url, cookie] of reads) {
    const once = async () => {
      const t0 = performance.now();
      const r = await app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
      return performance.now() - t0;
    };
    const first = await once();
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) samples.push(await once());
    const s = stats(samples);
    console.log(
      `  ${name.padEnd(66)} first ${ms(first).padStart(7)}  then median ${ms(s.median).padStart(7)}  (${ms(s.min)}–${ms(s.max)})`,
    );
  }
  await app.close();
  await database.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
