/**
 * The figures reported on a task, with their units: summed when every reporter gave a number of the same unit and the
 * figure is additive (counts, lengths), listed by organisation otherwise. Values are printed in vi-VN format.
 */

export interface FigureDefinition {
  key: string;
  labelVi: string;
  unitVi: string;
  decimals: number;
}

export interface ReportedFigure {
  organisation: string;
  values: Record<string, number | null>;
}

export interface FigureSummary {
  key: string;
  label: string;
  unit: string;
  /** The sum when at least two organisations reported it; null for one reporter. */
  total: number | null;
  items: { organisation: string; value: number }[];
}

const vi = (n: number, decimals: number) =>
  n.toLocaleString('vi-VN', { minimumFractionDigits: 0, maximumFractionDigits: decimals });

/** Sum and list each asked figure over the organisations that reported a value (figures nobody gave are left out). */
export function summariseFigures(
  defs: readonly FigureDefinition[],
  reported: readonly ReportedFigure[],
): FigureSummary[] {
  const out: FigureSummary[] = [];
  for (const d of defs) {
    const items = reported
      .map((r) => ({ organisation: r.organisation, value: r.values[d.key] }))
      .filter(
        (x): x is { organisation: string; value: number } => typeof x.value === 'number' && Number.isFinite(x.value),
      );
    if (items.length === 0) continue;
    const total = items.length > 1 ? Number(items.reduce((a, x) => a + x.value, 0).toFixed(d.decimals)) : null;
    out.push({ key: d.key, label: d.labelVi, unit: d.unitVi, total, items });
  }
  return out;
}

/** A figure's value with its unit, vi-VN ("3.000 km", "12,5 triệu giao dịch"). */
export function formatFigure(value: number, unit: string, decimals = 2): string {
  return `${vi(value, decimals)} ${unit}`.trim();
}

/** The items of a summary as "Lạng Sơn: 174 nội dung; Cao Bằng: 52 nội dung". */
export function figureItems(s: FigureSummary, decimals = 2): string {
  return s.items.map((x) => `${x.organisation}: ${formatFigure(x.value, s.unit, decimals)}`).join('; ');
}

/** The total of a summary formatted vi-VN with its unit, or null when there is no total. */
export function figureTotal(s: FigureSummary, decimals = 2): string | null {
  return s.total === null ? null : vi(s.total, decimals);
}
