import fs from 'node:fs';
import path from 'node:path';
import { type CoverageIndicator, type CoverageResponse, type CoverageTheme, yearRuns } from '@regionlink/shared';
import { toCsv } from '../../lib/http';
import { REFERENCE_DIR } from '../../config';

/**
 * The coverage map of the regional database (issue 19), as a pure function of the themes file
 * (`reference/coverage/regional-database-themes.json`, from seed 000 recommendation 3.2.e), the catalogue and the
 * datasets: which themes the database holds, which it touches only through related indicators, and which it lacks.
 */

/** Indicators of a theme: catalogue topics and codes (a code ending in `*` is a prefix). */
export interface ThemeMatch {
  topics: string[];
  indicators: string[];
}

export interface ThemeSpec {
  code: string;
  nameVi: string;
  nameEn: string;
  seedVi: string;
  seedEn: string;
  direct: ThemeMatch;
  related: (ThemeMatch & { reasonVi: string; reasonEn: string })[];
  suppliers: CoverageTheme['suppliers'];
  links: CoverageTheme['links'];
}

export interface ThemesFile {
  source: CoverageResponse['source'];
  themes: ThemeSpec[];
}

/** The themes file as shipped. */
export function readThemes(): ThemesFile {
  return JSON.parse(
    fs.readFileSync(path.join(REFERENCE_DIR, 'coverage', 'regional-database-themes.json'), 'utf8'),
  ) as ThemesFile;
}

/** What the builder needs of a catalogue indicator (with data or not). */
export interface HeldIndicator {
  code: string;
  nameVi: string;
  nameEn: string;
  topic: string;
  periods: number[];
  geographies: string[];
  observationCount: number;
}

/** What the builder needs of a dataset: its identity and the indicators its releases hold. */
export interface HeldDataset {
  id: number;
  code: string;
  titleVi: string;
  titleEn: string;
  publisher: string;
  indicators: string[];
}

/** Does the indicator belong to the match (by topic, code or code prefix)? */
export function matches(m: ThemeMatch, ind: Pick<HeldIndicator, 'code' | 'topic'>): boolean {
  if (m.topics.includes(ind.topic)) return true;
  return m.indicators.some((c) => (c.endsWith('*') ? ind.code.startsWith(c.slice(0, -1)) : c === ind.code));
}

/**
 * Build the coverage map. Only indicators with observations count as held; an indicator listed directly under a
 * theme is not listed again as related to it. `provincesAt` gives the number of provinces of a geography date.
 */
export function buildCoverage(
  file: ThemesFile,
  indicators: readonly HeldIndicator[],
  datasets: readonly HeldDataset[],
  provincesAt: (date: string) => number,
): CoverageResponse {
  const withData = indicators.filter((i) => i.observationCount > 0 && i.periods.length > 0);
  const datasetsOf = (code: string) =>
    datasets
      .filter((d) => d.indicators.includes(code))
      .map(({ id, code, titleVi, titleEn, publisher }) => ({ id, code, titleVi, titleEn, publisher }));
  const view = (i: HeldIndicator): CoverageIndicator => ({
    code: i.code,
    nameVi: i.nameVi,
    nameEn: i.nameEn,
    topic: i.topic,
    periods: i.periods,
    geographies: [...i.geographies].sort().map((date) => ({ date, provinces: provincesAt(date) })),
    datasets: datasetsOf(i.code),
    observationCount: i.observationCount,
  });
  const themed = new Set<string>();
  const themes = file.themes.map((t): CoverageTheme => {
    const direct = withData.filter((i) => matches(t.direct, i));
    const directCodes = new Set(direct.map((i) => i.code));
    const related = t.related.map((r) => ({
      reasonVi: r.reasonVi,
      reasonEn: r.reasonEn,
      indicators: withData.filter((i) => matches(r, i) && !directCodes.has(i.code)).map(view),
    }));
    const all = [...direct.map(view), ...related.flatMap((r) => r.indicators)];
    for (const i of all) themed.add(i.code);
    const years = all.flatMap((i) => i.periods);
    return {
      code: t.code,
      nameVi: t.nameVi,
      nameEn: t.nameEn,
      seedVi: t.seedVi,
      seedEn: t.seedEn,
      status: direct.length > 0 ? 'held' : all.length > 0 ? 'related' : 'missing',
      direct: direct.map(view),
      related: related.filter((r) => r.indicators.length > 0),
      periodFrom: years.length ? Math.min(...years) : null,
      periodTo: years.length ? Math.max(...years) : null,
      datasetCount: new Set(all.flatMap((i) => i.datasets.map((d) => d.code))).size,
      suppliers: t.suppliers,
      links: t.links,
    };
  });
  const count = (s: CoverageTheme['status']) => themes.filter((t) => t.status === s).length;
  return {
    source: file.source,
    themes,
    summary: {
      themes: themes.length,
      held: count('held'),
      related: count('related'),
      missing: count('missing'),
      indicators: withData.length,
      datasets: new Set(datasets.filter((d) => d.indicators.length > 0).map((d) => d.code)).size,
    },
    unthemed: withData.filter((i) => !themed.has(i.code)).map(view),
  };
}

const STATUS_WORDS: Record<CoverageTheme['status'], [string, string]> = {
  held: ['đã có', 'held'],
  related: ['gián tiếp', 'indirect'],
  missing: ['chưa có', 'none'],
};

/**
 * The coverage map as one table (UTF-8 CSV with BOM): a row per theme and indicator, and one row for a theme with
 * none, with its status, years, recorded geographies, datasets and who would supply it.
 */
export function coverageCsv(c: CoverageResponse, lang: 'vi' | 'en'): string {
  const vi = lang === 'vi';
  const pick = (a: string, b: string) => (vi ? a : b);
  const header = vi
    ? [
        'mã nhóm',
        'nhóm thông tin',
        'tình trạng',
        'quan hệ',
        'mã chỉ tiêu',
        'chỉ tiêu',
        'các năm',
        'địa giới',
        'bộ dữ liệu',
        'cơ quan có thể cung cấp',
      ]
    : [
        'theme code',
        'theme',
        'status',
        'relation',
        'indicator code',
        'indicator',
        'years',
        'geographies',
        'datasets',
        'who would supply it',
      ];
  const rows: (string | number | null)[][] = [];
  for (const t of c.themes) {
    const suppliers = t.suppliers.map((s) => pick(s.nameVi, s.nameEn)).join('; ');
    const lead = [t.code, pick(t.nameVi, t.nameEn), STATUS_WORDS[t.status][vi ? 0 : 1]];
    const line = (relation: string, i: CoverageIndicator) => [
      ...lead,
      relation,
      i.code,
      pick(i.nameVi, i.nameEn),
      yearRuns(i.periods),
      i.geographies.map((g) => `${g.provinces} (${g.date})`).join('; '),
      i.datasets.map((d) => d.code).join('; '),
      suppliers,
    ];
    for (const i of t.direct) rows.push(line(pick('trực tiếp', 'direct'), i));
    for (const r of t.related) for (const i of r.indicators) rows.push(line(pick('liên quan', 'related'), i));
    if (t.status === 'missing') rows.push([...lead, '', '', '', '', '', '', suppliers]);
  }
  return toCsv(header, rows);
}
