import type { CycleStatus, SubmissionState } from '@regionlink/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EDITABLE_STATES, isLocked, transition, type WorkflowAction, type WorkflowContext } from './workflow';

const STATES: SubmissionState[] = ['draft', 'submitted', 'returned', 'accepted'];
const ACTIONS: WorkflowAction[] = ['edit', 'submit', 'return', 'accept', 'unlock', 'comment'];
const arbAction = fc.constantFrom(...ACTIONS);
const arbCtx = fc.record({
  cycleStatus: fc.constantFrom<CycleStatus>('draft', 'open', 'closed'),
  cyclePublished: fc.boolean(),
});
const OPEN: WorkflowContext = { cycleStatus: 'open', cyclePublished: false };

/** Replay actions from a draft, recording every applied step with the state it started from. */
function replay(actions: WorkflowAction[], ctx: WorkflowContext) {
  let state: SubmissionState = 'draft';
  const steps: { from: SubmissionState; action: WorkflowAction; to: SubmissionState }[] = [];
  for (const a of actions) {
    const r = transition(state, a, ctx);
    if (r.ok) {
      steps.push({ from: state, action: a, to: r.to });
      state = r.to;
    }
  }
  return { state, steps };
}

describe('submission workflow (pure state machine)', () => {
  it('follows the documented path draft → submitted → returned → submitted → accepted → (unlock) returned', () => {
    expect(transition('draft', 'submit', OPEN)).toEqual({ ok: true, to: 'submitted' });
    expect(transition('submitted', 'return', OPEN)).toEqual({ ok: true, to: 'returned' });
    expect(transition('returned', 'submit', OPEN)).toEqual({ ok: true, to: 'submitted' });
    expect(transition('submitted', 'accept', OPEN)).toEqual({ ok: true, to: 'accepted' });
    expect(transition('accepted', 'unlock', OPEN)).toEqual({ ok: true, to: 'returned' });
  });

  it('refuses invalid transitions with a reason in both languages', () => {
    for (const [state, action] of [
      ['draft', 'accept'],
      ['returned', 'accept'],
      ['accepted', 'return'],
      ['submitted', 'unlock'],
      ['accepted', 'edit'],
      ['submitted', 'edit'],
    ] as [SubmissionState, WorkflowAction][]) {
      const r = transition(state, action, OPEN);
      expect(r.ok, `${action} on ${state}`).toBe(false);
      if (!r.ok) {
        expect(r.messageEn.length).toBeGreaterThan(10);
        expect(r.messageVi).toMatch(/[ăâđêôơưáàạảãếềệểễ]/);
      }
    }
  });

  it('property: no sequence of actions ever edits an accepted submission', () => {
    fc.assert(
      fc.property(fc.array(arbAction, { maxLength: 60 }), arbCtx, (actions, ctx) => {
        const { steps } = replay(actions, ctx);
        for (const s of steps) expect(s.action === 'edit' && s.from === 'accepted').toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: the only way into accepted is accept from submitted, and the only way out is unlock', () => {
    fc.assert(
      fc.property(fc.array(arbAction, { maxLength: 60 }), arbCtx, (actions, ctx) => {
        for (const s of replay(actions, ctx).steps) {
          if (s.to === 'accepted' && s.from !== 'accepted') expect([s.from, s.action]).toEqual(['submitted', 'accept']);
          if (s.from === 'accepted' && s.to !== 'accepted') expect(s.action).toBe('unlock');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('property: after an acceptance, content changes only after an unlock', () => {
    fc.assert(
      fc.property(fc.array(arbAction, { maxLength: 80 }), (actions) => {
        let lockedSinceAccept = false;
        for (const s of replay(actions, OPEN).steps) {
          if (s.action === 'accept') lockedSinceAccept = true;
          if (s.action === 'unlock') lockedSinceAccept = false;
          if (s.action === 'edit' || s.action === 'submit') expect(lockedSinceAccept).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('property: a cycle that is not open takes no edits or submissions, and a published one no unlocks', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATES), arbAction, arbCtx, (state, action, ctx) => {
        const r = transition(state, action, ctx);
        if ((action === 'edit' || action === 'submit') && ctx.cycleStatus !== 'open') expect(r.ok).toBe(false);
        if (action === 'unlock' && ctx.cyclePublished) expect(r.ok).toBe(false);
        if (r.ok && (action === 'edit' || action === 'submit')) expect(EDITABLE_STATES).toContain(state);
      }),
      { numRuns: 3000 },
    );
  });

  it('property: locked exactly when accepted, and edit and comment never change the state', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATES), arbAction, arbCtx, (state, action, ctx) => {
        expect(isLocked(state)).toBe(state === 'accepted');
        const r = transition(state, action, ctx);
        if (r.ok && (action === 'edit' || action === 'comment')) expect(r.to).toBe(state);
      }),
    );
  });
});
