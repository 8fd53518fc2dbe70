import type { Me } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { AppError, forbidden, notFound, unauthorized } from '../../lib/errors';
import type { Gate, PolicyRow } from '../../lib/policy';
import { recordAudit } from '../access/access.service';

/**
 * Who may see and do what in the councils module: the one place where its permissions are decided, as data (one row
 * per route; a test fails if a route has none) and as pure functions over what the services know of a council.
 *
 * - `public`: anyone. Each council's membership, the meetings it has held, and the conclusions of an issued notice
 *   (the notice itself as DOCX/PDF); the register of cooperation agreements; the linkage view without follow-ups.
 * - `member`: the council's working material (agenda, documents, minutes, attendance, draft conclusions, follow-ups,
 *   bottlenecks, dashboard, the review of a year): users of the Office (MoF) or of a member organisation (a named
 *   member ministry, or the People's Committee of a member province on today's date), and the council's secretariat.
 *   Callers who may not see an object get 404, so identifiers cannot be probed.
 * - `office`: the Office of the council: MoF administrators, and the council's own secretariat (users with the
 *   `council` role of the council's organisation). Schedules meetings, builds the agenda, invites, records attendance,
 *   minutes and conclusions, issues the notice, accepts or returns follow-ups, triages and escalates bottlenecks.
 * - `assignee`: a reporter of the organisation a follow-up is assigned to posts progress and evidence.
 * - `raiser`: a reporter of a member organisation (province, ministry) raises a bottleneck; the Office may too.
 * - `agreement_editor`: MoF administrators, or a reporter of a province party to the agreement.
 * - `mof`: users of the Ministry of Finance (administrators and viewers): the annual report's drafting material.
 * - `signed_in`: any signed-in user; what they see is filtered by the rules above.
 */
export type Rule = 'public' | 'signed_in' | 'member' | 'office' | 'assignee' | 'raiser' | 'agreement_editor' | 'mof';

export const POLICY: { method: string; url: string; rule: Rule }[] = [
  { method: 'GET', url: '/api/v1/councils', rule: 'public' },
  { method: 'GET', url: '/api/v1/councils/:code', rule: 'public' },
  { method: 'GET', url: '/api/v1/councils/:code/dashboard', rule: 'member' },
  { method: 'GET', url: '/api/v1/councils/:code/review', rule: 'member' },
  { method: 'GET', url: '/api/v1/coordination-teams', rule: 'public' },
  { method: 'POST', url: '/api/v1/councils/:code/meetings', rule: 'office' },
  { method: 'GET', url: '/api/v1/council-meetings/:id', rule: 'public' },
  { method: 'PATCH', url: '/api/v1/council-meetings/:id', rule: 'office' },
  { method: 'PUT', url: '/api/v1/council-meetings/:id/agenda', rule: 'office' },
  { method: 'POST', url: '/api/v1/council-meetings/:id/documents', rule: 'office' },
  { method: 'GET', url: '/api/v1/council-meeting-documents/:id', rule: 'member' },
  { method: 'POST', url: '/api/v1/council-meetings/:id/invitations', rule: 'office' },
  { method: 'PUT', url: '/api/v1/council-meetings/:id/attendance', rule: 'office' },
  { method: 'PUT', url: '/api/v1/council-meetings/:id/conclusions', rule: 'office' },
  { method: 'POST', url: '/api/v1/council-meetings/:id/notice', rule: 'office' },
  { method: 'GET', url: '/api/v1/council-meetings/:id/notice.:format', rule: 'public' },
  { method: 'GET', url: '/api/v1/council-follow-ups', rule: 'signed_in' },
  { method: 'GET', url: '/api/v1/council-follow-ups/:id', rule: 'member' },
  { method: 'POST', url: '/api/v1/council-follow-ups/:id/progress', rule: 'assignee' },
  { method: 'POST', url: '/api/v1/council-follow-ups/:id/evidence', rule: 'assignee' },
  { method: 'GET', url: '/api/v1/council-follow-up-evidence/:id', rule: 'member' },
  { method: 'POST', url: '/api/v1/council-follow-ups/:id/review', rule: 'office' },
  { method: 'POST', url: '/api/v1/council-follow-ups/reminders', rule: 'office' },
  { method: 'GET', url: '/api/v1/council-bottlenecks', rule: 'signed_in' },
  { method: 'POST', url: '/api/v1/council-bottlenecks', rule: 'raiser' },
  { method: 'GET', url: '/api/v1/council-bottlenecks/report-material', rule: 'mof' },
  { method: 'GET', url: '/api/v1/council-bottlenecks/:id', rule: 'member' },
  { method: 'POST', url: '/api/v1/council-bottlenecks/:id/actions', rule: 'office' },
  { method: 'GET', url: '/api/v1/cooperation-agreements', rule: 'public' },
  { method: 'POST', url: '/api/v1/cooperation-agreements', rule: 'agreement_editor' },
  { method: 'PATCH', url: '/api/v1/cooperation-agreements/:id', rule: 'agreement_editor' },
  { method: 'GET', url: '/api/v1/linkages', rule: 'public' },
];

/**
 * The central gate of each councils route (lib/policy.ts), the coarse check made before the body is read: writes need
 * a signed-in non-viewer, `signed_in` and `mof` reads a signed-in user; `member` reads pass to the service, which
 * answers 404 to whoever may not see the object (so that identifiers cannot be probed).
 */
export const COUNCILS_GATES: PolicyRow[] = POLICY.map((p) => {
  const gate: Gate =
    p.rule === 'public' || p.rule === 'member'
      ? 'public'
      : p.rule === 'signed_in' || p.rule === 'mof'
        ? 'signed_in'
        : 'writer';
  return { method: p.method as PolicyRow['method'], url: p.url, gate };
});

/** The code of the Ministry of Finance, the Office of every council. */
export const MOF_CODE = 'BTC';

export type Caller = Pick<Me, 'id' | 'role' | 'organisation'> | null;

/** What the policy needs to know about a council. */
export interface CouncilFacts {
  /** The council's own organisation (its secretariat's users belong to it), if any. */
  organisationId: number | null;
  /** Member organisations today: the Office, named ministries, and the People's Committees of member provinces. */
  memberOrgIds: ReadonlySet<number>;
}

/** Is the caller a user of the Ministry of Finance? */
export const isMof = (u: Caller) => u !== null && u.organisation.code === MOF_CODE;

/** The Office of this council: MoF administrators, and the council's own secretariat. */
export function isOffice(u: Caller, c: CouncilFacts): boolean {
  if (!u) return false;
  if (u.role === 'admin') return true;
  return u.role === 'council' && c.organisationId !== null && u.organisation.id === c.organisationId;
}

/** May the caller see the council's working material? */
export function isMember(u: Caller, c: CouncilFacts): boolean {
  if (!u) return false;
  if (isOffice(u, c)) return true;
  if (u.role === 'council') return false;
  return c.memberOrgIds.has(u.organisation.id);
}

/** May the caller raise a bottleneck to this council? */
export function canRaise(u: Caller, c: CouncilFacts): boolean {
  if (isOffice(u, c)) return true;
  return u?.role === 'reporter' && c.memberOrgIds.has(u.organisation.id);
}

/** What the policy needs to know about a follow-up. */
export interface FollowUpFacts {
  council: CouncilFacts;
  assigneeOrgId: number;
  partnerOrgIds: readonly number[];
}

/** May the caller see the follow-up: members of the council, and its assignee and partners wherever they sit. */
export function canSeeFollowUp(u: Caller, f: FollowUpFacts): boolean {
  if (isMember(u, f.council)) return true;
  if (!u || u.role === 'council') return false;
  return u.organisation.id === f.assigneeOrgId || f.partnerOrgIds.includes(u.organisation.id);
}

/** Only the assignee's reporters post progress and evidence on a follow-up. */
export const canPostProgress = (u: Caller, f: FollowUpFacts) =>
  u?.role === 'reporter' && u.organisation.id === f.assigneeOrgId;

/** May the caller see the bottleneck: members of the council and the organisation that raised it. */
export function canSeeBottleneck(u: Caller, c: CouncilFacts, raisedByOrgId: number): boolean {
  if (isMember(u, c)) return true;
  return u !== null && u.role !== 'council' && u.organisation.id === raisedByOrgId;
}

/** May the caller record or edit a cooperation agreement between these provinces (today's codes)? */
export function canEditAgreement(u: Caller, partiesToday: readonly string[]): boolean {
  if (!u) return false;
  if (u.role === 'admin') return true;
  return (
    u.role === 'reporter' &&
    u.organisation.kind === 'province' &&
    u.organisation.provinceCode !== null &&
    partiesToday.includes(u.organisation.provinceCode)
  );
}

/** 401 for the public; the signed-in caller otherwise. */
export function signedIn<U extends Caller>(u: U): NonNullable<U> {
  if (!u) throw unauthorized();
  return u as NonNullable<U>;
}

/**
 * Enforce a decision: 401 signed out; 404 when the caller may not even see the object; 403 (with an audit row) when
 * they see it but may not act.
 */
export async function enforce(
  db: Db,
  u: Caller,
  check: {
    sees: boolean;
    may: boolean;
    action: string;
    entity: string;
    entityId: string | number;
    what?: [string, string];
  },
) {
  if (!u) throw unauthorized();
  if (!check.sees) throw notFound(...(check.what ?? ['Record', 'bản ghi']));
  if (!check.may) {
    await recordAudit(db, {
      userId: u.id,
      action: 'authz_denied',
      entity: check.entity,
      entityId: String(check.entityId),
      detail: { attempted: check.action },
    });
    throw forbidden();
  }
}

/** A 409 carrying a refused transition's reason. */
export const stateConflict = (r: { code: string; messageEn: string; messageVi: string }) =>
  new AppError(409, r.code, r.messageEn, r.messageVi);
