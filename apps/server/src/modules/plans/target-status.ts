import type { Direction, TargetAssessment, TargetStatusCode } from '@regionlink/shared';
import { formatNumberVi } from '@regionlink/shared';

export const ON_TRACK_RATIO = 0.9;
export const AT_RISK_RATIO = 0.6;

/** The rule, shown next to every computed status. */
export const STATUS_RULE = {
  vi: `Trạng thái được tính, không nhập tay. Nối thẳng từ giá trị cơ sở (hoặc mục tiêu của giai đoạn trước) đến mục tiêu kế tiếp; giá trị kỳ vọng ở năm có số liệu thực hiện nằm trên đường thẳng đó. Tỷ lệ đạt = (thực hiện − điểm xuất phát) / (kỳ vọng − điểm xuất phát). Đúng tiến độ: đạt từ ${ON_TRACK_RATIO * 100}% trở lên hoặc đã đạt mục tiêu; Có nguy cơ chậm: từ ${AT_RISK_RATIO * 100}% đến dưới ${ON_TRACK_RATIO * 100}%; Chậm tiến độ: dưới ${AT_RISK_RATIO * 100}%, hoặc đã qua năm mục tiêu mà chưa đạt. Với chỉ tiêu giảm (ví dụ tỷ lệ nghèo), chiều được đảo lại.`,
  en: `Status is computed, never typed. A straight line runs from the baseline (or the previous phase's target) to the next target; the expected value in the year of the latest actual lies on that line. Achievement = (actual − start) / (expected − start). On track: ${ON_TRACK_RATIO * 100}% or more, or the target already reached; at risk: ${AT_RISK_RATIO * 100}% to below ${ON_TRACK_RATIO * 100}%; off track: below ${AT_RISK_RATIO * 100}%, or the target year has passed without reaching it. For indicators meant to fall (such as the poverty rate) the direction is reversed.`,
};

export interface Point {
  year: number;
  value: number;
}

export interface AssessInput {
  direction: Direction;
  baseline: Point | null;
  /** Current (latest-revision) targets; a target without a year cannot anchor a trajectory. */
  targets: readonly { year: number | null; value: number }[];
  actual: Point | null;
}

const fmt = (n: number) => formatNumberVi(n, Math.abs(n) < 100 && !Number.isInteger(n) ? 2 : 0);
const fmtEn = (n: number) =>
  new Intl.NumberFormat('en-GB', { maximumFractionDigits: Math.abs(n) < 100 && !Number.isInteger(n) ? 2 : 0 }).format(
    n,
  );

function result(
  status: TargetStatusCode,
  explanationVi: string,
  explanationEn: string,
  extra: Partial<TargetAssessment> = {},
): TargetAssessment {
  return {
    status,
    expected: null,
    ratio: null,
    targetYear: null,
    targetValue: null,
    explanationVi,
    explanationEn,
    ...extra,
  };
}

/**
 * Assess an indicator against its trajectory (see STATUS_RULE). Pure: the same inputs always give the same status.
 * Monotonic: for an increasing indicator a higher actual never gives a worse status (the reverse for decreasing).
 */
export function assessTarget(input: AssessInput): TargetAssessment {
  const { direction, baseline, actual } = input;
  const sign = direction === 'increase' ? 1 : -1;
  const dated = input.targets
    .filter((t): t is Point => t.year !== null)
    .slice()
    .sort((a, b) => a.year - b.year);
  const undated = input.targets.filter((t) => t.year === null);
  if (!actual)
    return result(
      'no_data',
      'Chưa có số liệu thực hiện để so sánh với mục tiêu.',
      'No actual value yet to compare with the target.',
    );
  const reaches = (target: number) => sign * (actual.value - target) >= 0;
  if (dated.length === 0) {
    const t = undated[0];
    if (t && reaches(t.value))
      return result(
        'on_track',
        `Đã đạt mục tiêu ${fmt(t.value)} (thực hiện ${fmt(actual.value)} năm ${actual.year}).`,
        `Target ${fmtEn(t.value)} reached (actual ${fmtEn(actual.value)} in ${actual.year}).`,
        { targetValue: t.value, ratio: 1 },
      );
    return result(
      'not_assessable',
      'Mục tiêu không có năm đích nên không dựng được lộ trình để đánh giá.',
      'The target has no target year, so no trajectory can be drawn to assess it.',
      { targetValue: t?.value ?? null },
    );
  }
  const target = dated.find((t) => t.year >= actual.year) ?? dated[dated.length - 1];
  const extra = { targetYear: target.year, targetValue: target.value };
  if (reaches(target.value))
    return result(
      'on_track',
      `Đã đạt mục tiêu ${fmt(target.value)} của năm ${target.year} (thực hiện ${fmt(actual.value)} năm ${actual.year}).`,
      `The ${target.year} target of ${fmtEn(target.value)} is already reached (actual ${fmtEn(actual.value)} in ${actual.year}).`,
      { ...extra, ratio: 1, expected: target.value },
    );
  if (actual.year > target.year)
    return result(
      'off_track',
      `Đã qua năm mục tiêu ${target.year} mà chưa đạt ${fmt(target.value)} (thực hiện ${fmt(actual.value)} năm ${actual.year}).`,
      `The target year ${target.year} has passed without reaching ${fmtEn(target.value)} (actual ${fmtEn(actual.value)} in ${actual.year}).`,
      extra,
    );
  const anchors = [...(baseline ? [baseline] : []), ...dated.filter((t) => t.year < target.year)].filter(
    (a) => a.year <= actual.year,
  );
  const start = anchors.sort((a, b) => a.year - b.year)[anchors.length - 1];
  if (!start)
    return result(
      'not_assessable',
      'Chưa có giá trị cơ sở (năm và số liệu) nên không dựng được lộ trình để đánh giá.',
      'There is no baseline (year and value), so no trajectory can be drawn to assess it.',
      extra,
    );
  const span = target.year - start.year;
  const fraction = span <= 0 ? 1 : Math.min(1, Math.max(0, (actual.year - start.year) / span));
  const expected = start.value + (target.value - start.value) * fraction;
  const needed = sign * (expected - start.value);
  const gained = sign * (actual.value - start.value);
  let ratio: number;
  if (needed <= 1e-12) ratio = gained >= 0 ? 1 : 0;
  else ratio = gained / needed;
  const status: TargetStatusCode =
    ratio >= ON_TRACK_RATIO ? 'on_track' : ratio >= AT_RISK_RATIO ? 'at_risk' : 'off_track';
  const pct = Math.round(ratio * 100);
  return result(
    status,
    `Kỳ vọng năm ${actual.year}: ${fmt(expected)} (trên đường từ ${fmt(start.value)} năm ${start.year} đến ${fmt(target.value)} năm ${target.year}); thực hiện ${fmt(actual.value)}, đạt ${pct}% mức tiến bộ kỳ vọng.`,
    `Expected in ${actual.year}: ${fmtEn(expected)} (on the line from ${fmtEn(start.value)} in ${start.year} to ${fmtEn(target.value)} in ${target.year}); actual ${fmtEn(actual.value)}, ${pct}% of the expected progress.`,
    { ...extra, expected, ratio },
  );
}

export interface TargetRow {
  id: number;
  kind: 'period' | 'end';
  year: number | null;
  value: number;
  revision: number;
}

/** The current targets: for each (kind, year), the row with the highest revision. Earlier rows stay as history. */
export function currentTargets<T extends TargetRow>(history: readonly T[]): T[] {
  const best = new Map<string, T>();
  for (const t of history) {
    const key = `${t.kind}:${t.year ?? ''}`;
    const cur = best.get(key);
    if (!cur || t.revision > cur.revision) best.set(key, t);
  }
  return [...best.values()].sort((a, b) => (a.year ?? 9999) - (b.year ?? 9999) || a.kind.localeCompare(b.kind));
}

/**
 * The revision number a new target gets: 1 for a new (kind, year), else one more than the latest. A revision (not a
 * first entry) must give a reason. History is only ever appended to.
 */
export function nextRevision(
  history: readonly TargetRow[],
  input: { kind: 'period' | 'end'; year: number | null; reason: string | null },
): { revision: number; needsReason: boolean } {
  const same = history.filter((t) => t.kind === input.kind && t.year === input.year);
  const revision = same.reduce((m, t) => Math.max(m, t.revision), 0) + 1;
  return { revision, needsReason: revision > 1 && !(input.reason?.trim() ?? '') };
}
