import fs from 'node:fs';
import path from 'node:path';
import { REFERENCE_DIR } from '../../config';

/**
 * Dates of the illustrative demo cycle, as offsets from the seed day (`reference/reporting/demo-cycle/cycle.json`), so
 * that the demo always has a current open cycle. Pure: no database.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The demo's "today": `DEMO_TODAY=YYYY-MM-DD` when set (tests, screenshots), else today in Asia/Ho_Chi_Minh. */
export function demoToday(env: NodeJS.ProcessEnv = process.env, now = new Date()): string {
  const given = env.DEMO_TODAY?.trim();
  if (given) {
    if (!DAY.test(given) || addDays(given, 0) !== given)
      throw new Error(`DEMO_TODAY must be a date YYYY-MM-DD, not "${given}"`);
    return given;
  }
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** `day` (YYYY-MM-DD) plus `n` calendar days. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export interface DemoCycleSpec {
  offsets: { request: number; deadline: number; cutoff: number; draftCreated: number; draftUpdated: number };
  currentYearFromMonth: number;
  requestNumber: string;
  nameVi: string;
  nameEn: string;
  noteVi: string;
}

export const demoCycleSpec = (): DemoCycleSpec =>
  JSON.parse(fs.readFileSync(path.join(REFERENCE_DIR, 'reporting/demo-cycle/cycle.json'), 'utf8'));

/**
 * The report year of a cycle requested on `requestDate`: that year from `fromMonth` (October) on, the year before
 * earlier in the year; a year in `taken` (real cycles of the document) is skipped, forwards.
 */
export function demoReportYear(requestDate: string, fromMonth: number, taken: number[] = []): number {
  const [y, m] = requestDate.split('-').map(Number);
  let year = m >= fromMonth ? y : y - 1;
  while (taken.includes(year)) year++;
  return year;
}

export interface DemoCycleDates {
  today: string;
  year: number;
  requestDate: string;
  deadline: string;
  cutoff: string;
  draftCreated: string;
  draftUpdated: string;
}

/** The demo cycle's year and dates when seeded on `today`, skipping the report years in `taken`. */
export function demoCycleDates(today: string, taken: number[] = [], spec = demoCycleSpec()): DemoCycleDates {
  const o = spec.offsets;
  const requestDate = addDays(today, o.request);
  return {
    today,
    year: demoReportYear(requestDate, spec.currentYearFromMonth, taken),
    requestDate,
    deadline: addDays(today, o.deadline),
    cutoff: addDays(today, o.cutoff),
    draftCreated: addDays(today, o.draftCreated),
    draftUpdated: addDays(today, o.draftUpdated),
  };
}

/** `{Y}`, `{Y-1}`, `{Y+1}` in a demo text → the report year, the year before, the year after. */
export function withYear(text: string, year: number): string {
  return text.replace(/\{Y([+-]\d+)?\}/g, (_, d: string | undefined) => String(year + Number(d ?? 0)));
}

/**
 * The shift of a demo file authored for the day `asOf`, when seeded on `today`: forward only, by whole weeks (so a
 * meeting stays on its weekday), the largest that keeps `asOf` on or before `today`. 0 on or before `asOf`.
 */
export function demoShiftDays(asOf: string, today: string): number {
  const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${asOf}T00:00:00Z`)) / 86_400_000);
  return Math.max(0, Math.floor(days / 7)) * 7;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** `2026-02-05` → `05/02/2026`, `2026-03-18` → `18/3/2026`: days below 10 and months 1–2 with a zero, as in letters. */
export function officialDmy(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const pad = (n: number, always: boolean) => (always && n < 10 ? `0${n}` : String(n));
  return `${pad(d, true)}/${pad(m, m <= 2)}/${y}`;
}

/**
 * A demo text's date markers, each for its date moved by `shift` days: `{d:YYYY-MM-DD}` the date as letters write it,
 * `{y:…}` its year, `{q:…}` its quarter (I–IV), `{m:…}` its month number. Texts thus follow their dates.
 */
export function shiftText(text: string, shift: number): string {
  return text.replace(/\{([dyqm]):(\d{4}-\d{2}-\d{2})\}/g, (_, kind: string, day: string) => {
    const s = addDays(day, shift);
    const month = Number(s.slice(5, 7));
    if (kind === 'd') return officialDmy(s);
    if (kind === 'y') return s.slice(0, 4);
    if (kind === 'q') return ROMAN[Math.floor((month - 1) / 3)];
    return String(month);
  });
}

/**
 * A demo file's content as seeded `shift` days after the day it was authored for: every value that is a date
 * (YYYY-MM-DD) moves by `shift` days and every text's markers follow (`shiftText`), except inside an object marked
 * `"fixed": true` (real facts: dates of real meetings, decisions, plan periods), whose markers are read unshifted.
 */
export function shiftDemo<T>(value: T, shift: number): T {
  if (typeof value === 'string')
    return (DAY.test(value) ? addDays(value, shift) : shiftText(value, shift)) as unknown as T;
  if (Array.isArray(value)) return value.map((v) => shiftDemo(v, shift)) as unknown as T;
  if (value && typeof value === 'object') {
    const s = (value as { fixed?: unknown }).fixed === true ? 0 : shift;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftDemo(v, s)])) as T;
  }
  return value;
}

/** A demo data file (JSON with its `asOf` day) as seeded on `today`: see `shiftDemo`. */
export function readShiftedDemo<T extends { asOf: string }>(file: string, today = demoToday()): T & { shift: number } {
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  const shift = demoShiftDays(data.asOf, today);
  return { ...shiftDemo(data, shift), shift };
}
