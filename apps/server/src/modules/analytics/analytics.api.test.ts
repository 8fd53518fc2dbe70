import type { DataResponse } from '@regionlink/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, problemOf, type TestApp } from '../../../test/helpers';
import { parseCsv } from '../../lib/csv';
import { compareMembers } from './comparison';
import { computeCompositeIndex } from './composite-index';
import { annualGrowthRate, betaConvergence, sigmaConvergence } from './convergence';
import { giniPairs, theilGroups } from './fixtures/independent';
import { harmoniseToNewUnits } from './harmonise';
import { summariseInequality } from './inequality';
import { findPeers } from './peers';
import { ranksWithinGroups } from './ranks';
import { concentration, groupShares, totalsFromPerCapita } from './shares';

/**
 * The analytics API on the real reference data: every endpoint's numbers equal the phase-1 pure functions applied to
 * the rows `/api/v1/data` returns for the same query (and, where docs/analytics.md prints them, the published
 * figures); validation, CSV, custom groupings and saved index definitions with ETag/If-Match.
 */

let t: TestApp;
let analyst: string;
let other: string;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  // A ministry reporter: viewers are read-only and may not publish groupings or indices (see the test below).
  analyst = await t.login('reporter.bxd');
  other = await t.login('reporter.langson');
  admin = await t.login('admin.mof');
});
afterAll(async () => t?.close());

const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const send = (
  method: 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) => t.app.inject({ method, url, payload: payload as object, headers });

/** Rows of the statistics API for a query: code → value (non-null) of one indicator and period. */
async function dataOf(query: string): Promise<DataResponse> {
  const res = await get(`/api/v1/data?${query}`);
  expect(res.statusCode).toBe(200);
  return res.json();
}
const valuesOf = (d: DataResponse, indicator: string, period: number) =>
  new Map(
    d.rows
      .filter((r) => r.indicator === indicator && Number(r.period) === period && r.value !== null)
      .map((r) => [r.unitCode, r.value as number]),
  );
const regionsOf = async (at: string) => {
  const gs = (await get(`/api/v1/geo/groupings?type=region&at=${at}`)).json().items as {
    id: string;
    memberCodes: string[];
  }[];
  return new Map(gs.flatMap((g) => g.memberCodes.map((c) => [c, g.id] as const)));
};
const GROWTH_POLES = 'growth-pole-north,growth-pole-south,growth-pole-central,growth-pole-mekong';

describe(`analytics API on ${TEST_ENGINE}`, () => {
  it('inequality: 2024 GRDP per capita on 63 provinces equals the pure functions and the published figures', async () => {
    const res = await get('/api/v1/analytics/inequality?indicator=grdp_per_capita&at=2024-12-31&period=2024');
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.query).toMatchObject({
      indicator: 'grdp_per_capita',
      period: 2024,
      weight: 'population',
      groups: 'region',
    });
    expect(r.query.geographyEn).toContain('63 provinces');
    // Same rows through /data, then the phase-1 functions.
    const d = await dataOf('indicator=grdp_per_capita,population&level=province&at=2024-12-31&period=2024');
    const x = valuesOf(d, 'grdp_per_capita', 2024);
    const w = valuesOf(d, 'population', 2024);
    const region = await regionsOf('2024-12-31');
    const s = summariseInequality(
      [...x].map(([code, value]) => ({ code, value, weight: w.get(code)!, group: region.get(code)! })),
    );
    for (const k of [
      'gini',
      'giniWeighted',
      'theilT',
      'theilL',
      'theilTBetween',
      'theilTWithin',
      'theilLBetween',
      'theilLWithin',
      'cv',
      'cvWeighted',
      'maxMinRatio',
      'n',
    ] as const)
      expect(r[k]).toBe(s[k]);
    // And an independent computation (pairwise Gini, Theil by shares).
    const xs = [...x.values()];
    const ws = [...x.keys()].map((c) => w.get(c)!);
    expect(r.gini).toBeCloseTo(giniPairs(xs), 12);
    expect(r.giniWeighted).toBeCloseTo(giniPairs(xs, ws), 12);
    expect(r.theilTBetween).toBeCloseTo(
      theilGroups(
        xs,
        ws,
        [...x.keys()].map((c) => region.get(c)!),
      ).tBetween,
      12,
    );
    // docs/analytics.md: Gini 0.238, weighted 0.250, Theil T 0.101 with 61.3 % between regions, max/min 8.97.
    expect(r.n).toBe(63);
    expect(r.gini.toFixed(3)).toBe('0.238');
    expect(r.giniWeighted.toFixed(3)).toBe('0.250');
    expect(r.theilT.toFixed(3)).toBe('0.101');
    expect((100 * r.theilTBetweenShare).toFixed(1)).toBe('61.3');
    expect(r.theilTBetween + r.theilTWithin).toBeCloseTo(r.theilT, 12);
    expect(r.maxMinRatio.toFixed(2)).toBe('8.97');
    expect(r.max).toMatchObject({ code: '77', value: 339 });
    expect(r.min).toMatchObject({ code: '02', nameVi: 'Hà Giang', value: 37.8 });
    expect(r.decomposition).toHaveLength(6);
    expect(r.methods.map((m: { id: string }) => m.id)).toEqual([
      'gini',
      'giniWeighted',
      'theilT',
      'theilL',
      'cv',
      'maxMinRatio',
    ]);
    expect(r.methods[0].nameVi).toBe('Hệ số Gini (không trọng số)');
    expect(r.datasets.map((x: { code: string }) => x.code)).toEqual(['nso-2024-63']);
    expect(r.sources[0]).toMatchObject({ dataset: 'nso-2024-63', releaseNumber: 1 });
  });

  it('inequality on the 34 provinces of today (through the crosswalk) and with a grouping against the rest', async () => {
    const r = (await get('/api/v1/analytics/inequality?indicator=grdp_per_capita&period=2024')).json();
    expect(r.n).toBe(34);
    expect(r.giniWeighted.toFixed(3)).toBe('0.232');
    expect((100 * r.theilTBetweenShare).toFixed(1)).toBe('68.7');
    expect(r.notesEn.join(' ')).toContain('crosswalk');
    const u = (
      await get(
        '/api/v1/analytics/inequality?indicator=grdp_per_capita&at=2024-12-31&period=2024&weight=none&groups=growth-pole-south',
      )
    ).json();
    expect(u.theilWeighting).toBe('equal');
    expect(u.giniWeighted).toBeNull();
    expect(u.decomposition.map((g: { id: string; n: number }) => [g.id, g.n])).toEqual(
      expect.arrayContaining([
        ['others', 59],
        ['growth-pole-south', 4],
      ]),
    );
    expect(u.theilTBetween + u.theilTWithin).toBeCloseTo(u.theilT, 12);
  });

  it('shares: regions of 2024 and the growth-pole readings, GRDP derived and said so', async () => {
    const res = await get('/api/v1/analytics/shares?type=region&at=2024-12-31&period=2024');
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.query).toMatchObject({ indicators: ['population', 'area', 'grdp'], period: 2024, type: 'region' });
    expect(r.groups).toHaveLength(6);
    const grdpRef = r.indicators.find((i: { code: string }) => i.code === 'grdp');
    expect(grdpRef).toMatchObject({ derived: true, nameEn: 'GRDP (derived = GRDP per capita × population)' });
    expect(r.notesEn.join(' ')).toContain('GRDP per capita × population (derived)');
    // Pure functions on the same rows.
    const d = await dataOf('indicator=grdp_per_capita,population,area&level=province&at=2024-12-31&period=2024');
    const pc = valuesOf(d, 'grdp_per_capita', 2024);
    const pop = valuesOf(d, 'population', 2024);
    const grdp = totalsFromPerCapita(
      [...pop.keys()].map((code) => ({ code, perCapita: pc.get(code) ?? null, population: pop.get(code) ?? null })),
    );
    const groups = r.groups.map((g: { id: string; memberCodes: string[] }) => ({ id: g.id, members: g.memberCodes }));
    const expected = groupShares(grdp, groups);
    for (const g of r.groups) {
      const f = g.figures.find((x: { indicator: string }) => x.indicator === 'grdp');
      expect(f.share).toBe(expected.groups.find((e) => e.id === g.id)!.share);
      expect(f.derived).toEqual(g.memberCodes);
    }
    const pct = (id: string, ind: string) =>
      (
        100 *
        r.groups
          .find((g: { id: string }) => g.id === id)
          .figures.find((f: { indicator: string }) => f.indicator === ind).share
      ).toFixed(1);
    // docs/analytics.md: Red River Delta 23.7 % / 6.4 % / 29.8 %; Southeast 19.0 % / 7.1 % / 29.8 %.
    expect([pct('region-gso-RRD', 'population'), pct('region-gso-RRD', 'area'), pct('region-gso-RRD', 'grdp')]).toEqual(
      ['23.7', '6.4', '29.8'],
    );
    expect([pct('region-gso-SE', 'population'), pct('region-gso-SE', 'area'), pct('region-gso-SE', 'grdp')]).toEqual([
      '19.0',
      '7.1',
      '29.8',
    ]);
    expect(r.totals.find((x: { indicator: string }) => x.indicator === 'population')).toMatchObject({
      unitCount: 63,
      complete: true,
    });

    // The four growth-pole regions together (14 provinces): 38.9 % / 17.2 % / 54.7 %.
    const gp = (await get(`/api/v1/analytics/shares?type=growth_pole&at=2024-12-31&period=2024`)).json();
    expect(gp.groups.map((g: { id: string }) => g.id).sort()).toEqual(GROWTH_POLES.split(',').sort());
    const comb = (x: { combined: { indicator: string; share: number; memberCount: number }[] }, ind: string) =>
      x.combined.find((c) => c.indicator === ind)!;
    expect(comb(gp, 'population').memberCount).toBe(14);
    expect(['population', 'area', 'grdp'].map((i) => (100 * comb(gp, i).share).toFixed(1))).toEqual([
      '38.9',
      '17.2',
      '54.7',
    ]);
    expect(gp.notesEn.join(' ')).toContain('counted whole');
    // The article's "10 provinces" (seeded reading): 33.6 % / 8.2 % / 52.2 %.
    const ten = (
      await get('/api/v1/analytics/shares?grouping=growth-poles-article-10&at=2024-12-31&period=2024')
    ).json();
    expect(['population', 'area', 'grdp'].map((i) => (100 * comb(ten, i).share).toFixed(1))).toEqual([
      '33.6',
      '8.2',
      '52.2',
    ]);
    // Hà Nội + TP. Hồ Chí Minh, ad hoc: 27.9 % of GRDP.
    const two = (
      await get('/api/v1/analytics/shares?members=01,79&indicator=grdp&at=2024-12-31&period=2024&name=HN%2BHCM')
    ).json();
    expect(two.groups[0]).toMatchObject({ id: 'custom', kind: 'members', nameVi: 'HN+HCM', memberCodes: ['01', '79'] });
    expect((100 * two.groups[0].figures[0].share).toFixed(1)).toBe('27.9');
  });

  it('shares on the 34 provinces of today use the 6 regions of 2025 and add to 1', async () => {
    const r = (await get('/api/v1/analytics/shares?type=region&indicator=population,grdp')).json();
    expect(r.query.geographyEn).toContain('34 provinces');
    expect(r.groups.every((g: { id: string }) => g.id.startsWith('region-2025-'))).toBe(true);
    const total = r.groups.reduce((s: number, g: { figures: { share: number }[] }) => s + g.figures[1].share, 0);
    expect(total).toBeCloseTo(1, 12);
  });

  it('convergence: income 2010–2016, σ rising and β = +0.0094 as the pure functions give', async () => {
    const res = await get(
      '/api/v1/analytics/convergence?indicator=monthly_income_per_capita&at=2024-12-31&from=2010&to=2016',
    );
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.query.periods).toEqual([2010, 2012, 2014, 2016]);
    const d = await dataOf('indicator=monthly_income_per_capita&level=province&at=2024-12-31&from=2010&to=2016');
    const panel = [2010, 2012, 2014, 2016].map((p) => ({
      period: p,
      values: [...valuesOf(d, 'monthly_income_per_capita', p)].map(([code, value]) => ({ code, value })),
    }));
    const sigma = sigmaConvergence(panel);
    expect(r.sigma.map((s: { sdLog: number }) => s.sdLog)).toEqual(sigma.points.map((p) => p.sdLog));
    expect(r.sigma.map((s: { sdLog: number }) => s.sdLog.toFixed(3))).toEqual(['0.308', '0.327', '0.336', '0.342']);
    const a = valuesOf(d, 'monthly_income_per_capita', 2010);
    const z = valuesOf(d, 'monthly_income_per_capita', 2016);
    const beta = betaConvergence(
      [...a.keys()].map((code) => ({ code, start: a.get(code)!, end: z.get(code)! })),
      6,
    );
    expect(r.beta).toMatchObject({
      coefficient: beta.coefficient,
      stdError: beta.stdError,
      r2: beta.r2,
      n: 63,
      years: 6,
      halfLife: null,
    });
    expect(r.beta.coefficient.toFixed(4)).toBe('0.0094');
    expect(r.beta.speed).toBeLessThan(0);
    expect(r.crosswalk).toBe(false);
    expect(r.methods.map((m: { id: string }) => m.id)).toEqual(['sigma', 'beta']);
  });

  it('convergence across the 2025 boundary: 34 provinces through the crosswalk (β 2012–2016 = +0.00605)', async () => {
    const r = (await get('/api/v1/analytics/convergence?indicator=monthly_income_per_capita&from=2012&to=2016')).json();
    expect(r.crosswalk).toBe(true);
    expect(r.beta.n).toBe(34);
    expect(r.beta.coefficient.toFixed(5)).toBe('0.00605');
    expect(r.beta.stdError.toFixed(5)).toBe('0.01131');
    expect(r.methods.map((m: { id: string }) => m.id)).toContain('crosswalk');
    // The engine's own carrying across 2025 equals harmoniseToNewUnits on the 63-province rows and the geo crosswalk.
    const edges = (await get('/api/v1/geo/crosswalk?from=2024-12-31&to=2025-07-01')).json().rows as {
      fromCode: string;
      toCode: string;
      weight: number;
    }[];
    const d = await dataOf(
      'indicator=monthly_income_per_capita,population&level=province&at=2024-12-31&from=2012&to=2016',
    );
    const carry = (year: number) =>
      harmoniseToNewUnits(
        valuesOf(d, 'monthly_income_per_capita', year),
        edges,
        'weighted_mean',
        valuesOf(d, 'population', year),
      );
    const a = carry(2012);
    const z = carry(2016);
    const beta = betaConvergence(
      a.map((u, i) => ({ code: u.code, start: u.value!, end: z[i].value! })),
      4,
    );
    expect(Math.abs(r.beta.coefficient - beta.coefficient)).toBeLessThan(1e-12);
    expect(r.beta.points.map((p: { code: string }) => p.code)).toEqual(a.map((u) => u.code));
  });

  it('compare: growth-pole members vs the rest, level and growth, equal to compareMembers', async () => {
    const r = (
      await get(`/api/v1/analytics/compare?indicator=grdp_per_capita&grouping=${GROWTH_POLES}&at=2024-12-31&seed=2024`)
    ).json();
    const d = await dataOf('indicator=grdp_per_capita&level=province&at=2024-12-31&period=2024');
    const values = [...valuesOf(d, 'grdp_per_capita', 2024)].map(([code, value]) => ({ code, value }));
    const c = compareMembers(values, new Set(r.group.memberCodes), { seed: 2024 });
    expect(r.members).toEqual(c.members);
    expect(r.test).toEqual(c.test);
    expect(r.members.mean.toFixed(1)).toBe('148.0');
    expect(r.others.mean.toFixed(1)).toBe('81.7');
    expect(r.differenceMedian.toFixed(1)).toBe('53.8');
    expect(r.test.pValue).toBe(0.0001);
    const g = (
      await get(
        `/api/v1/analytics/compare?indicator=monthly_income_per_capita&grouping=${GROWTH_POLES}&at=2024-12-31&from=2010&to=2016&seed=2016`,
      )
    ).json();
    expect(g.query.measure).toBe('growth');
    const di = await dataOf('indicator=monthly_income_per_capita&level=province&at=2024-12-31&from=2010&to=2016');
    const a = valuesOf(di, 'monthly_income_per_capita', 2010);
    const z = valuesOf(di, 'monthly_income_per_capita', 2016);
    const growth = [...a.keys()].map((code) => ({
      code,
      value: 100 * annualGrowthRate(a.get(code)!, z.get(code)!, 6)!,
    }));
    const cg = compareMembers(growth, new Set(g.group.memberCodes), { seed: 2016 });
    expect(g.differenceMean).toBeCloseTo(cg.differenceMean!, 12);
    expect(g.differenceMean.toFixed(2)).toBe('0.77');
    expect(g.test.pValue.toFixed(2)).toBe('0.22');
  });

  it('peers: provinces most like Lạng Sơn, as findPeers gives', async () => {
    const r = (
      await get(
        '/api/v1/analytics/peers?unit=20&indicators=grdp_per_capita,population,population_density&log=grdp_per_capita,population,population_density&at=2024-12-31&period=2024&limit=3',
      )
    ).json();
    expect(r.target).toMatchObject({ code: '20', nameVi: 'Lạng Sơn' });
    expect(r.peers.map((p: { nameVi: string }) => p.nameVi)).toEqual(['Quảng Bình', 'Tuyên Quang', 'Yên Bái']);
    const d = await dataOf(
      'indicator=grdp_per_capita,population,population_density&level=province&at=2024-12-31&period=2024',
    );
    const ind = (code: string) => ({
      code,
      log: true,
      values: [...valuesOf(d, code, 2024)].map(([c, value]) => ({ code: c, value })),
    });
    const p = findPeers('20', [ind('grdp_per_capita'), ind('population'), ind('population_density')], 3);
    expect(r.peers.map((x: { distance: number }) => x.distance)).toEqual(p.peers.map((x) => x.distance));
  });

  it('index: an inline definition ranks like computeCompositeIndex; missing data and bad definitions are refused', async () => {
    const definition = {
      nameVi: 'Thử',
      period: 2024,
      at: '2024-12-31',
      indicators: [
        { code: 'grdp_per_capita', weight: 2 },
        { code: 'population_density' },
        { code: 'area', direction: 'lower_better' },
      ],
    };
    const res = await send('POST', '/api/v1/analytics/index', { definition });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.query.id).toBeNull();
    expect(r.ranked).toBe(63);
    expect(
      r.units.slice(0, 3).map((u: { nameVi: string; score: number }) => `${u.nameVi} ${u.score.toFixed(2)}`),
    ).toEqual(['Bà Rịa–Vũng Tàu 7.62', 'Thành phố Hồ Chí Minh 7.24', 'Hải Phòng 5.93']);
    const d = await dataOf(
      'indicator=grdp_per_capita,population_density,area&level=province&at=2024-12-31&period=2024',
    );
    const vals = (code: string) => [...valuesOf(d, code, 2024)].map(([c, value]) => ({ code: c, value }));
    const expected = computeCompositeIndex(
      [...valuesOf(d, 'area', 2024).keys()],
      [
        { code: 'grdp_per_capita', direction: 'higher_better', weight: 2, values: vals('grdp_per_capita') },
        { code: 'population_density', direction: 'higher_better', weight: 1, values: vals('population_density') },
        { code: 'area', direction: 'lower_better', weight: 1, values: vals('area') },
      ],
    );
    for (const u of r.units) expect(u.score).toBe(expected.units.find((e) => e.code === u.code)!.score);
    expect(r.methods.map((m: { id: string }) => m.id)).toEqual(['index', 'ranks']);

    const none = problemOf(
      await send('POST', '/api/v1/analytics/index', { definition: { ...definition, period: 1990 } }),
    );
    expect(none.status).toBe(422);
    expect(none.body.errors[0].path).toBe('body.definition.indicators.0.code');
    const unknown = problemOf(
      await send('POST', '/api/v1/analytics/index', {
        definition: { ...definition, indicators: [{ code: 'no_such_thing' }] },
      }),
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].path).toBe('body.definition.indicators.0.code');
    const bad = problemOf(
      await send('POST', '/api/v1/analytics/index', { definition: { ...definition, indicators: [] } }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.detailVi).toBeTruthy();
  });

  it('validates every parameter: 400 naming the field, 404 for unknown indicator or grouping, 422 for bad combinations', async () => {
    const cases: [string, number, string][] = [
      ['/api/v1/analytics/inequality?indicator=grdp_per_capita&period=20x4', 400, 'query.period'],
      ['/api/v1/analytics/inequality?indicator=grdp_per_capita&weight=area', 400, 'query.weight'],
      ['/api/v1/analytics/inequality?indicator=nope_nope', 404, 'query.indicator'],
      ['/api/v1/analytics/inequality?indicator=grdp_per_capita&groups=no-such-grouping', 404, 'query.groups'],
      ['/api/v1/analytics/inequality?indicator=grdp_per_capita&bogus=1', 400, 'query'],
      ['/api/v1/analytics/inequality?indicator=pci&period=2006&at=2024-12-31', 422, 'query.weight'],
      ['/api/v1/analytics/shares?type=region&grouping=growth-pole-north', 400, 'query.grouping'],
      ['/api/v1/analytics/shares?indicator=population', 400, 'query.type'],
      ['/api/v1/analytics/shares?type=region&indicator=grdp_per_capita', 422, 'query.indicator'],
      ['/api/v1/analytics/shares?members=01,99', 422, 'query.members'],
      ['/api/v1/analytics/shares?grouping=growth-pole-north', 404, 'query.grouping'],
      ['/api/v1/analytics/convergence?indicator=monthly_income_per_capita&from=2016&to=2010', 422, 'query.to'],
      ['/api/v1/analytics/convergence?indicator=monthly_income_per_capita&from=2010', 400, 'query.to'],
      ['/api/v1/analytics/convergence?indicator=grdp_per_capita&from=2010&to=2016', 422, 'query.from'],
      ['/api/v1/analytics/compare?indicator=grdp_per_capita', 400, 'query.grouping'],
      [
        '/api/v1/analytics/compare?indicator=grdp_per_capita&members=01&period=2024&from=2010&to=2016',
        400,
        'query.period',
      ],
      ['/api/v1/analytics/compare?indicator=grdp_per_capita&members=01&draws=5', 400, 'query.draws'],
      ['/api/v1/analytics/peers?unit=99&indicators=population', 404, 'query.unit'],
      ['/api/v1/analytics/peers?unit=20&indicators=population&log=area', 422, 'query.log'],
      ['/api/v1/analytics/peers?unit=20', 400, 'query.indicators'],
    ];
    for (const [url, status, path] of cases) {
      const p = problemOf(await get(url));
      expect([url, p.status]).toEqual([url, status]);
      expect(p.type).toContain('application/problem+json');
      expect(p.body.errors?.[0]?.path ?? 'query').toBe(path);
      expect(p.body.detailVi).toBeTruthy();
    }
  });

  it('gives CSV with a BOM for every GET, in Vietnamese or English', async () => {
    const urls = [
      '/api/v1/analytics/shares?type=region&at=2024-12-31&period=2024',
      '/api/v1/analytics/inequality?indicator=grdp_per_capita&at=2024-12-31&period=2024',
      '/api/v1/analytics/convergence?indicator=monthly_income_per_capita&at=2024-12-31&from=2010&to=2016',
      `/api/v1/analytics/compare?indicator=grdp_per_capita&grouping=${GROWTH_POLES}&at=2024-12-31`,
      '/api/v1/analytics/peers?unit=20&indicators=population,area&at=2024-12-31',
    ];
    for (const url of urls) {
      const res = await get(`${url}&format=csv`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(String(res.headers['content-disposition'])).toContain('attachment');
      expect(res.body.startsWith('\uFEFF')).toBe(true);
    }
    const ineq = parseCsv((await get(`${urls[1]}&format=csv&lang=en`)).body.slice(1));
    expect(ineq[0]).toEqual(['code', 'name', 'measure', 'value', 'source']);
    const gini = ineq.find((r) => r[0] === '*' && r[2] === 'gini')!;
    expect(Number(gini[3]).toFixed(3)).toBe('0.238');
    expect(gini[4]).toBe('nso-2024-63');
    const shares = parseCsv((await get(`${urls[0]}&format=csv`)).body.slice(1));
    expect(shares[0][0]).toBe('mã nhóm');
    const rrd = shares.find((r) => r[0] === 'region-gso-RRD' && r[2] === 'population')!;
    expect(rrd[1]).toBe('Đồng bằng sông Hồng');
    expect((100 * Number(rrd[5])).toFixed(1)).toBe('23.7');
    expect(rrd[6]).toBe('101343900');
  });

  it('custom groupings and saved indices are public content: a read-only viewer may not create them', async () => {
    const viewer = await t.login('viewer');
    const g = await send('POST', '/api/v1/analytics/groupings', { nameVi: 'X', members: ['01'] }, { cookie: viewer });
    expect(problemOf(g).status).toBe(403);
    const i = await send('POST', '/api/v1/analytics/indices', { junk: true }, { cookie: viewer });
    // Refused before the body is validated: the viewer learns nothing about the schema.
    expect(problemOf(i).status).toBe(403);
  });

  it('custom groupings: signed-in users create them and use them as grouping=ID everywhere', async () => {
    expect((await send('POST', '/api/v1/analytics/groupings', { nameVi: 'X', members: ['01'] })).statusCode).toBe(401);
    const bad = problemOf(
      await send(
        'POST',
        '/api/v1/analytics/groupings',
        { nameVi: 'X', members: ['01', '99'], at: '2024-12-31' },
        { cookie: analyst },
      ),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('body.members.1');
    const res = await send(
      'POST',
      '/api/v1/analytics/groupings',
      { nameVi: 'Hà Nội và TP. Hồ Chí Minh', nameEn: 'Hanoi and HCMC', members: ['79', '01'], at: '2024-12-31' },
      { cookie: analyst },
    );
    expect(res.statusCode).toBe(201);
    const g = res.json();
    expect(g).toMatchObject({
      type: 'custom',
      memberCodes: ['01', '79'],
      validFrom: '2008-08-01',
      validTo: '2025-06-30',
    });
    expect(g.id).toMatch(/^custom-\d+$/);
    const sh = (await get(`/api/v1/analytics/shares?grouping=${g.id}&indicator=grdp&at=2024-12-31&period=2024`)).json();
    expect((100 * sh.groups[0].figures[0].share).toFixed(1)).toBe('27.9');
    const data = await dataOf(`indicator=population&grouping=${g.id}&at=2024-12-31&period=2024`);
    expect(data.rows[0].value).toBe(
      valuesOf(await dataOf('indicator=population&level=province&at=2024-12-31&period=2024'), 'population', 2024).get(
        '01',
      )! +
        valuesOf(await dataOf('indicator=population&level=province&at=2024-12-31&period=2024'), 'population', 2024).get(
          '79',
        )!,
    );
    const listed = (await get('/api/v1/analytics/groupings?at=2024-12-31'))
      .json()
      .items.map((x: { id: string }) => x.id);
    expect(listed).toEqual(
      expect.arrayContaining([...GROWTH_POLES.split(','), 'growth-pole-north-6', 'growth-poles-article-10', g.id]),
    );
    // Growth-pole regions are defined on the 63 provinces only.
    expect((await get('/api/v1/analytics/groupings')).json().items.map((x: { id: string }) => x.id)).not.toContain(
      'growth-pole-north',
    );
    // Only the creator (or an administrator) deletes it.
    expect((await send('DELETE', `/api/v1/analytics/groupings/${g.id}`, undefined, { cookie: other })).statusCode).toBe(
      403,
    );
    expect(
      (await send('DELETE', `/api/v1/analytics/groupings/${g.id}`, undefined, { cookie: analyst })).statusCode,
    ).toBe(204);
    expect((await get(`/api/v1/analytics/shares?grouping=${g.id}&at=2024-12-31`)).statusCode).toBe(404);
    expect(
      (await send('DELETE', '/api/v1/analytics/groupings/growth-pole-north', undefined, { cookie: admin })).statusCode,
    ).toBe(404);
  });

  it('saved index definitions: public by id, ETag/If-Match, 428 without and 412 when stale, owner only', async () => {
    const definition = {
      nameVi: 'Chỉ số thử',
      nameEn: 'Test index',
      period: 2024,
      at: '2024-12-31',
      indicators: [
        { code: 'grdp_per_capita', weight: 2 },
        { code: 'population_density' },
        { code: 'area', direction: 'lower_better' },
      ],
    };
    expect((await send('POST', '/api/v1/analytics/indices', definition)).statusCode).toBe(401);
    const created = await send('POST', '/api/v1/analytics/indices', definition, { cookie: analyst });
    expect(created.statusCode).toBe(201);
    const saved = created.json();
    expect(created.headers.etag).toBe(`"analytics-index-${saved.id}-v1"`);
    expect(saved.definition).toMatchObject({ nameVi: 'Chỉ số thử', missing: 'exclude' });
    // Public read by id, and POST /index by id gives the same ranking as the inline definition.
    const pub = await get(`/api/v1/analytics/indices/${saved.id}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.headers.etag).toBe(created.headers.etag);
    const byId = (await send('POST', '/api/v1/analytics/index', { id: saved.id })).json();
    const inline = (await send('POST', '/api/v1/analytics/index', { definition })).json();
    expect(byId.query.id).toBe(saved.id);
    expect(byId.units).toEqual(inline.units);
    expect((await send('POST', '/api/v1/analytics/index', { id: 999999 })).statusCode).toBe(404);
    // Edits.
    const edit = { ...definition, nameVi: 'Chỉ số thử (sửa)' };
    const url = `/api/v1/analytics/indices/${saved.id}`;
    expect((await send('PUT', url, edit, { cookie: analyst })).statusCode).toBe(428);
    expect(
      (await send('PUT', url, edit, { cookie: other, 'if-match': created.headers.etag as string })).statusCode,
    ).toBe(403);
    const ok = await send('PUT', url, edit, { cookie: analyst, 'if-match': created.headers.etag as string });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, definition: { nameVi: 'Chỉ số thử (sửa)' } });
    const stale = problemOf(
      await send('PUT', url, edit, { cookie: analyst, 'if-match': created.headers.etag as string }),
    );
    expect(stale.status).toBe(412);
    expect((await get(url)).json().definition.nameVi).toBe('Chỉ số thử (sửa)');
    // Lists: one's own; administrators see all.
    expect((await get('/api/v1/analytics/indices', analyst)).json().items.map((i: { id: number }) => i.id)).toContain(
      saved.id,
    );
    expect((await get('/api/v1/analytics/indices', other)).json().items).toEqual([]);
    expect((await get('/api/v1/analytics/indices', admin)).json().items.map((i: { id: number }) => i.id)).toContain(
      saved.id,
    );
    const unknown = problemOf(
      await send(
        'POST',
        '/api/v1/analytics/indices',
        { ...definition, indicators: [{ code: 'nope_nope' }] },
        { cookie: analyst },
      ),
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].path).toBe('body.indicators.0.code');
  });

  it('ranks: Hà Nội 6th of 63 and 3rd of 11 in the Red River Delta in GRDP per capita 2024, as ranksWithinGroups', async () => {
    const res = await get(
      '/api/v1/analytics/ranks?indicator=grdp_per_capita,poverty_rate&lower=poverty_rate&at=2024-12-31',
    );
    expect(res.statusCode).toBe(200);
    const r = res.json();
    const g = r.items.find((i: { indicator: string }) => i.indicator === 'grdp_per_capita');
    expect(g.period).toBe(2024);
    const hn = g.units.find((u: { code: string }) => u.code === '01');
    expect(hn).toMatchObject({
      nationalRank: 6,
      nationalOf: 63,
      regionRank: 3,
      regionOf: 11,
      region: { id: 'region-gso-RRD' },
    });
    const d = await dataOf('indicator=grdp_per_capita&level=province&at=2024-12-31&period=2024');
    const region = await regionsOf('2024-12-31');
    const expected = ranksWithinGroups(
      [...valuesOf(d, 'grdp_per_capita', 2024)].map(([code, value]) => ({ code, value, group: region.get(code)! })),
    );
    for (const u of g.units) {
      const e = expected.find((x) => x.code === u.code)!;
      expect([u.code, u.nationalRank, u.regionRank]).toEqual([e.code, e.nationalRank, e.groupRank]);
    }
    expect(g.units[0]).toMatchObject({ code: '77', nationalRank: 1 });
    // Lower is better: the province with the lowest poverty rate ranks first, in the indicator's own latest year.
    const p = r.items.find((i: { indicator: string }) => i.indicator === 'poverty_rate');
    expect(p.direction).toBe('lower_better');
    expect(p.period).toBe(2016);
    expect(p.units[0].value).toBe(Math.min(...p.units.map((u: { value: number }) => u.value)));
    // One province only, on the 34 provinces of today; unknown codes are refused.
    const one = (await get('/api/v1/analytics/ranks?indicator=grdp_per_capita&period=2024&unit=01')).json();
    expect(one.items[0].units).toHaveLength(1);
    expect(one.items[0].units[0]).toMatchObject({ code: '01', nationalOf: 34, region: { id: 'region-2025-RRD' } });
    expect(problemOf(await get('/api/v1/analytics/ranks?indicator=grdp_per_capita&unit=99')).body.errors[0].path).toBe(
      'query.unit',
    );
    const csv = parseCsv(
      (await get('/api/v1/analytics/ranks?indicator=grdp_per_capita&at=2024-12-31&format=csv')).body.slice(1),
    );
    expect(csv[0][5]).toBe('hạng cả nước');
    expect(csv.find((row) => row[2] === '01')!.slice(5, 10)).toEqual(['6', '63', 'Đồng bằng sông Hồng', '3', '11']);
  });

  it('shares give the concentration of each indicator (HHI, CRₖ) as concentration() does', async () => {
    const r = (await get('/api/v1/analytics/shares?type=region&indicator=population&at=2024-12-31&period=2024')).json();
    const d = await dataOf('indicator=population&level=province&at=2024-12-31&period=2024');
    const c = concentration([...valuesOf(d, 'population', 2024)].map(([code, value]) => ({ code, value })));
    const got = r.totals[0].concentration;
    expect(got.hhi).toBe(c.hhi);
    expect(got.cr3).toBe(c.cr3);
    expect(got.top[0]).toMatchObject({ code: '79', nameVi: 'Thành phố Hồ Chí Minh' });
    expect(r.methods.map((m: { id: string }) => m.id)).toEqual(['shares', 'concentration']);
  });

  it('gives the composite index as CSV too', async () => {
    const res = await send('POST', '/api/v1/analytics/index', {
      format: 'csv',
      lang: 'en',
      definition: { nameVi: 'x', period: 2024, at: '2024-12-31', indicators: [{ code: 'grdp_per_capita' }] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = parseCsv(res.body.slice(1));
    expect(rows[0]).toEqual(['rank', 'code', 'name', 'score', 'grdp_per_capita', 'grdp_per_capita (score)', 'source']);
    expect(rows[1].slice(0, 5)).toEqual(['1', '77', 'Ba Ria-Vung Tau', '10', '339']);
  });

  it('describes every analytics route in the OpenAPI document', async () => {
    const doc = (await get('/api/openapi.json')).json();
    for (const p of [
      '/api/v1/analytics/shares',
      '/api/v1/analytics/inequality',
      '/api/v1/analytics/convergence',
      '/api/v1/analytics/compare',
      '/api/v1/analytics/peers',
      '/api/v1/analytics/index',
      '/api/v1/analytics/ranks',
      '/api/v1/analytics/groupings',
      '/api/v1/analytics/indices',
      '/api/v1/analytics/indices/{id}',
    ])
      expect(Object.keys(doc.paths)).toContain(p);
  });
});
