import { and, eq, sql } from 'drizzle-orm';
import type { Organisation } from '@regionlink/shared';
import { normaliseText, sortVi } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { AppError, notFound } from '../../lib/errors';
import { staleWrite } from '../../lib/etag';
import { organisations, users } from './access.schema';
import { type SessionUser, recordAudit, toOrganisation } from './access.service';

type OrgRow = typeof organisations.$inferSelect;

/** An organisation as administrators see it: with its state, its number of accounts and its version (ETag). */
export interface AdminOrganisation extends Organisation {
  disabledAt: string | null;
  users: number;
  version: number;
}

const toAdmin = (o: OrgRow, n: number): AdminOrganisation => ({
  ...toOrganisation(o),
  disabledAt: o.disabledAt,
  users: n,
  version: o.version,
});

/** Every organisation, deactivated ones included, in Vietnamese order within kind. */
export async function listAdminOrganisations(db: Db): Promise<AdminOrganisation[]> {
  const rows = await db
    .select({
      o: organisations,
      n: sql<number>`(select count(*)::int from users u where u.organisation_id = "organisations"."id" and u.disabled_at is null)`,
    })
    .from(organisations);
  const kinds = ['ministry', 'agency', 'province', 'council', 'other'];
  return sortVi(rows, (r) => r.o.nameVi)
    .sort((a, b) => kinds.indexOf(a.o.kind) - kinds.indexOf(b.o.kind))
    .map((r) => toAdmin(r.o, Number(r.n)));
}

/** One organisation for administrators, or 404. */
export async function getAdminOrganisation(db: Db, id: number): Promise<AdminOrganisation> {
  const all = await listAdminOrganisations(db);
  const o = all.find((x) => x.id === id);
  if (!o) throw notFound('Organisation', 'cơ quan');
  return o;
}

interface OrgInput {
  code?: string;
  kind?: string;
  nameVi?: string;
  nameEn?: string;
  provinceCode?: string | null;
  regionCode?: string | null;
}

/** Create an organisation (MoF administrators). Codes are unique and never reused. */
export async function createOrganisation(db: Db, actor: SessionUser, input: Required<OrgInput>) {
  const [row] = await db
    .insert(organisations)
    .values({
      code: input.code,
      kind: input.kind,
      nameVi: normaliseText(input.nameVi),
      nameEn: normaliseText(input.nameEn),
      provinceCode: input.provinceCode,
      regionCode: input.regionCode,
      sortOrder: 900,
    })
    .onConflictDoNothing()
    .returning();
  if (!row)
    throw new AppError(409, 'code_taken', 'An organisation with this code exists.', 'Mã cơ quan đã tồn tại.', [
      { path: 'body.code', message: 'Already used.', messageVi: 'Đã được dùng.' },
    ]);
  await recordAudit(db, {
    userId: actor.id,
    action: 'organisation_created',
    entity: 'organisation',
    entityId: String(row.id),
  });
  return getAdminOrganisation(db, row.id);
}

/** Edit an organisation (If-Match). */
export async function updateOrganisation(db: Db, actor: SessionUser, id: number, version: number, input: OrgInput) {
  await getAdminOrganisation(db, id);
  const r = await db
    .update(organisations)
    .set({
      ...(input.nameVi !== undefined ? { nameVi: normaliseText(input.nameVi) } : {}),
      ...(input.nameEn !== undefined ? { nameEn: normaliseText(input.nameEn) } : {}),
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.provinceCode !== undefined ? { provinceCode: input.provinceCode } : {}),
      ...(input.regionCode !== undefined ? { regionCode: input.regionCode } : {}),
      version: sql`${organisations.version} + 1`,
    })
    .where(and(eq(organisations.id, id), eq(organisations.version, version)))
    .returning({ id: organisations.id });
  if (r.length === 0) throw staleWrite();
  await recordAudit(db, {
    userId: actor.id,
    action: 'organisation_updated',
    entity: 'organisation',
    entityId: String(id),
    detail: { changed: Object.keys(input) },
  });
  return getAdminOrganisation(db, id);
}

/**
 * Deactivate or reactivate an organisation (never delete: history keeps its name). While deactivated, its accounts
 * cannot sign in and their sessions stop at the next request; MoF's own organisation cannot be deactivated by the
 * administrator who belongs to it.
 */
export async function setOrganisationActive(db: Db, actor: SessionUser, id: number, version: number, active: boolean) {
  if (!active && id === actor.organisation.id)
    throw new AppError(
      409,
      'own_organisation',
      'You cannot deactivate your own organisation.',
      'Không thể vô hiệu hoá cơ quan của chính mình.',
    );
  const r = await db
    .update(organisations)
    .set({ disabledAt: active ? null : new Date().toISOString(), version: sql`${organisations.version} + 1` })
    .where(and(eq(organisations.id, id), eq(organisations.version, version)))
    .returning({ id: organisations.id });
  if (r.length === 0) {
    await getAdminOrganisation(db, id);
    throw staleWrite();
  }
  const [n] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.organisationId, id));
  await recordAudit(db, {
    userId: actor.id,
    action: active ? 'organisation_reactivated' : 'organisation_deactivated',
    entity: 'organisation',
    entityId: String(id),
    detail: { accounts: Number(n?.n ?? 0) },
  });
  return getAdminOrganisation(db, id);
}
