import type { ObservationStatus } from '@regionlink/shared';
import { foldVi, formatDateVi, normaliseText } from '@regionlink/shared';
import type { Db } from '../../db/client';
import type { Catalogue, IndicatorDef } from './catalogue.service';
import type { CsvRecord } from './csv-stream';
import type { ContributionTarget } from './import.service';
import type { Header, ImportErrorLog, ImportRecord } from './import-parse';
import { parseGeoDate, parseNote, parsePeriod, parseStatus, parseValue } from './import-values';
import { rawSql } from './raw-sql';
import type { XlsxRecord } from './xlsx-read';

/**
 * Stage 2 of an import, **check**: every record is checked against the catalogue and the geography (codes of the
 * chosen geography, numbers, periods, ranges, the uploader's rights, duplicates), every problem is logged by row and
 * column, and each valid observation is handed to a sink (the stage step). Nothing here touches the database.
 */

/** A unit of the geography read model, as the checker resolves codes to it. */
export interface UnitInfo {
  code: string;
  geoDate: string;
  validTo: string | null;
  level: 'province' | 'commune';
  nameVi: string;
  parentCode: string | null;
  parentGeoDate: string | null;
  idx: number;
  /** Small number identifying (geography start date, level), for counters. */
  geoKey: number;
  /** Small number identifying the parent province (code, start date); −1 without a parent. */
  parentIdx: number;
}

export interface UnitIndex {
  byCode: Map<string, UnitInfo[]>;
  byName: Map<string, UnitInfo[]>;
}

/** Receives each valid observation (positional, so that a million rows make no garbage objects). */
export type ObservationSink = (
  line: number,
  ind: IndicatorDef,
  unit: UnitInfo,
  period: number,
  value: number,
  status: ObservationStatus,
  note: string | null,
) => void;

export interface CheckContext {
  catalogue: Pick<Catalogue, 'byCode'>;
  units: UnitIndex;
  /** Unit keys (`code|geoDate`) the uploader may write; null: any. */
  allowed: Set<string> | null;
  decimal: 'dot' | 'comma';
  /** The geography date chosen for the whole file, if any. */
  at?: string;
  contribution?: Pick<ContributionTarget, 'indicators'>;
  /** The last year an indicator without a maximum period may have. */
  currentYear: number;
}

/** The common cell: digits with an optional decimal point (the fast path of value parsing). */
const SIMPLE_NUMBER = /^-?\d{1,15}(\.\d{1,15})?$/;
/** Rows whose keys are tracked in memory to find duplicates with their line numbers; beyond, SQL finds them. */
export const DUP_TRACK_LIMIT = 2_000_000;

const unitIndexCache = new WeakMap<object, { hash: string; index: UnitIndex }>();

/** The unit index, rebuilt only when the geography read model changed (its hash is in `stat_meta`). */
export async function loadUnitIndex(db: Db): Promise<UnitIndex> {
  const [meta] = await rawSql(db).query<{ value: string }>(`select value from stat_meta where key = 'units_hash'`);
  const hit = unitIndexCache.get(db);
  if (hit && meta && hit.hash === meta.value) return hit.index;
  const index = await readUnitIndex(db);
  if (meta) unitIndexCache.set(db, { hash: meta.value, index });
  return index;
}

async function readUnitIndex(db: Db): Promise<UnitIndex> {
  const rows = await rawSql(db).query<{
    code: string;
    geo_date: string;
    valid_to: string | null;
    level: 'province' | 'commune';
    name_vi: string;
    parent_code: string | null;
    parent_geo_date: string | null;
  }>(
    `select code, to_char(geo_date, 'YYYY-MM-DD') as geo_date, to_char(valid_to, 'YYYY-MM-DD') as valid_to, level,
            name_vi, parent_code, to_char(parent_geo_date, 'YYYY-MM-DD') as parent_geo_date
     from stat_units order by level, code, geo_date`,
  );
  const byCode = new Map<string, UnitInfo[]>();
  const byName = new Map<string, UnitInfo[]>();
  const geoKeys = new Map<string, number>();
  const parents = new Map<string, number>();
  rows.forEach((r, idx) => {
    const pkey = r.parent_code ? `${r.parent_code}|${r.parent_geo_date}` : null;
    if (pkey && !parents.has(pkey)) parents.set(pkey, parents.size);
    const gk = `${r.geo_date}|${r.level}`;
    if (!geoKeys.has(gk)) geoKeys.set(gk, geoKeys.size);
    const u: UnitInfo = {
      code: r.code,
      geoDate: r.geo_date,
      validTo: r.valid_to,
      level: r.level,
      nameVi: r.name_vi,
      parentCode: r.parent_code,
      parentGeoDate: r.parent_geo_date,
      idx,
      geoKey: geoKeys.get(gk) as number,
      parentIdx: pkey ? (parents.get(pkey) as number) : -1,
    };
    byCode.set(r.code, [...(byCode.get(r.code) ?? []), u]);
    const n = foldVi(r.name_vi);
    byName.set(n, [...(byName.get(n) ?? []), u]);
  });
  return { byCode, byName };
}

export const inForce = (u: UnitInfo, day: string) => u.geoDate <= day && (u.validTo === null || u.validTo >= day);
const levelOfCode = (code: string) => (code.length === 2 ? 'province' : code.length === 5 ? 'commune' : null);

const CELL_PROBLEM_TEXT: Record<string, [string, string]> = {
  formula_without_value: [
    'The cell is a formula without a saved result; open the file in Excel, recalculate and save, or paste values.',
    'Ô chứa công thức nhưng không có kết quả đã lưu; hãy mở tệp bằng Excel, tính lại và lưu, hoặc dán giá trị.',
  ],
  cell_error: ['The cell holds an Excel error (#N/A, #VALUE!…).', 'Ô chứa lỗi của Excel (#N/A, #VALUE!…).'],
  date_cell: [
    'The cell is a date; write the year as a number (2024).',
    'Ô có định dạng ngày; hãy ghi năm dưới dạng số (2024).',
  ],
};

interface RowCommon {
  ind?: IndicatorDef;
  unit?: UnitInfo;
  status: ObservationStatus;
  note: string | null;
  rowOk: boolean;
}

/**
 * Checks records one by one (`check`), logging problems and handing valid observations to the sink. Texts that repeat
 * (periods, codes on a day) are parsed once. Duplicates are found in memory with the row of the first occurrence, up
 * to `DUP_TRACK_LIMIT` observations; `tracksAllDuplicates` tells whether the stage must look for the rest in SQL.
 */
export class ObservationChecker {
  /** Valid observations handed on (duplicates excluded). */
  valid = 0;
  private readonly seen = new Map<number, Map<number, number>>();
  private seenSize = 0;
  private trackDups = true;
  private readonly periodMemo = new Map<string, ReturnType<typeof parsePeriod>>();
  private readonly unitMemo = new Map<string, Map<string, UnitInfo>>();
  private readonly days = new Map<number, string>();

  constructor(
    private readonly ctx: CheckContext,
    private readonly log: ImportErrorLog,
    private readonly sink: ObservationSink,
  ) {}

  /** False once more observations were read than are tracked in memory: the stage looks for duplicates in SQL. */
  get tracksAllDuplicates(): boolean {
    return this.trackDups;
  }

  /** Check one data record (a long row: one observation; a wide row: one per non-empty year cell). */
  check(rec: ImportRecord, h: Header) {
    const f = rec.fields;
    const common = this.checkRowCells(rec, h);
    if (h.format === 'long') {
      this.checkObservation(
        rec,
        h,
        f[h.col.period] ?? '',
        f[h.col.value] ?? '',
        h.names[h.col.period],
        h.names[h.col.value],
        h.col.value,
        common,
      );
      return;
    }
    for (const y of h.years) {
      const cell = f[y.idx] ?? '';
      if (cell.trim() === '' && !(rec as XlsxRecord).cellProblems?.has(y.idx)) continue;
      this.checkObservation(rec, h, String(y.year), cell, y.name, y.name, y.idx, common);
    }
  }

  /** The cells shared by every observation of a row: indicator, status, note, the unit when a date is given. */
  private checkRowCells(rec: ImportRecord, h: Header): RowCommon {
    const { catalogue, contribution, at } = this.ctx;
    const line = rec.row;
    const f = rec.fields;
    const indCol = h.names[h.col.indicator];
    const rawInd = (f[h.col.indicator] ?? '').trim();
    const ind = catalogue.byCode.get(rawInd) ?? catalogue.byCode.get(rawInd.toLowerCase());
    let rowOk = true;
    if (!ind) {
      this.log.add({
        row: line,
        column: indCol,
        value: rawInd,
        code: 'unknown_indicator',
        message: rawInd
          ? `Indicator "${rawInd}" is not in the catalogue (every indicator and its code is listed on the data coverage page, /data/coverage).`
          : 'The indicator code is empty.',
        messageVi: rawInd
          ? `Chỉ tiêu "${rawInd}" không có trong danh mục (danh sách chỉ tiêu và mã có trên trang độ phủ dữ liệu, /data/coverage).`
          : 'Mã chỉ tiêu để trống.',
      });
      rowOk = false;
    } else if (contribution?.indicators && !contribution.indicators.has(ind.code)) {
      this.log.add({
        row: line,
        column: indCol,
        value: rawInd,
        code: 'not_your_sector',
        message: `Your organisation may not contribute "${ind.code}" to this dataset (its indicators: ${[...contribution.indicators].join(', ')}).`,
        messageVi: `Cơ quan của bạn không được cung cấp chỉ tiêu "${ind.code}" cho bộ dữ liệu này (các chỉ tiêu được giao: ${[...contribution.indicators].join(', ')}).`,
      });
      rowOk = false;
    }
    // More cells than header columns: usually an unquoted decimal comma (12,5 read as 12 and 5). Never drop them.
    if (f.length > h.names.length && f.slice(h.names.length).some((x) => x.trim() !== '')) {
      this.log.add({
        row: line,
        column: null,
        value: f.slice(h.names.length).join(' | ').slice(0, 100),
        code: 'too_many_values',
        message: `Row ${line} has ${f.length} cells but the header has ${h.names.length} columns (an unquoted decimal comma?). Quote the value or fix the header.`,
        messageVi: `Dòng ${line} có ${f.length} ô nhưng dòng tiêu đề chỉ có ${h.names.length} cột (có thể do dấu phẩy thập phân không đặt trong ngoặc kép). Hãy đặt giá trị trong ngoặc kép hoặc sửa dòng tiêu đề.`,
      });
      rowOk = false;
    }
    let status: ObservationStatus = 'final';
    if (h.col.status !== undefined) {
      const s = parseStatus(f[h.col.status] ?? '');
      if (!s.ok) {
        this.log.add({ row: line, column: h.names[h.col.status], value: f[h.col.status], ...s.problem });
        rowOk = false;
      } else status = s.value;
    }
    let note: string | null = null;
    if (h.col.note !== undefined) {
      const nt = parseNote(f[h.col.note] ?? '');
      if (!nt.ok) {
        this.log.add({
          row: line,
          column: h.names[h.col.note],
          value: (f[h.col.note] ?? '').slice(0, 60),
          ...nt.problem,
        });
        rowOk = false;
      } else note = nt.value;
    }
    // With an explicit date (column or `at`), the unit does not depend on the period: resolve it once per row.
    const hasDate = (h.col.date !== undefined && (f[h.col.date] ?? '').trim() !== '') || !!at;
    const unit = hasDate ? this.resolveUnit(rec, h, null) : undefined;
    if (hasDate && !unit) rowOk = false;
    return { ind, unit, status, note, rowOk };
  }

  /** Check one observation (a long row, or one year cell of a wide row). */
  private checkObservation(
    rec: ImportRecord,
    h: Header,
    rawPeriod: string,
    rawValue: string,
    periodColumn: string,
    valueColumn: string,
    valueIdx: number,
    common: RowCommon,
  ) {
    const line = rec.row;
    let ok = common.rowOk;
    const p = this.period(rawPeriod);
    let period = 0;
    if (!p.ok) {
      this.log.add({ row: line, column: periodColumn, value: rawPeriod, ...p.problem });
      ok = false;
    } else period = p.value;
    const value = this.value(rec, rawValue, valueColumn, valueIdx);
    if (value === null) ok = false;
    const ind = common.ind;
    if (ind && p.ok && !this.periodInRange(line, ind, period, rawPeriod, periodColumn)) ok = false;
    if (ind && ok && !this.valueInRange(line, ind, value as number, rawValue, valueColumn)) ok = false;
    // The unit depends on the period when no geography date is given: resolve it here.
    let unit = common.unit;
    if (ok && ind && !unit) unit = this.resolveUnit(rec, h, period);
    if (ok && ind && unit)
      this.accept(line, ind, unit, period, value as number, common.status, common.note, valueColumn);
  }

  /** Years repeat: parse each distinct text once. */
  private period(rawPeriod: string) {
    let p = this.periodMemo.get(rawPeriod);
    if (!p) {
      p = parsePeriod(rawPeriod);
      if (this.periodMemo.size < 1000) this.periodMemo.set(rawPeriod, p);
    }
    return p;
  }

  /** The number in a value cell, or null (logged) when the cell is unreadable or not a number. */
  private value(rec: ImportRecord, rawValue: string, valueColumn: string, valueIdx: number): number | null {
    const cellProblem = (rec as XlsxRecord).cellProblems?.get(valueIdx);
    if (cellProblem) {
      const [en, vi] = CELL_PROBLEM_TEXT[cellProblem] ?? ['Unreadable cell.', 'Ô không đọc được.'];
      this.log.add({ row: rec.row, column: valueColumn, value: null, code: cellProblem, message: en, messageVi: vi });
      return null;
    }
    if (this.ctx.decimal === 'dot' && SIMPLE_NUMBER.test(rawValue)) return Number(rawValue) + 0;
    const v = parseValue(rawValue, this.ctx.decimal);
    if (!v.ok) {
      this.log.add({ row: rec.row, column: valueColumn, value: rawValue, ...v.problem });
      return null;
    }
    return v.value;
  }

  private periodInRange(line: number, ind: IndicatorDef, period: number, rawPeriod: string, column: string) {
    const min = ind.minPeriod ?? 1900;
    const max = ind.maxPeriod ?? this.ctx.currentYear;
    if (period >= min && period <= max) return true;
    this.log.add({
      row: line,
      column,
      value: rawPeriod,
      code: 'period_out_of_range',
      message: `${period} is outside the periods of "${ind.code}" (${min}–${max}).`,
      messageVi: `Năm ${period} nằm ngoài khoảng thời gian của chỉ tiêu "${ind.code}" (${min}–${max}).`,
    });
    return false;
  }

  private valueInRange(line: number, ind: IndicatorDef, value: number, rawValue: string, column: string) {
    if (ind.minValue !== null && value < ind.minValue) {
      this.log.add({
        row: line,
        column,
        value: rawValue,
        code: 'below_minimum',
        message: `${value} is below the smallest possible value of "${ind.code}" (${ind.minValue}${ind.minValue === 0 ? ': it cannot be negative' : ''}).`,
        messageVi: `${value} nhỏ hơn giá trị nhỏ nhất có thể của "${ind.code}" (${ind.minValue}${ind.minValue === 0 ? ': không thể âm' : ''}).`,
      });
      return false;
    }
    if (ind.maxValue !== null && value > ind.maxValue) {
      this.log.add({
        row: line,
        column,
        value: rawValue,
        code: 'above_maximum',
        message: `${value} is above the largest possible value of "${ind.code}" (${ind.maxValue}).`,
        messageVi: `${value} lớn hơn giá trị lớn nhất có thể của "${ind.code}" (${ind.maxValue}).`,
      });
      return false;
    }
    return true;
  }

  /** The last check, duplicates; then the observation goes to the sink. */
  private accept(
    line: number,
    ind: IndicatorDef,
    unit: UnitInfo,
    period: number,
    value: number,
    status: ObservationStatus,
    note: string | null,
    column: string,
  ) {
    if (this.trackDups) {
      // Per indicator: (period, unit) → first row, with small-integer keys (fast Map paths, little garbage).
      const key = (period - 1900) * 131_072 + unit.idx;
      let perInd = this.seen.get(ind.id);
      if (!perInd) {
        perInd = new Map();
        this.seen.set(ind.id, perInd);
      }
      const prev = perInd.get(key);
      if (prev !== undefined) {
        this.log.add({
          row: line,
          column,
          value: `${ind.code} ${unit.code} ${period}`,
          code: 'duplicate_row',
          message: `Duplicate: ${ind.code}, unit ${unit.code}, ${period} is already given in row ${prev}.`,
          messageVi: `Trùng lặp: ${ind.code}, đơn vị ${unit.code}, năm ${period} đã có ở dòng ${prev}.`,
        });
        return;
      }
      perInd.set(key, line);
      if (++this.seenSize > DUP_TRACK_LIMIT) {
        this.trackDups = false;
        this.seen.clear();
      }
    }
    this.valid++;
    this.sink(line, ind, unit, period, value, status, note);
  }

  private endOfYear(y: number) {
    let d = this.days.get(y);
    if (!d) {
      d = `${y}-12-31`;
      this.days.set(y, d);
    }
    return d;
  }

  /** Find the unit of a row in the geography of its date; report unknown codes, names and lost zeros. */
  private resolveUnit(rec: CsvRecord, h: Header, period: number | null): UnitInfo | undefined {
    const line = rec.row;
    const codeCol = h.names[h.col.unitCode];
    const rawCode = (rec.fields[h.col.unitCode] ?? '').trim();
    const dateIdx = h.col.date;
    const rawDate = dateIdx === undefined ? '' : (rec.fields[dateIdx] ?? '').trim();
    let day: string;
    if (rawDate) {
      const d = parseGeoDate(rawDate);
      if (!d.ok) {
        this.log.add({ row: line, column: h.names[dateIdx], value: rawDate, ...d.problem });
        return undefined;
      }
      day = d.value;
    } else if (this.ctx.at) day = this.ctx.at;
    else if (period !== null) day = this.endOfYear(period);
    else return undefined;
    const unit = this.unitOn(rawCode, day, !rawDate && !this.ctx.at);
    if (unit) {
      const allowed = this.ctx.allowed;
      if (allowed && !allowed.has(`${unit.code}|${unit.geoDate}`)) {
        this.log.add({
          row: line,
          column: codeCol,
          value: rawCode,
          code: 'not_your_province',
          message: `Unit ${rawCode} (${unit.nameVi}) is not in your province; you may import only your province's figures and those of its communes.`,
          messageVi: `Đơn vị ${rawCode} (${unit.nameVi}) không thuộc tỉnh của bạn; bạn chỉ được nhập số liệu của tỉnh mình và các xã, phường của tỉnh.`,
        });
        return undefined;
      }
      return unit;
    }
    this.reportUnknownUnit(line, codeCol, rawCode, day);
    return undefined;
  }

  /** The unit of a code on a day (memoised, files repeat both); `byYear`: the day came from the period alone. */
  private unitOn(rawCode: string, day: string, byYear: boolean): UnitInfo | undefined {
    const level = levelOfCode(rawCode);
    const candidates = this.ctx.units.byCode.get(rawCode) ?? [];
    let byDay = this.unitMemo.get(rawCode);
    let unit = byDay?.get(day);
    if (unit === undefined) {
      unit = level ? candidates.find((u) => u.level === level && inForce(u, day)) : undefined;
      if (unit && this.unitMemo.size < 50_000) {
        if (!byDay) {
          byDay = new Map();
          this.unitMemo.set(rawCode, byDay);
        }
        byDay.set(day, unit);
      }
    }
    if (!unit && level && byYear) {
      // A year before the earliest geography the code belongs to (the 63 provinces began on 2008-08-01): such
      // series are published under the earliest codes, so they are recorded in that geography.
      const sameLevel = candidates.filter((u) => u.level === level).sort((a, b) => a.geoDate.localeCompare(b.geoDate));
      if (sameLevel.length && day < sameLevel[0].geoDate) unit = sameLevel[0];
    }
    return unit;
  }

  /** Why a code is not a unit on that day: empty, a lost leading zero, a name, or a code of another geography. */
  private reportUnknownUnit(line: number, codeCol: string, rawCode: string, day: string) {
    if (rawCode === '') {
      this.log.add({
        row: line,
        column: codeCol,
        value: '',
        code: 'empty_code',
        message: 'The unit code is empty.',
        messageVi: 'Mã đơn vị để trống.',
      });
      return;
    }
    if (/^\d+$/.test(rawCode) && (rawCode.length === 1 || rawCode.length === 3 || rawCode.length === 4)) {
      const padded = rawCode.padStart(rawCode.length === 1 ? 2 : 5, '0');
      this.log.add({
        row: line,
        column: codeCol,
        value: rawCode,
        code: 'leading_zero',
        message: `"${rawCode}" looks like a code that lost its leading zero (${padded}?). Format the column as text so codes keep their zeros.`,
        messageVi: `"${rawCode}" có vẻ là mã bị mất số 0 ở đầu (${padded}?). Hãy định dạng cột là văn bản để giữ số 0 đầu mã.`,
      });
      return;
    }
    const units = this.ctx.units;
    if (/\p{L}/u.test(rawCode)) {
      const folded = foldVi(normaliseText(rawCode)).replace(/^(tinh|thanh pho|tp\.?|xa|phuong)\s+/, '');
      const byName = (units.byName.get(folded) ?? []).filter((u) => inForce(u, day));
      this.log.add({
        row: line,
        column: codeCol,
        value: rawCode,
        code: 'name_not_code',
        message: byName.length
          ? `"${rawCode}" is a name; use the code ${byName.map((u) => u.code).join(' or ')}. Figures are matched on codes, never on names.`
          : `"${rawCode}" is not a code; unit codes are digits (e.g. 01 for Hà Nội).`,
        messageVi: byName.length
          ? `"${rawCode}" là tên; hãy dùng mã ${byName.map((u) => u.code).join(' hoặc ')}. Số liệu được ghép theo mã, không theo tên.`
          : `"${rawCode}" không phải là mã; mã đơn vị là chữ số (ví dụ 01 là Hà Nội).`,
      });
      return;
    }
    const elsewhere = (units.byCode.get(rawCode) ?? []).filter((u) => !inForce(u, day));
    const where = elsewhere
      .map((u) => `${u.nameVi} ${formatDateVi(u.geoDate)}–${u.validTo ? formatDateVi(u.validTo) : ''}`)
      .join('; ');
    this.log.add({
      row: line,
      column: codeCol,
      value: rawCode,
      code: 'unknown_code',
      message: elsewhere.length
        ? `Code ${rawCode} is not a unit of the geography in force on ${formatDateVi(day)} (it exists as: ${where}). Add a "date" column, or choose the geography of your figures.`
        : `Code ${rawCode} is not a province (2 digits) or commune (5 digits) code.`,
      messageVi: elsewhere.length
        ? `Mã ${rawCode} không thuộc địa giới có hiệu lực ngày ${formatDateVi(day)} (mã này tồn tại: ${where}). Hãy thêm cột "date" hoặc chọn địa giới của số liệu.`
        : `Mã ${rawCode} không phải mã tỉnh (2 chữ số) hoặc mã xã (5 chữ số).`,
    });
  }
}
