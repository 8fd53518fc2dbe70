import type { Db } from '../../db/client';
import { AppError, forbidden, unauthorized } from '../../lib/errors';
import type { SessionUser } from '../access/access.service';
import { recordAudit } from '../access/access.service';

/** The signed-in user of a request, or null for the public. */
export type Caller = SessionUser | null;

/** The caller, or a 401. */
export function signedIn(caller: Caller): SessionUser {
  if (!caller) throw unauthorized();
  return caller;
}

/** Record the refusal in the audit log, then throw 403 (the object is public, so its existence is no secret). */
export async function deny(
  db: Db,
  caller: SessionUser,
  action: string,
  entity: string,
  entityId: string,
): Promise<never> {
  await recordAudit(db, { userId: caller.id, action: 'authz_denied', entity, entityId, detail: { attempted: action } });
  throw forbidden();
}

/** The admin caller, or 401/403 (with an audit row for the refusal). */
export async function requireAdmin(db: Db, caller: Caller, action: string, entity: string, entityId: string) {
  const u = signedIn(caller);
  if (u.role !== 'admin') await deny(db, u, action, entity, entityId);
  return u;
}

/** True for a unique-constraint violation from either engine (drizzle wraps the driver error in `cause`). */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
}

export const badRequest = (code: string, path: string, en: string, vi: string) =>
  new AppError(400, code, en, vi, [{ path, message: en, messageVi: vi }]);

export const conflict = (code: string, en: string, vi: string) => new AppError(409, code, en, vi);

/** A 400 listing every field problem found (paths such as `body.provinces.2.costShare`). */
export function invalid(problems: { path: string; messageEn: string; messageVi: string }[], prefix = 'body') {
  return new AppError(
    400,
    'validation_failed',
    `Invalid input: ${problems.map((p) => p.messageEn).join(' ')}`,
    `Dữ liệu không hợp lệ: ${problems.map((p) => p.messageVi).join(' ')}`,
    problems.map((p) => ({
      path: p.path.startsWith(prefix) ? p.path : `${prefix}.${p.path}`,
      message: p.messageEn,
      messageVi: p.messageVi,
    })),
  );
}

/** Normalise optional user text: NFC, invisible characters removed, empty becomes null. */
export function optText(v: string | null | undefined, norm: (s: string) => string): string | null {
  if (v === null || v === undefined) return null;
  const s = norm(v);
  return s === '' ? null : s;
}
