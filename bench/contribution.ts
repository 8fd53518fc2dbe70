/**
 * `npx tsx bench/contribution.ts`: a province's figures from upload to the public map, through the real API on a fresh
 * PGlite database with the demo data (and on PostgreSQL when `BENCH_PG_URL` names an empty database).
 *
 * Cao Bằng's officer uploads its population and GRDP per capita for one year as a draft (file checked, plausibility
 * warnings), submits it, MoF opens the review (diff, warnings) and publishes it; an anonymous visitor then reads the
 * province map of that year. Prints each step's time and what the visitor sees.
 */
import { buildApp } from '../apps/server/src/app';
import { readConfig } from '../apps/server/src/config';
import { type Database, openPglite, openPostgres } from '../apps/server/src/db/client';
import { migrate } from '../apps/server/src/db/migrate';
import { loadReferenceData } from '../apps/server/src/db/seed';
import { DEMO_PASSWORD } from '../apps/server/src/modules/access/access.seed';

async function run(engine: string, database: Database) {
  await migrate(database);
  await loadReferenceData(database, { demo: true });
  const app = await buildApp(database, readConfig({ DEMO: '1' }), { webDist: null });
  await app.ready();
  const login = async (username: string) => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: DEMO_PASSWORD },
    });
    return `rl_session=${r.cookies.find((c) => c.name === 'rl_session')?.value}`;
  };
  const province = await login('reporter.caobang');
  const mof = await login('admin.mof');
  const steps: [string, number, string][] = [];
  const step = async <T>(name: string, fn: () => Promise<T>, what: (x: T) => string) => {
    const t0 = performance.now();
    const x = await fn();
    steps.push([name, performance.now() - t0, what(x)]);
    return x;
  };
  const csv =
    'indicator,unit_code,period,value,status\npopulation,04,2025,561900,provisional\ngrdp_per_capita,04,2025,61.5,provisional\n';
  const up = await step(
    '1. upload into a draft (checks + plausibility)',
    () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/contributions?dataset=nmm-dong-gop-tinh&note=Uoc%20tinh%202025',
        headers: { cookie: province, 'content-type': 'text/csv' },
        payload: csv,
      }),
    (r) => `${r.statusCode}, warnings ${r.json().contribution?.warningCount}`,
  );
  const c = up.json().contribution;
  const sub = await step(
    '2. submit (warnings confirmed)',
    () =>
      app.inject({
        method: 'POST',
        url: `/api/v1/contributions/${c.id}/submit`,
        headers: { cookie: province, 'if-match': String(up.headers.etag) },
        payload: { confirmWarnings: true },
      }),
    (r) => `${r.statusCode} ${r.json().status}`,
  );
  await step(
    '3. MoF opens the review (diff, warnings, note)',
    () => app.inject({ method: 'GET', url: `/api/v1/contributions/${c.id}`, headers: { cookie: mof } }),
    (r) => `${r.statusCode}, ${r.json().changes.length} changes`,
  );
  await step(
    '4. MoF publishes (a new release through the importer)',
    () =>
      app.inject({
        method: 'POST',
        url: `/api/v1/contributions/${c.id}/publish`,
        headers: { cookie: mof, 'if-match': String(sub.headers.etag) },
        payload: {},
      }),
    (r) => `${r.statusCode} ${r.json().status}, release ${r.json().releaseId}`,
  );
  await step(
    '5. anonymous visitor: province map of 2025',
    () => app.inject({ method: 'GET', url: '/api/v1/data?indicator=population&level=province&period=2025' }),
    (r) => {
      const row = r.json().rows.find((x: { unitCode: string }) => x.unitCode === '04');
      return `${r.statusCode}, Cao Bằng ${row?.value} (${row?.status})`;
    },
  );
  console.log(`\n${engine}`);
  for (const [name, ms, what] of steps) console.log(`  ${name.padEnd(52)} ${ms.toFixed(0).padStart(6)} ms   ${what}`);
  console.log(
    `  ${'total'.padEnd(52)} ${steps
      .reduce((s, x) => s + x[1], 0)
      .toFixed(0)
      .padStart(6)} ms`,
  );
  await app.close();
  await database.close();
}

if (!process.env.BENCH_PG_ONLY) await run('PGlite', await openPglite(null));
if (process.env.BENCH_PG_URL) await run('PostgreSQL', await openPostgres(process.env.BENCH_PG_URL, 4));
