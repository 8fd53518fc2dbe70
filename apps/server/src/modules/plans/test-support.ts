import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { organisations, users } from '../access/access.schema';
import { DEMO_PASSWORD } from '../access/access.seed';
import { hashPassword } from '../access/password';

/**
 * Test factories for the plans module: extra accounts beyond the five demo ones, so the permission matrix covers a
 * province that a project only affects and a council of another region. Used by tests only.
 */
export const EXTRA_ACCOUNTS = [
  { username: 'reporter.hanoi', role: 'reporter', org: 'UBND-01', displayName: 'Cán bộ Sở Tài chính Hà Nội (test)' },
  { username: 'council.rrd', role: 'council', org: 'HDDP-RRD', displayName: 'Thư ký HĐĐP vùng ĐBSH (test)' },
  { username: 'viewer.langson', role: 'viewer', org: 'UBND-20', displayName: 'Người xem Lạng Sơn (test)' },
] as const;

export async function createExtraAccounts(db: Db) {
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const a of EXTRA_ACCOUNTS) {
    const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, a.org));
    await db
      .insert(users)
      .values({
        username: a.username,
        role: a.role,
        organisationId: org.id,
        displayName: a.displayName,
        passwordHash: hash,
      })
      .onConflictDoNothing();
  }
}

/** A small valid PDF (one blank page), enough for magic-byte checks and a real reader. */
export const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

/** A multipart/form-data body with one file field, for `inject()`. */
export function multipartFile(fileName: string, data: Buffer, contentType = 'application/octet-stream') {
  const boundary = `----rl${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  return {
    payload: Buffer.concat([head, data, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
