import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers';
import { type Api, PERSONAS, type Persona, personas } from '../councils/test-support';
import { POLICY } from './monitoring.policy';

/*
 * The permission matrix of the monitoring module: every route × every persona, each cell's status written out by hand
 * from the rules in monitoring.policy.ts, the module's tables unchanged after every refusal. The pair AIR-03+AIR-04
 * lies in the Northern Midlands and Mountains: its Office is MoF's administrators and council.nmm, not council.rrd.
 */

type Cells = Record<Persona, number>;
const all = (status: number): Cells => Object.fromEntries(PERSONAS.map((p) => [p, status])) as Cells;
const only = (allowed: Persona[], ok: number, others: number): Cells =>
  Object.fromEntries(PERSONAS.map((p) => [p, p === 'anonymous' ? 401 : allowed.includes(p) ? ok : others])) as Cells;

const KEY = 'AIR-03+AIR-04';
let t: TestApp;
let api: Api;

/** No open dismissal of the pair, then (optionally) one made by MoF; returns it. */
async function resetDismissal(make: boolean): Promise<{ id: number; version: number } | null> {
  await t.database.query('update monitoring_dismissals set reopened_at = now() where reopened_at is null');
  if (!make) return null;
  const r = await api.call('admin.mof', 'POST', '/api/v1/monitoring/duplicate-dismissals', {
    key: KEY,
    reason: 'Lý do.',
  });
  return r.json();
}

interface Row {
  route: string;
  want: Cells;
  build(): Promise<{ method: string; url: string; payload?: unknown; headers?: Record<string, string> }>;
}

const ROWS: Row[] = [
  {
    route: 'GET /api/v1/monitoring/scorecard',
    want: all(200),
    build: async () => ({ method: 'GET', url: '/api/v1/monitoring/scorecard?year=2024' }),
  },
  {
    route: 'GET /api/v1/monitoring/scorecard/years',
    want: all(200),
    build: async () => ({ method: 'GET', url: '/api/v1/monitoring/scorecard/years' }),
  },
  {
    route: 'GET /api/v1/monitoring/scorecard.csv',
    want: all(200),
    build: async () => ({ method: 'GET', url: '/api/v1/monitoring/scorecard.csv?year=2024' }),
  },
  {
    route: 'GET /api/v1/monitoring/scorecard.xlsx',
    want: all(200),
    build: async () => ({ method: 'GET', url: '/api/v1/monitoring/scorecard.xlsx?year=2024' }),
  },
  {
    route: 'GET /api/v1/monitoring/scorecard/:code/records',
    want: only(
      PERSONAS.filter((p) => p !== 'anonymous'),
      200,
      200,
    ),
    build: async () => ({ method: 'GET', url: '/api/v1/monitoring/scorecard/20/records?year=2024' }),
  },
  {
    route: 'POST /api/v1/monitoring/scorecard/publications',
    want: only(['admin.mof'], 201, 403),
    build: async () => ({
      method: 'POST',
      url: '/api/v1/monitoring/scorecard/publications',
      payload: { year: 2024, reason: 'Kiểm thử.' },
    }),
  },
  {
    route: 'GET /api/v1/monitoring/duplicates',
    want: all(200),
    build: async () => ({ method: 'GET', url: '/api/v1/monitoring/duplicates?region=NMM' }),
  },
  {
    route: 'GET /api/v1/monitoring/duplicates/report-material',
    want: only(['viewer', 'admin.mof'], 200, 403),
    build: async () => ({ method: 'GET', url: '/api/v1/monitoring/duplicates/report-material' }),
  },
  {
    route: 'POST /api/v1/monitoring/duplicate-dismissals',
    want: only(['council.nmm', 'admin.mof'], 201, 403),
    build: async () => {
      await resetDismissal(false);
      return {
        method: 'POST',
        url: '/api/v1/monitoring/duplicate-dismissals',
        payload: { key: KEY, reason: 'Không trùng.' },
      };
    },
  },
  {
    route: 'POST /api/v1/monitoring/duplicate-dismissals/:id/reopen',
    want: only(['council.nmm', 'admin.mof'], 200, 403),
    build: async () => {
      const d = (await resetDismissal(true))!;
      return {
        method: 'POST',
        url: `/api/v1/monitoring/duplicate-dismissals/${d.id}/reopen`,
        payload: { reason: 'Xem lại.' },
        headers: { 'if-match': `"duplicate-dismissal-${d.id}-v${d.version}"` },
      };
    },
  },
];

const counts = async () =>
  (
    await t.database.query<{ e: number; d: number; open: number }>(
      'select (select count(*)::int from monitoring_scorecard_editions) as e, (select count(*)::int from monitoring_dismissals) as d, (select count(*)::int from monitoring_dismissals where reopened_at is null) as open',
    )
  )[0];

beforeAll(async () => {
  t = await createTestApp();
  api = await personas(t);
}, 180_000);
afterAll(async () => t.close());

describe('the permission matrix of the monitoring module', () => {
  it('covers every route of the policy table', () => {
    expect(ROWS.map((r) => r.route).sort()).toEqual(POLICY.map((p) => `${p.method} ${p.url}`).sort());
  });

  for (const row of ROWS)
    it(row.route, async () => {
      const got: Partial<Cells> = {};
      for (const p of PERSONAS) {
        const req = await row.build();
        const before = await counts();
        const res = await api.call(p, req.method, req.url, req.payload, req.headers);
        got[p] = res.statusCode;
        if (res.statusCode >= 400)
          expect(await counts(), `${p}: tables changed after ${res.statusCode}`).toEqual(before);
      }
      expect(got).toEqual(row.want);
    }, 240_000);
});
