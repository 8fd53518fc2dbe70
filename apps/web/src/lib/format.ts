import { numberFormat } from '@regionlink/shared';

export { formatDateVi, formatNumberVi, sortVi, viCollator } from '@regionlink/shared';

/** Format a number for the current UI language (vi-VN by default). */
export function formatNumber(value: number | null | undefined, lang: 'vi' | 'en', decimals = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return numberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', decimals).format(value);
}

/** Format an ISO date for the current UI language: dd/mm/yyyy in both, as official documents do. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** A moment (ISO timestamp) as date and time in the page's language: vi-VN, or en-GB in English. */
export function formatDateTime(iso: string, lang: 'vi' | 'en'): string {
  return new Date(iso).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
}

/** A file size people can read: bytes below 1 KB (never "0 KB"), one decimal below 10 KB or 10 MB. */
export function formatBytes(bytes: number, lang: 'vi' | 'en'): string {
  if (bytes < 1024) return `${formatNumber(bytes, lang, 0)} B`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / (1024 * 1024), 'MB'];
  return `${formatNumber(value, lang, value < 10 ? 1 : 0)} ${unit}`;
}
