import type { DataRow } from '@regionlink/shared';
import { classBreaks, classOf } from '@regionlink/shared';

export const RAMP = ['#cfe0f0', '#9cc0e0', '#6a9fcf', '#3a78b0', '#1b4f86', '#0b2f57'];
export const NO_DATA = '#d5dbe1';
/** Fill of a unit with no total but a partial one (some members missing). */
const PARTIAL = '#eef1f4';

export interface LegendEntry {
  color: string;
  label: string;
}

/** Map classes over the values of one period: the class breaks and their colours. */
export function mapClasses(rows: DataRow[], decimals: number) {
  const breaks = classBreaks(
    rows.map((r) => r.value).filter((v): v is number => v !== null),
    5,
    decimals,
  );
  return { breaks, colors: RAMP.slice(0, breaks.length + 1) };
}

/** The colour of a row on the map (no row: no data). */
export function fillOfRow(r: DataRow | undefined, breaks: number[], colors: string[]): string {
  if (!r) return NO_DATA;
  if (r.value === null) return r.partialValue !== null ? PARTIAL : NO_DATA;
  return colors[classOf(r.value, breaks)] ?? NO_DATA;
}

/** Legend lines: one per class ("< a", "a – < b", "≥ z"; one value when all are equal), then "no data". */
export function legendOf(
  breaks: number[],
  colors: string[],
  rows: DataRow[],
  fmt: (v: number | null | undefined) => string,
  noData: string,
): LegendEntry[] {
  const label = (i: number) => {
    if (breaks.length === 0) return fmt(rows.find((r) => r.value !== null)?.value);
    if (i === 0) return `< ${fmt(breaks[0])}`;
    if (i === breaks.length) return `≥ ${fmt(breaks[i - 1])}`;
    return `${fmt(breaks[i - 1])} – < ${fmt(breaks[i])}`;
  };
  return [...colors.map((color, i) => ({ color, label: label(i) })), { color: NO_DATA, label: noData }];
}
