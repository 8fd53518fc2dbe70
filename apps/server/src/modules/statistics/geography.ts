import crypto from 'node:crypto';
import type { AdminUnit, Grouping } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import { getCrosswalk, listGroupings, listUnits } from '../geo/geo.service';
import { rawSql } from './raw-sql';

/**
 * The geography as the statistics engine needs it, built only from the geo module's services: the units in force on a
 * date, the earlier geographies whose observations can be carried forward through the crosswalk, and the read model
 * (`stat_units`) that lets SQL group communes by province.
 */

/** The day before an ISO date. */
export function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Every snapshot of a level, newest first: the units in force today, then those in force the day before they began… */
export async function unitSnapshots(db: Db, level: 'province' | 'commune', at = '2999-12-31'): Promise<AdminUnit[][]> {
  const out: AdminUnit[][] = [];
  let day = at;
  for (let guard = 0; guard < 50; guard++) {
    const units = await listUnits(db, { level, at: day });
    if (units.length === 0) break;
    out.push(units);
    const earliest = units.reduce((m, u) => (u.validFrom < m ? u.validFrom : m), units[0].validFrom);
    day = dayBefore(earliest);
  }
  return out;
}

export interface StatUnitRow {
  code: string;
  geoDate: string;
  validTo: string | null;
  level: string;
  nameVi: string;
  nameEn: string;
  parentCode: string | null;
  parentGeoDate: string | null;
}

/** All units of all geographies, each commune with its parent province's key (code, start date). */
export async function readAllUnits(db: Db): Promise<StatUnitRow[]> {
  const seen = new Map<string, StatUnitRow>();
  const provinces = (await unitSnapshots(db, 'province')).flat();
  for (const u of provinces)
    seen.set(`${u.code}|${u.validFrom}`, {
      code: u.code,
      geoDate: u.validFrom,
      validTo: u.validTo,
      level: 'province',
      nameVi: u.nameVi,
      nameEn: u.nameEn,
      parentCode: null,
      parentGeoDate: null,
    });
  const provinceAt = (code: string, day: string) =>
    provinces.find((p) => p.code === code && p.validFrom <= day && (p.validTo === null || p.validTo >= day));
  for (const c of (await unitSnapshots(db, 'commune')).flat()) {
    const parent = c.parentCode ? provinceAt(c.parentCode, c.validFrom) : undefined;
    seen.set(`${c.code}|${c.validFrom}`, {
      code: c.code,
      geoDate: c.validFrom,
      validTo: c.validTo,
      level: 'commune',
      nameVi: c.nameVi,
      nameEn: c.nameEn,
      parentCode: c.parentCode,
      parentGeoDate: parent?.validFrom ?? null,
    });
  }
  return [...seen.values()];
}

/**
 * Bring the `stat_units` read model up to date with the geo module, when its content changed (compared by a hash of
 * every unit). Runs at seed time and before every import; a no-op in the usual case.
 */
export async function syncStatUnits(db: Db): Promise<{ changed: boolean; units: number }> {
  const units = await readAllUnits(db);
  const hash = crypto
    .createHash('sha256')
    .update(
      units
        .map((u) =>
          [u.code, u.geoDate, u.validTo, u.level, u.nameVi, u.nameEn, u.parentCode, u.parentGeoDate].join('|'),
        )
        .sort()
        .join('\n'),
    )
    .digest('hex');
  const raw = rawSql(db);
  const [meta] = await raw.query<{ value: string }>(`select value from stat_meta where key = 'units_hash'`);
  if (meta?.value === hash) return { changed: false, units: units.length };
  await raw.query('delete from stat_units');
  for (let i = 0; i < units.length; i += 2000) {
    const part = units.slice(i, i + 2000);
    await raw.query(
      `insert into stat_units (code, geo_date, valid_to, level, name_vi, name_en, parent_code, parent_geo_date)
       select * from unnest($1::text[], $2::date[], $3::date[], $4::text[], $5::text[], $6::text[], $7::text[], $8::date[])`,
      [
        part.map((u) => u.code),
        part.map((u) => u.geoDate),
        part.map((u) => u.validTo),
        part.map((u) => u.level),
        part.map((u) => u.nameVi),
        part.map((u) => u.nameEn),
        part.map((u) => u.parentCode),
        part.map((u) => u.parentGeoDate),
      ],
    );
  }
  await raw.query('analyze stat_units');
  await raw.query(
    `insert into stat_meta (key, value, updated_at) values ('units_hash', $1, now())
     on conflict (key) do update set value = excluded.value, updated_at = now()`,
    [hash],
  );
  geographyCache.delete(db);
  return { changed: true, units: units.length };
}

/** A target unit of a query (a province, a commune, a region, the nation). */
export interface Target {
  code: string;
  nameVi: string;
  nameEn: string;
  /** For aggregates: the province codes (of the target geography) that make it up. */
  members: string[];
  /** Members flagged as only partly inside the grouping. */
  partialMembers: string[];
}

/** One way source observations reach a province of the target geography. */
export interface MapRow {
  srcCode: string;
  srcDate: string;
  target: string;
  weight: number;
  /** 0 = the province itself, 2 = a former province carried through the crosswalk. */
  rank: 0 | 2;
}

export interface Geography {
  at: string;
  /** Provinces in force on `at`, by code. */
  provinces: Map<string, AdminUnit>;
  /** The start date shared by most provinces in force (the geography's "vintage"). */
  vintageStart: string;
  vintageEnd: string | null;
  labelVi: string;
  labelEn: string;
  mapRows: MapRow[];
  /** Expected number of contributing source units per (target province, effective rank). */
  expected: Map<string, number>;
  /** Names of source units (former provinces) for method texts, by `code|date`. */
  sourceNames: Map<string, { vi: string; en: string }>;
  /** Former provinces of each target province (rank 2 sources). */
  formerOf: Map<string, string[]>;
  regions: Grouping[];
  communeCount: number;
}

const TTL_MS = 120_000;
const geographyCache = new WeakMap<object, Map<string, { at: number; value: Promise<Geography> }>>();

/** The geography in force on `at`, cached for two minutes per database. */
export function geographyAt(db: Db, at: string): Promise<Geography> {
  let perDb = geographyCache.get(db);
  if (!perDb) {
    perDb = new Map();
    geographyCache.set(db, perDb);
  }
  const hit = perDb.get(at);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = buildGeography(db, at);
  perDb.set(at, { at: Date.now(), value });
  value.catch(() => perDb.delete(at));
  if (perDb.size > 64) perDb.delete(perDb.keys().next().value as string);
  return value;
}

/** Forget cached geographies (after the geo read model changed). */
export function clearGeographyCache(db: Db) {
  geographyCache.delete(db);
}

async function buildGeography(db: Db, at: string): Promise<Geography> {
  const current = await listUnits(db, { level: 'province', at });
  if (current.length === 0)
    throw new AppError(
      404,
      'no_geography',
      `No provinces are in force on ${at}.`,
      `Không có tỉnh, thành phố nào có hiệu lực vào ngày ${at}.`,
    );
  const provinces = new Map(current.map((u) => [u.code, u]));
  const starts = new Map<string, number>();
  for (const u of current) starts.set(u.validFrom, (starts.get(u.validFrom) ?? 0) + 1);
  const vintageStart = [...starts].sort((a, b) => b[1] - a[1])[0][0];
  const ends = current.map((u) => u.validTo).filter((d): d is string => d !== null);
  const vintageEnd = ends.length === current.length ? ends.sort()[0] : null;

  const mapRows: MapRow[] = current.map((u) => ({
    srcCode: u.code,
    srcDate: u.validFrom,
    target: u.code,
    weight: 1,
    rank: 0,
  }));
  const expected = new Map<string, number>();
  const sourceNames = new Map<string, { vi: string; en: string }>();
  const formerOf = new Map<string, string[]>();
  for (const u of current) expected.set(`${u.code}|0`, 1);

  // Earlier geographies, newest first, each carried to `at` through the composed crosswalk.
  const selfKeys = new Set(current.map((u) => `${u.code}|${u.validFrom}`));
  const earlier = await unitSnapshots(db, 'province', dayBefore(vintageStart));
  for (const snapshot of earlier) {
    const day = snapshot.reduce((m, u) => (u.validTo && u.validTo < m ? u.validTo : m), '9999-12-31');
    const cw = await getCrosswalk(db, day, at);
    const byCode = new Map(snapshot.map((u) => [u.code, u]));
    for (const e of cw.rows) {
      const src = byCode.get(e.fromCode);
      if (!src || !provinces.has(e.toCode)) continue;
      const key = `${src.code}|${src.validFrom}`;
      if (selfKeys.has(key)) continue;
      mapRows.push({ srcCode: src.code, srcDate: src.validFrom, target: e.toCode, weight: e.weight, rank: 2 });
      sourceNames.set(key, { vi: src.nameVi, en: src.nameEn });
      expected.set(`${e.toCode}|2`, (expected.get(`${e.toCode}|2`) ?? 0) + 1);
      formerOf.set(e.toCode, [...(formerOf.get(e.toCode) ?? []), src.code]);
    }
    // Only the most recent earlier geography is used: composing further back would mix vintages of one territory.
    break;
  }

  // Communes of each source province (for the rank reached through the pre-aggregate: rank + 1).
  const raw = rawSql(db);
  const communeCounts = await raw.query<{ parent_code: string; parent_geo_date: string; n: number }>(
    `select parent_code, to_char(parent_geo_date, 'YYYY-MM-DD') as parent_geo_date, count(*)::int as n
     from stat_units where level = 'commune' and parent_code is not null group by 1, 2`,
  );
  const communesBySrc = new Map(communeCounts.map((r) => [`${r.parent_code}|${r.parent_geo_date}`, r.n]));
  let communeCount = 0;
  for (const m of mapRows) {
    const n = communesBySrc.get(`${m.srcCode}|${m.srcDate}`);
    if (!n) continue;
    const key = `${m.target}|${m.rank + 1}`;
    expected.set(key, (expected.get(key) ?? 0) + n);
    if (m.rank === 0) communeCount += n;
  }

  const regions = await listGroupings(db, { type: 'region', at });
  const n = current.length;
  const from = vintageStart.split('-').reverse().join('/');
  const to = vintageEnd ? vintageEnd.split('-').reverse().join('/') : null;
  return {
    at,
    provinces,
    vintageStart,
    vintageEnd,
    labelVi: `${n} tỉnh, thành phố (${to ? `${from}–${to}` : `từ ${from}`})`,
    labelEn: `${n} provinces (${to ? `${from}–${to}` : `from ${from}`})`,
    mapRows,
    expected,
    sourceNames,
    formerOf,
    regions,
    communeCount,
  };
}

/** A grouping in force on `at` by id, with its members; 404 naming the dates when it is not in force. */
export async function groupingAt(db: Db, id: string, at: string): Promise<Grouping> {
  const all = await listGroupings(db, { at });
  const g = all.find((x) => x.id === id);
  if (!g)
    throw new AppError(
      404,
      'grouping_not_found',
      `Grouping "${id}" is not in force on ${at} (or does not exist).`,
      `Nhóm "${id}" không có hiệu lực vào ngày ${at} (hoặc không tồn tại).`,
    );
  return g;
}
