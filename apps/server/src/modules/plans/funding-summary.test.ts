import type { FundingSource } from '@regionlink/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkFundingLine,
  type FundingLineValues,
  fundingTotals,
  isOverDisbursed,
  publicInvestmentShare,
  summariseFunding,
} from './funding-summary';

const line = (
  source: FundingSource,
  year: number,
  planned: number,
  allocated: number | null,
  disbursed: number | null,
  over: string | null = null,
): FundingLineValues => ({ projectCode: 'P', source, year, planned, allocated, disbursed, overDisbursementNote: over });

describe('funding funnel: worked example', () => {
  // An expressway: central budget over two years, a PPP tranche, and local budget with an explained advance.
  const lines = [
    line('central_budget', 2024, 1_000_000, 900_000, 800_000),
    line('central_budget', 2025, 1_500_000, 1_500_000, 600_000),
    line('ppp', 2025, 2_000_000, 1_000_000, 250_000),
    line('local_budget', 2024, 100_000, 40_000, 46_000, 'Tạm ứng vốn năm sau'),
  ];
  const s = summariseFunding(lines);

  it('adds up planned → allocated → disbursed with the two rates', () => {
    expect(s.totals).toEqual({
      planned: 4_600_000,
      allocated: 3_440_000,
      disbursed: 1_696_000,
      allocationRate: 3_440_000 / 4_600_000,
      disbursementRate: 1_696_000 / 3_440_000,
      lineCount: 4,
      flaggedCount: 1,
    });
  });
  it('splits by source in vocabulary order and by year', () => {
    expect(s.bySource.map((b) => [b.source, b.planned, b.allocated, b.disbursed])).toEqual([
      ['central_budget', 2_500_000, 2_400_000, 1_400_000],
      ['local_budget', 100_000, 40_000, 46_000],
      ['ppp', 2_000_000, 1_000_000, 250_000],
    ]);
    expect(s.byYear.map((y) => [y.year, y.planned])).toEqual([
      [2024, 1_100_000],
      [2025, 3_500_000],
    ]);
  });
  it('lists the over-disbursed line with its explanation', () => {
    expect(s.flagged).toEqual([
      {
        projectCode: 'P',
        year: 2024,
        source: 'local_budget',
        allocated: 40_000,
        disbursed: 46_000,
        note: 'Tạm ứng vốn năm sau',
      },
    ]);
  });
  it('public-investment share counts central, local budget and ODA, not PPP', () => {
    const sh = publicInvestmentShare(lines);
    expect(sh.publicPlanned).toBe(2_600_000);
    expect(sh.sharePlanned).toBeCloseTo(2_600_000 / 4_600_000, 12);
    expect(sh.shareAllocated).toBeCloseTo(2_440_000 / 3_440_000, 12);
    expect(publicInvestmentShare([line('oda', 2024, 10, 10, 0)]).sharePlanned).toBe(1);
    expect(publicInvestmentShare([]).sharePlanned).toBeNull();
  });
  it('has no rates when nothing is planned or allocated', () => {
    expect(fundingTotals([line('ppp', 2026, 0, null, null)])).toMatchObject({
      allocationRate: null,
      disbursementRate: null,
    });
  });
});

describe('funding line validation', () => {
  it('refuses disbursed above allocated unless the line explains it', () => {
    expect(checkFundingLine(line('central_budget', 2024, 100, 50, 60)).map((p) => p.path)).toEqual(['body.disbursed']);
    expect(checkFundingLine(line('central_budget', 2024, 100, 50, 60, '  '))).toHaveLength(1);
    expect(checkFundingLine(line('central_budget', 2024, 100, 50, 60, 'Tạm ứng'))).toEqual([]);
    expect(checkFundingLine(line('central_budget', 2024, 100, null, 1))).toHaveLength(1);
    expect(checkFundingLine(line('central_budget', 2024, 100, 50, 50))).toEqual([]);
  });
  it('refuses negative and non-finite amounts, naming the field', () => {
    expect(checkFundingLine(line('oda', 2024, -1, null, null)).map((p) => p.path)).toEqual(['body.planned']);
    expect(checkFundingLine(line('oda', 2024, 1, Number.NaN, null)).map((p) => p.path)).toEqual(['body.allocated']);
  });
});

const amount = fc.integer({ min: 0, max: 5_000_000 });
const arbLine = fc
  .record({
    source: fc.constantFrom<FundingSource>('central_budget', 'local_budget', 'oda', 'ppp', 'private', 'other'),
    year: fc.integer({ min: 2021, max: 2030 }),
    planned: amount,
    allocated: fc.option(amount, { nil: null }),
    disbursed: fc.option(amount, { nil: null }),
    over: fc.option(fc.constant('giải thích'), { nil: null }),
  })
  .map((r) => line(r.source, r.year, r.planned, r.allocated, r.disbursed, r.over));

describe('funding properties', () => {
  it('totals equal the sums of the lines, and the by-source and by-year splits add up to the totals', () => {
    fc.assert(
      fc.property(fc.array(arbLine, { maxLength: 30 }), (lines) => {
        const s = summariseFunding(lines);
        const sum = (f: (l: FundingLineValues) => number) => lines.reduce((a, l) => a + f(l), 0);
        expect(s.totals.planned).toBe(sum((l) => l.planned));
        expect(s.totals.allocated).toBe(sum((l) => l.allocated ?? 0));
        expect(s.totals.disbursed).toBe(sum((l) => l.disbursed ?? 0));
        for (const k of ['planned', 'allocated', 'disbursed'] as const) {
          expect(s.bySource.reduce((a, b) => a + b[k], 0)).toBe(s.totals[k]);
          expect(s.byYear.reduce((a, b) => a + b[k], 0)).toBe(s.totals[k]);
        }
      }),
    );
  });

  it('disbursed never exceeds allocated unless flagged: valid lines without a flag keep the funnel ordered', () => {
    fc.assert(
      fc.property(fc.array(arbLine, { maxLength: 30 }), (lines) => {
        const valid = lines.filter((l) => checkFundingLine(l).length === 0);
        const s = summariseFunding(valid);
        // Every over-disbursed line that passed validation carries its explanation and is listed.
        expect(s.flagged.length).toBe(valid.filter(isOverDisbursed).length);
        for (const f of s.flagged) expect(f.note.trim()).not.toBe('');
        const unflagged = valid.filter((l) => !isOverDisbursed(l));
        const t = fundingTotals(unflagged);
        expect(t.disbursed).toBeLessThanOrEqual(t.allocated);
        expect(t.flaggedCount).toBe(0);
      }),
    );
  });

  it('a line with disbursed above allocated and no explanation is always refused', () => {
    fc.assert(
      fc.property(amount, amount, fc.integer({ min: 1, max: 1000 }), (planned, allocated, extra) => {
        expect(checkFundingLine(line('central_budget', 2024, planned, allocated, allocated + extra)).length).toBe(1);
      }),
    );
  });

  it('the public share lies between 0 and 1 and is 1 exactly when every planned amount is public', () => {
    fc.assert(
      fc.property(fc.array(arbLine, { minLength: 1, maxLength: 20 }), (lines) => {
        const sh = publicInvestmentShare(lines);
        if (sh.sharePlanned === null) expect(sh.totalPlanned).toBe(0);
        else {
          expect(sh.sharePlanned).toBeGreaterThanOrEqual(0);
          expect(sh.sharePlanned).toBeLessThanOrEqual(1);
          const nonPublic = lines
            .filter((l) => !['central_budget', 'local_budget', 'oda'].includes(l.source))
            .reduce((a, l) => a + l.planned, 0);
          expect(sh.sharePlanned === 1).toBe(nonPublic === 0);
        }
      }),
    );
  });
});
