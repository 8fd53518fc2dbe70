import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { AppError } from './errors';

/** How many public objects of one kind a user may keep: content that anonymous visitors see is never unbounded. */
export interface Quota {
  /** The table holding the objects and its column naming their creator (a users.id). */
  table: string;
  ownerColumn: string;
  /** Extra condition that selects the kind (e.g. `type = 'custom'`), trusted SQL from the caller's code. */
  where?: string;
  perUser: number;
  what: { en: string; vi: string };
}

/**
 * Refuse (409 `quota_exceeded`) when `userId` already owns `perUser` objects of the kind. Call inside the creating
 * transaction: an advisory lock on (table, user) serialises concurrent creations of one user, so 30 parallel
 * requests cannot all pass the count before any of them is inserted.
 */
export async function enforceQuota(tx: Db, q: Quota, userId: number): Promise<void> {
  if (!/^[a-z_]+$/.test(q.table) || !/^[a-z_]+$/.test(q.ownerColumn)) throw new Error('quota: bad identifier');
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${q.table}), ${userId})`);
  const where = q.where ? ` and (${q.where})` : '';
  const r = (await tx.execute(
    sql.raw(`select count(*)::int as n from ${q.table} where ${q.ownerColumn} = ${Number(userId)}${where}`),
  )) as unknown as { rows: { n: number }[] };
  if (Number(r.rows[0].n) >= q.perUser)
    throw new AppError(
      409,
      'quota_exceeded',
      `You already have ${q.perUser} ${q.what.en}, the most one account may keep. Delete some first.`,
      `Bạn đã có ${q.perUser} ${q.what.vi}, mức tối đa cho một tài khoản. Hãy xoá bớt trước.`,
      undefined,
      { limit: q.perUser },
    );
}
