/**
 * Reporting module figures: time to load its reference and demo data, and the latency of its main reads and writes,
 * on PGlite (default) or PostgreSQL (DATABASE_URL=postgres://…/an_empty_database). Prints a table; asserts nothing.
 *
 *   npx tsx bench/reporting.ts            # PGlite in memory
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/rl_bench npx tsx bench/reporting.ts
 *
 * Requests go through Fastify `inject` (no network), so the figures are server time: routing, permission checks,
 * queries and serialisation. SCALE=n adds n synthetic copies of the 2025 cycle (52 expected, 38 accepted) first.
 */
import { buildApp } from '../apps/server/src/app';
import { readConfig } from '../apps/server/src/config';
import { openPglite, openPostgres } from '../apps/server/src/db/client';
import { migrate } from '../apps/server/src/db/migrate';
import { loadReferenceData } from '../apps/server/src/db/seed';

const url = process.env.DATABASE_URL;
const scale = Number(process.env.SCALE ?? 0);
const database = url ? await openPostgres(url) : await openPglite(null);
const engine = url ? 'PostgreSQL' : 'PGlite';
await migrate(database);
const timings: string[] = [];
await loadReferenceData(database, { demo: true, log: (m) => timings.push(m) });
for (let i = 0; i < scale; i++) {
  // A synthetic copy of the 2025 cycle with all its submissions and per-task content, as another year.
  await database.exec(`
    with c as (
      insert into reporting_cycles (document_id, year, name_vi, name_en, request_number, request_date, cutoff, status, sections, flags, demo)
      select document_id, 3000 + ${i}, name_vi || ' (bản sao ${i})', name_en, request_number, request_date, cutoff, 'closed', sections, flags, true
      from reporting_cycles where year = 2025 returning id)
    , o as (insert into cycle_organisations (cycle_id, organisation_id) select c.id, co.organisation_id from c, cycle_organisations co join reporting_cycles r on r.id = co.cycle_id and r.year = 2025 returning 1)
    , t as (insert into cycle_tasks (cycle_id, task_id, sort_order, figures, assessment_status) select c.id, ct.task_id, ct.sort_order, ct.figures, ct.assessment_status from c, cycle_tasks ct join reporting_cycles r on r.id = ct.cycle_id and r.year = 2025 returning 1)
    insert into submissions (cycle_id, organisation_id, state, doc_number, doc_date, received_on, register_no, sections, flags, locked_at, accepted_at)
    select c.id, s.organisation_id, s.state, s.doc_number, s.doc_date, s.received_on, s.register_no, s.sections, s.flags, s.locked_at, s.accepted_at
    from c, submissions s join reporting_cycles r on r.id = s.cycle_id and r.year = 2025;
    insert into submission_tasks (submission_id, task_id, status, narrative_html, narrative_text, narrative_folded, figures)
    select n.id, st.task_id, st.status, st.narrative_html, st.narrative_text, st.narrative_folded, st.figures
    from submissions n join reporting_cycles nc on nc.id = n.cycle_id and nc.year = ${3000 + i}
    join submissions s on s.organisation_id = n.organisation_id join reporting_cycles r on r.id = s.cycle_id and r.year = 2025
    join submission_tasks st on st.submission_id = s.id;`);
}
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
const admin = await login('admin.mof');
const reporter = await login('reporter.langson');
const cycles = JSON.parse((await app.inject({ url: '/api/v1/cycles', headers: { cookie: admin } })).body).items as {
  id: number;
  year: number;
}[];
const c2025 = cycles.find((c) => c.year === 2025)!.id;
const c2024 = cycles.find((c) => c.year === 2024)!.id;
const task13a = (await database.query<{ id: number }>(`select id from policy_tasks where code = '1.3.a'`))[0].id;
const draftId = (
  await database.query<{ id: number }>(
    `select s.id from submissions s join organisations o on o.id = s.organisation_id where o.code = 'UBND-20' and s.cycle_id = $1`,
    [c2024],
  )
)[0].id;

async function measure(label: string, n: number, fn: () => Promise<{ statusCode: number; body: string }>) {
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = await fn();
    ms.push(performance.now() - t0);
    if (r.statusCode >= 400) throw new Error(`${label}: ${r.statusCode} ${r.body.slice(0, 200)}`);
    bytes = r.body.length;
  }
  ms.sort((a, b) => a - b);
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))].toFixed(1);
  console.log(
    `${label.padEnd(58)} ${q(0.5).padStart(8)} ${q(0.95).padStart(8)} ${String(Math.round(bytes / 1024)).padStart(8)}`,
  );
}

const get = (url: string, cookie: string) => () => app.inject({ method: 'GET', url, headers: { cookie } });
console.log(
  `\nReporting on ${engine}${scale ? `, ${scale} extra cycles of 52 organisations` : ''}; Node ${process.version}`,
);
for (const t of timings) console.log(`  ${t}`);
console.log(
  `\n${'request (inject, 30 runs)'.padEnd(58)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'KB'.padStart(8)}`,
);
await measure('GET /cycles (reporter)', 30, get('/api/v1/cycles', reporter));
await measure('GET /cycles/2025/progress (admin, 52 orgs)', 30, get(`/api/v1/cycles/${c2025}/progress`, admin));
await measure('GET /cycles/2025/progress.csv', 30, get(`/api/v1/cycles/${c2025}/progress.csv`, admin));
await measure('GET /cycles/2025/matrix', 30, get(`/api/v1/cycles/${c2025}/matrix`, admin));
await measure(
  'GET /cycles/2025/tasks/1.3.a/entries (27 narratives)',
  30,
  get(`/api/v1/cycles/${c2025}/tasks/${task13a}/entries`, admin),
);
await measure('GET /cycles/2025/report-source', 30, get(`/api/v1/cycles/${c2025}/report-source`, admin));
await measure('GET /tasks/history', 30, get('/api/v1/tasks/history', admin));
await measure(
  'GET /submissions/search?q=cao tốc (all cycles)',
  30,
  get('/api/v1/submissions/search?q=cao%20t%E1%BB%91c', admin),
);
await measure('GET /submissions/{id} (reporter, own draft)', 30, get(`/api/v1/submissions/${draftId}`, reporter));
let version = (await database.query<{ version: number }>('select version from submissions where id = $1', [draftId]))[0]
  .version;
await measure('PUT /submissions/{id} (autosave, If-Match)', 30, async () => {
  const r = await app.inject({
    method: 'PUT',
    url: `/api/v1/submissions/${draftId}`,
    headers: { cookie: reporter, 'if-match': `"submission-${draftId}-v${version}"` },
    payload: { docNumber: `bench-${version}` },
  });
  version++;
  return r;
});
const mem = process.memoryUsage();
console.log(`\nRSS ${Math.round(mem.rss / 1048576)} MB, heap used ${Math.round(mem.heapUsed / 1048576)} MB`);
await app.close();
await database.close();
