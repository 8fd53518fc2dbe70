import type { BottleneckAction, BottleneckState } from '@regionlink/shared';

/**
 * A bottleneck (vướng mắc, kiến nghị) raised to a council, as a pure state machine:
 *
 *   raised ──triage──▶ triaged ──schedule──▶ on_agenda ──escalate──▶ escalated ──record_outcome──▶ resolved
 *     │                  │  └──escalate──────────────────────▲            ▲
 *     │                  └──resolve / dismiss                 │            │
 *     └──schedule / dismiss                on_agenda ──resolve─────────────┘
 *
 * Only the Office acts on a bottleneck once it is raised; every step is recorded with who and when by the service.
 * `record_outcome` (the Prime Minister's answer) is the only way out of `escalated`, so an escalation always ends
 * with a recorded outcome.
 */

export type BottleneckTransition =
  | { ok: true; to: BottleneckState; needsNote: boolean; needsMeeting: boolean }
  | { ok: false; code: string; messageEn: string; messageVi: string };

const FROM: Record<BottleneckAction, readonly BottleneckState[]> = {
  triage: ['raised'],
  schedule: ['raised', 'triaged'],
  escalate: ['triaged', 'on_agenda'],
  record_outcome: ['escalated'],
  resolve: ['triaged', 'on_agenda'],
  dismiss: ['raised', 'triaged'],
};
const TO: Record<BottleneckAction, BottleneckState> = {
  triage: 'triaged',
  schedule: 'on_agenda',
  escalate: 'escalated',
  record_outcome: 'resolved',
  resolve: 'resolved',
  dismiss: 'dismissed',
};
const ACTION_VI: Record<BottleneckAction, string> = {
  triage: 'phân loại',
  schedule: 'đưa vào chương trình phiên họp',
  escalate: 'báo cáo Thủ tướng Chính phủ',
  record_outcome: 'ghi nhận ý kiến chỉ đạo',
  resolve: 'ghi nhận đã tháo gỡ',
  dismiss: 'không xử lý',
};

/** Actions whose record must say why or what (the outcome, the reason to dismiss, what was escalated). */
const NOTE_REQUIRED: readonly BottleneckAction[] = ['escalate', 'record_outcome', 'resolve', 'dismiss'];

/** States in which a bottleneck is still open (still blocking). */
export const OPEN_BOTTLENECK_STATES: readonly BottleneckState[] = ['raised', 'triaged', 'on_agenda', 'escalated'];

/** Whether `action` is valid on a bottleneck in `state`, the resulting state, and what the action must carry. */
export function bottleneckTransition(state: BottleneckState, action: BottleneckAction): BottleneckTransition {
  if (!FROM[action].includes(state))
    return {
      ok: false,
      code: 'bottleneck_state',
      messageEn: `Cannot ${action.replace('_', ' ')} a bottleneck that is ${state.replace('_', ' ')}; allowed from: ${FROM[action].join(', ')}.`,
      messageVi: `Không thể ${ACTION_VI[action]} khi vướng mắc đang ở trạng thái "${state}"; chỉ thực hiện được từ: ${FROM[action].join(', ')}.`,
    };
  return { ok: true, to: TO[action], needsNote: NOTE_REQUIRED.includes(action), needsMeeting: action === 'schedule' };
}

/** The actions valid from `state`, in workflow order (what the Office's buttons offer). */
export function bottleneckActionsFrom(state: BottleneckState): BottleneckAction[] {
  return (Object.keys(FROM) as BottleneckAction[]).filter((a) => FROM[a].includes(state));
}
