import type { AdminUnit, Grouping, Vintage } from '@regionlink/shared';
import { LAST_DAY_OF_63, REFORM_DATE, VINTAGE_34, VINTAGE_63 } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import { getCrosswalk, listGroupings, listUnits } from '../geo/geo.service';

/**
 * The geography the plans module reads through the geo module's services (never its tables): the 63 and the 34
 * provinces, the crosswalk between them, and the regions of each period.
 */
export interface GeoContext {
  units63: Map<string, AdminUnit>;
  units34: Map<string, AdminUnit>;
  /** 63-unit code → the 34-unit codes it became (one each: the 2025 mergers were whole provinces). */
  to34: Map<string, string[]>;
  /** 34-unit code → the 63-unit codes it was formed from. */
  from34: Map<string, string[]>;
  regions63: Grouping[];
  regions34: Grouping[];
}

const cache = new WeakMap<Db, Promise<GeoContext>>();

async function load(db: Db): Promise<GeoContext> {
  const [u63, u34, cw, r63, r34] = await Promise.all([
    listUnits(db, { level: 'province', at: LAST_DAY_OF_63 }),
    listUnits(db, { level: 'province', at: REFORM_DATE }),
    getCrosswalk(db, LAST_DAY_OF_63, REFORM_DATE),
    listGroupings(db, { type: 'region', at: LAST_DAY_OF_63 }),
    listGroupings(db, { type: 'region', at: REFORM_DATE }),
  ]);
  const to34 = new Map<string, string[]>();
  const from34 = new Map<string, string[]>();
  for (const r of cw.rows) {
    to34.set(r.fromCode, [...(to34.get(r.fromCode) ?? []), r.toCode]);
    from34.set(r.toCode, [...(from34.get(r.toCode) ?? []), r.fromCode]);
  }
  return {
    units63: new Map(u63.map((u) => [u.code, u])),
    units34: new Map(u34.map((u) => [u.code, u])),
    to34,
    from34,
    regions63: r63,
    regions34: r34,
  };
}

/** The geography context, loaded once per database (reference data does not change while the server runs). */
export function geoContext(db: Db): Promise<GeoContext> {
  let p = cache.get(db);
  if (!p) {
    p = load(db);
    p.catch(() => cache.delete(db));
    cache.set(db, p);
  }
  return p;
}

/** Which of the two geographies a date falls in. */
export const eraOf = (at: string): Vintage => (at < REFORM_DATE ? VINTAGE_63 : VINTAGE_34);

/** The codes, in the geography of `era`, that a province recorded as (code, vintage) covers or falls in. */
export function codesIn(geo: GeoContext, code: string, vintage: string, era: Vintage): string[] {
  if (vintage === era) return [code];
  if (vintage === VINTAGE_63) return geo.to34.get(code) ?? [];
  return geo.from34.get(code) ?? [];
}

export function unitOf(geo: GeoContext, code: string, vintage: string): AdminUnit | undefined {
  return (vintage === VINTAGE_63 ? geo.units63 : geo.units34).get(code);
}

/** Today's province (34) of a province recorded as (code, vintage); null if the code is unknown. */
export function todayUnit(geo: GeoContext, code: string, vintage: string): AdminUnit | null {
  const c = vintage === VINTAGE_34 ? code : geo.to34.get(code)?.[0];
  return (c && geo.units34.get(c)) || null;
}

/** The regions in force on a date (the six of 2025 from 2025-07-01, the six GSO regions before). */
export const regionsAt = (geo: GeoContext, at: string) => (eraOf(at) === VINTAGE_63 ? geo.regions63 : geo.regions34);

/** Check that a province code exists in a vintage; a 400 naming the field otherwise. */
export function requireProvince(geo: GeoContext, code: string, vintage: string, path: string) {
  if (unitOf(geo, code, vintage)) return;
  const label =
    vintage === VINTAGE_63 ? '63 provinces in force until 2025-06-30' : '34 provinces in force from 2025-07-01';
  const labelVi =
    vintage === VINTAGE_63 ? '63 tỉnh, thành có hiệu lực đến 30/6/2025' : '34 tỉnh, thành có hiệu lực từ 01/7/2025';
  throw new AppError(
    400,
    'unknown_province',
    `Province code ${code} is not one of the ${label}.`,
    `Mã tỉnh ${code} không thuộc ${labelVi}.`,
    [{ path, message: `unknown province code ${code}`, messageVi: `mã tỉnh ${code} không tồn tại` }],
  );
}
