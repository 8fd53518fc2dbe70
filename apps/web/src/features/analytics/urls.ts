// The addresses of the analytics API, without its queries (which import React Query): the first requests of a page
// (app/first-requests.ts) are made from the same functions before the application has loaded.

/** The key figures of a profile, in the order shown (features/analytics/model.ts). */
export const PROFILE_INDICATORS = [
  'population',
  'area',
  'population_density',
  'grdp_per_capita',
  'monthly_income_per_capita',
  'poverty_rate',
  'pci',
  'papi',
  'budget_revenue',
] as const;

/** The query string of `GET /api/v1/data` for several indicators at one level (every period). */
export const multiDataQs = (
  indicators: readonly string[],
  level: 'province' | 'region' | 'national',
  at: string,
  extra: Record<string, string> = {},
) => new URLSearchParams({ indicator: indicators.join(','), level, at, ...extra }).toString();

/** The statistics query of several indicators at one level (`multiDataQuery`). */
export const multiDataUrl = (...args: Parameters<typeof multiDataQs>) => `/api/v1/data?${multiDataQs(...args)}`;

/** The query string of an analytics GET endpoint (`/api/v1/analytics/<path>?…`), without its empty parameters. */
export function analyticsQs(params: Record<string, string | undefined> | null) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined && v !== '') qs.set(k, v);
  return qs.toString();
}
