import { z } from 'zod';

/**
 * The coverage map of the regional database (issue 19): the themes seed 000 (recommendation 3.2.e of the 2025
 * Resolution 57 report) asks the regional database to hold, and for each the indicators and datasets RegionLink holds,
 * their years and geographies, or nothing yet and who would supply it. `GET /api/v1/coverage`.
 */

/** Query of `GET /api/v1/coverage`: JSON, or the table as CSV (one row per theme and indicator). */
export const CoverageQuery = z
  .object({ format: z.enum(['json', 'csv']).default('json'), lang: z.enum(['vi', 'en']).default('vi') })
  .strict();

export const CoverageGeography = z.object({
  /** First day of the unit set (`2008-08-01`: the 63 provinces; `2025-07-01`: the 34). */
  date: z.string(),
  provinces: z.number().int(),
});

export const CoverageDataset = z.object({
  id: z.number().int(),
  code: z.string(),
  titleVi: z.string(),
  titleEn: z.string(),
  publisher: z.string(),
});

export const CoverageIndicator = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  topic: z.string(),
  periods: z.array(z.number().int()),
  geographies: z.array(CoverageGeography),
  datasets: z.array(CoverageDataset),
  observationCount: z.number().int(),
});
export type CoverageIndicator = z.infer<typeof CoverageIndicator>;

export const CoverageSupplier = z.object({
  nameVi: z.string(),
  nameEn: z.string(),
  /** `seed`: the seed names this organisation for this content; `follows`: it clearly follows from the seed. */
  basis: z.enum(['seed', 'follows']),
  reasonVi: z.string(),
  reasonEn: z.string(),
});

export const CoverageTheme = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  seedVi: z.string(),
  seedEn: z.string(),
  /** `held`: indicators that measure the theme; `related`: only indicators that bear on it; `missing`: nothing. */
  status: z.enum(['held', 'related', 'missing']),
  direct: z.array(CoverageIndicator),
  related: z.array(z.object({ reasonVi: z.string(), reasonEn: z.string(), indicators: z.array(CoverageIndicator) })),
  /** Years with data over every indicator of the theme (direct and related), or null. */
  periodFrom: z.number().int().nullable(),
  periodTo: z.number().int().nullable(),
  datasetCount: z.number().int(),
  suppliers: z.array(CoverageSupplier),
  links: z.array(z.object({ to: z.string(), nameVi: z.string(), nameEn: z.string() })),
});
export type CoverageTheme = z.infer<typeof CoverageTheme>;

export const CoverageResponse = z.object({
  source: z.object({ vi: z.string(), en: z.string(), quoteVi: z.string(), quoteEn: z.string() }),
  themes: z.array(CoverageTheme),
  summary: z.object({
    themes: z.number().int(),
    held: z.number().int(),
    related: z.number().int(),
    missing: z.number().int(),
    indicators: z.number().int(),
    datasets: z.number().int(),
  }),
  /** Catalogue indicators with data that no theme lists, so that nothing held is hidden. */
  unthemed: z.array(CoverageIndicator),
});
export type CoverageResponse = z.infer<typeof CoverageResponse>;

/** Years as runs: [2010, 2011, 2012, 2016] → "2010–2012, 2016" (a sorted list of distinct years). */
export function yearRuns(years: readonly number[]): string {
  const ys = [...new Set(years)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < ys.length; ) {
    let j = i;
    while (j + 1 < ys.length && ys[j + 1] === ys[j] + 1) j++;
    runs.push(j === i ? String(ys[i]) : `${ys[i]}–${ys[j]}`);
    i = j + 1;
  }
  return runs.join(', ');
}
