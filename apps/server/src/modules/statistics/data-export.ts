import { PassThrough, type Readable } from 'node:stream';
import type { DataResponse, DataRow } from '@regionlink/shared';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/client';
import { csvField, neutraliseCell } from '../../lib/http';
import { loadCatalogue } from './catalogue.service';
import type { ObservationQuery } from './query.service';
import { rawSql, sqlLiteral } from './raw-sql';
import { XlsxStreamWriter } from './xlsx-stream';

/**
 * Downloads of what the explorer shows: the rows of a query as CSV (UTF-8 with BOM, so Excel opens Vietnamese text),
 * XLSX (typed numbers, user text as plain strings, a provenance sheet) — with the source and method of every figure.
 * Commune-level CSV (up to hundreds of thousands of rows) is streamed straight from the database with COPY.
 */

type Lang = 'vi' | 'en';

/**
 * The CSV flavour: `rfc4180` (comma, decimal point: the default, what programs read) or `vi-VN` (semicolon, decimal
 * comma: what Excel in a Vietnamese locale opens with numbers as numbers). Both UTF-8 with a BOM.
 */
export type CsvDialect = 'rfc4180' | 'vi-VN';

/** One CSV line in a dialect: numbers with the dialect's decimal mark (no grouping), text quoted as needed. */
export function csvLine(values: readonly (string | number | null | undefined)[], dialect: CsvDialect): string {
  if (dialect === 'rfc4180') return values.map(csvField).join(',');
  const quote = (t: string) => (/[";\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
  return values
    .map((v) =>
      v === null || v === undefined
        ? ''
        : typeof v === 'number'
          ? String(v).replace('.', ',')
          : quote(neutraliseCell(v)),
    )
    .join(';');
}

export const CSV_HEADERS: Record<Lang, string[]> = {
  vi: [
    'Mã chỉ tiêu',
    'Chỉ tiêu',
    'Mã đơn vị',
    'Đơn vị',
    'Năm',
    'Giá trị',
    'Đơn vị tính',
    'Trạng thái',
    'Cách tính',
    'Độ phủ',
    'Nguồn',
  ],
  en: [
    'indicator',
    'indicatorName',
    'unitCode',
    'unitName',
    'period',
    'value',
    'unit',
    'status',
    'method',
    'coverage',
    'sources',
  ],
};

const STATUS: Record<Lang, Record<string, string>> = {
  vi: { final: 'chính thức', provisional: 'sơ bộ', estimate: 'ước tính' },
  en: { final: 'final', provisional: 'provisional', estimate: 'estimate' },
};

/** Values are exported with two more decimals than the indicator publishes (recorded values lose nothing real). */
export function exportValue(v: number | null, decimals: number): number | null {
  if (v === null) return null;
  const f = 10 ** (decimals + 2);
  return Math.round(v * f) / f;
}

function lines(res: DataResponse, lang: Lang) {
  const ind = new Map(res.indicators.map((i) => [i.code, i]));
  return res.rows.map((r: DataRow) => {
    const i = ind.get(r.indicator)!;
    return [
      r.indicator,
      lang === 'vi' ? i.nameVi : i.nameEn,
      r.unitCode,
      lang === 'vi' ? r.unitName : r.unitNameEn,
      r.period,
      exportValue(r.value, i.decimals),
      lang === 'vi' ? i.unitVi : i.unitEn,
      r.status ? STATUS[lang][r.status] : '',
      lang === 'vi' ? r.method.textVi : r.method.textEn,
      `${r.coverage.withData}/${r.coverage.total}`,
      r.sources.map((s) => `${s.dataset} #${s.releaseNumber} (${s.publisher})`).join('; '),
    ] as (string | number | null)[];
  });
}

/** The rows of a query as CSV text with a BOM, in the RFC 4180 (default) or the vi-VN dialect. */
export function dataCsv(res: DataResponse, lang: Lang, dialect: CsvDialect = 'rfc4180'): string {
  const body = [CSV_HEADERS[lang], ...lines(res, lang)].map((r) => csvLine(r, dialect)).join('\r\n');
  return `\uFEFF${body}\r\n`;
}

/** The rows of a query as an XLSX workbook (sheet "Số liệu"/"Data", then "Nguồn"/"Sources"). */
export async function dataXlsx(res: DataResponse, lang: Lang): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'RegionLink';
  const ws = wb.addWorksheet(lang === 'vi' ? 'Số liệu' : 'Data');
  ws.addRow(CSV_HEADERS[lang]).font = { bold: true };
  const ind = new Map(res.indicators.map((i) => [i.code, i]));
  for (const l of lines(res, lang)) {
    const row = ws.addRow(l.map((v) => (typeof v === 'string' ? neutraliseCell(v, false) : v)));
    const i = ind.get(String(l[0]));
    if (i) row.getCell(6).numFmt = i.decimals > 0 ? `#,##0.${'0'.repeat(i.decimals)}` : '#,##0';
  }
  ws.columns.forEach((c, k) => {
    c.width = [14, 36, 10, 28, 8, 16, 14, 12, 60, 8, 50][k] ?? 14;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const src = wb.addWorksheet(lang === 'vi' ? 'Nguồn' : 'Sources');
  src.addRow(
    lang === 'vi'
      ? ['Bộ dữ liệu', 'Tên', 'Cơ quan công bố', 'Nguồn gốc', 'Giấy phép', 'Lưu ý']
      : ['Dataset', 'Title', 'Publisher', 'Original source', 'Licence', 'Caveats'],
  ).font = { bold: true };
  for (const d of res.datasets)
    src.addRow(
      [
        d.code,
        lang === 'vi' ? d.titleVi : d.titleEn,
        d.publisher,
        d.originalSource,
        d.licence,
        lang === 'vi' ? d.caveatsVi : d.caveatsEn,
      ].map((v) => neutraliseCell(v, false)),
    );
  src.addRow([]);
  src.addRow([
    lang === 'vi' ? 'Địa giới' : 'Geography',
    neutraliseCell(lang === 'vi' ? res.query.geographyVi : res.query.geographyEn, false),
  ]);
  for (const n of lang === 'vi' ? res.notesVi : res.notesEn) src.addRow([neutraliseCell(n, false)]);
  src.columns.forEach((c, k) => {
    c.width = [22, 50, 30, 60, 30, 80][k] ?? 20;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The SELECT behind the commune-level CSV: the recorded values of the communes in force on `at`, each with its
 * indicator's and unit's names, unit, status, method, coverage and release, as written to the file. Only validated
 * integers and an ISO date are inlined. Exported for the benchmark's bare COPY of the same columns (B8same).
 */
export async function communeCsvSelect(
  db: Db,
  q: ObservationQuery,
  at: string,
  lang: Lang,
  dialect: CsvDialect = 'rfc4180',
): Promise<string> {
  const cat = await loadCatalogue(db);
  const defs = q.indicators.map((c) => cat.byCode.get(c)).filter((d) => !!d);
  const ids = defs.map((d) => Number(d!.id)).join(',') || '0';
  const from = q.period ?? q.from ?? 1900;
  const to = q.period ?? q.to ?? 2100;
  const units = q.units?.length ? `and o.unit_code in (${q.units.map((u) => sqlLiteral(u)).join(',')})` : '';
  const name = lang === 'vi' ? 'name_vi' : 'name_en';
  const method = lang === 'vi' ? 'Số liệu ghi nhận cho đơn vị này' : 'Recorded for this unit';
  const st = STATUS[lang];
  // Recorded values are written as stored (PostgreSQL prints the shortest exact form); release labels are joined
  // from a small derived table, so the per-row work is a lookup.
  return `
    select i.code, i.${name}, o.unit_code, u.${name}, o.period,
           ${dialect === 'vi-VN' ? "replace(o.value::text, '.', ',')" : 'o.value'}, i.unit_${lang},
           case o.status when 'final' then ${sqlLiteral(st.final)} when 'provisional'
             then ${sqlLiteral(st.provisional)} else ${sqlLiteral(st.estimate)} end,
           ${sqlLiteral(method)}, '1/1', rl.label
    from observations o
    join stat_units u on u.code = o.unit_code and u.geo_date = o.geo_date and u.level = 'commune'
    join indicators i on i.id = o.indicator_id
    join (select r.id, d.code || ' #' || r.number || ' (' || d.publisher || ')' as label
          from releases r join datasets d on d.id = r.dataset_id) rl on rl.id = o.release_id
    where o.indicator_id in (${ids}) and o.period between ${Number(from)} and ${Number(to)}
      and u.geo_date <= ${sqlLiteral(at)}::date and (u.valid_to is null or u.valid_to >= ${sqlLiteral(at)}::date)
      ${units}`;
}

/** Commune-level CSV streamed with COPY (no JS row objects, so memory stays flat whatever the size). */
export async function communeCsvStream(
  db: Db,
  q: ObservationQuery,
  at: string,
  lang: Lang,
  dialect: CsvDialect = 'rfc4180',
): Promise<Readable> {
  return rawSql(db).copyOutCsv(await communeCsvSelect(db, q, at, lang, dialect), {
    delimiter: dialect === 'vi-VN' ? ';' : ',',
    prefix: `\uFEFF${csvLine(CSV_HEADERS[lang], dialect)}\r\n`,
  });
}

/**
 * Commune-level XLSX, streamed: rows are read one period at a time and written by `XlsxStreamWriter`, so neither the
 * rows nor the workbook are ever whole in memory.
 */
export async function communeXlsxStream(db: Db, q: ObservationQuery, at: string, lang: Lang): Promise<Readable> {
  const cat = await loadCatalogue(db);
  const defs = q.indicators.map((c) => cat.byCode.get(c)).filter((d): d is NonNullable<typeof d> => !!d);
  const from = q.period ?? q.from ?? 1900;
  const to = q.period ?? q.to ?? 2100;
  const raw = rawSql(db);
  const periods = (
    await raw.query<{ period: number }>(
      `select distinct period from indicator_periods where indicator_id = any($1::int[]) and level = 'commune'
         and period between $2 and $3 order by 1`,
      [defs.map((d) => d.id), from, to],
    )
  ).map((r) => r.period);
  const labels = new Map(
    (
      await raw.query<{ id: number; label: string }>(
        `select r.id, d.code || ' #' || r.number || ' (' || d.publisher || ')' as label
         from releases r join datasets d on d.id = r.dataset_id`,
      )
    ).map((r) => [r.id, r.label]),
  );
  const out = new PassThrough();
  const widths = [14, 36, 10, 28, 8, 16, 14, 12, 30, 8, 40];
  const xlsx = new XlsxStreamWriter(
    out,
    lang === 'vi' ? 'Số liệu' : 'Data',
    CSV_HEADERS[lang].map((header, k) => ({ header, width: widths[k] ?? 14 })),
  );
  const byId = new Map(defs.map((d) => [d.id, d]));
  const method = lang === 'vi' ? 'Số liệu ghi nhận cho đơn vị này' : 'Recorded for this unit';
  const units = q.units?.length ? q.units : null;
  void (async () => {
    try {
      for (const p of periods) {
        const rows = await raw.queryArrays(
          `select o.indicator_id, o.unit_code, u.name_${lang}, o.value, o.status, o.release_id
           from observations o join stat_units u on u.code = o.unit_code and u.geo_date = o.geo_date and u.level = 'commune'
           where o.indicator_id = any($1::int[]) and o.period = $2 and u.geo_date <= $3::date
             and (u.valid_to is null or u.valid_to >= $3::date) ${units ? 'and o.unit_code = any($4::text[])' : ''}
           order by o.indicator_id, o.unit_code`,
          units ? [defs.map((d) => d.id), p, at, units] : [defs.map((d) => d.id), p, at],
        );
        for (const r of rows) {
          const [ind, code, name, value, status, rel] = r as [number, string, string, number, string, number];
          const d = byId.get(ind)!;
          xlsx.addRow([
            d.code,
            lang === 'vi' ? d.nameVi : d.nameEn,
            code,
            name,
            p,
            value,
            lang === 'vi' ? d.unitVi : d.unitEn,
            STATUS[lang][status] ?? status,
            method,
            '1/1',
            neutraliseCell(labels.get(rel) ?? '', false),
          ]);
        }
        await xlsx.drained();
      }
      xlsx.end();
    } catch (e) {
      out.destroy(e as Error);
    }
  })();
  return out;
}

/** A blank import template (long format, with two example rows) as CSV or XLSX. */
export async function importTemplate(format: 'csv' | 'xlsx'): Promise<Buffer | string> {
  const rows = [
    ['indicator', 'unitCode', 'period', 'value', 'date', 'status', 'note'],
    ['population', '20', '2025', '813500', '2025-12-31', 'provisional', 'Ví dụ / example'],
    ['poverty_rate', '20', '2025', '6.2', '', 'final', ''],
  ];
  if (format === 'csv') return `\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('data');
  for (const r of rows) ws.addRow(r);
  ws.getRow(1).font = { bold: true };
  ws.getColumn(2).numFmt = '@';
  ws.columns.forEach((c) => {
    c.width = 16;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
