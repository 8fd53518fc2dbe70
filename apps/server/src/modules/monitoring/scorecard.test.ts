import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  disbursementValue,
  followUpsValue,
  projectsValue,
  type ReportingRecord,
  reportingPoints,
  reportingValue,
  shareOf,
  tasksValue,
} from './components';
import {
  type ComponentInput,
  decompose,
  drivingComponent,
  normalise,
  rankIntervals,
  scoreVariant,
  weightVariants,
} from './scorecard';

const rec = (o: Partial<ReportingRecord>): ReportingRecord => ({
  cycleId: 1,
  cycleNameVi: 'Kỳ 2024',
  deadline: '2024-12-06',
  submissionId: 1,
  state: 'accepted',
  firstSubmittedOn: '2024-12-01',
  returns: 0,
  ...o,
});

describe('components from hand-made records', () => {
  it('reporting: a third each for sent, on time and not returned; not reporting is 0, not missing', () => {
    expect(reportingPoints(rec({}))).toBe(1);
    // Sent late, never returned: 2/3.
    expect(reportingPoints(rec({ firstSubmittedOn: '2024-12-12', state: 'submitted' }))).toBeCloseTo(2 / 3);
    // Sent on time but returned for rework: 2/3.
    expect(reportingPoints(rec({ state: 'returned', returns: 1 }))).toBeCloseTo(2 / 3);
    // Returned once, then accepted late: sent only, 1/3.
    expect(reportingPoints(rec({ returns: 1, firstSubmittedOn: '2024-12-07' }))).toBeCloseTo(1 / 3);
    // A draft or no report at all: 0.
    expect(reportingPoints(rec({ state: 'draft', firstSubmittedOn: null }))).toBe(0);
    expect(reportingPoints(rec({ state: 'none', submissionId: null, firstSubmittedOn: null }))).toBe(0);
    // Two cycles, 1 and 1/3: mean 2/3 = 66.6667 %.
    expect(reportingValue([rec({}), rec({ returns: 1, firstSubmittedOn: '2024-12-07' })])).toBeCloseTo(66.6667, 3);
    expect(reportingValue([rec({ state: 'none', submissionId: null, firstSubmittedOn: null })])).toBe(0);
    expect(reportingValue([])).toBeNull();
  });

  it('tasks: done and recurring count 1, in progress 0.5; no status at all is missing', () => {
    // done, recurring, in_progress, not_started, (no status) → (1 + 1 + 0.5 + 0) / 4 = 62.5 %.
    const v = tasksValue([
      { taskCode: '1.1.a', status: 'done' },
      { taskCode: '1.1.b', status: 'recurring' },
      { taskCode: '1.1.c', status: 'in_progress' },
      { taskCode: '1.1.d', status: 'not_started' },
      { taskCode: '1.1.đ', status: null },
    ]);
    expect(v).toBe(62.5);
    expect(tasksValue([{ taskCode: '1.1.a', status: null }])).toBeNull();
  });

  it('projects and disbursement: roles weighted, money by cost share, nothing allocated is missing', () => {
    const recs = [
      { projectCode: 'P1', role: 'located' as const, share: 0.5, allocated: 100, disbursed: 80 },
      { projectCode: 'P2', role: 'located' as const, share: 0.25, allocated: 400, disbursed: 100 },
      { projectCode: 'P3', role: 'affected' as const, share: 0, allocated: 1000, disbursed: 0 },
    ];
    expect(projectsValue(recs)).toBe(2.5);
    // (80·0.5 + 100·0.25) / (100·0.5 + 400·0.25) = 65 / 150 = 43.3333 %.
    expect(disbursementValue(recs)).toBeCloseTo(43.3333, 3);
    expect(disbursementValue([recs[2]])).toBeNull();
    expect(projectsValue([])).toBe(0);
    expect(shareOf('located', 30, 3, true)).toBe(0.3);
    expect(shareOf('located', null, 4, false)).toBe(0.25);
    expect(shareOf('affected', null, 4, false)).toBe(0);
  });

  it('follow-ups: done on time over assigned; none assigned is missing', () => {
    expect(followUpsValue({ assigned: 4, doneOnTime: 3 })).toBe(75);
    expect(followUpsValue({ assigned: 0, doneOnTime: 0 })).toBeNull();
    expect(followUpsValue(undefined)).toBeNull();
  });
});

const comp = (code: string, entries: [string, number | null][]): ComponentInput => ({
  code,
  direction: 'higher_better',
  values: new Map(entries),
});

describe('normalisation, aggregation and ranks (worked example)', () => {
  // C1: A 0, B 50, C 100 → min–max A 0, B 5, C 10; z: mean 50, sd 40.8248 → A −1.2247, B 0, C 1.2247.
  // C2: A 4, B 2, C missing → min–max A 10, B 0.
  const c1 = comp('C1', [
    ['A', 0],
    ['B', 50],
    ['C', 100],
  ]);
  const c2 = comp('C2', [
    ['A', 4],
    ['B', 2],
    ['C', null],
  ]);

  it('min–max and z-score', () => {
    expect([...normalise(c1, 'minmax')]).toEqual([
      ['A', 0],
      ['B', 5],
      ['C', 10],
    ]);
    const z = normalise(c1, 'zscore');
    expect(z.get('A')).toBeCloseTo(-1.2247, 4);
    expect(z.get('B')).toBe(0);
    expect(z.get('C')).toBeCloseTo(1.2247, 4);
    expect(normalise({ ...c1, direction: 'lower_better' }, 'minmax').get('A')).toBe(10);
    expect(
      normalise(
        comp('K', [
          ['A', 3],
          ['B', 3],
        ]),
        'zscore',
      ).get('A'),
    ).toBe(0);
  });

  it('equal weights, missing component reweighted, coverage rule', () => {
    const w = { C1: 1, C2: 1 };
    const r = scoreVariant(
      ['A', 'B', 'C'],
      [c1, c2],
      { normalisation: 'minmax', missing: 'reweight', weights: w },
      0.5,
    );
    // A (0 + 10)/2 = 5; B (5 + 0)/2 = 2.5; C has only C1 (half the weight): 10.
    expect(r.map((x) => [x.code, x.score, x.rank, x.coverage])).toEqual([
      ['A', 5, 2, 1],
      ['B', 2.5, 3, 1],
      ['C', 10, 1, 0.5],
    ]);
    // Requiring more than half the weight leaves C unranked.
    const strict = scoreVariant(
      ['A', 'B', 'C'],
      [c1, c2],
      { normalisation: 'minmax', missing: 'reweight', weights: w },
      0.6,
    );
    expect(strict.find((x) => x.code === 'C')).toMatchObject({ score: null, rank: null });
    // Missing as the worst value: C gets C2's lowest score 0 → (10 + 0)/2 = 5, sharing rank 1 with A.
    const worst = scoreVariant(
      ['A', 'B', 'C'],
      [c1, c2],
      { normalisation: 'minmax', missing: 'worst', weights: w },
      0.5,
    );
    expect(worst.map((x) => [x.code, x.score, x.rank])).toEqual([
      ['A', 5, 1],
      ['B', 2.5, 3],
      ['C', 5, 1],
    ]);
    // User weights C1 3 : C2 1 → A 0.75·0 + 0.25·10 = 2.5, B 3.75.
    const user = scoreVariant(
      ['A', 'B'],
      [c1, c2],
      { normalisation: 'minmax', missing: 'reweight', weights: { C1: 3, C2: 1 } },
      0.5,
    );
    expect(user.map((x) => x.score)).toEqual([2.5, 3.75]);
  });

  it('decomposition names what lifts and what sinks a province', () => {
    const w = { C1: 1, C2: 1 };
    const all = scoreVariant(
      ['A', 'B', 'C'],
      [c1, c2],
      { normalisation: 'minmax', missing: 'reweight', weights: w },
      0.5,
    );
    const a = decompose(all[0], all, w);
    // C1 mean 5: A (0 − 5)·0.5 = −2.5 sinks; C2 mean 5: A (10 − 5)·0.5 = 2.5 lifts.
    expect(a).toEqual([
      { code: 'C1', normalised: 0, weight: 0.5, lift: -2.5 },
      { code: 'C2', normalised: 10, weight: 0.5, lift: 2.5 },
    ]);
    const c = decompose(all[2], all, w);
    expect(c.find((x) => x.code === 'C2')).toEqual({ code: 'C2', normalised: null, weight: 0, lift: null });
    expect(drivingComponent(c)).toEqual({ code: 'C1', lift: 5 });
  });

  it('weight variants: the user set, equal, each dropped, each doubled', () => {
    const v = weightVariants(['C1', 'C2'], { C1: 2, C2: 1 });
    expect(v.map((x) => x.label)).toEqual(['user', 'equal', 'drop:C1', 'double:C1', 'drop:C2', 'double:C2']);
    expect(v[3].weights).toEqual({ C1: 4, C2: 1 });
  });

  it('rank intervals over the variants', () => {
    const iv = rankIntervals(['A', 'B', 'C'], [c1, c2], { C1: 1, C2: 1 }, 0.5);
    // 2 normalisations × 2 missing rules × 6 weight sets.
    expect(iv[0].variants).toBe(24);
    // B is never first (it is last on C2 and middle on C1): worst 3; dropping C2 gives it rank 2.
    expect(iv.find((x) => x.code === 'B')).toMatchObject({ best: 2, worst: 3 });
    // A ties for first when C's missing C2 counts as its worst value, and is last on C1 alone (C2 dropped).
    expect(iv.find((x) => x.code === 'A')).toMatchObject({ best: 1, worst: 3 });
    // C is first wherever it is ranked; with C2 doubled its C1 carries under half the weight and it is not ranked.
    const c = iv.find((x) => x.code === 'C')!;
    expect(c).toMatchObject({ best: 1, worst: 1 });
    expect(c.rankedIn).toBeLessThan(c.variants);
  });
});

describe('the rank interval always contains the point rank (property)', () => {
  const value = fc.option(fc.integer({ min: 0, max: 100 }), { nil: null, freq: 5 });
  it('for random data and weights', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(value, { minLength: 6, maxLength: 6 }), { minLength: 2, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
        fc.constantFrom('minmax' as const, 'zscore' as const),
        (cols, ws, normalisation) => {
          const units = ['A', 'B', 'C', 'D', 'E', 'F'];
          const comps = cols.map((col, k) =>
            comp(
              `K${k}`,
              units.map((u, i) => [u, col[i]]),
            ),
          );
          const weights = Object.fromEntries(comps.map((c, k) => [c.code, ws[k]]));
          if (Object.values(weights).every((w) => w === 0)) weights.K0 = 1;
          const point = scoreVariant(units, comps, { normalisation, missing: 'reweight', weights }, 0.5);
          const iv = rankIntervals(units, comps, weights, 0.5);
          for (const p of point) {
            if (p.rank === null) continue;
            const r = iv.find((x) => x.code === p.code)!;
            expect(r.best).not.toBeNull();
            expect(p.rank).toBeGreaterThanOrEqual(r.best!);
            expect(p.rank).toBeLessThanOrEqual(r.worst!);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
