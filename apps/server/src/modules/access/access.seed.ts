import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { normaliseText } from '@regionlink/shared';
import { REFERENCE_DIR } from '../../config';
import type { Db } from '../../db/client';
import { parseCsvObjects } from '../../lib/csv';
import { organisations, users } from './access.schema';
import { hashPassword } from './password';

export const DEMO_PASSWORD = 'regionlink-demo';

/** The demo accounts, one per role, printed at start-up and listed in the README. */
export const DEMO_ACCOUNTS = [
  {
    username: 'admin.mof',
    role: 'admin',
    org: 'BTC',
    displayName: 'Nguyễn Văn An (Vụ Quản lý quy hoạch và phát triển vùng)',
  },
  {
    username: 'reporter.langson',
    role: 'reporter',
    org: 'UBND-20',
    displayName: 'Hoàng Thị Bình (Sở Tài chính Lạng Sơn)',
  },
  {
    username: 'reporter.bxd',
    role: 'reporter',
    org: 'BXD',
    displayName: 'Trần Minh Cường (Vụ Kế hoạch - Tài chính, Bộ Xây dựng)',
  },
  {
    username: 'council.nmm',
    role: 'council',
    org: 'HDDP-NMM',
    displayName: 'Lê Thu Dung (Thư ký Hội đồng điều phối vùng)',
  },
  { username: 'viewer', role: 'viewer', org: 'BTC', displayName: 'Phạm Quốc Em (Người xem)' },
] as const;

/**
 * Load the organisations: ministries and central agencies (reference/admin/organisations-central.csv), the 34
 * provincial People's Committees of 2025, and one Regional Coordination Council per 2025 region.
 */
export async function loadOrganisations(tx: Db) {
  const central = parseCsvObjects(fs.readFileSync(path.join(REFERENCE_DIR, 'admin/organisations-central.csv'), 'utf8'));
  const p34 = parseCsvObjects(fs.readFileSync(path.join(REFERENCE_DIR, 'admin/provinces-34.csv'), 'utf8'));
  const regions = parseCsvObjects(fs.readFileSync(path.join(REFERENCE_DIR, 'admin/regions-2025.csv'), 'utf8'));
  const rows = [
    ...central.map((c) => ({
      code: c.code,
      kind: c.kind,
      nameVi: normaliseText(c.name_vi),
      nameEn: c.name_en,
      provinceCode: null,
      regionCode: null,
      sortOrder: Number(c.sort_order),
    })),
    ...p34.map((p) => ({
      code: `UBND-${p.code}`,
      kind: 'province',
      nameVi: `Ủy ban nhân dân ${normaliseText(p.full_name_vi)
        .replace(/^Tỉnh/, 'tỉnh')
        .replace(/^Thành phố/, 'thành phố')}`,
      nameEn: `People's Committee of ${p.full_name_en}`,
      provinceCode: p.code,
      regionCode: p.region_2025_code,
      sortOrder: 0,
    })),
    ...regions.map((r, i) => ({
      code: `HDDP-${r.region_code}`,
      kind: 'council',
      nameVi: `Hội đồng điều phối vùng ${normaliseText(r.name_vi)}`,
      nameEn: `Regional Coordination Council, ${r.name_en}`,
      provinceCode: null,
      regionCode: r.region_code,
      sortOrder: i,
    })),
  ];
  await tx.insert(organisations).values(rows);
  return rows.length;
}

/** Create the demo accounts (all with the password `regionlink-demo`). Only on demo installations. */
export async function loadDemoAccounts(tx: Db) {
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const a of DEMO_ACCOUNTS) {
    const [org] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, a.org));
    if (!org) throw new Error(`demo account ${a.username}: unknown organisation ${a.org}`);
    await tx.insert(users).values({
      username: a.username,
      displayName: a.displayName,
      role: a.role,
      organisationId: org.id,
      passwordHash: hash,
    });
  }
  return DEMO_ACCOUNTS.length;
}
