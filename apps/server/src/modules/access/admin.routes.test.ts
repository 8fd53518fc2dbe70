import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { type TestApp, createTestApp, problemOf } from '../../../test/helpers';
import { totpCode } from './totp';

/**
 * Account administration through the API, as an MoF administrator and a delegated province officer would do it:
 * invite by one-time link through the e-mail outbox, set a password under the policy, sign in; edit, change the
 * role (sessions end), deactivate (sessions end), reset; organisations; one's own password, sessions and TOTP.
 */
let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin.mof');
});
afterAll(async () => t?.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const call = (method: Method, url: string, cookie?: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, payload: payload as object, headers: { ...(cookie ? { cookie } : {}), ...headers } });
const orgId = async (code: string) =>
  (await t.database.query<{ id: number }>('select id from organisations where code = $1', [code]))[0].id;
/** The one-time link of the newest e-mail to an address, as the recipient would click it. */
const linkFor = async (to: string) => {
  const [m] = await t.database.query<{ body_text: string }>(
    'select body_text from email_outbox where to_address = $1 order by id desc limit 1',
    [to],
  );
  return /#token=([A-Za-z0-9_-]+)/.exec(m.body_text)![1];
};
const signIn = async (username: string, password: string, otp?: string) => {
  const r = await call('POST', '/api/v1/auth/login', undefined, { username, password, ...(otp ? { otp } : {}) });
  const c = r.cookies.find((x) => x.name === 'rl_session');
  return { status: r.statusCode, body: r.json(), cookie: c ? `rl_session=${c.value}` : '' };
};
const PASSWORD = 'Lúa chín vàng trên đồi Mẫu Sơn';

describe(`account administration (${TEST_ENGINE})`, () => {
  let officerId: number;
  let officerCookie: string;

  it('MoF invites a province officer: the account has no password, the e-mail with a one-time link is queued', async () => {
    const r = await call('POST', '/api/v1/admin/users', admin, {
      username: 'ngo.thi.hoa',
      displayName: 'Ngô Thị Hoa'.normalize('NFD'),
      email: 'Hoa.NT@langson.gov.vn',
      role: 'reporter',
      organisationId: await orgId('UBND-20'),
    });
    expect(r.statusCode, r.body).toBe(201);
    const body = r.json();
    officerId = body.user.id;
    expect(body.user).toMatchObject({
      username: 'ngo.thi.hoa',
      displayName: 'Ngô Thị Hoa',
      email: 'hoa.nt@langson.gov.vn',
      passwordSet: false,
      disabledAt: null,
    });
    expect(r.headers.etag).toBe(`"user-${officerId}-v1"`);
    // No SMTP in the test configuration: the administrator gets the link to hand over.
    expect(body.link).toMatch(/\/account\/set-password#token=/);
    expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(71 * 3600_000);
    const [row] = await t.database.query<{ password_hash: string }>('select password_hash from users where id = $1', [
      officerId,
    ]);
    expect(row.password_hash).toBe('!');
    expect((await signIn('ngo.thi.hoa', '!')).status).toBe(401);
  });

  it('refuses a duplicate username or e-mail (409) and bad fields (400 naming them)', async () => {
    const dup = await call('POST', '/api/v1/admin/users', admin, {
      username: 'ngo.thi.hoa',
      displayName: 'X',
      email: 'other@example.gov.vn',
      role: 'viewer',
      organisationId: await orgId('BTC'),
    });
    expect(problemOf(dup).body.code).toBe('username_taken');
    const dupMail = await call('POST', '/api/v1/admin/users', admin, {
      username: 'another.one',
      displayName: 'X',
      email: 'HOA.nt@langson.gov.vn',
      role: 'viewer',
      organisationId: await orgId('BTC'),
    });
    expect(problemOf(dupMail).body.code).toBe('email_taken');
    const bad = problemOf(
      await call('POST', '/api/v1/admin/users', admin, {
        username: 'Bad Name',
        displayName: '',
        email: 'not-an-address',
        role: 'superuser',
        organisationId: 2 ** 31,
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(
      ['body.displayName', 'body.email', 'body.organisationId', 'body.role', 'body.username'].sort(),
    );
  });

  it('the link shows whom it is for; the password policy applies; the link works once', async () => {
    const token = await linkFor('hoa.nt@langson.gov.vn');
    const info = await call('POST', '/api/v1/auth/link', undefined, { token });
    expect(info.json()).toMatchObject({
      purpose: 'invite',
      username: 'ngo.thi.hoa',
      organisation: 'Ủy ban nhân dân tỉnh Lạng Sơn',
    });
    for (const [pw, code] of [
      ['short', 'password_too_short'],
      ['password12345', 'password_common'],
      ['ngo.thi.hoa-2026', 'password_contextual'],
    ])
      expect(
        problemOf(await call('POST', '/api/v1/auth/link/password', undefined, { token, newPassword: pw })).body.code,
      ).toBe(code);
    const ok = await call('POST', '/api/v1/auth/link/password', undefined, { token, newPassword: PASSWORD });
    expect(ok.statusCode, ok.body).toBe(200);
    const again = problemOf(
      await call('POST', '/api/v1/auth/link/password', undefined, { token, newPassword: `${PASSWORD}!` }),
    );
    expect([again.status, again.body.code]).toEqual([404, 'link_invalid']);
    const s = await signIn('ngo.thi.hoa', PASSWORD.normalize('NFD'));
    expect(s.status).toBe(200);
    expect(s.body.organisation.code).toBe('UBND-20');
    officerCookie = s.cookie;
  });

  it('changing the role ends the account’s sessions (privileges are re-established at the next sign-in)', async () => {
    const u = await call('GET', `/api/v1/admin/users/${officerId}`, admin);
    expect(u.json().activeSessions).toBe(1);
    const noMatch = await call('PATCH', `/api/v1/admin/users/${officerId}`, admin, { role: 'viewer' });
    expect(noMatch.statusCode).toBe(428);
    const r = await call(
      'PATCH',
      `/api/v1/admin/users/${officerId}`,
      admin,
      { role: 'viewer' },
      { 'if-match': u.headers.etag as string },
    );
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ role: 'viewer', activeSessions: 0 });
    expect((await call('GET', '/api/v1/auth/me', officerCookie)).statusCode).toBe(401);
    const stale = await call(
      'PATCH',
      `/api/v1/admin/users/${officerId}`,
      admin,
      { role: 'reporter' },
      { 'if-match': u.headers.etag as string },
    );
    expect(stale.statusCode).toBe(412);
    const back = await call(
      'PATCH',
      `/api/v1/admin/users/${officerId}`,
      admin,
      { role: 'reporter' },
      { 'if-match': r.headers.etag as string },
    );
    expect(back.json().role).toBe('reporter');
    officerCookie = (await signIn('ngo.thi.hoa', PASSWORD)).cookie;
  });

  it('deactivating the account ends its session at the next request and refuses sign-in; history keeps the name', async () => {
    const u = await call('GET', `/api/v1/admin/users/${officerId}`, admin);
    const r = await call('POST', `/api/v1/admin/users/${officerId}/deactivate`, admin, undefined, {
      'if-match': u.headers.etag as string,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().disabledAt).not.toBeNull();
    expect((await call('GET', '/api/v1/auth/me', officerCookie)).statusCode).toBe(401);
    expect((await signIn('ngo.thi.hoa', PASSWORD)).status).toBe(401);
    const [row] = await t.database.query<{ display_name: string }>('select display_name from users where id = $1', [
      officerId,
    ]);
    expect(row.display_name).toBe('Ngô Thị Hoa');
    const list = await call('GET', '/api/v1/admin/users?status=disabled', admin);
    expect(list.json().items.map((x: { username: string }) => x.username)).toContain('ngo.thi.hoa');
    const re = await call('POST', `/api/v1/admin/users/${officerId}/reactivate`, admin, undefined, {
      'if-match': r.headers.etag as string,
    });
    expect(re.json().disabledAt).toBeNull();
    expect((await signIn('ngo.thi.hoa', PASSWORD)).status).toBe(200);
  });

  it('an admin-initiated reset sends a new link; the old password keeps working until the link is used', async () => {
    const r = await call('POST', `/api/v1/admin/users/${officerId}/reset`, admin);
    expect(r.statusCode, r.body).toBe(200);
    expect(Date.parse(r.json().expiresAt) - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
    const token = await linkFor('hoa.nt@langson.gov.vn');
    expect((await call('POST', '/api/v1/auth/link', undefined, { token })).json().purpose).toBe('reset');
    const s = await signIn('ngo.thi.hoa', PASSWORD);
    expect(s.status).toBe(200);
    await call('POST', '/api/v1/auth/link/password', undefined, {
      token,
      newPassword: 'Mây trắng bay qua đèo Khau Phạ',
    });
    expect((await call('GET', '/api/v1/auth/me', s.cookie)).statusCode).toBe(401);
    expect((await signIn('ngo.thi.hoa', 'Mây trắng bay qua đèo Khau Phạ')).status).toBe(200);
  });

  it('an expired link does not work', async () => {
    await call('POST', `/api/v1/admin/users/${officerId}/reset`, admin);
    const token = await linkFor('hoa.nt@langson.gov.vn');
    await t.database.query(`update account_tokens set expires_at = now() - interval '1 second' where user_id = $1`, [
      officerId,
    ]);
    expect(problemOf(await call('POST', '/api/v1/auth/link', undefined, { token })).body.code).toBe('link_invalid');
  });

  it('a delegated province officer administers their own organisation only, and never grants admin', async () => {
    const u = await call('GET', `/api/v1/admin/users/${officerId}`, admin);
    await call(
      'PATCH',
      `/api/v1/admin/users/${officerId}`,
      admin,
      { managesOrganisation: true },
      { 'if-match': u.headers.etag as string },
    );
    const d = (await signIn('ngo.thi.hoa', 'Mây trắng bay qua đèo Khau Phạ')).cookie;
    const mine = await call('GET', '/api/v1/admin/users', d);
    expect(mine.statusCode).toBe(200);
    expect(new Set(mine.json().items.map((x: { organisation: { code: string } }) => x.organisation.code))).toEqual(
      new Set(['UBND-20']),
    );
    const ok = await call('POST', '/api/v1/admin/users', d, {
      username: 'vi.van.son',
      displayName: 'Vi Văn Sơn',
      email: 'son.vv@langson.gov.vn',
      role: 'reporter',
      organisationId: await orgId('UBND-20'),
    });
    expect(ok.statusCode, ok.body).toBe(201);
    for (const body of [
      { role: 'admin', organisationId: await orgId('UBND-20') },
      { role: 'reporter', organisationId: await orgId('UBND-01') },
    ]) {
      const r = await call('POST', '/api/v1/admin/users', d, {
        username: `x${Math.random().toString(36).slice(2, 8)}`,
        displayName: 'X',
        email: `${Math.random().toString(36).slice(2, 8)}@example.gov.vn`,
        ...body,
      });
      expect(r.statusCode, JSON.stringify(body)).toBe(403);
    }
    const adminId = (await t.database.query<{ id: number }>(`select id from users where username = 'admin.mof'`))[0].id;
    expect((await call('GET', `/api/v1/admin/users/${adminId}`, d)).statusCode).toBe(404);
    expect((await call('GET', '/api/v1/admin/organisations', d)).statusCode).toBe(403);
  });

  it('other roles get 401/403 before their body is even validated', async () => {
    const viewer = await t.login('viewer');
    const reporter = await t.login('reporter.bxd');
    for (const [cookie, want] of [
      [undefined, 401],
      [viewer, 403],
      [reporter, 403],
    ] as const) {
      const r = await call('POST', '/api/v1/admin/users', cookie, { junk: 1 });
      expect(r.statusCode).toBe(want);
      expect(r.json().errors).toBeUndefined();
    }
    expect((await call('POST', '/api/v1/admin/organisations', reporter, { junk: 1 })).statusCode).toBe(403);
  });

  it('MoF creates, edits and deactivates an organisation; its accounts stop at the next request', async () => {
    const c = await call('POST', '/api/v1/admin/organisations', admin, {
      code: 'SO-TC-LS',
      kind: 'other',
      nameVi: 'Sở Tài chính tỉnh Lạng Sơn',
      nameEn: 'Lang Son Department of Finance',
      provinceCode: '20',
      regionCode: 'NMM',
    });
    expect(c.statusCode, c.body).toBe(201);
    const org = c.json();
    const dupOrg = await call('POST', '/api/v1/admin/organisations', admin, {
      code: org.code,
      kind: 'other',
      nameVi: 'X',
      nameEn: 'X',
    });
    expect(problemOf(dupOrg).body.code).toBe('code_taken');
    const e = await call(
      'PATCH',
      `/api/v1/admin/organisations/${org.id}`,
      admin,
      { nameEn: 'Department of Finance, Lạng Sơn' },
      { 'if-match': c.headers.etag as string },
    );
    expect(e.json().nameEn).toBe('Department of Finance, Lạng Sơn');
    const u = await call('POST', '/api/v1/admin/users', admin, {
      username: 'tran.so.tc',
      displayName: 'Trần Văn Sở',
      email: 'so.tc@langson.gov.vn',
      role: 'reporter',
      organisationId: org.id,
    });
    await call('POST', '/api/v1/auth/link/password', undefined, {
      token: await linkFor('so.tc@langson.gov.vn'),
      newPassword: PASSWORD,
    });
    const s = (await signIn('tran.so.tc', PASSWORD)).cookie;
    expect(u.statusCode).toBe(201);
    const d = await call('POST', `/api/v1/admin/organisations/${org.id}/deactivate`, admin, undefined, {
      'if-match': e.headers.etag as string,
    });
    expect(d.json().disabledAt).not.toBeNull();
    expect((await call('GET', '/api/v1/auth/me', s)).statusCode).toBe(401);
    expect((await signIn('tran.so.tc', PASSWORD)).status).toBe(401);
    const own = await orgId('BTC');
    const selfOff = await call('GET', '/api/v1/admin/organisations', admin);
    const btc = selfOff.json().items.find((o: { id: number }) => o.id === own);
    expect(
      (
        await call('POST', `/api/v1/admin/organisations/${own}/deactivate`, admin, undefined, {
          'if-match': `"organisation-${own}-v${btc.version}"`,
        })
      ).statusCode,
    ).toBe(409);
  });
});

describe(`one's own account (${TEST_ENGINE})`, () => {
  it('changes the password with the current one; other sessions end, this one stays', async () => {
    const a = await t.login('council.nmm');
    const b = await t.login('council.nmm');
    const wrong = await call('POST', '/api/v1/auth/password', a, { currentPassword: 'nope', newPassword: PASSWORD });
    expect(problemOf(wrong).body.code).toBe('current_password_wrong');
    const weak = await call('POST', '/api/v1/auth/password', a, {
      currentPassword: 'regionlink-demo',
      newPassword: 'qwerty123456',
    });
    expect(problemOf(weak).body.code).toBe('password_common');
    const ok = await call('POST', '/api/v1/auth/password', a, {
      currentPassword: 'regionlink-demo',
      newPassword: PASSWORD,
    });
    expect(ok.statusCode).toBe(204);
    expect((await call('GET', '/api/v1/auth/me', a)).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/auth/me', b)).statusCode).toBe(401);
    expect((await signIn('council.nmm', PASSWORD)).status).toBe(200);
  });

  it('lists one’s sessions and ends one of them; another user’s session id is a 404', async () => {
    const a = await t.login('reporter.langson');
    const b = await t.login('reporter.langson');
    const list = (await call('GET', '/api/v1/auth/sessions', a)).json().items as { id: string; current: boolean }[];
    expect(list.length).toBeGreaterThanOrEqual(2);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    const other = list.find((s) => !s.current)!;
    const stranger = await t.login('reporter.bxd');
    expect((await call('DELETE', `/api/v1/auth/sessions/${other.id}`, stranger)).statusCode).toBe(404);
    expect((await call('DELETE', `/api/v1/auth/sessions/${other.id}`, a)).statusCode).toBe(204);
    const bAlive = (await call('GET', '/api/v1/auth/me', b)).statusCode;
    const aAlive = (await call('GET', '/api/v1/auth/me', a)).statusCode;
    expect([aAlive, bAlive].sort()).toEqual([200, 401]);
  });

  it('TOTP: enrol, confirm, then sign-in needs the code; a replayed code and a wrong one fail; a recovery code works once', async () => {
    const cookie = await t.login('admin.mof');
    const e = (await call('POST', '/api/v1/auth/totp', cookie)).json();
    expect(e.uri).toMatch(/^otpauth:\/\/totp\/RegionLink:admin\.mof\?/);
    expect(
      problemOf(
        await call('POST', '/api/v1/auth/totp/confirm', cookie, {
          code: '000000' === totpCode(e.secret) ? '111111' : '000000',
        }),
      ).status,
    ).toBe(400);
    const conf = await call('POST', '/api/v1/auth/totp/confirm', cookie, { code: totpCode(e.secret) });
    expect(conf.statusCode, conf.body).toBe(200);
    const codes = conf.json().codes as string[];
    expect(codes).toHaveLength(10);
    const noCode = await signIn('admin.mof', 'regionlink-demo');
    expect([noCode.status, noCode.body.code, noCode.cookie]).toEqual([401, 'otp_required', '']);
    // The code used for the confirmation cannot be replayed; the next step's code works (clock drift of one step).
    const replay = await signIn('admin.mof', 'regionlink-demo', totpCode(e.secret));
    expect(replay.body.code).toBe('otp_invalid');
    const next = await signIn('admin.mof', 'regionlink-demo', totpCode(e.secret, Date.now() + 30_000));
    expect(next.status).toBe(200);
    expect(next.body.totpEnabled).toBe(true);
    expect((await signIn('admin.mof', 'regionlink-demo', codes[3].toLowerCase())).status).toBe(200);
    expect((await signIn('admin.mof', 'regionlink-demo', codes[3])).body.code).toBe('otp_invalid');
    // Administrators keep it on.
    expect(
      problemOf(await call('POST', '/api/v1/auth/totp/disable', next.cookie, { password: 'regionlink-demo' })).body
        .code,
    ).toBe('totp_required_for_admins');
    await t.database.query(`delete from login_attempts`);
  });
});
