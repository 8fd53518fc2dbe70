import { ApiError } from '../../lib/api';

/** The message of an error in the user's language (problem+json messages come in both). */
export function errorText(e: unknown, lang: 'vi' | 'en'): string {
  if (e instanceof ApiError) return e.text(lang);
  return e instanceof Error ? e.message : String(e);
}

/** Whole days from today (browser clock, date only) to an ISO date. */
export const daysUntil = (iso: string) =>
  Math.round(
    (Date.parse(`${iso}T00:00:00Z`) - Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`)) / 86_400_000,
  );

/** Local date-time of a timestamp, dd/mm/yyyy hh:mm. */
export function formatDateTime(ts: string | null | undefined): string {
  if (!ts) return '—';
  // PostgreSQL prints "2024-12-05 01:00:00+00"; JavaScript wants "2024-12-05T01:00:00+00:00".
  const iso = ts.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return ts;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
