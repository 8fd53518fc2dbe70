import type { TargetStatusCode } from '@regionlink/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AssessInput, assessTarget, currentTargets, nextRevision } from './target-status';

const RANK: Record<TargetStatusCode, number> = {
  off_track: 0,
  at_risk: 1,
  on_track: 2,
  no_data: -1,
  not_assessable: -1,
};

describe('target status: worked examples', () => {
  const expressway: Omit<AssessInput, 'actual'> = {
    direction: 'increase',
    baseline: { year: 2020, value: 300 },
    targets: [
      { year: 2025, value: 600 },
      { year: 2030, value: 1200 },
    ],
  };

  it('on track: 520 km in 2024 against 540 expected on the line 300 (2020) → 600 (2025)', () => {
    const a = assessTarget({ ...expressway, actual: { year: 2024, value: 520 } });
    expect(a.status).toBe('on_track');
    expect(a.expected).toBeCloseTo(540, 9);
    expect(a.ratio).toBeCloseTo(220 / 240, 9);
    expect(a.targetYear).toBe(2025);
    expect(a.explanationVi).toContain('Kỳ vọng năm 2024: 540');
  });

  it('at risk and off track below 90 % and 60 % of the expected progress', () => {
    expect(assessTarget({ ...expressway, actual: { year: 2024, value: 480 } }).status).toBe('at_risk'); // 75 %
    expect(assessTarget({ ...expressway, actual: { year: 2024, value: 420 } }).status).toBe('off_track'); // 50 %
  });

  it('after the period target, the next segment starts from it: 2028 is judged on 600 (2025) → 1200 (2030)', () => {
    const a = assessTarget({ ...expressway, actual: { year: 2028, value: 900 } });
    expect(a.expected).toBeCloseTo(960, 9);
    expect(a.ratio).toBeCloseTo(300 / 360, 9);
    expect(a.status).toBe('at_risk');
  });

  it('a target reached early is on track; a target year passed without reaching it is off track', () => {
    expect(assessTarget({ ...expressway, actual: { year: 2023, value: 650 } }).status).toBe('on_track');
    expect(assessTarget({ ...expressway, actual: { year: 2031, value: 1100 } }).status).toBe('off_track');
  });

  it('a decreasing indicator: poverty 22 % (2021) → 12 % (2025), 16.5 % in 2024 is at risk', () => {
    const a = assessTarget({
      direction: 'decrease',
      baseline: { year: 2021, value: 22 },
      targets: [{ year: 2025, value: 12 }],
      actual: { year: 2024, value: 16.5 },
    });
    expect(a.expected).toBeCloseTo(14.5, 9);
    expect(a.ratio).toBeCloseTo(5.5 / 7.5, 9);
    expect(a.status).toBe('at_risk');
  });

  it('says so when it cannot judge: no actual, no baseline, no target year', () => {
    expect(assessTarget({ ...expressway, actual: null }).status).toBe('no_data');
    expect(assessTarget({ ...expressway, baseline: null, actual: { year: 2024, value: 400 } }).status).toBe(
      'not_assessable',
    );
    // The plan's "system of 05 border-gate economic zones": a target without a year.
    const bgez = { direction: 'increase' as const, baseline: null, targets: [{ year: null, value: 5 }] };
    expect(assessTarget({ ...bgez, actual: { year: 2025, value: 4 } }).status).toBe('not_assessable');
    expect(assessTarget({ ...bgez, actual: { year: 2025, value: 5 } }).status).toBe('on_track');
  });
});

const years = fc.integer({ min: 2015, max: 2035 });
const value = fc.double({ min: -1000, max: 1000, noNaN: true, noDefaultInfinity: true });

describe('target status properties', () => {
  it('monotonic: for an increasing indicator a higher actual never gives a worse status (and the reverse)', () => {
    fc.assert(
      fc.property(
        years,
        value,
        fc.integer({ min: 1, max: 10 }),
        value,
        years,
        value,
        value,
        (by, bv, span, tv, ay, a1, a2) => {
          const input = { baseline: { year: by, value: bv }, targets: [{ year: by + span, value: tv }] };
          const [lo, hi] = a1 <= a2 ? [a1, a2] : [a2, a1];
          const up = (v: number) =>
            assessTarget({ ...input, direction: 'increase', actual: { year: ay, value: v } }).status;
          const down = (v: number) =>
            assessTarget({ ...input, direction: 'decrease', actual: { year: ay, value: v } }).status;
          if (RANK[up(lo)] >= 0) expect(RANK[up(hi)]).toBeGreaterThanOrEqual(RANK[up(lo)]);
          if (RANK[down(hi)] >= 0) expect(RANK[down(lo)]).toBeGreaterThanOrEqual(RANK[down(hi)]);
        },
      ),
    );
  });

  it('mirror: negating every value turns an increasing indicator into a decreasing one with the same status', () => {
    fc.assert(
      fc.property(years, value, fc.integer({ min: 1, max: 10 }), value, years, value, (by, bv, span, tv, ay, av) => {
        const up = assessTarget({
          direction: 'increase',
          baseline: { year: by, value: bv },
          targets: [{ year: by + span, value: tv }],
          actual: { year: ay, value: av },
        });
        const down = assessTarget({
          direction: 'decrease',
          baseline: { year: by, value: -bv },
          targets: [{ year: by + span, value: -tv }],
          actual: { year: ay, value: -av },
        });
        expect(down.status).toBe(up.status);
      }),
    );
  });

  it('reaching the target value in or before its year is always on track', () => {
    fc.assert(
      fc.property(
        years,
        value,
        fc.integer({ min: 1, max: 10 }),
        value,
        fc.integer({ min: 0, max: 10 }),
        (by, bv, span, tv, back) => {
          const a = assessTarget({
            direction: 'increase',
            baseline: { year: by, value: bv },
            targets: [{ year: by + span, value: tv }],
            actual: { year: by + span - Math.min(back, span), value: tv },
          });
          expect(a.status).toBe('on_track');
        },
      ),
    );
  });
});

describe('target revisions keep history', () => {
  const history = [
    { id: 1, kind: 'period' as const, year: 2025, value: 700, revision: 1 },
    { id: 2, kind: 'end' as const, year: 2030, value: 1200, revision: 1 },
    { id: 3, kind: 'period' as const, year: 2025, value: 600, revision: 2 },
  ];
  it('the current target is the latest revision; earlier ones remain in the list', () => {
    expect(currentTargets(history).map((t) => t.id)).toEqual([3, 2]);
    expect(history).toHaveLength(3);
  });
  it('a revision needs a reason and gets the next number; a new target does not', () => {
    expect(nextRevision(history, { kind: 'period', year: 2025, reason: null })).toEqual({
      revision: 3,
      needsReason: true,
    });
    expect(nextRevision(history, { kind: 'period', year: 2025, reason: 'Điều chỉnh' })).toEqual({
      revision: 3,
      needsReason: false,
    });
    expect(nextRevision(history, { kind: 'period', year: 2027, reason: null })).toEqual({
      revision: 1,
      needsReason: false,
    });
  });
  it('property: appending revisions never changes earlier rows, and the current value is the last appended', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 1, maxLength: 10 }), (values) => {
        let h: { id: number; kind: 'end'; year: number; value: number; revision: number }[] = [];
        for (const [i, v] of values.entries()) {
          const before = JSON.stringify(h);
          const { revision } = nextRevision(h, { kind: 'end', year: 2030, reason: 'r' });
          h = [...h, { id: i + 1, kind: 'end', year: 2030, value: v, revision }];
          expect(JSON.stringify(h.slice(0, -1))).toBe(before);
        }
        expect(h.map((t) => t.revision)).toEqual(values.map((_, i) => i + 1));
        expect(currentTargets(h)[0].value).toBe(values[values.length - 1]);
      }),
    );
  });
});
