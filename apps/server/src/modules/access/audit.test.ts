import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { type TestApp, createTestApp } from '../../../test/helpers';
import { sealAudit, verifyAuditChain } from './audit.service';

/**
 * The audit trail: every write of every table, attributed to the request's user and organisation, before and after,
 * chained by hash so that an edited or deleted row is found.
 */
let t: TestApp;
let admin: string;
let adminId: number;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin.mof');
  adminId = (await t.database.query<{ id: number }>(`select id from users where username = 'admin.mof'`))[0].id;
});
afterAll(async () => t?.close());

const q = <T = Record<string, unknown>>(sql: string, p?: unknown[]) => t.database.query<T>(sql, p);

describe(`audit trail (${TEST_ENGINE})`, () => {
  it('every table has the three audit triggers (insert, update, delete), except the trail itself and sign-in bookkeeping (a partitioned table has them, its partitions not)', async () => {
    const without = await q<{ relname: string }>(
      `select c.relname from pg_class c where c.relnamespace = current_schema()::regnamespace
       and c.relkind in ('r', 'p') and not c.relispartition
       and (select count(*) from pg_trigger g where g.tgrelid = c.oid
            and g.tgname in ('audit_trail_ins', 'audit_trail_upd', 'audit_trail_del')) <> 3
       order by 1`,
    );
    expect(without.map((r) => r.relname)).toEqual(['audit_trail', 'login_attempts', 'schema_migrations', 'sessions']);
    const tables = await q<{ n: number }>(
      `select count(*)::int n from pg_class where relnamespace = current_schema()::regnamespace and relkind = 'r'`,
    );
    expect(tables[0].n).toBeGreaterThan(40);
  });

  it('records a write through the API with who, which organisation, which request, and redacts secrets', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/users',
      headers: { cookie: admin },
      payload: {
        username: 'audit.probe',
        displayName: 'Kiểm Toán',
        email: 'audit.probe@example.gov.vn',
        role: 'viewer',
        organisationId: 1,
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    const id = String(r.json().user.id);
    const rows = await q<{
      actor_id: number;
      organisation_id: number;
      request_id: string;
      source: string;
      operation: string;
      after: Record<string, unknown>;
    }>(
      `select actor_id, organisation_id, request_id, source, operation, after from audit_trail where table_name = 'users' and object_id = $1`,
      [id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: adminId, organisation_id: 1, source: 'api', operation: 'INSERT' });
    expect(rows[0].request_id).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(rows[0].after.password_hash).toBe('[redacted]');
    expect(rows[0].after.display_name).toBe('Kiểm Toán');
    // The same request's other writes carry the same request id: the token, the e-mail (body redacted), the event.
    const same = await q<{ table_name: string; after: Record<string, unknown> }>(
      `select table_name, after from audit_trail where request_id = $1 order by id`,
      [rows[0].request_id],
    );
    expect(same.map((x) => x.table_name).sort()).toEqual(
      ['account_tokens', 'audit_log', 'audit_log', 'email_outbox', 'users'].sort(),
    );
    expect(same.find((x) => x.table_name === 'account_tokens')!.after.token_hash).toBe('[redacted]');
    expect(same.find((x) => x.table_name === 'email_outbox')!.after.body_text).toBe('[redacted]');
  });

  it('an update records only what changed, before and after; a delete records the row', async () => {
    const g = await t.app.inject({
      method: 'POST',
      url: '/api/v1/analytics/groupings',
      headers: { cookie: admin },
      payload: { nameVi: 'Nhóm kiểm toán', members: ['01', '79'] },
    });
    expect(g.statusCode, g.body).toBe(201);
    const gid = g.json().id;
    // A write from the server outside any request (as a timer of another module would make): attributed to it.
    // A write the server makes outside any request (a timer of another module): attributed to the server.
    await q(`update groupings set note = 'ghi chú' where id = $1`, [gid]);
    const [upd] = await q<{ before: object; after: object; actor_id: number | null; source: string }>(
      `select before, after, actor_id, source from audit_trail where table_name = 'groupings' and object_id = $1 and operation = 'UPDATE'`,
      [gid],
    );
    expect(upd).toEqual({ before: { note: null }, after: { note: 'ghi chú' }, actor_id: null, source: 'server' });
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/analytics/groupings/${gid}`,
      headers: { cookie: admin },
    });
    expect(del.statusCode).toBe(204);
    const deleted = await q<{ table_name: string; before: Record<string, unknown>; actor_id: number }>(
      `select table_name, before, actor_id from audit_trail where operation = 'DELETE' and (object_id = $1 or object_id like $2) order by id`,
      [gid, `${gid},%`],
    );
    expect(deleted.map((d) => d.table_name)).toContain('groupings');
    expect(deleted.every((d) => d.actor_id === adminId)).toBe(true);
    expect(deleted.find((d) => d.table_name === 'groupings')!.before.name_vi).toBe('Nhóm kiểm toán');
  });

  it('the trail is append-only: updating or deleting a row is refused', async () => {
    await expect(q(`delete from audit_trail where id = (select min(id) from audit_trail)`)).rejects.toThrow(
      /append-only/,
    );
    await expect(q(`update audit_trail set actor_id = 1 where id = (select min(id) from audit_trail)`)).rejects.toThrow(
      /append-only/,
    );
  });

  it('seals the rows into a hash chain that verifies', async () => {
    const sealed = await sealAudit(t.database);
    expect(sealed).toBeGreaterThan(5);
    const r = await verifyAuditChain(t.database);
    expect(r.ok).toBe(true);
    expect(r.rows).toBeGreaterThanOrEqual(sealed);
    expect(await sealAudit(t.database)).toBe(0);
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit/chain', headers: { cookie: admin } });
    expect(api.json()).toMatchObject({ ok: true });
  });

  it('detects a row edited after sealing (with the guard switched off, as a database owner could)', async () => {
    const [row] = await q<{ id: number; chain_seq: number }>(
      `select id, chain_seq from audit_trail where table_name = 'users' order by id desc limit 1`,
    );
    await t.database.exec(`alter table audit_trail disable trigger audit_trail_append_only;
      update audit_trail set after = jsonb_set(after, '{role}', '"admin"') where id = ${row.id};
      alter table audit_trail enable trigger audit_trail_append_only;`);
    const r = await verifyAuditChain(t.database);
    expect(r.ok).toBe(false);
    expect(r.broken).toMatchObject({
      seq: Number(row.chain_seq),
      id: Number(row.id),
      reason: 'row content changed after sealing',
    });
    await t.database.exec(`alter table audit_trail disable trigger audit_trail_append_only;
      update audit_trail set after = jsonb_set(after, '{role}', '"viewer"') where id = ${row.id};
      alter table audit_trail enable trigger audit_trail_append_only;`);
    expect((await verifyAuditChain(t.database)).ok).toBe(true);
  });

  it('detects a deleted row, and rows cut off the end against a recorded head', async () => {
    const before = await verifyAuditChain(t.database);
    const [mid] = await q<{ id: number; chain_seq: number }>(
      `select id, chain_seq from audit_trail where chain_seq = 3`,
    );
    await t.database.exec(`alter table audit_trail disable trigger audit_trail_append_only;
      delete from audit_trail where id = ${mid.id};
      alter table audit_trail enable trigger audit_trail_append_only;`);
    const r = await verifyAuditChain(t.database);
    expect(r.ok).toBe(false);
    expect(r.broken!.seq).toBe(3);
    // Cutting the newest rows leaves a chain that still links, but not to the head recorded before.
    const fresh = await createTestApp();
    try {
      await fresh.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'viewer', password: 'regionlink-demo' },
      });
      await sealAudit(fresh.database);
      const head = (await verifyAuditChain(fresh.database)).head!;
      await fresh.database.exec(`alter table audit_trail disable trigger audit_trail_append_only;
        delete from audit_trail where chain_seq = ${head.seq};
        alter table audit_trail enable trigger audit_trail_append_only;`);
      expect((await verifyAuditChain(fresh.database)).ok).toBe(true);
      const cut = await verifyAuditChain(fresh.database, head);
      expect([cut.ok, cut.broken?.reason]).toEqual([false, 'rows removed from the end of the chain']);
    } finally {
      await fresh.close();
    }
    expect(before.ok).toBe(true);
  });

  it('the admin page searches by table, actor and text, pages by id, and exports CSV', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/admin/audit?table=users&actorId=${adminId}&q=Ki%E1%BB%83m&limit=1`,
      headers: { cookie: admin },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({
      tableName: 'users',
      actorId: adminId,
      actorName: expect.stringContaining('Nguyễn Văn An'),
    });
    const csv = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/audit?table=users&format=csv',
      headers: { cookie: admin },
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('audit.probe');
    const viewer = await t.login('viewer');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit', headers: { cookie: viewer } })).statusCode,
    ).toBe(403);
  });
});
