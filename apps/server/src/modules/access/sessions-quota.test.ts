import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, type TestApp } from '../../../test/helpers';
import { GROUPING_QUOTA } from '../analytics/saved.service';
import { auditVerifyCommand } from './access.cli';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from './access.service';

/**
 * Issue 14's remaining guarantees, each against the real API and database: idle and absolute session timeouts, the
 * quota on user-created public content under parallel creations, and the audit-verify command's verdicts.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

describe(`session timeouts (${TEST_ENGINE})`, () => {
  it('a session idle for longer than the idle timeout ends; one just inside it goes on', async () => {
    const cookie = await t.login('viewer');
    const inside = ago(IDLE_TIMEOUT_MS - 120_000);
    await t.database.query(
      `update sessions set last_seen_at = $1 where user_id = (select id from users where username = 'viewer')`,
      [inside],
    );
    expect((await me(cookie)).statusCode).toBe(200);
    await t.database.query(
      `update sessions set last_seen_at = $1 where user_id = (select id from users where username = 'viewer')`,
      [ago(IDLE_TIMEOUT_MS + 60_000)],
    );
    expect((await me(cookie)).statusCode).toBe(401);
    const [left] = await t.database.query<{ n: number }>(
      `select count(*)::int n from sessions where user_id = (select id from users where username = 'viewer')`,
    );
    expect(left.n).toBe(0);
  });

  it('a session in constant use still ends at the absolute timeout', async () => {
    const cookie = await t.login('council.nmm');
    const who = `(select id from users where username = 'council.nmm')`;
    const [s] = await t.database.query<{ expires_at: string | Date; created_at: string | Date }>(
      `select expires_at, created_at from sessions where user_id = ${who}`,
    );
    const lifetime = new Date(s.expires_at).getTime() - new Date(s.created_at).getTime();
    expect(Math.abs(lifetime - ABSOLUTE_TIMEOUT_MS)).toBeLessThan(60_000);
    await t.database.query(`update sessions set expires_at = $1, last_seen_at = $2 where user_id = ${who}`, [
      ago(1000),
      new Date().toISOString(),
    ]);
    expect((await me(cookie)).statusCode).toBe(401);
  });
});

describe(`quota on public content under parallel creations (${TEST_ENGINE})`, () => {
  it(`${GROUPING_QUOTA.perUser} custom groupings per account: 30 sent at once near the limit, exactly the remainder pass`, async () => {
    const cookie = await t.login('reporter.langson');
    const create = (i: number) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/analytics/groupings',
        headers: { cookie },
        payload: { nameVi: `Nhóm hạn mức ${i}`, members: ['01', '20'] },
      });
    const before = GROUPING_QUOTA.perUser - 5;
    for (let i = 0; i < before; i++) expect((await create(i)).statusCode).toBe(201);
    const rs = await Promise.all(Array.from({ length: 30 }, (_, i) => create(100 + i)));
    const count = (s: number) => rs.filter((r) => r.statusCode === s).length;
    expect([count(201), count(409)]).toEqual([5, 25]);
    expect(rs.find((r) => r.statusCode === 409)!.json().code).toBe('quota_exceeded');
    const [n] = await t.database.query<{ n: number }>(
      `select count(*)::int n from groupings where type = 'custom' and created_by = (select id from users where username = 'reporter.langson')`,
    );
    expect(n.n).toBe(GROUPING_QUOTA.perUser);
  }, 120_000);

  it('a read-only viewer cannot create public content at all', async () => {
    const cookie = await t.login('viewer');
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/analytics/groupings',
      headers: { cookie },
      payload: { nameVi: 'Nhóm của người xem', members: ['01', '20'] },
    });
    expect(r.statusCode).toBe(403);
  });
});

describe(`npm run cli -- audit-verify (${TEST_ENGINE})`, () => {
  const run = async (args: string[] = []) => {
    const out: string[] = [];
    const code = await auditVerifyCommand.run({ database: t.database, args, log: (l) => out.push(l) });
    return { code, out: out.join('\n') };
  };

  it('exits 0 on an intact trail and prints its head (which then verifies), 1 on a malformed head, 2 on an edited row', async () => {
    const ok = await run();
    expect(ok.code, ok.out).toBe(0);
    const head = /head: (\d+:[0-9a-f]{64})/.exec(ok.out)![1];
    expect((await run(['--head', head])).code).toBe(0);
    expect((await run(['--head', 'nonsense'])).code).toBe(1);
    const seq = Number(head.split(':')[0]);
    await t.database.exec(`alter table audit_trail disable trigger audit_trail_append_only;
      update audit_trail set object_id = coalesce(object_id, '') || 'x' where chain_seq = ${Math.max(1, seq - 1)};
      alter table audit_trail enable trigger audit_trail_append_only;`);
    const edited = await run();
    expect(edited.code).toBe(2);
    expect(edited.out).toContain(`row ${Math.max(1, seq - 1)}`);
  });
});
