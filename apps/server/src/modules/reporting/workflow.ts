import type { CycleStatus, SubmissionState } from '@regionlink/shared';

/**
 * The submission workflow as pure functions: draft → submitted → returned → submitted → accepted (locked), and
 * accepted → returned only through an admin unlock with a reason. Who may attempt an action is decided in
 * `policy.ts`; this file decides whether the action is valid in the current state, and says why not.
 */

export type WorkflowAction = 'edit' | 'submit' | 'return' | 'accept' | 'unlock' | 'comment';

export interface WorkflowContext {
  cycleStatus: CycleStatus;
  cyclePublished: boolean;
}

export type TransitionResult =
  | { ok: true; to: SubmissionState }
  | { ok: false; code: string; messageEn: string; messageVi: string };

const refuse = (code: string, messageEn: string, messageVi: string): TransitionResult => ({
  ok: false,
  code,
  messageEn,
  messageVi,
});

const STATE_VI: Record<SubmissionState, string> = {
  draft: 'đang soạn',
  submitted: 'đã gửi',
  returned: 'bị trả lại',
  accepted: 'đã được chấp nhận',
};

/** States in which the reporting organisation may change the content. */
export const EDITABLE_STATES: readonly SubmissionState[] = ['draft', 'returned'];

/** True when the submission is locked against every edit (accepted). */
export const isLocked = (state: SubmissionState) => state === 'accepted';

/**
 * Whether `action` is valid on a submission in `state` within a cycle in `ctx`, and the resulting state.
 * `edit` and `comment` do not change the state. A closed cycle takes no new edits or submissions; a published
 * cycle's accepted submissions cannot be unlocked until the cycle is unpublished.
 */
export function transition(state: SubmissionState, action: WorkflowAction, ctx: WorkflowContext): TransitionResult {
  switch (action) {
    case 'edit':
    case 'submit': {
      if (!EDITABLE_STATES.includes(state))
        return state === 'accepted'
          ? refuse(
              'submission_locked',
              'The submission has been accepted and is locked; the Ministry of Finance must unlock it first.',
              'Báo cáo đã được chấp nhận và đã khóa; cần Bộ Tài chính mở khóa trước khi sửa.',
            )
          : refuse(
              'submission_submitted',
              'The submission has been sent and can no longer be changed unless the Ministry of Finance returns it.',
              'Báo cáo đã gửi, không thể sửa trừ khi Bộ Tài chính trả lại.',
            );
      if (ctx.cycleStatus !== 'open')
        return refuse(
          'cycle_not_open',
          `The reporting cycle is ${ctx.cycleStatus}; it takes no edits or submissions.`,
          ctx.cycleStatus === 'closed'
            ? 'Kỳ báo cáo đã đóng; không nhận chỉnh sửa hoặc gửi báo cáo.'
            : 'Kỳ báo cáo chưa mở.',
        );
      return { ok: true, to: action === 'submit' ? 'submitted' : state };
    }
    case 'return':
    case 'accept':
      if (state !== 'submitted')
        return refuse(
          'not_submitted',
          `Only a submitted report can be ${action === 'return' ? 'returned' : 'accepted'}; this one is ${state}.`,
          `Chỉ báo cáo đã gửi mới có thể ${action === 'return' ? 'trả lại' : 'chấp nhận'}; báo cáo này ${STATE_VI[state]}.`,
        );
      return { ok: true, to: action === 'return' ? 'returned' : 'accepted' };
    case 'unlock':
      if (state !== 'accepted')
        return refuse(
          'not_accepted',
          `Only an accepted report can be unlocked; this one is ${state}.`,
          `Chỉ báo cáo đã chấp nhận mới có thể mở khóa; báo cáo này ${STATE_VI[state]}.`,
        );
      if (ctx.cyclePublished)
        return refuse(
          'cycle_published',
          "The cycle's results are published; unpublish them before unlocking a report.",
          'Kết quả kỳ báo cáo đã công bố; cần hủy công bố trước khi mở khóa báo cáo.',
        );
      return { ok: true, to: 'returned' };
    case 'comment':
      if (state !== 'submitted')
        return refuse(
          'not_under_review',
          'Comments are made while a report is under review (submitted).',
          'Chỉ ghi ý kiến khi báo cáo đang chờ xem xét (đã gửi).',
        );
      return { ok: true, to: state };
  }
}

/** Apply a sequence of actions, skipping refused ones; the states visited. For tests and simulations. */
export function run(
  start: SubmissionState,
  actions: WorkflowAction[],
  ctx: WorkflowContext,
): { state: SubmissionState; applied: WorkflowAction[] } {
  let state = start;
  const applied: WorkflowAction[] = [];
  for (const a of actions) {
    const r = transition(state, a, ctx);
    if (r.ok) {
      state = r.to;
      applied.push(a);
    }
  }
  return { state, applied };
}
