import crypto from 'node:crypto';
import {
  type DataResponse,
  type DataRow,
  formatNumberVi,
  normaliseText,
  type ReportTable,
  StatisticsTableInput,
  type StatisticsTableResponse,
} from '@regionlink/shared';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import { listGroupings, listUnits, todayVn } from '../geo/geo.service';
import { queryObservations } from '../statistics/query.service';

type Input = z.output<typeof StatisticsTableInput>;

/** The most value columns a table may have (the model allows 12 columns, the first names the unit). */
export const MAX_VALUE_COLUMNS = 11;

const badRequest = (code: string, path: string, en: string, vi: string) =>
  new AppError(400, code, en, vi, [{ path, message: en, messageVi: vi }]);

const dmy = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');

/** "năm 2024", "năm 2022–2024" (consecutive) or "năm 2020, 2022 và 2024". */
export function yearsText(years: readonly number[]): string {
  if (years.length === 1) return `năm ${years[0]}`;
  const consecutive = years.every((y, i) => i === 0 || y === years[i - 1] + 1);
  if (consecutive) return `năm ${years[0]}–${years[years.length - 1]}`;
  return `năm ${years.slice(0, -1).join(', ')} và ${years[years.length - 1]}`;
}

const STATUS_VI = { provisional: 'sơ bộ', estimate: 'ước tính' } as const;

/**
 * Build a report table from the statistics query engine: one row per unit (regions in their official order, provinces
 * in code order), one column per (indicator, year), values formatted vi-VN with the indicator's decimals, "—" where the
 * database has no complete value, a last row for the whole, and the source line every table of the report needs:
 * the datasets with publisher, release number and date, how each indicator is computed, and the geography.
 */
export async function buildStatisticsTable(db: Db, raw: unknown, defaultAt: string): Promise<StatisticsTableResponse> {
  const input: Input = StatisticsTableInput.parse(raw);
  const years = [...new Set(input.years)].sort((a, b) => a - b);
  const indicators = [...new Set(input.indicators)];
  if (indicators.length * years.length > MAX_VALUE_COLUMNS)
    throw badRequest(
      'too_many_columns',
      'body.years',
      `${indicators.length} indicators × ${years.length} years make more than ${MAX_VALUE_COLUMNS} value columns.`,
      `${indicators.length} chỉ tiêu × ${years.length} năm vượt quá ${MAX_VALUE_COLUMNS} cột số liệu.`,
    );
  const at = input.at ?? defaultAt;
  if (input.level === 'region' && input.region)
    throw badRequest(
      'region_with_region_level',
      'body.region',
      '"region" selects the provinces of a region; use it with level "province".',
      '"region" dùng để chọn các tỉnh của một vùng; chỉ dùng với level "province".',
    );

  // The rows: which units, in which order, and what the total row is.
  const regions = await listGroupings(db, { type: 'region', at });
  let codes: string[];
  let scopeVi: string;
  let total: { level: 'national' | 'region'; code: string; nameVi: string } | null = null;
  if (input.level === 'region') {
    codes = regions.map((r) => r.code);
    scopeVi = 'theo vùng kinh tế - xã hội';
    total = { level: 'national', code: 'VN', nameVi: 'Cả nước' };
  } else if (input.region) {
    const g = regions.find((r) => r.code === input.region);
    if (!g)
      throw badRequest(
        'unknown_region',
        'body.region',
        `No region ${input.region} on ${at}.`,
        `Không có vùng mã ${input.region} vào ngày ${dmy(at)}.`,
      );
    codes = [...g.memberCodes].sort();
    scopeVi = `các tỉnh, thành phố vùng ${g.nameVi}`;
    total = { level: 'region', code: g.code, nameVi: `Vùng ${g.nameVi}` };
  } else {
    codes = (await listUnits(db, { level: 'province', at })).map((u) => u.code).sort();
    scopeVi = 'theo tỉnh, thành phố';
    total = { level: 'national', code: 'VN', nameVi: 'Cả nước' };
  }
  if (input.units) {
    const known = new Set(codes);
    const bad = input.units.findIndex((u) => !known.has(u));
    if (bad >= 0)
      throw badRequest(
        'unknown_unit',
        `body.units.${bad}`,
        `${input.units[bad]} is not one of the units chosen on ${at}.`,
        `${input.units[bad]} không thuộc các đơn vị đã chọn vào ngày ${dmy(at)}.`,
      );
    codes = [...new Set(input.units)];
  }
  if (!input.total) total = null;

  const range = { from: years[0], to: years[years.length - 1] };
  const main = await queryObservations(db, { indicators, level: input.level, at, units: codes, ...range });
  const whole = total
    ? await queryObservations(db, {
        indicators,
        level: total.level,
        at,
        ...(total.level === 'region' ? { units: [total.code] } : {}),
        ...range,
      })
    : null;

  const defs = new Map(main.indicators.map((d) => [d.code, d]));
  const key = (ind: string, unit: string, period: number | string) => `${ind}|${unit}|${period}`;
  const cell = new Map<string, DataRow>();
  const names = new Map<string, string>();
  for (const r of [...main.rows, ...(whole?.rows ?? [])]) {
    cell.set(key(r.indicator, r.unitCode, r.period), r);
    names.set(r.unitCode, r.unitName);
  }
  if (main.rows.length === 0) {
    // No period in range at all: still name the units.
    for (const u of await listUnits(db, { level: 'province', at })) names.set(u.code, u.nameVi);
    for (const g of regions) names.set(g.code, g.nameVi);
  }
  const rowUnits = [...codes, ...(total ? [total.code] : [])];

  const columns: ReportTable['columns'] = [
    { label: input.level === 'region' ? 'Vùng' : 'Tỉnh, thành phố', align: 'left' },
  ];
  const valueCols: { ind: string; year: number }[] = [];
  for (const ind of indicators)
    for (const year of years) {
      const d = defs.get(ind)!;
      const statuses = new Set(rowUnits.map((u) => cell.get(key(ind, u, year))?.status ?? null));
      const flag = statuses.has('estimate')
        ? ` (${STATUS_VI.estimate})`
        : statuses.has('provisional')
          ? ` (${STATUS_VI.provisional})`
          : '';
      const label =
        indicators.length === 1
          ? `${year}${flag}`
          : `${d.nameVi} (${d.unitVi})${years.length > 1 ? `, ${year}` : ''}${flag}`;
      columns.push({ label, align: 'right' });
      valueCols.push({ ind, year });
    }

  let anyMissing = false;
  const rows = rowUnits.map((u) => {
    const first = total && u === total.code ? total.nameVi : (names.get(u) ?? u);
    return [
      first,
      ...valueCols.map(({ ind, year }) => {
        const r = cell.get(key(ind, u, year));
        if (!r || r.value === null) {
          anyMissing = true;
          return '—';
        }
        return formatNumberVi(r.value, defs.get(ind)!.decimals);
      }),
    ];
  });

  // Where the figures come from: each release once, with its dataset, publisher, number and date.
  const datasets = new Map<string, DataResponse['datasets'][number]>();
  for (const d of [...main.datasets, ...(whole?.datasets ?? [])]) datasets.set(d.code, d);
  const releases = new Map<number, { dataset: string; number: number; publishedAt: string; publisher: string }>();
  for (const r of [...main.rows, ...(whole?.rows ?? [])])
    if (r.value !== null && years.includes(Number(r.period)))
      for (const s of r.sources)
        releases.set(s.releaseId, {
          dataset: s.dataset,
          number: s.releaseNumber,
          publishedAt: s.publishedAt,
          publisher: s.publisher,
        });
  const sourceList = [...releases.values()]
    .sort((a, b) => a.dataset.localeCompare(b.dataset) || a.number - b.number)
    .map(
      (r) =>
        `${datasets.get(r.dataset)?.titleVi ?? r.dataset} (${r.publisher}; bản phát hành số ${r.number} ngày ${dmy(r.publishedAt)})`,
    );
  const methods = indicators.map((c) => `${defs.get(c)!.nameVi}: ${defs.get(c)!.ruleVi}`);
  const notes = [...new Set([...main.notesVi, ...(whole?.notesVi ?? [])])].filter((n) => !n.includes('alternatives'));
  const parts = [
    `Nguồn: Cơ sở dữ liệu thống kê RegionLink, truy xuất ngày ${dmy(todayVn())}${
      sourceList.length ? ` — ${sourceList.join('; ')}` : ' (chưa có số liệu cho các năm đã chọn)'
    }.`,
    `Cách tính: ${methods.join('; ')}.`,
    `Địa giới hành chính: ${main.query.geographyVi}.`,
    ...notes,
    ...(anyMissing ? ['“—”: chưa có số liệu đầy đủ.'] : []),
  ];
  let source = parts.join(' ');
  if (source.length > 2000) source = `${source.slice(0, 1996)}….`;

  const one = indicators.length === 1 ? defs.get(indicators[0])! : null;
  const title =
    (input.title ? normaliseText(input.title) : null) ??
    (one
      ? `${one.nameVi} ${scopeVi}, ${yearsText(years)} (đơn vị: ${one.unitVi})`
      : `Một số chỉ tiêu ${scopeVi}, ${yearsText(years)}`);

  return {
    table: {
      id: `thong-ke-${crypto.randomBytes(4).toString('hex')}`,
      title: title.slice(0, 500),
      columns,
      rows,
      source,
    },
    at,
    releases: [...releases.keys()].sort((a, b) => a - b),
    notesVi: notes,
    notesEn: [...new Set([...main.notesEn, ...(whole?.notesEn ?? [])])].filter((n) => !n.includes('alternatives')),
  };
}
