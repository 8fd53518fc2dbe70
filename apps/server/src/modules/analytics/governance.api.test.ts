import type { ConvergenceResponse, DataResponse, IndexResponse } from '@regionlink/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, type TestApp } from '../../../test/helpers';
import { computeCompositeIndex } from './composite-index';
import { convergenceOf, type IndependentConvergence, papiSixPanel, pciPanel } from './fixtures/governance-panels';

/**
 * Convergence of PCI across provinces 2006–2022 and of PAPI 2011–2024 (issue 19), as the API computes them from the
 * loaded data, equal to an independent computation straight from the reference files (fixtures/governance-panels.ts).
 * The figures are printed for docs/analytics.md.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

async function convergence(query: string): Promise<ConvergenceResponse> {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/analytics/convergence?${query}` });
  expect(res.statusCode).toBe(200);
  return res.json();
}

function expectSame(api: ConvergenceResponse, ind: IndependentConvergence) {
  expect(api.query.periods).toEqual(ind.years);
  expect(api.sparsePeriods).toEqual(ind.skipped);
  expect(api.sigma.map((s) => s.n)).toEqual(ind.years.map(() => ind.units.length));
  for (const [i, s] of api.sigma.entries()) expect(rel(s.sdLog, ind.sigma[i].sdLog)).toBeLessThan(1e-10);
  expect(rel(api.sigmaTrend!.slope, ind.trend.slope)).toBeLessThan(1e-8);
  expect(rel(api.sigmaTrend!.stdError, ind.trend.se)).toBeLessThan(1e-6);
  expect(api.beta.n).toBe(ind.beta.n);
  expect([api.beta.startPeriod, api.beta.endPeriod]).toEqual([ind.beta.start, ind.beta.end]);
  expect(rel(api.beta.coefficient, ind.beta.slope)).toBeLessThan(1e-9);
  expect(rel(api.beta.stdError, ind.beta.se)).toBeLessThan(1e-6);
  expect(rel(api.beta.r2, ind.beta.r2)).toBeLessThan(1e-9);
}

const line = (name: string, r: ConvergenceResponse) =>
  `${name} (${TEST_ENGINE}): σ ${r.sigma.map((s) => `${s.period} ${s.sdLog.toFixed(4)}`).join(', ')}; ` +
  `trend ${r.sigmaTrend!.slope.toFixed(5)}/yr (SE ${r.sigmaTrend!.stdError.toFixed(5)}, p ${r.sigmaTrend!.pValue?.toPrecision(2)}); ` +
  `β ${r.beta.coefficient.toFixed(4)} (SE ${r.beta.stdError.toFixed(4)}, p ${r.beta.pValue.toPrecision(2)}, R² ${r.beta.r2.toFixed(3)}, n ${r.beta.n}, ` +
  `${r.beta.startPeriod}–${r.beta.endPeriod}), speed ${((r.beta.speed ?? 0) * 100).toFixed(1)}%/yr, half-life ${r.beta.halfLife?.toFixed(1)} yr; ` +
  `left out: years ${r.sparsePeriods.join(', ') || '—'}, provinces ${r.dropped.join(', ') || '—'}`;

describe('convergence of PCI and PAPI across the 63 provinces', () => {
  it('PCI 2006–2022: 2013 (13 provinces) left out, every province kept, figures equal the independent computation', async () => {
    const api = await convergence('indicator=pci&at=2024-12-31&from=2006&to=2022');
    const ind = convergenceOf(pciPanel(), 2006, 2022);
    expect(ind.skipped).toEqual([2013]);
    expect(ind.units).toHaveLength(63);
    expectSame(api, ind);
    // The series crosses the change of source at 2016/2017 as one indicator: both releases are among the sources.
    expect(api.sources.map((s) => s.dataset)).toEqual(
      expect.arrayContaining(['vcci-pci-2005-2016', 'vcci-pci-2017-2018', 'vcci-pci-2019-2022']),
    );
    expect(api.notesEn.join(' ')).toContain('2013');
    // Dispersion fell: σ-convergence, and lower-scoring provinces gained faster: β-convergence.
    expect(api.sigmaChange).toBeLessThan(0);
    expect(api.beta.coefficient).toBeLessThan(0);
    console.log(line('PCI 2006–2022, 63 provinces', api));
  });

  it('PAPI (six original dimensions) 2011–2024: the derived 2017–2024 totals join 2011–2016; figures equal the independent computation', async () => {
    const api = await convergence('indicator=papi&at=2024-12-31&from=2011&to=2024');
    const ind = convergenceOf(papiSixPanel(), 2011, 2024);
    expect(ind.skipped).toEqual([]);
    expectSame(api, ind);
    expect(api.dropped).toEqual(['22', '24', '26', '27', '74', '82', '87']);
    expect(api.sources.map((s) => s.dataset)).toEqual(
      expect.arrayContaining(['papi-2011-2016', 'papi-2017-2024-derived']),
    );
    console.log(line('PAPI 2011–2024, 63 provinces', api));
  });

  it('with minCoverage=0 a balanced PCI panel through 2013 keeps only the 13 provinces of that year', async () => {
    const api = await convergence('indicator=pci&at=2024-12-31&from=2006&to=2022&minCoverage=0');
    expect(api.sparsePeriods).toEqual([]);
    expect(api.sigma.every((s) => s.n === 13)).toBe(true);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/analytics/convergence?indicator=pci&from=2006&to=2022&minCoverage=2',
    });
    expect(bad.statusCode).toBe(400);
  });

  it('on the 34 provinces, a merged province with a former province missing is left out, not averaged', async () => {
    const api = await convergence('indicator=papi&from=2011&to=2024');
    expect(api.crosswalk).toBe(true);
    // Quảng Ninh (22) lacks 2021 and 2023; Bắc Ninh of 2025 (24) = Bắc Giang + Bắc Ninh, both with missing years.
    expect(api.dropped).toEqual(expect.arrayContaining(['22', '24']));
    expect(api.sigma.every((s) => s.n === api.sigma[0].n)).toBe(true);
    console.log(line('PAPI 2011–2024, 34 provinces', api));
    console.log(line('PCI 2006–2022, 34 provinces', await convergence('indicator=pci&from=2006&to=2022')));
  });
});

describe('PCI and PAPI in a composite index', () => {
  const definition = {
    nameVi: 'Quản trị và thu nhập',
    indicators: [
      { code: 'pci', weight: 1 },
      { code: 'papi_8d', weight: 1 },
      { code: 'grdp_per_capita', weight: 1 },
    ],
    period: 2024,
    at: '2025-06-30',
  };
  const post = (d: object) =>
    t.app.inject({ method: 'POST', url: '/api/v1/analytics/index', payload: { definition: d } });
  const values = async (indicator: string, period: number) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/data?indicator=${indicator}&level=province&at=2025-06-30&period=${period}`,
    });
    return (res.json() as DataResponse).rows.flatMap((r) =>
      r.value === null ? [] : [{ code: r.unitCode, value: r.value }],
    );
  };

  it('without latestYear an indicator lacking the year is refused, naming it', async () => {
    const res = await post(definition);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('body.definition.indicators.0.code');
  });

  it('with latestYear PCI enters with 2022 and the others with 2024; scores equal the pure function on those rows', async () => {
    const res = await post({ ...definition, latestYear: true });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as IndexResponse;
    expect(body.components.map((c) => [c.code, c.period])).toEqual([
      ['pci', 2022],
      ['papi_8d', 2024],
      ['grdp_per_capita', 2024],
    ]);
    expect(body.notesEn.join(' ')).toContain('pci 2022');
    expect(body.sources.map((s) => s.dataset)).not.toContain('vcci-pci-2005-2016');
    const expected = computeCompositeIndex(
      body.units.map((u) => u.code),
      [
        { code: 'pci', direction: 'higher_better', weight: 1, values: await values('pci', 2022) },
        { code: 'papi_8d', direction: 'higher_better', weight: 1, values: await values('papi_8d', 2024) },
        {
          code: 'grdp_per_capita',
          direction: 'higher_better',
          weight: 1,
          values: await values('grdp_per_capita', 2024),
        },
      ],
      { missing: 'exclude' },
    );
    const byCode = new Map(expected.units.map((u) => [u.code, u.score]));
    for (const u of body.units) expect(u.score).toBe(byCode.get(u.code));
    expect(body.ranked).toBe(61); // Vĩnh Phúc and Tiền Giang have no PAPI 2024
  });
});
