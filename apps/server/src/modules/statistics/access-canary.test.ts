import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers';

/**
 * The access-level canary (issue 15). One indicator per level is planted with a unique value in a dataset of that
 * level; every statistics and analytics read and export is then asked for it by every kind of caller. A caller not
 * entitled to the level must find neither the value (in any of its printed forms) nor the indicator's code in any
 * answer: not in data, maps, aggregates, ranks, indices, catalogues, datasets, releases, diffs, exports or coverage.
 * Entitled callers must find it (so that the test can fail), and the public canary must be found by everyone.
 */

const LEVELS = {
  public: { code: 'canary_lvl_public', value: 5173.6428 },
  government: { code: 'canary_lvl_government', value: 8462.1937 },
  restricted: { code: 'canary_lvl_restricted', value: 7391.2846 },
} as const;
type Level = keyof typeof LEVELS;

/** Who asks, and which levels they are entitled to. */
const CALLERS: { name: string; user: string | null; token?: 'read_public'; entitled: Level[] }[] = [
  { name: 'anonymous', user: null, entitled: ['public'] },
  { name: 'province reporter (not named)', user: 'reporter.thainguyen', entitled: ['public', 'government'] },
  { name: 'ministry reporter (not named)', user: 'reporter.bxd', entitled: ['public', 'government'] },
  { name: 'council member', user: 'council.nmm', entitled: ['public', 'government'] },
  { name: 'MoF administrator via read_public token', user: 'admin.mof', token: 'read_public', entitled: ['public'] },
  { name: 'named province (Lạng Sơn)', user: 'reporter.langson', entitled: ['public', 'government', 'restricted'] },
  { name: 'MoF administrator', user: 'admin.mof', entitled: ['public', 'government', 'restricted'] },
];

interface Route {
  name: string;
  method?: 'GET' | 'POST';
  url: (code: string, ds: number, rel: { from: number; to: number }) => string;
  body?: (code: string) => unknown;
}
const data = (extra: string) => (c: string) => `/api/v1/data?indicator=${c}&period=2024&${extra}`;
const ROUTES: Route[] = [
  { name: 'catalogue', url: () => '/api/v1/indicators' },
  { name: 'indicator', url: (c) => `/api/v1/indicators/${c}` },
  { name: 'indicator (by-code)', url: (c) => `/api/v1/indicators/by-code/${c}` },
  { name: 'data: provinces (map)', url: data('level=province') },
  { name: 'data: regions (aggregate)', url: data('level=region') },
  { name: 'data: national (aggregate)', url: data('level=national') },
  { name: 'data: grouping (aggregate)', url: data('grouping=region-2025-NMM') },
  { name: 'data: CSV export', url: data('level=province&format=csv') },
  { name: 'data: XLSX export', url: data('level=province&format=xlsx') },
  { name: 'data: commune CSV stream', url: data('level=commune&format=csv') },
  { name: 'data: summary', url: data('level=province&summary=true') },
  { name: 'datasets', url: () => '/api/v1/datasets' },
  { name: 'dataset', url: (_c, ds) => `/api/v1/datasets/${ds}` },
  { name: 'dataset releases', url: (_c, ds) => `/api/v1/datasets/${ds}/releases` },
  { name: 'dataset diff', url: (_c, ds, r) => `/api/v1/datasets/${ds}/diff?from=${r.from}&to=${r.to}` },
  { name: 'dataset CSV export', url: (_c, ds) => `/api/v1/datasets/${ds}/export` },
  { name: 'dataset access level', url: (_c, ds) => `/api/v1/datasets/${ds}/access` },
  { name: 'coverage', url: () => '/api/v1/coverage' },
  { name: 'coverage CSV', url: () => '/api/v1/coverage?format=csv' },
  { name: 'analytics: shares', url: (c) => `/api/v1/analytics/shares?type=region&indicator=${c}&period=2024` },
  { name: 'analytics: inequality', url: (c) => `/api/v1/analytics/inequality?indicator=${c}&period=2024&weight=none` },
  { name: 'analytics: ranks', url: (c) => `/api/v1/analytics/ranks?indicator=${c}&period=2024` },
  { name: 'analytics: compare', url: (c) => `/api/v1/analytics/compare?indicator=${c}&members=20,04&period=2024` },
  {
    name: 'analytics: peers',
    url: (c) => `/api/v1/analytics/peers?unit=04&indicators=${c},population&period=2024&limit=3`,
  },
  { name: 'analytics: convergence', url: (c) => `/api/v1/analytics/convergence?indicator=${c}&from=2023&to=2024` },
  {
    name: 'analytics: composite index',
    method: 'POST',
    url: () => '/api/v1/analytics/index',
    body: (c) => ({ definition: { nameVi: 'Canary', period: 2024, indicators: [{ code: c }, { code: 'area' }] } }),
  },
  {
    name: 'report statistics table',
    method: 'POST',
    url: () => '/api/v1/cycles/1/report/statistics-table',
    body: (c) => ({ indicators: [c], level: 'province', region: 'NMM', period: 2024 }),
  },
];

let t: TestApp;
const cookies = new Map<string, string>();
let publicToken = '';
const datasetOf = new Map<Level, { id: number; from: number; to: number }>();

async function send(route: Route, level: Level, caller: (typeof CALLERS)[number]) {
  const ds = datasetOf.get(level)!;
  const headers: Record<string, string> = {};
  if (caller.token) headers.authorization = `Bearer ${publicToken}`;
  else if (caller.user) headers.cookie = cookies.get(caller.user)!;
  const code = LEVELS[level].code;
  return t.app.inject({
    method: route.method ?? 'GET',
    url: route.url(code, ds.id, ds),
    headers,
    ...(route.body ? { payload: route.body(code) as object } : {}),
  });
}

/** The answer as text, XLSX cells included. */
async function textOf(res: Awaited<ReturnType<typeof send>>): Promise<string> {
  if (String(res.headers['content-type']).includes('spreadsheetml')) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))));
    return cells.join('\n');
  }
  return res.body;
}

/** Every printed form of a value: as stored, vi-VN and en-US with and without grouping. */
const formsOf = (v: number) => {
  const s = String(v);
  return [s, s.replace('.', ','), v.toLocaleString('vi-VN'), v.toLocaleString('en-US'), v.toFixed(1)];
};

async function plant(admin: string) {
  for (const [level, c] of Object.entries(LEVELS) as [Level, (typeof LEVELS)[Level]][]) {
    const ind = await t.app.inject({
      method: 'POST',
      url: '/api/v1/indicators',
      headers: { cookie: admin },
      payload: {
        code: c.code,
        nameVi: `Chỉ tiêu thử ${level}`,
        nameEn: `Canary ${level}`,
        unitVi: 'đơn vị',
        unitEn: 'unit',
        decimals: 4,
        aggregation: 'sum',
      },
    });
    expect(ind.statusCode).toBe(201);
    const dataset = `canary-${level}`;
    for (const [i, v] of [c.value - 1000, c.value].entries()) {
      const imp = await t.app.inject({
        method: 'POST',
        url: `/api/v1/imports?dataset=${dataset}&dryRun=false&title=Canary%20${level}`,
        headers: { cookie: admin, 'content-type': 'text/csv' },
        payload: `indicator,unit_code,period,value\n${c.code},20,2024,${v}\n${c.code},04,2024,${100 + i}\n${c.code},04,2023,50\n${c.code},20,2023,60\n`,
      });
      expect(imp.statusCode, imp.body).toBe(200);
    }
    const [d] = await t.database.query<{ id: number; from: number; to: number }>(
      `select d.id, min(r.id)::int as from, max(r.id)::int as to from datasets d join releases r on r.dataset_id = d.id
       where d.code = $1 group by d.id`,
      [dataset],
    );
    datasetOf.set(level, d);
    const acc = await t.app.inject({
      method: 'GET',
      url: `/api/v1/datasets/${d.id}/access`,
      headers: { cookie: admin },
    });
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/datasets/${d.id}/access`,
      headers: { cookie: admin, 'if-match': acc.headers.etag as string },
      payload: { level, organisations: level === 'restricted' ? ['UBND-20'] : [] },
    });
    expect(put.statusCode, put.body).toBe(200);
  }
}

beforeAll(async () => {
  t = await createTestApp();
  for (const c of CALLERS) if (c.user && !cookies.has(c.user)) cookies.set(c.user, await t.login(c.user));
  const admin = cookies.get('admin.mof')!;
  await plant(admin);
  const tok = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tokens',
    headers: { cookie: admin },
    payload: { name: 'canary', scope: 'read_public' },
  });
  expect(tok.statusCode, tok.body).toBe(201);
  publicToken = tok.json().token;
}, 600_000);
afterAll(async () => t?.close());

describe('access-level canary over every statistics and analytics read and export', () => {
  it('no caller finds a value (or an unasked code) of a level they are not entitled to; entitled callers find them', async () => {
    let requests = 0;
    const leaks: string[] = [];
    const seen = new Map<string, number>();
    const statuses = new Map<number, number>();
    for (const route of ROUTES)
      for (const caller of CALLERS)
        for (const level of Object.keys(LEVELS) as Level[]) {
          const res = await send(route, level, caller);
          requests++;
          expect(res.statusCode, `${route.name} ${caller.name} ${level}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
          const text = res.statusCode === 200 ? await textOf(res) : res.body;
          const { code, value } = LEVELS[level];
          // A refusal may quote the code the caller sent (404 unknown_indicator, as for a code that does not
          // exist); the value must never appear, and an answer must not name a code the caller did not send.
          const quoted = res.statusCode !== 200 || route.url(code, 0, { from: 0, to: 0 }).includes(code);
          const found =
            formsOf(value).some((f) => text.includes(f)) ||
            (text.includes(code) && !(quoted && res.statusCode !== 200));
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          const entitled = caller.entitled.includes(level);
          if (found && !entitled) leaks.push(`${route.name} × ${caller.name} × ${level} (${res.statusCode})`);
          if (found && entitled) seen.set(`${caller.name}|${level}`, (seen.get(`${caller.name}|${level}`) ?? 0) + 1);
        }
    console.log(
      `canary: ${ROUTES.length} routes × ${CALLERS.length} callers × ${Object.keys(LEVELS).length} levels = ${requests} requests, leaks ${leaks.length}`,
    );
    console.log(`canary answers by status: ${[...statuses].map(([k, v]) => `${k}: ${v}`).join(', ')}`);
    expect(leaks).toEqual([]);
    expect(requests).toBe(ROUTES.length * CALLERS.length * 3);
    // Every caller finds every level it is entitled to, on several routes (the test can fail).
    for (const c of CALLERS)
      for (const level of c.entitled)
        expect(seen.get(`${c.name}|${level}`) ?? 0, `${c.name} ${level}`).toBeGreaterThan(5);
  }, 600_000);
});
