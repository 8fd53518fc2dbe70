import type { FundingSource, FundingSummary, FundingTotals } from '@regionlink/shared';
import { FundingSource as FundingSourceEnum, PUBLIC_INVESTMENT_SOURCES } from '@regionlink/shared';

/** One funding line as the arithmetic needs it (million VND). */
export interface FundingLineValues {
  projectCode: string;
  source: FundingSource;
  year: number;
  planned: number;
  allocated: number | null;
  disbursed: number | null;
  overDisbursementNote: string | null;
}

export interface FundingProblem {
  path: string;
  messageEn: string;
  messageVi: string;
}

/**
 * Validate one funding line: amounts are finite and not negative; disbursed may exceed allocated only when the line
 * explains why (`overDisbursementNote`, e.g. an advance or a carry-over from the previous year's allocation).
 * A missing allocation counts as zero allocated.
 */
export function checkFundingLine(
  line: Pick<FundingLineValues, 'planned' | 'allocated' | 'disbursed' | 'overDisbursementNote'>,
  path = 'body',
): FundingProblem[] {
  const problems: FundingProblem[] = [];
  for (const field of ['planned', 'allocated', 'disbursed'] as const) {
    const v = line[field];
    if (v !== null && (!Number.isFinite(v) || v < 0))
      problems.push({
        path: `${path}.${field}`,
        messageEn: 'Amounts are in million VND and cannot be negative.',
        messageVi: 'Số tiền tính bằng triệu đồng và không được âm.',
      });
  }
  const note = line.overDisbursementNote?.trim() ?? '';
  if (line.disbursed !== null && line.disbursed > (line.allocated ?? 0) && note === '')
    problems.push({
      path: `${path}.disbursed`,
      messageEn:
        'Disbursed exceeds allocated. Correct the figures, or explain the difference in overDisbursementNote (for example an advance or last year’s carried-over allocation).',
      messageVi:
        'Số giải ngân vượt số vốn được giao. Hãy sửa số liệu, hoặc giải thích chênh lệch ở ô ghi chú vượt giải ngân (ví dụ: tạm ứng, vốn kéo dài từ năm trước).',
    });
  return problems;
}

/** True when disbursed is above allocated (which then must carry an explanation). */
export const isOverDisbursed = (l: Pick<FundingLineValues, 'allocated' | 'disbursed'>) =>
  l.disbursed !== null && l.disbursed > (l.allocated ?? 0);

const rate = (num: number, den: number) => (den > 0 ? num / den : null);

/** Totals of the funnel planned → allocated → disbursed, with the two rates and the count of flagged lines. */
export function fundingTotals(lines: readonly FundingLineValues[]): FundingTotals {
  let planned = 0;
  let allocated = 0;
  let disbursed = 0;
  let flaggedCount = 0;
  for (const l of lines) {
    planned += l.planned;
    allocated += l.allocated ?? 0;
    disbursed += l.disbursed ?? 0;
    if (isOverDisbursed(l)) flaggedCount++;
  }
  return {
    planned,
    allocated,
    disbursed,
    allocationRate: rate(allocated, planned),
    disbursementRate: rate(disbursed, allocated),
    lineCount: lines.length,
    flaggedCount,
  };
}

/**
 * The funding funnel for any set of lines: totals, the split by source (in the fixed order of the vocabulary) and
 * by year, and the lines where disbursed exceeds allocated, each with its explanation. Missing allocated or
 * disbursed amounts count as zero; nothing is estimated.
 */
export function summariseFunding(lines: readonly FundingLineValues[]): FundingSummary {
  const bySource = new Map<FundingSource, { planned: number; allocated: number; disbursed: number }>();
  const byYear = new Map<number, { planned: number; allocated: number; disbursed: number }>();
  for (const l of lines) {
    for (const [map, key] of [
      [bySource, l.source],
      [byYear, l.year],
    ] as const) {
      const m = map as Map<typeof key, { planned: number; allocated: number; disbursed: number }>;
      const cur = m.get(key) ?? { planned: 0, allocated: 0, disbursed: 0 };
      cur.planned += l.planned;
      cur.allocated += l.allocated ?? 0;
      cur.disbursed += l.disbursed ?? 0;
      m.set(key, cur);
    }
  }
  return {
    totals: fundingTotals(lines),
    bySource: FundingSourceEnum.options.filter((s) => bySource.has(s)).map((s) => ({ source: s, ...bySource.get(s)! })),
    byYear: [...byYear.keys()].sort((a, b) => a - b).map((y) => ({ year: y, ...byYear.get(y)! })),
    flagged: lines.filter(isOverDisbursed).map((l) => ({
      projectCode: l.projectCode,
      year: l.year,
      source: l.source,
      allocated: l.allocated ?? 0,
      disbursed: l.disbursed ?? 0,
      note: l.overDisbursementNote ?? '',
    })),
  };
}

/**
 * Public-investment share of a set of projects' funding: central budget, local budget and ODA/concessional loans
 * (public investment under the Law on Public Investment) over all sources, for planned and for allocated amounts.
 * A share is null when its denominator is zero.
 */
export function publicInvestmentShare(lines: readonly FundingLineValues[]) {
  let publicPlanned = 0;
  let totalPlanned = 0;
  let publicAllocated = 0;
  let totalAllocated = 0;
  for (const l of lines) {
    const isPublic = PUBLIC_INVESTMENT_SOURCES.includes(l.source);
    totalPlanned += l.planned;
    totalAllocated += l.allocated ?? 0;
    if (isPublic) {
      publicPlanned += l.planned;
      publicAllocated += l.allocated ?? 0;
    }
  }
  return {
    publicPlanned,
    totalPlanned,
    sharePlanned: rate(publicPlanned, totalPlanned),
    publicAllocated,
    totalAllocated,
    shareAllocated: rate(publicAllocated, totalAllocated),
  };
}

export const FUNDING_METHOD = {
  vi: 'Số liệu tính bằng triệu đồng, cộng từ các dòng vốn của từng dự án theo nguồn và năm. Tỷ lệ giao vốn = vốn được giao / kế hoạch; tỷ lệ giải ngân = giải ngân / vốn được giao. Vốn đầu tư công gồm ngân sách trung ương, ngân sách địa phương và vốn ODA, vay ưu đãi; tỷ trọng đầu tư công tính cho các dự án liên tỉnh có ít nhất một tỉnh thuộc vùng. Dòng có giải ngân vượt vốn giao phải có giải thích và được liệt kê riêng.',
  en: 'Million VND, summed from each project’s funding lines by source and year. Allocation rate = allocated / planned; disbursement rate = disbursed / allocated. Public investment is central budget, local budget and ODA/concessional loans; its share is computed over inter-provincial projects that touch at least one province of the region. Lines disbursing more than allocated must carry an explanation and are listed separately.',
};
