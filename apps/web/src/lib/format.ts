export { formatDateVi, formatNumberVi, sortVi, viCollator } from '@regionlink/shared';

/** Format a number for the current UI language (vi-VN by default). */
export function formatNumber(value: number | null | undefined, lang: 'vi' | 'en', decimals = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(value);
}

/** Format an ISO date for the current UI language: dd/mm/yyyy in both, as official documents do. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}
