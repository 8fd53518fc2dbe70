import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { ROOT_DIR, readConfig } from '../src/config';
import { openPostgres } from '../src/db/client';
import { totpCode } from '../src/modules/access/totp';
import { TEST_PG_ADMIN_URL, pgUrl } from './engine';

/**
 * "Done means" of issue 14, on a fresh PostgreSQL deployment without demo accounts: the first MoF administrator is
 * created by the CLI, sets a password through the printed one-time link, must turn on two-factor sign-in before
 * changing anything, then sets up an organisation and invites its officer — without touching the database.
 */
const name = `rl_test_${process.pid}_first_${crypto.randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
afterAll(async () => {
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.end();
});

const cli = (args: string[], url: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT_DIR, 'apps/server/src/cli.ts'), ...args], {
    cwd: ROOT_DIR,
    env: { ...process.env, DATABASE_URL: url, DEMO: '0', PUBLIC_URL: 'https://regionlink.example.gov.vn' },
    encoding: 'utf8',
    timeout: 240_000,
  });

describe('a fresh PostgreSQL deployment, set up from the first administrator on', () => {
  it('CLI admin → password by link → TOTP required → organisation and officer invited', async () => {
    await admin.connect();
    await admin.query(`create database "${name}"`);
    const url = pgUrl(name);
    const bad = cli(['create-admin', '--username', 'x'], url);
    expect(bad.status).toBe(2);
    const r = cli(
      ['create-admin', '--username', 'tran.thi.mai', '--email', 'mai.tt@mof.gov.vn', '--name', 'Trần Thị Mai'],
      url,
    );
    expect(r.status, r.stderr).toBe(0);
    const link = /https:\/\/regionlink\.example\.gov\.vn\/account\/set-password#token=([A-Za-z0-9_-]{43})/.exec(
      r.stdout,
    );
    expect(link, r.stdout).not.toBeNull();
    expect(
      cli(['create-admin', '--username', 'tran.thi.mai', '--email', 'other@mof.gov.vn', '--name', 'X'], url).status,
    ).toBe(2);

    const database = await openPostgres(url, 4);
    const config = readConfig({ DATABASE_URL: url });
    expect([config.demo, config.requireAdminMfa]).toEqual([false, true]);
    const app = await buildApp(database, config, { webDist: null });
    try {
      expect((await database.query<{ n: number }>('select count(*)::int n from users'))[0].n).toBe(1);
      const call = (method: 'GET' | 'POST', u: string, payload?: object, cookie?: string) =>
        app.inject({ method, url: u, payload, headers: cookie ? { cookie } : {} });
      const set = await call('POST', '/api/v1/auth/link/password', {
        token: link![1],
        newPassword: 'Sông Hồng mùa nước nổi',
      });
      expect(set.statusCode, set.body).toBe(200);
      const login = await call('POST', '/api/v1/auth/login', {
        username: 'tran.thi.mai',
        password: 'Sông Hồng mùa nước nổi',
      });
      expect(login.statusCode).toBe(200);
      const cookie = `rl_session=${login.cookies.find((c) => c.name === 'rl_session')!.value}`;
      const org = {
        code: 'SO-TC-CB',
        kind: 'other',
        nameVi: 'Sở Tài chính tỉnh Cao Bằng',
        nameEn: 'Cao Bang Department of Finance',
        provinceCode: '04',
      };
      const refused = await call('POST', '/api/v1/admin/organisations', org, cookie);
      expect([refused.statusCode, refused.json().code]).toEqual([403, 'mfa_enrolment_required']);
      const e = (await call('POST', '/api/v1/auth/totp', undefined, cookie)).json();
      const conf = await call('POST', '/api/v1/auth/totp/confirm', { code: totpCode(e.secret) }, cookie);
      expect(conf.statusCode).toBe(200);
      const created = await call('POST', '/api/v1/admin/organisations', org, cookie);
      expect(created.statusCode, created.body).toBe(201);
      const invite = await call(
        'POST',
        '/api/v1/admin/users',
        {
          username: 'be.van.loc',
          displayName: 'Bế Văn Lộc',
          email: 'loc.bv@caobang.gov.vn',
          role: 'reporter',
          organisationId: created.json().id,
        },
        cookie,
      );
      expect(invite.statusCode, invite.body).toBe(201);
      const [mail] = await database.query<{ to_address: string; kind: string }>(
        `select to_address, kind from email_outbox order by id desc limit 1`,
      );
      expect(mail).toEqual({ to_address: 'loc.bv@caobang.gov.vn', kind: 'account_invite' });
      // Everything above is in the audit trail, the CLI's own write attributed to the command line.
      const sources = await database.query<{ source: string }>(
        `select distinct source from audit_trail where table_name = 'users'`,
      );
      expect(sources.map((s) => s.source).sort()).toEqual(['api', 'cli']);
    } finally {
      await app.close();
      await database.close();
    }
  }, 300_000);
});
