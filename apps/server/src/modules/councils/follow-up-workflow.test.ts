import type { FollowUpAction, FollowUpState } from '@regionlink/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FINAL_STATES, followUpTransition, isDoneOnTime, isOverdue } from './follow-up-workflow';

const STATES: FollowUpState[] = ['open', 'in_progress', 'reported', 'returned', 'done', 'cancelled'];
const ACTIONS: FollowUpAction[] = ['progress', 'report_done', 'accept', 'return', 'cancel'];

// Written out by hand from the diagram in follow-up-workflow.ts; '-' means refused.
const TABLE: Record<FollowUpState, Record<FollowUpAction, FollowUpState | '-'>> = {
  open: { progress: 'in_progress', report_done: 'reported', accept: '-', return: '-', cancel: 'cancelled' },
  in_progress: { progress: 'in_progress', report_done: 'reported', accept: '-', return: '-', cancel: 'cancelled' },
  reported: { progress: '-', report_done: '-', accept: 'done', return: 'returned', cancel: 'cancelled' },
  returned: { progress: 'in_progress', report_done: 'reported', accept: '-', return: '-', cancel: 'cancelled' },
  done: { progress: '-', report_done: '-', accept: '-', return: '-', cancel: '-' },
  cancelled: { progress: '-', report_done: '-', accept: '-', return: '-', cancel: '-' },
};

describe('follow-up workflow (pure state machine)', () => {
  it('gives exactly the documented outcome for every state and action', () => {
    for (const s of STATES)
      for (const a of ACTIONS) {
        const r = followUpTransition(s, a);
        const want = TABLE[s][a];
        if (want === '-') {
          expect(r.ok, `${s} ${a}`).toBe(false);
          if (!r.ok) {
            expect(r.code).toBe('follow_up_state');
            expect(r.messageVi.length).toBeGreaterThan(10);
            expect(r.messageEn).toContain(s.replace('_', ' '));
          }
        } else expect(r, `${s} ${a}`).toEqual({ ok: true, to: want });
      }
  });

  it('reaches done only through a report accepted by the Office, and never leaves a closed state', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ACTIONS), { maxLength: 30 }), (actions) => {
        let state: FollowUpState = 'open';
        let prev: { state: FollowUpState; action: FollowUpAction } | null = null;
        for (const a of actions) {
          const r = followUpTransition(state, a);
          if (!r.ok) continue;
          if (FINAL_STATES.includes(state)) return false;
          if (r.to === 'done' && !(state === 'reported' && a === 'accept')) return false;
          prev = { state, action: a };
          state = r.to;
        }
        return prev === null || !FINAL_STATES.includes(prev.state);
      }),
    );
  });

  it('flags overdue work past its due date, but not work reported done, done or cancelled', () => {
    expect(isOverdue({ state: 'open', dueOn: '2026-09-30' }, '2026-10-01')).toBe(true);
    expect(isOverdue({ state: 'in_progress', dueOn: '2026-09-30' }, '2026-09-30')).toBe(false);
    expect(isOverdue({ state: 'returned', dueOn: '2026-08-31' }, '2026-12-06')).toBe(true);
    expect(isOverdue({ state: 'reported', dueOn: '2026-08-31' }, '2026-12-06')).toBe(false);
    expect(isOverdue({ state: 'done', dueOn: '2026-08-31' }, '2026-12-06')).toBe(false);
    expect(isOverdue({ state: 'cancelled', dueOn: '2025-12-31' }, '2026-12-06')).toBe(false);
  });

  it('counts done on time by the date the work was reported done, not the date the Office accepted it', () => {
    expect(isDoneOnTime({ state: 'done', dueOn: '2026-03-31', doneOn: '2026-03-31' })).toBe(true);
    expect(isDoneOnTime({ state: 'done', dueOn: '2026-06-30', doneOn: '2026-07-20' })).toBe(false);
    expect(isDoneOnTime({ state: 'reported', dueOn: '2026-06-30', doneOn: '2026-06-01' })).toBe(false);
    expect(isDoneOnTime({ state: 'done', dueOn: '2026-06-30', doneOn: null })).toBe(false);
  });
});
