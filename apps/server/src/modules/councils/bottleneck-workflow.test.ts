import type { BottleneckAction, BottleneckState } from '@regionlink/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bottleneckActionsFrom, bottleneckTransition, OPEN_BOTTLENECK_STATES } from './bottleneck-workflow';

const STATES: BottleneckState[] = ['raised', 'triaged', 'on_agenda', 'escalated', 'resolved', 'dismissed'];
const ACTIONS: BottleneckAction[] = ['triage', 'schedule', 'escalate', 'record_outcome', 'resolve', 'dismiss'];

// Written out by hand from the diagram in bottleneck-workflow.ts; '-' means refused.
const TABLE: Record<BottleneckState, Partial<Record<BottleneckAction, BottleneckState>>> = {
  raised: { triage: 'triaged', schedule: 'on_agenda', dismiss: 'dismissed' },
  triaged: { schedule: 'on_agenda', escalate: 'escalated', resolve: 'resolved', dismiss: 'dismissed' },
  on_agenda: { escalate: 'escalated', resolve: 'resolved' },
  escalated: { record_outcome: 'resolved' },
  resolved: {},
  dismissed: {},
};

describe('bottleneck workflow (pure state machine)', () => {
  it('gives exactly the documented outcome for every state and action', () => {
    for (const s of STATES)
      for (const a of ACTIONS) {
        const r = bottleneckTransition(s, a);
        const want = TABLE[s][a];
        expect(r.ok, `${s} ${a}`).toBe(want !== undefined);
        if (r.ok) expect(r.to).toBe(want);
        else expect(r.messageVi).toContain('Không thể');
      }
    expect(bottleneckActionsFrom('triaged')).toEqual(['schedule', 'escalate', 'resolve', 'dismiss']);
    expect(bottleneckActionsFrom('resolved')).toEqual([]);
  });

  it('asks for a note when escalating, recording the outcome, resolving or dismissing, and a meeting to schedule', () => {
    const r = (s: BottleneckState, a: BottleneckAction) =>
      bottleneckTransition(s, a) as { needsNote: boolean; needsMeeting: boolean };
    expect(r('raised', 'triage').needsNote).toBe(false);
    expect(r('triaged', 'escalate').needsNote).toBe(true);
    expect(r('escalated', 'record_outcome').needsNote).toBe(true);
    expect(r('on_agenda', 'resolve').needsNote).toBe(true);
    expect(r('raised', 'dismiss').needsNote).toBe(true);
    expect(r('raised', 'schedule').needsMeeting).toBe(true);
    expect(r('triaged', 'escalate').needsMeeting).toBe(false);
  });

  it('an escalation always ends with a recorded outcome: escalated leaves only through record_outcome', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ACTIONS), { maxLength: 25 }), (actions) => {
        let state: BottleneckState = 'raised';
        for (const a of actions) {
          const r = bottleneckTransition(state, a);
          if (!r.ok) continue;
          if (state === 'escalated' && a !== 'record_outcome') return false;
          if (!OPEN_BOTTLENECK_STATES.includes(state)) return false;
          state = r.to;
        }
        return true;
      }),
    );
  });
});
