import type { DataResponse, DataRow, Grouping, Indicator, RanksResponse } from '@regionlink/shared';

/** The key figures of a profile, in the order shown. */
export { PROFILE_INDICATORS } from './urls';

/** Ranked with the lowest value first (rank 1 = the lowest poverty rate). */
export const LOWER_RANKED = ['poverty_rate'];

/** Indicators offered by default for "provinces most like this one". */
export const DEFAULT_PEER_INDICATORS = ['grdp_per_capita', 'population', 'population_density'];

/** Rank 1 = the highest value (values of LOWER_RANKED indicators are negated first); ties share the better rank ("1224"): 1 + the number of units strictly greater. */
export function rankOf(values: readonly { code: string; value: number }[], code: string): number | null {
  const mine = values.find((v) => v.code === code);
  if (!mine) return null;
  return 1 + values.filter((v) => v.value > mine.value).length;
}

export interface KeyFigure {
  indicator: Indicator;
  /** The unit's row in the latest period it has a value (or null when it has none). */
  row: DataRow | null;
  period: number | string | null;
  nationalRank: number | null;
  nationalOf: number;
  regionRank: number | null;
  regionOf: number;
  /** The unit's values over every period, oldest first (null = no value that year). */
  trend: { period: number | string; value: number | null }[];
}

/**
 * Key figures of one unit from a multi-indicator `GET /api/v1/data` response over all units of its level: its
 * latest value, its rank among all units and among `peers` (the units of its region) in that period, and its trend.
 */
export function keyFigures(data: DataResponse, code: string, regionMembers: readonly string[]): KeyFigure[] {
  const byIndicator = new Map<string, DataRow[]>();
  for (const r of data.rows) {
    const list = byIndicator.get(r.indicator);
    if (list) list.push(r);
    else byIndicator.set(r.indicator, [r]);
  }
  const inRegion = new Set(regionMembers);
  return data.indicators.map((indicator) => {
    const rows = byIndicator.get(indicator.code) ?? [];
    const mine = rows.filter((r) => r.unitCode === code);
    const periods = [...new Set(rows.map((r) => r.period))].sort((a, b) => Number(a) - Number(b));
    const byPeriod = new Map(mine.map((r) => [String(r.period), r]));
    const trend = periods.map((p) => ({ period: p, value: byPeriod.get(String(p))?.value ?? null }));
    const latest = [...mine].filter((r) => r.value !== null).sort((a, b) => Number(b.period) - Number(a.period))[0];
    if (!latest)
      return {
        indicator,
        row: null,
        period: null,
        nationalRank: null,
        nationalOf: 0,
        regionRank: null,
        regionOf: 0,
        trend,
      };
    const sign = LOWER_RANKED.includes(indicator.code) ? -1 : 1;
    const same = rows
      .filter((r) => String(r.period) === String(latest.period) && r.value !== null)
      .map((r) => ({ code: r.unitCode, value: sign * (r.value as number) }));
    const region = same.filter((v) => inRegion.has(v.code));
    return {
      indicator,
      row: latest,
      period: latest.period,
      nationalRank: rankOf(same, code),
      nationalOf: same.length,
      regionRank: inRegion.has(code) ? rankOf(region, code) : null,
      regionOf: region.length,
      trend,
    };
  });
}

/**
 * One indicator of a multi-indicator response as the grapher block wants it (`data` for ONE indicator), keeping only
 * some units and the periods in which they have values.
 */
export function sliceResponse(data: DataResponse, indicator: string, units?: readonly string[]): DataResponse {
  const keep = units ? new Set(units) : null;
  const rows = data.rows.filter((r) => r.indicator === indicator && (!keep || keep.has(r.unitCode)));
  const withValue = new Set(rows.filter((r) => r.value !== null).map((r) => String(r.period)));
  const periods = data.query.periods.filter((p) => withValue.has(String(p)));
  const datasetCodes = new Set(rows.flatMap((r) => r.sources.map((s) => s.dataset)));
  return {
    ...data,
    query: { ...data.query, indicators: [indicator], periods },
    indicators: data.indicators.filter((i) => i.code === indicator),
    rows: rows.filter((r) => withValue.has(String(r.period))),
    datasets: data.datasets.filter((d) => datasetCodes.has(d.code)),
    summary: null,
  };
}

/** The region (type `region`) a province belongs to on the geography date, from the groupings list. */
export function regionOf(groupings: readonly Grouping[], provinceCode: string): Grouping | null {
  return groupings.find((g) => g.type === 'region' && g.memberCodes.includes(provinceCode)) ?? null;
}

/** "Publisher — dataset title (release #n, date)" for the sources of a row. */
export function sourceLine(
  data: DataResponse,
  row: DataRow,
  pick: (vi: string, en: string) => string,
  releaseWord: string,
): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const s of row.sources) {
    if (seen.has(s.dataset)) continue;
    seen.add(s.dataset);
    const d = data.datasets.find((x) => x.code === s.dataset);
    const date = s.publishedAt.slice(0, 10).split('-').reverse().join('/');
    parts.push(
      `${pick(s.publisher, s.publisherEn)}${d ? ` — ${pick(d.titleVi, d.titleEn)}` : ''} (${releaseWord} #${s.releaseNumber}, ${date})`,
    );
  }
  return parts.join('; ');
}

/**
 * Key figures of a province from its own rows (value, year, trend) with the ranks computed by the analytics module
 * (`GET /api/v1/analytics/ranks?unit=CODE`: nationally and within its region, in the same year).
 */
export function figuresWithRanks(own: DataResponse, ranks: RanksResponse | undefined, code: string): KeyFigure[] {
  return keyFigures(own, code, []).map((f) => {
    const item = ranks?.items.find((i) => i.indicator === f.indicator.code && String(i.period) === String(f.period));
    const mine = item?.units.find((u) => u.code === code);
    return mine
      ? {
          ...f,
          nationalRank: mine.nationalRank,
          nationalOf: mine.nationalOf,
          regionRank: mine.regionRank,
          regionOf: mine.regionOf ?? 0,
        }
      : { ...f, nationalRank: null, nationalOf: 0, regionRank: null, regionOf: 0 };
  });
}

/** "2010–2016", or "2024" when an indicator has a single year. */
export function yearsLabel(periods: readonly number[]): string {
  if (!periods.length) return '';
  return periods.length === 1 ? String(periods[0]) : `${periods[0]}–${periods[periods.length - 1]}`;
}
