import type { ObservationStatus } from '@regionlink/shared';
import { foldVi, normaliseText, stripInvisible } from '@regionlink/shared';

/**
 * Reading the cells of an uploaded statistics file: numbers (dot or Vietnamese comma decimals, refused when
 * ambiguous), years, statuses, header names in English or Vietnamese. Pure functions: each returns a value or a
 * problem with an English and a Vietnamese message, so the importer can report every problem with its row and column.
 */

export interface CellProblem {
  code: string;
  message: string;
  messageVi: string;
}
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: CellProblem };

const bad = (code: string, message: string, messageVi: string): { ok: false; problem: CellProblem } => ({
  ok: false,
  problem: { code, message, messageVi },
});

const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const VI_GROUPED = /^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/;
const VI_PLAIN = /^[+-]?\d+(,\d+)?$/;
const NON_ASCII_DIGIT = /[\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\uff10-\uff19]/;

/**
 * Parse a numeric cell. With `decimal: 'dot'` (default) only `1234.5` / `-2e3` forms pass; a comma is refused with a
 * hint, because `1,234` means 1.234 in Vietnamese and 1234 in English. With `decimal: 'comma'` the Vietnamese forms
 * `1.234,5` and `12,5` pass. Percent signs, spaces inside, NaN, infinities and non-ASCII digits are refused.
 */
const SIMPLE = /^-?\d{1,15}(\.\d{1,15})?$/;

export function parseValue(raw: string, decimal: 'dot' | 'comma' = 'dot'): Parsed<number> {
  // Fast path for the usual cell (digits, an optional point): millions of rows go through here.
  if (SIMPLE.test(raw)) {
    if (decimal === 'dot' || !raw.includes('.')) {
      const n = Number(raw);
      return { ok: true, value: Object.is(n, -0) ? 0 : n };
    }
  }
  const s = raw.trim();
  if (s === '')
    return bad(
      'empty_value',
      'The value is empty: give a number, or remove the row.',
      'Giá trị để trống: hãy nhập số hoặc xóa dòng này.',
    );
  if (NON_ASCII_DIGIT.test(s))
    return bad('not_a_number', `"${s}" uses non-Latin digits.`, `"${s}" dùng chữ số không phải 0–9.`);
  if (s.endsWith('%'))
    return bad(
      'percent_sign',
      `"${s}" has a percent sign: write the number only (${s.slice(0, -1).trim()}); the unit comes from the indicator.`,
      `"${s}" có dấu phần trăm: chỉ ghi số (${s.slice(0, -1).trim()}); đơn vị tính lấy theo chỉ tiêu.`,
    );
  if (/^[+-]?(nan|inf|infinity)$/i.test(s))
    return bad('not_a_number', `"${s}" is not a number.`, `"${s}" không phải là số.`);
  let n: number;
  if (decimal === 'comma') {
    if (VI_GROUPED.test(s) || VI_PLAIN.test(s)) n = Number(s.replace(/\./g, '').replace(',', '.'));
    else if (PLAIN.test(s) && !s.includes('.')) n = Number(s);
    else
      return bad(
        'not_a_number',
        `"${s}" is not a number in the Vietnamese format (1.234,5).`,
        `"${s}" không phải là số theo định dạng Việt Nam (1.234,5).`,
      );
  } else {
    if (s.includes(','))
      return bad(
        'decimal_comma',
        `"${s}" contains a comma. Write numbers with a decimal point and no thousands separator (1234.5), or upload with the Vietnamese number format (decimal=comma).`,
        `"${s}" có dấu phẩy. Hãy ghi số với dấu chấm thập phân, không có dấu phân cách hàng nghìn (1234.5), hoặc chọn định dạng số Việt Nam (dấu phẩy thập phân) khi tải lên.`,
      );
    if (!PLAIN.test(s)) return bad('not_a_number', `"${s}" is not a number.`, `"${s}" không phải là số.`);
    n = Number(s);
  }
  if (!Number.isFinite(n))
    return bad('not_a_number', `"${s}" is too large to be a number.`, `"${s}" quá lớn, không phải là số hợp lệ.`);
  return { ok: true, value: Object.is(n, -0) ? 0 : n };
}

/** Parse a year cell: four digits, 1900–2100 (`2016`, also `2016.0` as Excel writes it). */
export function parsePeriod(raw: string): Parsed<number> {
  const s = raw.trim();
  const m = /^(\d{4})(\.0+)?$/.exec(s);
  if (!m) return bad('bad_period', `"${s}" is not a year (YYYY).`, `"${s}" không phải là năm (YYYY).`);
  const y = Number(m[1]);
  if (y < 1900 || y > 2100)
    return bad('period_out_of_range', `Year ${y} is outside 1900–2100.`, `Năm ${y} nằm ngoài khoảng 1900–2100.`);
  return { ok: true, value: y };
}

const STATUS: Record<string, ObservationStatus> = {
  '': 'final',
  final: 'final',
  'chinh thuc': 'final',
  provisional: 'provisional',
  preliminary: 'provisional',
  'so bo': 'provisional',
  estimate: 'estimate',
  estimated: 'estimate',
  'uoc tinh': 'estimate',
};

/** Parse a status cell: final, provisional, estimate (or chính thức, sơ bộ, ước tính); empty means final. */
export function parseStatus(raw: string): Parsed<ObservationStatus> {
  const v = STATUS[foldVi(raw)];
  if (v) return { ok: true, value: v };
  return bad(
    'bad_status',
    `"${raw}" is not a status: use final, provisional or estimate.`,
    `"${raw}" không phải trạng thái hợp lệ: dùng chính thức (final), sơ bộ (provisional) hoặc ước tính (estimate).`,
  );
}

/** Parse a geography date cell: `YYYY-MM-DD`, or the shorthands `63` / `34` for the two province geographies. */
export function parseGeoDate(raw: string): Parsed<string> {
  const s = raw.trim();
  if (s === '63') return { ok: true, value: '2025-06-30' };
  if (s === '34') return { ok: true, value: '2025-07-01' };
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) {
    const d = new Date(`${s}T00:00:00Z`);
    if (!Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s) return { ok: true, value: s };
  }
  return bad(
    'bad_date',
    `"${s}" is not a geography date: use YYYY-MM-DD (or 63 / 34).`,
    `"${s}" không phải ngày địa giới: dùng YYYY-MM-DD (hoặc 63 / 34).`,
  );
}

/** Canonical names of the long-format columns, by their accepted spellings (folded: no marks, lower case). */
const HEADER_ALIASES: Record<string, string> = {
  indicator: 'indicator',
  indicator_code: 'indicator',
  indicatorcode: 'indicator',
  'chi tieu': 'indicator',
  chi_tieu: 'indicator',
  'ma chi tieu': 'indicator',
  unitcode: 'unitCode',
  unit_code: 'unitCode',
  unit: 'unitCode',
  code: 'unitCode',
  'ma don vi': 'unitCode',
  ma_don_vi: 'unitCode',
  ma: 'unitCode',
  'ma dvhc': 'unitCode',
  period: 'period',
  year: 'period',
  nam: 'period',
  ky: 'period',
  value: 'value',
  'gia tri': 'value',
  gia_tri: 'value',
  date: 'date',
  vintage: 'date',
  geo_date: 'date',
  'ngay dia gioi': 'date',
  status: 'status',
  'trang thai': 'status',
  note: 'note',
  'ghi chu': 'note',
  ghi_chu: 'note',
  name: 'name',
  // SDMX-CSV columns of our data-structure definition (sdmx.ts).
  ref_area: 'unitCode',
  time_period: 'period',
  obs_value: 'value',
  geo_vintage: 'date',
  obs_status: 'status',
  unitname: 'name',
  unit_name: 'name',
  ten: 'name',
  'ten don vi': 'name',
};

/** The canonical column name of a header cell, a year for wide-format columns, or null if unknown. */
export function canonicalHeader(raw: string): string | null {
  const folded = foldVi(stripInvisible(raw)).replace(/\s+/g, ' ');
  if (/^\d{4}$/.test(folded)) return folded;
  return HEADER_ALIASES[folded] ?? HEADER_ALIASES[folded.replace(/ /g, '_')] ?? null;
}

const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
// Characters that appear when TCVN3 (ABC) or VNI text is read as Latin-1: Vietnamese letters never use them.
// VNI adds its tone bytes after the vowel: ä ë ï ö ü ÿ never occur in Vietnamese words.
const MOJIBAKE = /[µ¶·¸¹º»¼½¾¿ÆÇÐÑÖ×ØÞßåæçðñ÷øþ¤¥¦§¨©ª«¬®¯°±²³äëïöüÿ]/g;

/** Check a free-text cell (a note): NFC it, refuse control and bidi characters and TCVN3/VNI mojibake. */
export function parseNote(raw: string): Parsed<string | null> {
  const s = normaliseText(raw);
  if (s === '') return { ok: true, value: null };
  if (s.length > 500)
    return bad('note_too_long', 'The note is longer than 500 characters.', 'Ghi chú dài quá 500 ký tự.');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused here
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s) || BIDI.test(s))
    return bad(
      'control_characters',
      'The note contains control or text-direction characters.',
      'Ghi chú chứa ký tự điều khiển hoặc ký tự đổi chiều văn bản.',
    );
  const odd = s.match(MOJIBAKE)?.length ?? 0;
  if (odd >= 2 && odd / s.length > 0.05)
    return bad(
      'legacy_encoding',
      `The text "${s.slice(0, 40)}" looks like TCVN3/VNI text read with the wrong encoding. Convert the file to Unicode (UTF-8) first.`,
      `Văn bản "${s.slice(0, 40)}" có vẻ là chữ TCVN3/VNI bị đọc sai bảng mã. Hãy chuyển tệp sang Unicode (UTF-8) trước.`,
    );
  return { ok: true, value: s };
}
