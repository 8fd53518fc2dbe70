import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { runAs } from '../../db/actor';
import type { Database } from '../../db/client';

/**
 * The audit trail (migration 0900_audit_trail.sql): one row per written row of every table, with who (user,
 * organisation, request), when, what (table, operation, object id) and the values before and after. Rows are
 * chained by SHA-256 when sealed, so a changed or deleted row is detected by `verifyAuditChain`.
 */

/** Seal every unsealed row of committed transactions into the chain; returns how many were sealed. */
export async function sealAudit(database: Database): Promise<number> {
  let total = 0;
  for (;;) {
    const [r] = await database.query<{ n: number }>('select audit_seal(20000) as n');
    total += Number(r.n);
    if (Number(r.n) < 20000) return total;
  }
}

/** What verification found: the rows checked, the head of the chain, and the first break if any. */
export interface ChainReport {
  rows: number;
  head: { seq: number; hash: string } | null;
  ok: boolean;
  broken?: { seq: number; id: number | null; reason: string };
}

const PAGE = 5000;

/**
 * Recompute the chain from its start: each sealed row's hash must be SHA-256(previous hash | seq | canonical row),
 * its stored previous hash must be the previous row's, and the sequence must have no gap. An edited row fails the
 * first test, a deleted one the gap or the link. `expectHead` (a head recorded earlier) also catches rows cut off
 * the end.
 */
export async function verifyAuditChain(
  database: Database,
  expectHead?: { seq: number; hash: string },
): Promise<ChainReport> {
  let prev = 'genesis';
  let expected = 1;
  let rows = 0;
  let head: ChainReport['head'] = null;
  for (;;) {
    const page = await database.query<{ id: number; seq: number; prev_hash: string; hash: string; c: string }>(
      `select id, chain_seq as seq, prev_hash, hash, audit_canonical(t) as c from audit_trail t
       where chain_seq >= $1 order by chain_seq limit ${PAGE}`,
      [expected],
    );
    for (const r of page) {
      const seq = Number(r.seq);
      if (seq !== expected)
        return {
          rows,
          head,
          ok: false,
          broken: { seq: expected, id: null, reason: `row ${expected} of the chain is missing` },
        };
      if (r.prev_hash !== prev)
        return { rows, head, ok: false, broken: { seq, id: Number(r.id), reason: 'link to the previous row broken' } };
      const hash = crypto.createHash('sha256').update(`${prev}|${seq}|${r.c}`, 'utf8').digest('hex');
      if (hash !== r.hash)
        return {
          rows,
          head,
          ok: false,
          broken: { seq, id: Number(r.id), reason: 'row content changed after sealing' },
        };
      prev = hash;
      expected++;
      rows++;
      head = { seq, hash };
    }
    if (page.length < PAGE) break;
  }
  if (expectHead) {
    if (!head || head.seq < expectHead.seq)
      return {
        rows,
        head,
        ok: false,
        broken: { seq: expectHead.seq, id: null, reason: 'rows removed from the end of the chain' },
      };
    const [at] = await database.query<{ hash: string }>('select hash from audit_trail where chain_seq = $1', [
      expectHead.seq,
    ]);
    if (at?.hash !== expectHead.hash)
      return {
        rows,
        head,
        ok: false,
        broken: { seq: expectHead.seq, id: null, reason: 'the recorded head is not in the chain' },
      };
  }
  return { rows, head, ok: true };
}

/** Seal the trail every 10 seconds on a listening server (tests seal explicitly). */
export function startAuditSealer(app: FastifyInstance) {
  let timer: NodeJS.Timeout | null = null;
  app.addHook('onListen', async () => {
    timer = setInterval(() => {
      runAs({ userId: null, organisationId: null, requestId: null, source: 'job' }, () =>
        sealAudit(app.database).catch((e) => app.log.error({ err: e }, 'audit sealing failed')),
      );
    }, 10_000);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
  });
}

/** Filters of the admin page's search. */
export interface AuditFilter {
  q?: string;
  table?: string;
  actorId?: number;
  organisationId?: number;
  objectId?: string;
  from?: string;
  to?: string;
  before?: number;
  limit: number;
}

/** One row as the admin page shows it. */
export interface AuditRow {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  organisationId: number | null;
  source: string;
  tableName: string;
  operation: string;
  objectId: string | null;
  before: unknown;
  after: unknown;
}

/**
 * Search the trail, newest first, `limit` rows before id `before` (keyset paging). Dates are days in Viet Nam time.
 * `q` looks in the values before and after (accent-sensitive text match).
 */
export async function searchAudit(
  database: Database,
  f: AuditFilter,
): Promise<{ items: AuditRow[]; nextBefore: number | null }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  };
  if (f.table) add('t.table_name = ?', f.table);
  if (f.actorId) add('t.actor_id = ?', f.actorId);
  if (f.organisationId) add('t.organisation_id = ?', f.organisationId);
  if (f.objectId) add('t.object_id = ?', f.objectId);
  if (f.from) add(`t.at >= (?::date)::timestamp at time zone 'Asia/Ho_Chi_Minh'`, f.from);
  if (f.to) add(`t.at < ((?::date) + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh'`, f.to);
  if (f.before) add('t.id < ?', f.before);
  if (f.q)
    add(
      `(coalesce(t.before::text, '') || coalesce(t.after::text, '')) ilike ?`,
      `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    );
  params.push(f.limit + 1);
  const rows = await database.query<{
    id: number;
    at: string | Date;
    actor_id: number | null;
    actor_name: string | null;
    organisation_id: number | null;
    source: string;
    table_name: string;
    operation: string;
    object_id: string | null;
    before: unknown;
    after: unknown;
  }>(
    `select t.id, t.at, t.actor_id, u.display_name as actor_name, t.organisation_id, t.source, t.table_name,
            t.operation, t.object_id, t.before, t.after
     from audit_trail t left join users u on u.id = t.actor_id
     ${where.length ? `where ${where.join(' and ')}` : ''}
     order by t.id desc limit $${params.length}`,
    params,
  );
  const more = rows.length > f.limit;
  const items = rows.slice(0, f.limit).map((r) => ({
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    organisationId: r.organisation_id,
    source: r.source,
    tableName: r.table_name,
    operation: r.operation,
    objectId: r.object_id,
    before: r.before,
    after: r.after,
  }));
  return { items, nextBefore: more ? items[items.length - 1].id : null };
}
