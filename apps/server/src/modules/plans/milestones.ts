import type { MilestoneState } from '@regionlink/shared';

const DAY = 86_400_000;
const days = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/**
 * The state of a milestone on `today` (ISO dates): done (on or before the planned date), done late, late (the planned
 * date has passed and it is not done), or upcoming. `daysLate` counts days past the planned date for the two late
 * states. A milestone due today is not yet late.
 */
export function milestoneState(
  m: { plannedDate: string; actualDate: string | null },
  today: string,
): { state: MilestoneState; daysLate: number | null } {
  if (m.actualDate) {
    const d = days(m.plannedDate, m.actualDate);
    return d > 0 ? { state: 'done_late', daysLate: d } : { state: 'done', daysLate: null };
  }
  const d = days(m.plannedDate, today);
  return d > 0 ? { state: 'late', daysLate: d } : { state: 'upcoming', daysLate: null };
}

/** How many of a project's milestones are overdue (planned date passed, not done) on `today`. */
export function countLate(ms: readonly { plannedDate: string; actualDate: string | null }[], today: string): number {
  return ms.filter((m) => milestoneState(m, today).state === 'late').length;
}
