import crypto from 'node:crypto';
import { and, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { FeatureCollection } from 'geojson';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import type {
  AdminLevel,
  AdminUnit,
  AdminUnitDetail,
  CrosswalkResponse,
  Grouping,
  GroupingType,
  UnitRef,
} from '@regionlink/shared';
import type { Db } from '../../db/client';
import { AppError, notFound } from '../../lib/errors';
import { adminUnits, boundaries, groupingMembers, groupings, unitSuccessions } from './geo.schema';
import { type CrosswalkEdge, composeCrosswalk } from './crosswalk';
import { simplifyTopology } from './simplify';

/** Today in Viet Nam (UTC+7), as `YYYY-MM-DD`: the default geography date. */
export function todayVn(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** SQL condition: a row with validity [from, to] is in force on `at` (an open `to` means still in force). */
export const validAt = (from: AnyPgColumn, to: AnyPgColumn, at: string) =>
  and(lte(from, at), or(isNull(to), gte(to, at)));

type UnitRow = typeof adminUnits.$inferSelect;

const toUnit = (r: UnitRow): AdminUnit => ({
  code: r.code,
  level: r.level as AdminLevel,
  nameVi: r.nameVi,
  nameEn: r.nameEn,
  fullNameVi: r.fullNameVi,
  fullNameEn: r.fullNameEn,
  type: r.type,
  areaKm2: r.areaKm2,
  parentCode: r.parentCode,
  validFrom: r.validFrom,
  validTo: r.validTo,
});

/** The units of a level in force on `at` (34 provinces from 2025-07-01, 63 before), ordered by code. */
export async function listUnits(db: Db, q: { level: AdminLevel; at: string; parent?: string }): Promise<AdminUnit[]> {
  const rows = await db
    .select()
    .from(adminUnits)
    .where(
      and(
        eq(adminUnits.level, q.level),
        validAt(adminUnits.validFrom, adminUnits.validTo, q.at),
        q.parent ? eq(adminUnits.parentCode, q.parent) : undefined,
      ),
    )
    .orderBy(adminUnits.code);
  return rows.map(toUnit);
}

/**
 * One unit in force on `at`, with its predecessors (the units it was formed from), successors, the groupings it belongs
 * to on that date and, for a province, its number of communes. A code that exists only in another vintage gets a 404
 * that names the dates on which it does exist.
 */
export async function getUnit(db: Db, code: string, at: string): Promise<AdminUnitDetail> {
  const [unit] = await db
    .select()
    .from(adminUnits)
    .where(and(eq(adminUnits.code, code), validAt(adminUnits.validFrom, adminUnits.validTo, at)))
    .orderBy(adminUnits.level)
    .limit(1);
  if (!unit) {
    const other = await db.select().from(adminUnits).where(eq(adminUnits.code, code));
    if (other.length === 0) throw notFound(`Administrative unit ${code}`, `đơn vị hành chính mã ${code}`);
    const spans = other.map((o) => `${o.nameVi} ${o.validFrom}…${o.validTo ?? ''}`).join('; ');
    throw new AppError(
      404,
      'not_in_force',
      `Unit ${code} is not in force on ${at}; it exists as: ${spans}.`,
      `Mã ${code} không có hiệu lực vào ngày ${at}; mã này tồn tại: ${spans}.`,
      undefined,
      { availableIn: other.map((o) => ({ nameVi: o.nameVi, validFrom: o.validFrom, validTo: o.validTo })) },
    );
  }
  const refs = async (dir: 'from' | 'to'): Promise<UnitRef[]> => {
    const [self, other] =
      dir === 'from'
        ? [unitSuccessions.toUnitId, unitSuccessions.fromUnitId]
        : [unitSuccessions.fromUnitId, unitSuccessions.toUnitId];
    const rows = await db
      .select({ u: adminUnits, weight: unitSuccessions.weight })
      .from(unitSuccessions)
      .innerJoin(adminUnits, eq(adminUnits.id, other))
      .where(eq(self, unit.id))
      .orderBy(adminUnits.code);
    return rows.map(({ u, weight }) => ({
      code: u.code,
      nameVi: u.nameVi,
      nameEn: u.nameEn,
      validFrom: u.validFrom,
      validTo: u.validTo,
      weight,
    }));
  };
  const memberOf = await db
    .select({ id: groupings.id, type: groupings.type, nameVi: groupings.nameVi, nameEn: groupings.nameEn })
    .from(groupingMembers)
    .innerJoin(groupings, eq(groupings.id, groupingMembers.groupingId))
    .where(
      and(
        eq(groupingMembers.unitCode, code),
        eq(groupingMembers.unitLevel, unit.level),
        validAt(groupingMembers.validFrom, groupingMembers.validTo, at),
        validAt(groupings.validFrom, groupings.validTo, at),
      ),
    )
    .orderBy(groupings.id);
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(adminUnits)
    .where(
      and(
        eq(adminUnits.level, 'commune'),
        eq(adminUnits.parentCode, code),
        validAt(adminUnits.validFrom, adminUnits.validTo, at),
      ),
    );
  return {
    ...toUnit(unit),
    seatVi: unit.seatVi,
    seatFormerProvinceCode: unit.seatFormerProvinceCode,
    iso3166: unit.iso3166,
    predecessors: await refs('from'),
    successors: await refs('to'),
    groupings: memberOf.map((g) => ({ ...g, type: g.type as GroupingType })),
    communeCount: unit.level === 'province' ? n : 0,
    source: unit.source,
    sourceEn: unit.sourceEn,
  };
}

/** Groupings in force on `at`, optionally of one type, each with its members on that date. */
export async function listGroupings(db: Db, q: { type?: GroupingType; at: string }): Promise<Grouping[]> {
  const gs = await db
    .select()
    .from(groupings)
    .where(and(q.type ? eq(groupings.type, q.type) : undefined, validAt(groupings.validFrom, groupings.validTo, q.at)))
    .orderBy(groupings.type, groupings.sortOrder, groupings.id);
  if (gs.length === 0) return [];
  const members = await db
    .select({ m: groupingMembers, nameVi: adminUnits.nameVi })
    .from(groupingMembers)
    .leftJoin(
      adminUnits,
      and(
        eq(adminUnits.code, groupingMembers.unitCode),
        eq(adminUnits.level, groupingMembers.unitLevel),
        validAt(adminUnits.validFrom, adminUnits.validTo, q.at),
      ),
    )
    .where(validAt(groupingMembers.validFrom, groupingMembers.validTo, q.at))
    .orderBy(groupingMembers.unitCode);
  const byGrouping = new Map<string, Grouping['members']>();
  for (const { m, nameVi } of members) {
    const list = byGrouping.get(m.groupingId) ?? [];
    list.push({ code: m.unitCode, nameVi: nameVi ?? m.unitCode, partial: m.partial, note: m.note });
    byGrouping.set(m.groupingId, list);
  }
  return gs.map((g) => {
    const ms = byGrouping.get(g.id) ?? [];
    return {
      id: g.id,
      code: g.code,
      type: g.type as GroupingType,
      nameVi: g.nameVi,
      nameEn: g.nameEn,
      parentId: g.parentId,
      validFrom: g.validFrom,
      validTo: g.validTo,
      source: g.source,
      note: g.note,
      memberCodes: ms.map((m) => m.code),
      members: ms,
    };
  });
}

/**
 * The crosswalk from the provinces in force on `from` to those in force on `to`: every boundary change in between,
 * composed. Going backwards in time is refused, because splitting a merged province needs weights that are not known.
 */
export async function getCrosswalk(db: Db, from: string, to: string): Promise<CrosswalkResponse> {
  if (from > to)
    throw new AppError(
      400,
      'backward_crosswalk',
      'Parameter "from" must not be later than "to": a merged province cannot be split back without weights.',
      'Tham số "from" không được sau "to": không thể tách tỉnh đã hợp nhất khi không có trọng số.',
      [{ path: 'query.from', message: 'must be on or before "to"', messageVi: 'phải trước hoặc bằng "to"' }],
    );
  const start = await listUnits(db, { level: 'province', at: from });
  const end = await listUnits(db, { level: 'province', at: to });
  const edges = await db
    .select({
      fromCode: sql<string>`f.code`,
      toCode: sql<string>`t.code`,
      weight: unitSuccessions.weight,
      date: unitSuccessions.effectiveDate,
    })
    .from(unitSuccessions)
    .innerJoin(sql`admin_units f`, sql`f.id = ${unitSuccessions.fromUnitId}`)
    .innerJoin(sql`admin_units t`, sql`t.id = ${unitSuccessions.toUnitId}`)
    .where(
      and(
        sql`f.level = 'province'`,
        sql`${unitSuccessions.effectiveDate} > ${from}`,
        sql`${unitSuccessions.effectiveDate} <= ${to}`,
      ),
    );
  const byDate = new Map<string, CrosswalkEdge[]>();
  for (const e of edges) byDate.set(e.date, [...(byDate.get(e.date) ?? []), e]);
  const steps = [...byDate.keys()].sort().map((d) => byDate.get(d)!);
  const composed = composeCrosswalk(
    start.map((u) => u.code),
    steps,
  );
  const startName = new Map(start.map((u) => [u.code, u.nameVi]));
  const endName = new Map(end.map((u) => [u.code, u.nameVi]));
  return {
    from,
    to,
    rows: composed
      .map((e) => ({
        ...e,
        fromNameVi: startName.get(e.fromCode) ?? e.fromCode,
        toNameVi: endName.get(e.toCode) ?? e.toCode,
      }))
      .sort((a, b) => a.fromCode.localeCompare(b.fromCode) || a.toCode.localeCompare(b.toCode)),
  };
}

export interface BoundaryLayer {
  body: string;
  etag: string;
  source: string;
  licence: string;
}

const boundaryCache = new Map<string, BoundaryLayer>();
/** Simplification of `detail=country` boundaries, in degrees (0.025° is one pixel of a 640-pixel national map). */
const COUNTRY_TOLERANCE_DEG = 0.005;

/** The province boundaries in force on `at`, as TopoJSON text (or GeoJSON), with an ETag for caching. */
export async function getBoundaries(
  db: Db,
  at: string,
  format: 'topojson' | 'geojson',
  detail: 'full' | 'country' = 'full',
): Promise<BoundaryLayer> {
  const [row] = await db
    .select({
      id: boundaries.id,
      topojson: boundaries.topojson,
      objectName: boundaries.objectName,
      source: boundaries.source,
      licence: boundaries.licence,
    })
    .from(boundaries)
    .where(and(eq(boundaries.level, 'province'), validAt(boundaries.validFrom, boundaries.validTo, at)))
    .limit(1);
  if (!row) throw notFound(`Boundaries in force on ${at}`, `ranh giới có hiệu lực ngày ${at}`);
  const key = `${row.id}:${format}:${detail}:${row.topojson.length}`;
  const cached = boundaryCache.get(key);
  if (cached) return cached;
  let body = row.topojson;
  if (format === 'geojson' || detail === 'country') {
    let topo = JSON.parse(row.topojson) as Topology;
    if (detail === 'country') topo = simplifyTopology(topo, COUNTRY_TOLERANCE_DEG);
    body = JSON.stringify(
      format === 'geojson' ? (feature(topo, topo.objects[row.objectName]) as FeatureCollection) : topo,
    );
  }
  const layer = {
    body,
    etag: `"${crypto.createHash('sha1').update(body).digest('hex')}"`,
    source: row.source,
    licence: row.licence,
  };
  boundaryCache.set(key, layer);
  return layer;
}
