import type { CycleStatus, Role, SubmissionState } from '@regionlink/shared';
import { transition, type WorkflowAction } from './workflow';

/**
 * Who may see and do what with submissions: the one policy, as pure functions, that every service call enforces
 * and the permission-matrix test replays.
 *
 * - Admin (Ministry of Finance): reads every submission that has been sent at least once (not drafts), returns,
 *   accepts, unlocks, comments. Never edits another organisation's content.
 * - Reporter: reads and edits their own organisation's submissions only; submits their own drafts and returned
 *   reports; cannot change a submitted or accepted report.
 * - Council: reads accepted submissions of the provinces in its region.
 * - Viewer and the anonymous public: read accepted submissions of cycles whose results MoF has published.
 * - Everyone signed in or not reads accepted submissions of published cycles.
 *
 * A submission the caller may not read answers 404 to every action, so identifiers cannot be probed; a readable
 * one the caller may not act on answers 403; a permitted actor in the wrong state gets 409 with the reason.
 */

export type ActorRole = Role | 'anonymous';

export interface Actor {
  role: ActorRole;
  userId: number | null;
  organisationId: number | null;
  /** The region of the actor's organisation (councils). */
  regionCode: string | null;
}

export interface SubmissionFacts {
  organisationId: number;
  organisationKind: string;
  regionCode: string | null;
  state: SubmissionState;
  cycleStatus: CycleStatus;
  cyclePublished: boolean;
}

export type SubmissionAction = WorkflowAction | 'read' | 'upload' | 'delete_file';

export type Decision =
  | { outcome: 'allow' }
  | { outcome: 'unauthenticated' }
  | { outcome: 'not_found' }
  | { outcome: 'forbidden' }
  | { outcome: 'conflict'; code: string; messageEn: string; messageVi: string };

export const ANONYMOUS: Actor = { role: 'anonymous', userId: null, organisationId: null, regionCode: null };

const isPublic = (s: SubmissionFacts) => s.state === 'accepted' && s.cyclePublished;

/** May the actor read this submission (and therefore know it exists)? */
export function canRead(actor: Actor, s: SubmissionFacts): boolean {
  if (isPublic(s)) return true;
  switch (actor.role) {
    case 'admin':
      return s.state !== 'draft';
    case 'reporter':
      return actor.organisationId === s.organisationId;
    case 'council':
      return (
        s.state === 'accepted' &&
        s.organisationKind === 'province' &&
        actor.regionCode !== null &&
        s.regionCode === actor.regionCode
      );
    default:
      return false;
  }
}

const WRITE_ACTIONS: readonly SubmissionAction[] = [
  'edit',
  'submit',
  'return',
  'accept',
  'unlock',
  'comment',
  'upload',
  'delete_file',
];

/** Which role may attempt each action, before the state is considered. */
function mayAttempt(actor: Actor, action: SubmissionAction, s: SubmissionFacts): boolean {
  switch (action) {
    case 'read':
      return true;
    case 'edit':
    case 'submit':
    case 'upload':
    case 'delete_file':
      return actor.role === 'reporter' && actor.organisationId === s.organisationId;
    case 'return':
    case 'accept':
    case 'unlock':
    case 'comment':
      return actor.role === 'admin';
  }
}

/** The decision for one actor, one action and one submission. */
export function decide(actor: Actor, action: SubmissionAction, s: SubmissionFacts): Decision {
  if (actor.role === 'anonymous' && WRITE_ACTIONS.includes(action)) return { outcome: 'unauthenticated' };
  if (!canRead(actor, s)) return { outcome: 'not_found' };
  if (!mayAttempt(actor, action, s)) return { outcome: 'forbidden' };
  if (action === 'read') return { outcome: 'allow' };
  const wfAction: WorkflowAction = action === 'upload' || action === 'delete_file' ? 'edit' : action;
  const r = transition(s.state, wfAction, { cycleStatus: s.cycleStatus, cyclePublished: s.cyclePublished });
  if (!r.ok) return { outcome: 'conflict', code: r.code, messageEn: r.messageEn, messageVi: r.messageVi };
  return { outcome: 'allow' };
}

/** The caller's permissions on a submission, for the UI (the server enforces the same decisions). */
export function permissionsOf(actor: Actor, s: SubmissionFacts) {
  const ok = (a: SubmissionAction) => decide(actor, a, s).outcome === 'allow';
  return {
    edit: ok('edit'),
    submit: ok('submit'),
    return: ok('return'),
    accept: ok('accept'),
    unlock: ok('unlock'),
    comment: ok('comment'),
  };
}

/** Cycle-level reads: aggregates (progress, matrix, task history) and the national-report source. */
export type CycleAggregate = 'progress' | 'matrix' | 'entries' | 'report_source';

export interface CycleFacts {
  status: CycleStatus;
  published: boolean;
}

/** May the actor see the cycle at all? Drafts of cycles are MoF's own work. */
export function canSeeCycle(actor: Actor, c: CycleFacts): boolean {
  return c.status !== 'draft' || actor.role === 'admin';
}

/**
 * May the actor call a cycle-level aggregate? The aggregate is then computed under the actor's scope (which
 * submissions they may read), so the answer never contains what they could not read one by one.
 * - progress: admin; council (its region's provinces); everyone once results are published.
 * - matrix and per-task entries: anyone who can see the cycle (content is filtered by `canRead`).
 * - report source (the national report's input): admin, or anyone once published.
 */
export function decideCycle(actor: Actor, what: CycleAggregate, c: CycleFacts): Decision {
  if (!canSeeCycle(actor, c)) return { outcome: 'not_found' };
  if (c.published) return { outcome: 'allow' };
  switch (what) {
    case 'progress':
      return actor.role === 'admin' || actor.role === 'council' ? { outcome: 'allow' } : denied(actor);
    case 'report_source':
      return actor.role === 'admin' ? { outcome: 'allow' } : denied(actor);
    case 'matrix':
    case 'entries':
      return actor.role === 'anonymous' || actor.role === 'viewer' ? denied(actor) : { outcome: 'allow' };
  }
}

const denied = (actor: Actor): Decision =>
  actor.role === 'anonymous' ? { outcome: 'unauthenticated' } : { outcome: 'forbidden' };

/**
 * May the actor register a paper report for an expected organisation of a cycle (a report sent outside the system)?
 * MoF admins only, while the cycle is open, and only for an organisation with nothing in the system yet: a report
 * already received is reviewed as it is, and an unsent draft belongs to the organisation (MoF asks it to send it).
 * Others: 401 anonymous, 403 signed in (the cycle is visible to them), 404 for a draft cycle they cannot see.
 */
export function decidePaperRegistration(actor: Actor, c: CycleFacts, existing: SubmissionState | null): Decision {
  if (actor.role === 'anonymous') return { outcome: 'unauthenticated' };
  if (!canSeeCycle(actor, c)) return { outcome: 'not_found' };
  if (actor.role !== 'admin') return { outcome: 'forbidden' };
  if (c.status !== 'open')
    return {
      outcome: 'conflict',
      code: 'cycle_not_open',
      messageEn: `The reporting cycle is ${c.status}; paper reports are registered while it is open.`,
      messageVi:
        c.status === 'closed'
          ? 'Kỳ báo cáo đã đóng; chỉ nhập báo cáo giấy khi kỳ báo cáo đang mở.'
          : 'Kỳ báo cáo chưa mở; chỉ nhập báo cáo giấy khi kỳ báo cáo đang mở.',
    };
  if (existing === 'draft')
    return {
      outcome: 'conflict',
      code: 'unsent_draft',
      messageEn:
        'The organisation has started this report in the system but not sent it; ask it to send it there instead.',
      messageVi: 'Cơ quan đã soạn báo cáo này trên hệ thống nhưng chưa gửi; đề nghị cơ quan gửi báo cáo trên hệ thống.',
    };
  if (existing !== null)
    return {
      outcome: 'conflict',
      code: 'already_received',
      messageEn: "The organisation's report for this cycle has already been received.",
      messageVi: 'Báo cáo kỳ này của cơ quan đã được tiếp nhận.',
    };
  return { outcome: 'allow' };
}
