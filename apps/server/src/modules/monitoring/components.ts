/**
 * The components of the linkage scorecard, each computed from plain records of one province and one year. Pure: the
 * service loads the records through the other modules' services and hands them here. The rules are the ones printed
 * in `data/method.json`; every function returns null where that rule says the component is missing.
 */

export type SubmissionState = 'none' | 'draft' | 'submitted' | 'returned' | 'accepted';

/** One reporting cycle the province had to report in, and what it did. */
export interface ReportingRecord {
  cycleId: number;
  cycleNameVi: string;
  deadline: string | null;
  submissionId: number | null;
  state: SubmissionState;
  /** Date (YYYY-MM-DD) the report first reached MoF: first submission, else the date received on paper. */
  firstSubmittedOn: string | null;
  /** Times the submission was returned for rework. */
  returns: number;
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

/** Was anything sent? Drafts and missing reports were not. */
export const wasSent = (r: Pick<ReportingRecord, 'state'>) =>
  r.state === 'submitted' || r.state === 'returned' || r.state === 'accepted';

/** On time: sent, with a first submission on or before the deadline (no deadline: sent is on time). */
export const wasOnTime = (r: ReportingRecord) =>
  wasSent(r) && (r.deadline === null || (r.firstSubmittedOn !== null && r.firstSubmittedOn <= r.deadline));

/** Points of one cycle, 0–1: a third each for sent, on time, and sent without a return for rework. */
export function reportingPoints(r: ReportingRecord): number {
  const sent = wasSent(r) ? 1 : 0;
  const onTime = wasOnTime(r) ? 1 : 0;
  const clean = wasSent(r) && r.returns === 0 && r.state !== 'returned' ? 1 : 0;
  return (sent + onTime + clean) / 3;
}

/** Reporting component, %: mean of the cycles' points; null when the province had no cycle to report in. */
export function reportingValue(records: readonly ReportingRecord[]): number | null {
  if (records.length === 0) return null;
  return round((100 * records.reduce((s, r) => s + reportingPoints(r), 0)) / records.length);
}

export interface TaskRecord {
  taskCode: string;
  status: string | null;
}

const TASK_CREDIT: Record<string, number> = { done: 1, recurring: 1, in_progress: 0.5, not_started: 0 };

/** Task-status component, %: (done + recurring + ½ in progress) / tasks with a status; null if none has one. */
export function tasksValue(records: readonly TaskRecord[]): number | null {
  const rated = records.filter((r) => r.status !== null && r.status in TASK_CREDIT);
  if (rated.length === 0) return null;
  return round((100 * rated.reduce((s, r) => s + TASK_CREDIT[r.status!], 0)) / rated.length);
}

/** One inter-provincial project the province takes part in, with the year's money. */
export interface ProjectRecord {
  projectCode: string;
  role: 'located' | 'affected';
  /** The province's share of the cost, 0–1 (given, or an equal split among located provinces); 0 if affected only. */
  share: number;
  allocated: number | null;
  disbursed: number | null;
}

/** Participation component: 1 per project located in the province, 0.5 per project affecting it. */
export function projectsValue(records: readonly ProjectRecord[]): number {
  return records.reduce((s, r) => s + (r.role === 'located' ? 1 : 0.5), 0);
}

/** Disbursement component, %: Σ disbursed·share / Σ allocated·share; null when nothing was allocated. */
export function disbursementValue(records: readonly ProjectRecord[]): number | null {
  let alloc = 0;
  let disb = 0;
  for (const r of records) {
    if (r.allocated === null || r.allocated <= 0 || r.share <= 0) continue;
    alloc += r.allocated * r.share;
    disb += (r.disbursed ?? 0) * r.share;
  }
  if (alloc <= 0) return null;
  return round((100 * disb) / alloc);
}

/**
 * The province's share of a project: its cost share when the project gives one (percent, 0–100), else an equal split
 * among the located provinces; an affected-only province pays nothing.
 */
export function shareOf(
  role: 'located' | 'affected',
  costSharePercent: number | null,
  locatedCount: number,
  sharesKnown: boolean,
): number {
  if (sharesKnown) return (costSharePercent ?? 0) / 100;
  if (role !== 'located' || locatedCount === 0) return 0;
  return 1 / locatedCount;
}

/** Follow-ups component, %: done on time / assigned; null when none was assigned. */
export function followUpsValue(s: { assigned: number; doneOnTime: number } | undefined): number | null {
  if (!s || s.assigned === 0) return null;
  return round((100 * s.doneOnTime) / s.assigned);
}
