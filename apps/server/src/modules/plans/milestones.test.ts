import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countLate, milestoneState } from './milestones';

describe('milestone state', () => {
  const today = '2026-11-23';
  it('worked examples', () => {
    expect(milestoneState({ plannedDate: '2025-12-31', actualDate: null }, today)).toEqual({
      state: 'late',
      daysLate: 327,
    });
    expect(milestoneState({ plannedDate: '2026-11-23', actualDate: null }, today)).toEqual({
      state: 'upcoming',
      daysLate: null,
    });
    expect(milestoneState({ plannedDate: '2024-12-31', actualDate: '2025-03-30' }, today)).toEqual({
      state: 'done_late',
      daysLate: 89,
    });
    expect(milestoneState({ plannedDate: '2025-09-30', actualDate: '2025-08-20' }, today)).toEqual({
      state: 'done',
      daysLate: null,
    });
  });
  it('counts only open milestones past their date as late', () => {
    expect(
      countLate(
        [
          { plannedDate: '2025-01-01', actualDate: null },
          { plannedDate: '2025-01-01', actualDate: '2025-06-01' },
          { plannedDate: '2027-01-01', actualDate: null },
        ],
        today,
      ),
    ).toBe(1);
  });
  it('property: an open milestone becomes late exactly the day after its planned date, and stays late', () => {
    const day = fc
      .integer({ min: 0, max: 5000 })
      .map((n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (planned, t) => {
        const s = milestoneState({ plannedDate: planned, actualDate: null }, t);
        expect(s.state === 'late').toBe(t > planned);
        if (s.state === 'late') expect(s.daysLate).toBeGreaterThan(0);
      }),
    );
  });
});
