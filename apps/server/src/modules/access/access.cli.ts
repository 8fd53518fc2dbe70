import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { normaliseText } from '@regionlink/shared';
import { readConfig } from '../../config';
import type { Database } from '../../db/client';
import { accountTokens, organisations, users } from './access.schema';
import { recordAudit } from './access.service';
import { LINK_TTL_MS, NO_PASSWORD } from './accounts.service';
import { sealAudit, verifyAuditChain } from './audit.service';

interface Ctx {
  database: Database;
  args: string[];
  log: (l: string) => void;
}

/**
 * `npm run cli -- create-admin --username U --email E --name "Full name" [--org BTC]`: create an MoF administrator on
 * a deployment that has none (a fresh PostgreSQL has no demo accounts) and print a one-time link (72 h) to set the
 * password. Whoever can run commands on the server can already change its database; the link is printed, never
 * stored (only its SHA-256), and the creation is audited with the source `cli`. Exit 0 created, 2 refused.
 */
export const createAdminCommand = {
  summary:
    'Create an administrator and print a one-time link to set the password. / Tạo tài khoản quản trị và in đường dẫn đặt mật khẩu dùng một lần.',
  usage: '--username U --email E --name "Họ và tên" [--org BTC]',
  async run(ctx: Ctx): Promise<number> {
    const { values } = parseArgs({
      args: ctx.args,
      options: {
        username: { type: 'string' },
        email: { type: 'string' },
        name: { type: 'string' },
        org: { type: 'string', default: 'BTC' },
      },
    });
    const username = normaliseText(values.username ?? '').toLowerCase();
    const email = normaliseText(values.email ?? '').toLowerCase();
    const displayName = normaliseText(values.name ?? '');
    if (!/^[a-z0-9][a-z0-9._-]{2,63}$/.test(username) || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) || !displayName) {
      ctx.log(`usage: npm run cli -- create-admin ${createAdminCommand.usage}`);
      return 2;
    }
    const db = ctx.database.db;
    const [org] = await db
      .select()
      .from(organisations)
      .where(eq(organisations.code, values.org ?? 'BTC'));
    if (!org) {
      ctx.log(`✖ No organisation with code ${values.org} / Không có cơ quan mã ${values.org}.`);
      return 2;
    }
    const [taken] = await db
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.username}) = ${username} or lower(${users.email}) = ${email}`);
    if (taken) {
      ctx.log(`✖ The username or e-mail is already used / Tên đăng nhập hoặc thư điện tử đã được dùng.`);
      return 2;
    }
    const token = crypto.randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + LINK_TTL_MS.invite).toISOString();
    await db.transaction(async (tx) => {
      const [u] = await tx
        .insert(users)
        .values({ username, email, displayName, role: 'admin', organisationId: org.id, passwordHash: NO_PASSWORD })
        .returning();
      await tx.insert(accountTokens).values({
        userId: u.id,
        purpose: 'invite',
        tokenHash: crypto.createHash('sha256').update(token).digest('hex'),
        expiresAt,
      });
      await recordAudit(tx as never, {
        userId: null,
        action: 'admin_created_by_cli',
        entity: 'user',
        entityId: String(u.id),
        detail: { username },
      });
    });
    const url = readConfig().publicUrl;
    ctx.log(`✔ Administrator ${username} created in ${org.code} / Đã tạo tài khoản quản trị ${username}.`);
    ctx.log(`  Set the password (one-time link, valid until ${expiresAt}) / Đặt mật khẩu tại:`);
    ctx.log(`  ${url}/account/set-password#token=${token}`);
    return 0;
  },
};

/**
 * `npm run cli -- audit-verify [--head SEQ:HASH]`: seal what is pending, then recompute the audit trail's hash chain
 * from its start. Exit 0 when intact (prints the head to keep for next time), 2 when a row was changed or deleted.
 */
export const auditVerifyCommand = {
  summary: 'Verify the audit trail’s hash chain. / Kiểm tra chuỗi băm của nhật ký kiểm toán.',
  usage: '[--head SEQ:HASH]',
  async run(ctx: Ctx): Promise<number> {
    const { values } = parseArgs({ args: ctx.args, options: { head: { type: 'string' } } });
    const m = values.head ? /^(\d+):([0-9a-f]{64})$/.exec(values.head) : null;
    if (values.head && !m) {
      ctx.log(`usage: npm run cli -- audit-verify ${auditVerifyCommand.usage}`);
      return 1;
    }
    const sealed = await sealAudit(ctx.database);
    const r = await verifyAuditChain(ctx.database, m ? { seq: Number(m[1]), hash: m[2] } : undefined);
    if (r.ok) {
      ctx.log(
        `✔ Audit trail intact: ${r.rows} rows (${sealed} sealed now) / Nhật ký kiểm toán toàn vẹn: ${r.rows} dòng.`,
      );
      if (r.head) ctx.log(`  head: ${r.head.seq}:${r.head.hash}`);
      return 0;
    }
    ctx.log(
      `✖ Audit trail broken at row ${r.broken!.seq}${r.broken!.id ? ` (id ${r.broken!.id})` : ''}: ${r.broken!.reason}.`,
    );
    ctx.log(`  Nhật ký kiểm toán bị thay đổi tại dòng ${r.broken!.seq}.`);
    return 2;
  },
};
