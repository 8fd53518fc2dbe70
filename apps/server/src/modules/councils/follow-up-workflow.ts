import type { FollowUpAction, FollowUpState } from '@regionlink/shared';

/**
 * The follow-up of a council conclusion as a pure state machine:
 *
 *   open ──progress──▶ in_progress ──report_done──▶ reported ──accept──▶ done
 *     │                    ▲  │                        │
 *     └──report_done───────┼──┘                        └──return──▶ returned ──progress / report_done──▶ …
 *   any state but done ──cancel──▶ cancelled
 *
 * The assignee posts progress and reports the work done; only the Office accepts it as done or sends it back.
 * Who may attempt an action is decided in `councils.policy.ts`; this file decides whether the action is valid in the
 * current state, and says why not in both languages.
 */

export type FollowUpTransition =
  | { ok: true; to: FollowUpState }
  | { ok: false; code: string; messageEn: string; messageVi: string };

const STATE_VI: Record<FollowUpState, string> = {
  open: 'chưa triển khai',
  in_progress: 'đang thực hiện',
  reported: 'đã báo cáo hoàn thành, đang chờ xác nhận',
  returned: 'bị trả lại',
  done: 'đã hoàn thành',
  cancelled: 'đã dừng thực hiện',
};

const refuse = (state: FollowUpState, action: FollowUpAction, en: string, vi: string): FollowUpTransition => ({
  ok: false,
  code: 'follow_up_state',
  messageEn: `Cannot ${action.replace('_', ' ')} a follow-up that is ${state.replace('_', ' ')}: ${en}`,
  messageVi: `Không thể thực hiện thao tác với nhiệm vụ ${STATE_VI[state]}: ${vi}`,
});

/** States in which the assignee still works on the follow-up. */
export const WORKING_STATES: readonly FollowUpState[] = ['open', 'in_progress', 'returned'];
/** States that end a follow-up. */
export const FINAL_STATES: readonly FollowUpState[] = ['done', 'cancelled'];

/** Whether `action` is valid on a follow-up in `state`, and the resulting state. */
export function followUpTransition(state: FollowUpState, action: FollowUpAction): FollowUpTransition {
  if (FINAL_STATES.includes(state)) return refuse(state, action, 'it is closed.', 'nhiệm vụ đã kết thúc.');
  switch (action) {
    case 'progress':
      if (!WORKING_STATES.includes(state))
        return refuse(
          state,
          action,
          'the Office is reviewing the report of completion.',
          'Văn phòng đang xem xét báo cáo hoàn thành.',
        );
      return { ok: true, to: 'in_progress' };
    case 'report_done':
      if (!WORKING_STATES.includes(state))
        return refuse(state, action, 'completion has already been reported.', 'đã báo cáo hoàn thành.');
      return { ok: true, to: 'reported' };
    case 'accept':
    case 'return':
      if (state !== 'reported')
        return refuse(
          state,
          action,
          'only a follow-up reported as done can be accepted or sent back.',
          'chỉ nhiệm vụ đã báo cáo hoàn thành mới được xác nhận hoặc trả lại.',
        );
      return { ok: true, to: action === 'accept' ? 'done' : 'returned' };
    case 'cancel':
      return { ok: true, to: 'cancelled' };
  }
}

/** Overdue: past its due date on `today` and not closed. A follow-up reported done on time waits without being late. */
export function isOverdue(f: { state: FollowUpState; dueOn: string }, today: string): boolean {
  if (FINAL_STATES.includes(f.state) || f.state === 'reported') return false;
  return f.dueOn < today;
}

/** Done on time: accepted as done, and the work was reported done (doneOn) on or before the due date. */
export function isDoneOnTime(f: { state: FollowUpState; dueOn: string; doneOn: string | null }): boolean {
  return f.state === 'done' && f.doneOn !== null && f.doneOn <= f.dueOn;
}
