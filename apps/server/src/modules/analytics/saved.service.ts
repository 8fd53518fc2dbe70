import fs from 'node:fs';
import path from 'node:path';
import {
  type CreateGroupingInput,
  type Grouping,
  type IndexDefinition,
  LAST_DAY_OF_63,
  normaliseText,
  type SavedIndex,
} from '@regionlink/shared';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { parseCsvObjects } from '../../lib/csv';
import { AppError, forbidden } from '../../lib/errors';
import { staleWrite } from '../../lib/etag';
import { type Quota, enforceQuota } from '../../lib/quota';
import { users } from '../access/access.schema';
import { recordAudit, type SessionUser } from '../access/access.service';
import { groupingMembers, groupings } from '../geo/geo.schema';
import { listGroupings, todayVn } from '../geo/geo.service';
import { invalidateCatalogue, loadCatalogue } from '../statistics/catalogue.service';
import { geographyAt, groupingAt } from '../statistics/geography';
import { analyticsIndices } from './analytics.schema';
import { badField } from './analytics.service';

/**
 * What analysts save: custom groupings (rows of the geo module's `groupings` table, type `custom`, usable as
 * `grouping=ID` by every endpoint and by `/api/v1/data`) and composite-index definitions (public by id, edited with
 * If-Match by their creator or an administrator).
 */

const FIRST_DAY_OF_63 = '2008-08-01';

// ---------------------------------------------------------------------------------------------------------------
// Custom groupings

/** Groupings an analyst can pick in force on `at`: growth-pole regions and custom groupings (seeded and users'). */
export async function listAnalystGroupings(db: Db, at: string): Promise<Grouping[]> {
  const [poles, custom] = await Promise.all([
    listGroupings(db, { type: 'growth_pole', at }),
    listGroupings(db, { type: 'custom', at }),
  ]);
  return [...poles, ...custom];
}

/** Custom groupings and saved indices are public by URL: each account keeps a bounded number of them. */
export const GROUPING_QUOTA: Quota = {
  table: 'groupings',
  ownerColumn: 'created_by',
  where: "type = 'custom'",
  perUser: 50,
  what: { en: 'custom groupings', vi: 'nhóm tự chọn' },
};
export const INDEX_QUOTA: Quota = {
  table: 'analytics_indices',
  ownerColumn: 'created_by',
  perUser: 100,
  what: { en: 'saved indices', vi: 'chỉ số tổng hợp đã lưu' },
};

/** Create a custom grouping of provinces in force on `at`; valid for the whole vintage of those provinces. */
export async function createCustomGrouping(db: Db, user: SessionUser, input: CreateGroupingInput): Promise<Grouping> {
  const at = input.at ?? todayVn();
  const geo = await geographyAt(db, at);
  const members = [...new Set(input.members)].sort();
  const unknown = members.filter((c) => !geo.provinces.has(c));
  if (unknown.length > 0)
    throw badField(
      422,
      'unknown_members',
      `body.members.${input.members.indexOf(unknown[0])}`,
      `Not provinces of the geography on ${at}: ${unknown.join(', ')}.`,
      `Không phải mã tỉnh của địa giới ngày ${at}: ${unknown.join(', ')}.`,
    );
  const nameVi = normaliseText(input.nameVi ?? '');
  const nameEn = normaliseText(input.nameEn ?? '') || nameVi;
  const note = normaliseText(input.note ?? '') || null;
  const id = await db.transaction(async (tx) => {
    await enforceQuota(tx as unknown as Db, GROUPING_QUOTA, user.id);
    const r = (await tx.execute(sql`select nextval('analytics_custom_grouping_seq')::int as n`)) as unknown as {
      rows: { n: number }[];
    };
    const n = Number(r.rows[0].n);
    const gid = `custom-${n}`;
    await tx.insert(groupings).values({
      id: gid,
      code: `CUSTOM-${n}`,
      type: 'custom',
      nameVi,
      nameEn,
      validFrom: geo.vintageStart,
      validTo: geo.vintageEnd,
      source: `Nhóm tự chọn của ${user.displayName} / custom grouping by ${user.displayName}`,
      note,
      sortOrder: 1000 + n,
      createdBy: user.id,
    });
    await tx.insert(groupingMembers).values(
      members.map((code) => ({
        groupingId: gid,
        unitCode: code,
        unitLevel: 'province',
        validFrom: geo.vintageStart,
        validTo: geo.vintageEnd,
      })),
    );
    await recordAudit(tx as unknown as Db, {
      userId: user.id,
      action: 'analytics.grouping.create',
      entity: 'grouping',
      entityId: gid,
      detail: { members, at },
    });
    return gid;
  });
  // The public geography and data answers list groupings: drop their cached copies on every server.
  invalidateCatalogue(db);
  return groupingAt(db, id, at);
}

/** Delete one's own custom grouping (administrators: any custom grouping). Seeded groupings cannot be deleted. */
export async function deleteCustomGrouping(db: Db, user: SessionUser, id: string): Promise<void> {
  const [g] = await db.select().from(groupings).where(eq(groupings.id, id));
  if (g?.type !== 'custom' || g.createdBy === null)
    throw new AppError(404, 'grouping_not_found', `No custom grouping "${id}".`, `Không có nhóm tự chọn "${id}".`);
  if (g.createdBy !== user.id && user.role !== 'admin') throw forbidden();
  await db.transaction(async (tx) => {
    await tx.delete(groupings).where(eq(groupings.id, id));
    await recordAudit(tx as unknown as Db, {
      userId: user.id,
      action: 'analytics.grouping.delete',
      entity: 'grouping',
      entityId: id,
    });
  });
  invalidateCatalogue(db);
}

/**
 * Seed step `analytics-groupings-v1`: the four national growth-pole regions of `data/growth-pole-regions.csv` (type
 * `growth_pole`, 63-province codes, in force 2008-08-01 – 2025-06-30) and two readings of the article A001 as
 * seeded custom groupings: the wider Northern region of 6 provinces and the "10 provinces" of the Northern (6) and
 * Southern (4) regions.
 */
export async function loadAnalyticsGroupings(tx: Db) {
  const rows = parseCsvObjects(fs.readFileSync(path.join(import.meta.dirname, 'data/growth-pole-regions.csv'), 'utf8'));
  const defs = rows.map((r, i) => ({
    id: r.id,
    code: r.code,
    type: 'growth_pole',
    nameVi: normaliseText(r.name_vi),
    nameEn: r.name_en,
    members: r.member_codes_63.split('+'),
    partial: new Set(r.partial_codes_63 ? r.partial_codes_63.split('+') : []),
    source: r.source,
    note: r.note || null,
    sortOrder: i + 1,
  }));
  const south = defs.find((d) => d.id === 'growth-pole-south')!.members;
  const north6 = ['01', '31', '22', '27', '30', '33'];
  const articleSource =
    'Bài báo A001 (../shared/seeds): "10 tỉnh, thành phố" của hai vùng động lực phía Bắc và phía Nam; cách đọc của RegionLink (docs/analytics.md)';
  defs.push(
    {
      id: 'growth-pole-north-6',
      code: 'GP-N6',
      type: 'custom',
      nameVi: 'Vùng động lực phía Bắc (cách đọc rộng, 6 tỉnh)',
      nameEn: 'Northern growth-pole region (wider reading, 6 provinces)',
      members: north6,
      partial: new Set(),
      source: articleSource,
      note: 'Hà Nội, Hải Phòng, Quảng Ninh and, along national roads 5 and 18, Bắc Ninh, Hải Dương, Hưng Yên.',
      sortOrder: 101,
    },
    {
      id: 'growth-poles-article-10',
      code: 'GP-A10',
      type: 'custom',
      nameVi: '10 tỉnh của hai vùng động lực phía Bắc (6) và phía Nam (4)',
      nameEn: 'The 10 provinces of the Northern (6) and Southern (4) growth-pole regions',
      members: [...north6, ...south],
      partial: new Set(),
      source: articleSource,
      note: 'The article’s “10 provinces” (2023: 53 % of GDP, 33 % of labour).',
      sortOrder: 102,
    },
  );
  await tx.insert(groupings).values(
    defs.map((d) => ({
      id: d.id,
      code: d.code,
      type: d.type,
      nameVi: d.nameVi,
      nameEn: d.nameEn,
      validFrom: FIRST_DAY_OF_63,
      validTo: LAST_DAY_OF_63,
      source: d.source,
      note: d.note,
      sortOrder: d.sortOrder,
    })),
  );
  await tx.insert(groupingMembers).values(
    defs.flatMap((d) =>
      d.members.map((code) => ({
        groupingId: d.id,
        unitCode: code,
        unitLevel: 'province',
        partial: d.partial.has(code),
        note: d.partial.has(code) ? 'Chỉ khu vực ven biển / coastal areas only' : null,
        validFrom: FIRST_DAY_OF_63,
        validTo: LAST_DAY_OF_63,
      })),
    ),
  );
  return { groupings: defs.length };
}

// ---------------------------------------------------------------------------------------------------------------
// Saved index definitions

type IndexRow = typeof analyticsIndices.$inferSelect;

const toSaved = (r: IndexRow, createdBy: string | null): SavedIndex => ({
  id: r.id,
  definition: r.definition,
  createdBy,
  createdAt: new Date(r.createdAt).toISOString(),
  updatedAt: new Date(r.updatedAt).toISOString(),
  version: r.version,
});

/** Check a definition's indicators exist (404 naming the field) and normalise its texts. */
async function checkDefinition(db: Db, d: IndexDefinition, prefix: string): Promise<IndexDefinition> {
  const cat = await loadCatalogue(db);
  for (const [k, i] of d.indicators.entries())
    if (!cat.byCode.has(i.code))
      throw badField(
        404,
        'unknown_indicator',
        `${prefix}.indicators.${k}.code`,
        `Indicator "${i.code}" is not in the catalogue.`,
        `Không có chỉ tiêu "${i.code}" trong danh mục.`,
      );
  const codes = d.indicators.map((i) => i.code);
  const dup = codes.findIndex((c, i) => codes.indexOf(c) !== i);
  if (dup >= 0)
    throw badField(
      422,
      'duplicate_indicator',
      `${prefix}.indicators.${dup}.code`,
      `Indicator "${codes[dup]}" is listed twice.`,
      `Chỉ tiêu "${codes[dup]}" được liệt kê hai lần.`,
    );
  return {
    ...d,
    nameVi: normaliseText(d.nameVi),
    nameEn: normaliseText(d.nameEn),
    descriptionVi: normaliseText(d.descriptionVi),
    descriptionEn: normaliseText(d.descriptionEn),
  };
}

async function withCreator(db: Db, rows: IndexRow[]): Promise<SavedIndex[]> {
  const ids = [...new Set(rows.map((r) => r.createdBy).filter((x): x is number => x !== null))];
  const names = new Map<number, string>();
  for (const id of ids) {
    const [u] = await db.select({ displayName: users.displayName }).from(users).where(eq(users.id, id));
    if (u) names.set(id, u.displayName);
  }
  return rows.map((r) => toSaved(r, r.createdBy === null ? null : (names.get(r.createdBy) ?? null)));
}

/** A saved definition by id: public (anyone with the URL reads it). */
export async function getSavedIndex(db: Db, id: number): Promise<SavedIndex> {
  const [row] = await db.select().from(analyticsIndices).where(eq(analyticsIndices.id, id));
  if (!row)
    throw new AppError(404, 'index_not_found', `No saved index ${id}.`, `Không có chỉ số tổng hợp đã lưu số ${id}.`);
  return (await withCreator(db, [row]))[0];
}

/** The caller's saved definitions (administrators: everyone's), newest first. */
export async function listSavedIndices(db: Db, user: SessionUser): Promise<SavedIndex[]> {
  const rows = await db
    .select()
    .from(analyticsIndices)
    .where(user.role === 'admin' ? undefined : eq(analyticsIndices.createdBy, user.id))
    .orderBy(desc(analyticsIndices.updatedAt), desc(analyticsIndices.id));
  return withCreator(db, rows);
}

export async function createSavedIndex(db: Db, user: SessionUser, d: IndexDefinition): Promise<SavedIndex> {
  const definition = await checkDefinition(db, d, 'body');
  const row = await db.transaction(async (tx) => {
    await enforceQuota(tx as unknown as Db, INDEX_QUOTA, user.id);
    const [r] = await tx
      .insert(analyticsIndices)
      .values({ definition, createdBy: user.id, updatedBy: user.id })
      .returning();
    await recordAudit(tx as unknown as Db, {
      userId: user.id,
      action: 'analytics.index.create',
      entity: 'analytics_index',
      entityId: String(r.id),
    });
    return r;
  });
  return (await withCreator(db, [row]))[0];
}

/** Replace a definition (its creator or an administrator) if `version` is still current; 412 otherwise. */
export async function updateSavedIndex(
  db: Db,
  user: SessionUser,
  id: number,
  version: number,
  d: IndexDefinition,
): Promise<SavedIndex> {
  const current = await getSavedIndex(db, id);
  const [owner] = await db
    .select({ createdBy: analyticsIndices.createdBy })
    .from(analyticsIndices)
    .where(eq(analyticsIndices.id, id));
  if (owner.createdBy !== user.id && user.role !== 'admin') throw forbidden();
  const definition = await checkDefinition(db, d, 'body');
  const row = await db.transaction(async (tx) => {
    const [r] = await tx
      .update(analyticsIndices)
      .set({ definition, version: version + 1, updatedBy: user.id, updatedAt: sql`now()` })
      .where(and(eq(analyticsIndices.id, id), eq(analyticsIndices.version, version)))
      .returning();
    if (!r) throw staleWrite();
    await recordAudit(tx as unknown as Db, {
      userId: user.id,
      action: 'analytics.index.update',
      entity: 'analytics_index',
      entityId: String(id),
      detail: { from: current.version, to: r.version },
    });
    return r;
  });
  return (await withCreator(db, [row]))[0];
}
