import type { Organisation, ReporterGroup } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { AppError, forbidden, unauthorized } from '../../lib/errors';
import { listOrganisations, recordAudit, type SessionUser } from '../access/access.service';
import { todayVn } from '../geo/geo.service';
import { type Actor, ANONYMOUS, type Decision } from './policy';

/** The policy's view of the caller. */
export function actorOf(user: SessionUser | null): Actor {
  if (!user) return ANONYMOUS;
  return {
    role: user.role,
    userId: user.id,
    organisationId: user.organisation.id,
    regionCode: user.organisation.regionCode,
  };
}

/**
 * The organisation that runs the reporting cycles (the Ministry of Finance). It reports on its own tasks like any other
 * organisation, but is never listed as missing from its own cycle nor reminded by itself.
 */
export const REPORTING_OWNER_CODE = 'BTC';

/** The reporting group of an organisation: provincial People's Committees are localities, the rest central. */
export const groupOf = (o: Pick<Organisation, 'kind'>): ReporterGroup =>
  o.kind === 'province' ? 'locality' : 'central';

/** All organisations by id, read through the access module's service. */
export async function organisationsById(db: Db): Promise<Map<number, Organisation>> {
  return new Map((await listOrganisations(db)).map((o) => [o.id, o]));
}

/** Today's date in Viet Nam (UTC+7), `YYYY-MM-DD`. */
export const today = () => todayVn();

export const submissionNotFound = () =>
  new AppError(404, 'not_found', 'Submission not found.', 'Không tìm thấy báo cáo.');
export const cycleNotFound = () =>
  new AppError(404, 'not_found', 'Reporting cycle not found.', 'Không tìm thấy kỳ báo cáo.');

/**
 * Turn a policy decision into an error, recording every denial in the audit log (who, what, which record) so that
 * probing shows up. Call outside write transactions, so the audit row survives the refusal.
 */
export async function enforce(
  db: Db,
  actor: Actor,
  decision: Decision,
  target: { entity: string; id: string | number; action: string },
  notFound: () => AppError = submissionNotFound,
): Promise<void> {
  if (decision.outcome === 'allow') return;
  if (decision.outcome !== 'unauthenticated')
    await recordAudit(db, {
      userId: actor.userId,
      action: 'authz_denied',
      entity: target.entity,
      entityId: String(target.id),
      detail: { action: target.action, outcome: decision.outcome, role: actor.role },
    });
  switch (decision.outcome) {
    case 'unauthenticated':
      throw unauthorized();
    case 'not_found':
      throw notFound();
    case 'forbidden':
      throw forbidden();
    case 'conflict':
      throw new AppError(409, decision.code, decision.messageEn, decision.messageVi);
  }
}

/** Require an admin (MoF) for reference-data and cycle management; anonymous callers get 401. */
export async function requireAdmin(
  db: Db,
  actor: Actor,
  target: { entity: string; id: string | number; action: string },
) {
  if (actor.role === 'admin') return;
  await enforce(
    db,
    actor,
    actor.role === 'anonymous' ? { outcome: 'unauthenticated' } : { outcome: 'forbidden' },
    target,
  );
}
