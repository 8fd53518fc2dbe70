import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestDatabase } from '../../../test/helpers';
import { REFERENCE_DIR } from '../../config';
import type { Database } from '../../db/client';
import { parseCsvObjects } from '../../lib/csv';
import { emptyPart } from './aggregation-rules';
import { type Catalogue, loadCatalogue } from './catalogue.service';
import { type Geography, geographyAt } from './geography';
import { aggregateRows, choose, combineMembers, groupRow, provinceRow } from './query-aggregate';
import { annotateResponse, attachSources, combineRows, dropEmptyPeriods, queryNotes } from './query-annotate';
import { type Cand, fetchObservations, newCand } from './query-fetch';
import { checkQuery, planPeriods, planQuery, targetsOf } from './query-plan';
import type { PeriodEntry, Snapshot } from './snapshot';

/**
 * The four stages of the query engine, each on its own: plan (pure period planning, targets), fetch (against the
 * reference data on the engine under test), aggregate and annotate (pure, on candidates and rows built here).
 * The whole pipeline is covered by query.service.test.ts through the API.
 */

let db: Database;
let cat: Catalogue;
let geo: Geography;
beforeAll(async () => {
  db = await createTestDatabase();
  cat = await loadCatalogue(db.db);
  geo = await geographyAt(db.db, '2025-07-01');
});
afterAll(async () => db?.close());

const readRef = (rel: string) => parseCsvObjects(fs.readFileSync(path.join(REFERENCE_DIR, rel), 'utf8'));
const def = (code: string) => cat.byCode.get(code)!;
const entry = (period: number, level: 'province' | 'commune' = 'province'): PeriodEntry => ({
  level,
  period,
  geoDate: '2008-08-01',
  n: 63,
});
/** A candidate with the given values (weight 1 each), as the fetch stage would build it. */
const cand = (rank: number, expected: number, values: number[], releases: number[] = [1]): Cand => {
  const c = newCand(rank, expected);
  for (const v of values) {
    c.part.n++;
    c.part.sum += v;
  }
  for (const r of releases) c.releases.add(r);
  return c;
};

describe(`plan stage (${TEST_ENGINE})`, () => {
  it('a ratio reads its numerator and denominator, and has only the periods both have', () => {
    const d = def('population_density');
    const byId = new Map<number, PeriodEntry[]>([
      [d.numeratorId!, [entry(2010), entry(2016), entry(2024)]],
      [d.denominatorId!, [entry(2016), entry(2024), entry(2030)]],
    ]);
    const p = planPeriods([d], cat, byId, {});
    expect(p.specs.map((s) => s.def.code).sort()).toEqual(['area', 'population', 'population_density'].sort());
    expect(p.specs.every((s) => !s.keepValues)).toBe(true);
    expect(p.periods).toEqual([2016, 2024]);
    expect(p.range).toEqual([2016, 2024]);
  });

  it('keeps the values of an index, applies period and from/to, and gives an empty range when nothing is left', () => {
    const d = def('pci');
    const byId = new Map([[d.id, [entry(2013), entry(2016), entry(2016, 'commune')]]]);
    const all = planPeriods([d], cat, byId, {});
    expect(all.specs).toEqual([{ def: d, keepValues: true }]);
    expect([...all.levels.get(d.id)!].sort()).toEqual(['commune', 'province']);
    expect(planPeriods([d], cat, byId, { period: 2013 }).periods).toEqual([2013]);
    expect(planPeriods([d], cat, byId, { from: 2014, to: 2020 }).periods).toEqual([2016]);
    const none = planPeriods([d], cat, byId, { from: 2017 });
    expect(none).toMatchObject({ periods: [], range: [0, -1] });
    expect(none.levels.size).toBe(0);
  });

  it('refuses contradictory parameters, naming them', () => {
    const code = (q: Parameters<typeof checkQuery>[0]) => {
      try {
        checkQuery(q);
        return 'ok';
      } catch (e) {
        return (e as { code: string }).code;
      }
    };
    expect(code({ indicators: ['population'] })).toBe('ok');
    expect(code({ indicators: [] })).toBe('indicator_required');
    expect(code({ indicators: ['population'], level: 'region', grouping: 'x' })).toBe('level_and_grouping');
    expect(code({ indicators: ['population'], level: 'grouping' })).toBe('grouping_required');
    expect(code({ indicators: ['population'], period: 2020, to: 2021 })).toBe('period_and_range');
    expect(code({ indicators: ['population'], from: 2021, to: 2020 })).toBe('bad_range');
    expect(code({ indicators: ['population'], period: 2020, combine: 'sum' })).toBe('combine_needs_range');
  });

  it('targets: 34 provinces, the 6 regions of 2025 with their members, the nation, and a unit filter', async () => {
    expect(targetsOf(geo, 'province').targets).toHaveLength(34);
    const regions = targetsOf(geo, 'region');
    expect(regions.targets.map((t) => t.code).sort()).toEqual(['MRD', 'NC', 'NMM', 'RRD', 'SCCH', 'SE']);
    expect(regions.targets.find((t) => t.code === 'RRD')!.members.sort()).toEqual(['01', '22', '24', '31', '33', '37']);
    expect(regions.geographyVi).toMatch(/^6 vùng kinh tế - xã hội, /);
    expect(targetsOf(geo, 'national').targets[0].members).toHaveLength(34);
    const plan = await planQuery(db.db, {
      indicators: ['population'],
      level: 'region',
      at: '2025-07-01',
      units: ['RRD'],
    });
    expect(plan.target.kind).toBe('provinces');
    if (plan.target.kind !== 'provinces') return;
    expect(plan.target.targets.map((t) => t.code)).toEqual(['RRD']);
    expect([...plan.target.members].sort()).toEqual(['01', '22', '24', '31', '33', '37']);
  });
});

describe(`fetch stage (${TEST_ENGINE})`, () => {
  it('a merged province gets its former provinces through the crosswalk, with their values and names', async () => {
    const nso = new Map(readRef('stats/vn63_nso_area_population_grdppc_2024.csv').map((r) => [r.code, r]));
    const plan = await planQuery(db.db, {
      indicators: ['population'],
      level: 'province',
      at: '2025-07-01',
      period: 2024,
      units: ['08'],
    });
    const f = await fetchObservations(db.db, plan);
    expect(f.kind).toBe('provinces');
    if (f.kind !== 'provinces') return;
    const byRank = f.cands.get(`${def('population').id}|08|2024`)!;
    const viaCrosswalk = byRank.get(2)!;
    // Tuyên Quang (2025) = Hà Giang (02) + Tuyên Quang (08) of the 63-province geography.
    expect(viaCrosswalk.part.n).toBe(2);
    expect(viaCrosswalk.part.expected).toBe(2);
    expect(viaCrosswalk.part.sum).toBe(Number(nso.get('02')!.population) + Number(nso.get('08')!.population));
    expect(viaCrosswalk.sources.map((s) => s.split('|')[0]).sort()).toEqual(['02', '08']);
    expect(viaCrosswalk.releases.size).toBeGreaterThan(0);
    // Only the province asked for was read.
    expect([...f.cands.keys()].every((k) => k.split('|')[1] === '08')).toBe(true);
  });

  it('reads nothing when the plan has no periods, and commune values at commune level', async () => {
    const empty = await planQuery(db.db, {
      indicators: ['population'],
      level: 'province',
      at: '2025-07-01',
      from: 1900,
      to: 1901,
    });
    expect(empty.periods).toEqual([]);
    const f = await fetchObservations(db.db, empty);
    expect(f).toEqual({ kind: 'provinces', cands: new Map() });
    const communes = await planQuery(db.db, { indicators: ['population'], level: 'commune', at: '2025-07-01' });
    expect(communes.target.kind).toBe('commune');
    const c = await fetchObservations(db.db, communes);
    expect(c.kind).toBe('commune');
    if (c.kind !== 'commune') return;
    const [sql] = await db.query<{ n: number }>(
      `select count(*)::int as n from observations o join stat_units u on u.code = o.unit_code and u.geo_date = o.geo_date
       where u.level = 'commune' and o.indicator_id = $1 and u.valid_to is null`,
      [def('population').id],
    );
    expect(c.observations.length).toBe(sql.n);
  });
});

describe(`aggregate stage (${TEST_ENGINE}, pure)`, () => {
  it('the recorded value of the province beats its former provinces; a differing one is an alternative', () => {
    const d = def('population');
    const own = cand(0, 1, [100]);
    const viaOld = cand(2, 2, [60, 50]);
    const ch = choose(
      d,
      new Map([
        [0, own],
        [2, viaOld],
      ]),
    );
    expect(ch.cand).toBe(own);
    expect(ch.result).toMatchObject({ value: 100, complete: true, rule: 'recorded' });
    expect(ch.alternatives.map((a) => a.result.value)).toEqual([110]);
    const same = choose(
      d,
      new Map([
        [0, own],
        [2, cand(2, 2, [60, 40])],
      ]),
    );
    expect(same.alternatives).toEqual([]);
  });

  it('an estimate never beats a computation, and an incomplete sum is only a partial value', () => {
    const d = def('population');
    const estimate = cand(10, 1, [999]);
    const computed = cand(2, 2, [60, 50]);
    expect(
      choose(
        d,
        new Map([
          [10, estimate],
          [2, computed],
        ]),
      ).cand,
    ).toBe(computed);
    const incomplete = choose(d, new Map([[2, cand(2, 2, [60])]]));
    expect(incomplete.result).toMatchObject({ value: null, partialValue: 60, complete: false });
    expect(choose(d, undefined).result.rule).toBe('unavailable');
  });

  it('a province row says how it was computed and which former provinces are missing', () => {
    const d = def('population');
    const t = targetsOf(geo, 'province').targets.find((x) => x.code === '08')!;
    const c = cand(2, 2, [60]);
    c.sources.push('08|2008-08-01');
    const b = provinceRow(d, t, 2024, choose(d, new Map([[2, c]])), geo, cat.byId);
    expect(b.row).toMatchObject({ value: null, partialValue: 60, status: 'final' });
    expect(b.row.coverage).toEqual({ withData: 1, total: 2, complete: false, missing: ['02'] });
    expect(b.row.method.via).toBe('crosswalk');
    expect(b.row.method.textEn).toContain('incomplete (1 of 2)');
    expect(b.rels).toEqual([1]);
  });

  it('a region sums its members, and names the member without data instead of summing the rest', () => {
    const d = def('population');
    const rrd = targetsOf(geo, 'region').targets.find((x) => x.code === 'RRD')!;
    const values = new Map(rrd.members.map((m, i) => [m, 1000 * (i + 1)]));
    const choiceOf = (_d: unknown, m: string) => choose(d, new Map([[0, cand(0, 1, [values.get(m)!], [7])]]));
    const full = groupRow(d, rrd, 2024, choiceOf, geo, cat.byId).built;
    expect(full.row.value).toBe(21_000);
    expect(full.row.coverage).toMatchObject({ withData: 6, total: 6, complete: true });
    expect(full.row.method.textEn).toBe('Sum of 6 member provinces');
    expect(full.rels).toEqual([7]);
    const lacking = (_d: unknown, m: string) =>
      m === '01' ? choose(d, undefined) : choose(d, new Map([[0, cand(0, 1, [values.get(m)!])]]));
    const gap = groupRow(d, rrd, 2024, lacking, geo, cat.byId).built.row;
    expect(gap.value).toBeNull();
    expect(gap.partialValue).toBe(20_000);
    expect(gap.coverage.missing).toEqual(['01']);
    expect(gap.method.textVi).toContain('thiếu số liệu: Hà Nội (5/6)');
  });

  it('an index is the mean of the units, with the median, never a sum', () => {
    const d = def('pci');
    const members = ['01', '22', '24'].map((m, i) => {
      const c = cand(0, 1, [[50, 60, 70][i]]);
      c.part.values.push([50, 60, 70][i]);
      return { m, ch: choose(d, new Map([[0, c]])) };
    });
    const r = combineMembers(d, members, 2016, () => choose(d, undefined), cat.byId);
    expect(r).toMatchObject({ value: 60, med: 60, rule: 'mean', missing: [] });
  });

  it('a plan and candidates give one row per indicator, target and period, in that order', async () => {
    const plan = await planQuery(db.db, {
      indicators: ['population', 'area'],
      level: 'region',
      at: '2025-07-01',
      period: 2024,
    });
    const agg = aggregateRows(plan, { kind: 'provinces', cands: new Map() });
    expect(agg.built.map((b) => `${b.row.indicator}|${b.row.unitCode}`)).toEqual(
      ['population', 'area'].flatMap((i) => targetsOf(geo, 'region').targets.map((t) => `${i}|${t.code}`)),
    );
    expect(agg.built.every((b) => b.row.method.rule === 'unavailable' && b.row.value === null)).toBe(true);
  });
});

describe(`annotate stage (${TEST_ENGINE}, pure)`, () => {
  const snap: Snapshot = {
    key: 'test',
    periods: new Map(),
    coverage: new Map(),
    releases: new Map([
      [
        3,
        {
          datasetId: 9,
          ref: {
            releaseId: 3,
            dataset: 'ds-b',
            releaseNumber: 1,
            publishedAt: '2025-01-01T00:00:00.000Z',
            publisher: 'B',
            publisherEn: 'B',
          },
        },
      ],
      [
        1,
        {
          datasetId: 8,
          ref: {
            releaseId: 1,
            dataset: 'ds-a',
            releaseNumber: 1,
            publishedAt: '2024-01-01T00:00:00.000Z',
            publisher: 'A',
            publisherEn: 'A',
          },
        },
      ],
    ]),
    datasets: new Map([
      [
        8,
        {
          id: 8,
          code: 'ds-a',
          titleVi: 'A',
          titleEn: 'A',
          publisher: 'A',
          publisherEn: 'A',
          originalSource: '',
          originalSourceEn: '',
          licence: '',
          licenceEn: '',
          caveatsVi: '',
          caveatsEn: '',
        },
      ],
      [
        9,
        {
          id: 9,
          code: 'ds-b',
          titleVi: 'B',
          titleEn: 'B',
          publisher: 'B',
          publisherEn: 'B',
          originalSource: '',
          originalSourceEn: '',
          licence: '',
          licenceEn: '',
          caveatsVi: '',
          caveatsEn: '',
        },
      ],
    ]),
  };
  const row = (
    unit: string,
    period: number,
    value: number | null,
    partialValue: number | null = null,
    indicator = 'population',
  ) => ({
    indicator,
    unitCode: unit,
    unitName: unit,
    unitNameEn: unit,
    period,
    value,
    partialValue,
    median: null,
    status: 'final' as const,
    method: { rule: 'sum' as const, via: 'members' as const, textVi: 'Tổng', textEn: 'Sum' },
    coverage: { withData: 1, total: 1, complete: true, missing: [] },
    sources: [],
    alternatives: [],
  });

  it('drops periods where no unit has a figure, keeps those where one has a partial figure', () => {
    const built = [row('A', 2020, null), row('B', 2020, null), row('A', 2021, null, 5), row('A', 2022, 1)].map((r) => ({
      row: r,
      rels: [],
      altRels: [],
    }));
    expect(dropEmptyPeriods(built).map((b) => b.row.period)).toEqual([2021, 2022]);
  });

  it('attaches sources in release order, once each, and lists only the datasets used', () => {
    const { rows, datasets } = attachSources(snap, [{ row: row('A', 2020, 1), rels: [3, 1, 3, 404], altRels: [] }]);
    expect(rows[0].sources.map((s) => s.releaseId)).toEqual([1, 3]);
    expect(datasets.map((d) => d.code)).toEqual(['ds-a', 'ds-b']);
  });

  it('combines periods by rule and refuses to sum a stock', () => {
    const flows = [row('A', 2020, 1, null, 'budget_revenue'), row('A', 2021, 2, null, 'budget_revenue')];
    expect(combineRows(flows, [def('budget_revenue')], 'sum')[0]).toMatchObject({ period: '2020–2021', value: 3 });
    const stocks = [row('A', 2020, 1), row('A', 2021, 2)];
    expect(() => combineRows(stocks, [def('population')], 'sum')).toThrow(/stock/);
    expect(combineRows(stocks, [def('population')], 'mean')[0].value).toBe(1.5);
  });

  it('notes the crosswalk, alternatives and indices; a response carries the plan and only the datasets used', async () => {
    const plan = await planQuery(db.db, { indicators: ['pci'], level: 'region', at: '2025-07-01', period: 2016 });
    const notes = queryNotes(plan, { built: [], crosswalked: true, anyAlternative: true });
    expect(notes.notesEn).toHaveLength(3);
    expect(notes.notesEn[0]).toContain('through the crosswalk');
    expect(notes.notesEn[2]).toContain('is an index and is never summed');
    expect(queryNotes(plan, { built: [], crosswalked: false, anyAlternative: false }).notesEn).toHaveLength(1);
    const res = annotateResponse(
      { ...plan, snap },
      { built: [{ row: row('NMM', 2016, 60), rels: [3], altRels: [] }], crosswalked: false, anyAlternative: false },
    );
    expect(res.query).toMatchObject({ indicators: ['pci'], level: 'region', periods: [2016], release: null });
    expect(res.datasets.map((d) => d.code)).toEqual(['ds-b']);
    expect(res.summary).toBeNull();
  });
});
