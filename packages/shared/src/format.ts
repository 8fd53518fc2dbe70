/** Vietnamese collator: the only correct way to sort names shown to users (SQL on PGlite sorts by code point). */
export const viCollator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Sort a copy of `items` in Vietnamese alphabetical order of `key(item)`. */
export function sortVi<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => viCollator.compare(key(a), key(b)));
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * One `Intl.NumberFormat` per locale and number of decimals, made once: building one costs about 50× formatting a
 * number with it, and a table or a chart formats thousands.
 */
export function numberFormat(
  locale: 'vi-VN' | 'en-GB',
  minDecimals: number,
  maxDecimals = minDecimals,
): Intl.NumberFormat {
  const key = `${locale}|${minDecimals}|${maxDecimals}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { minimumFractionDigits: minDecimals, maximumFractionDigits: maxDecimals });
    numberFormats.set(key, f);
  }
  return f;
}

/** Format a number the Vietnamese way (`1.234.567,89`); `null` becomes an em dash. */
export function formatNumberVi(value: number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return numberFormat('vi-VN', decimals).format(value);
}

/** Format an ISO date `YYYY-MM-DD` as `dd/mm/yyyy`, the form used in Vietnamese official documents. */
export function formatDateVi(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

/** Remove zero-width and other invisible characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen). */
export function stripInvisible(value: string): string {
  return value.replace(INVISIBLE, '');
}

/** Normalise user text: NFC, invisible characters removed, ends trimmed. Every text input passes through here. */
export function normaliseText(value: string): string {
  return stripInvisible(value.normalize('NFC')).trim();
}

/** Fold Vietnamese text for matching: NFC, lower case, tone and vowel marks removed, đ→d, spaces collapsed. */
export function foldVi(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
