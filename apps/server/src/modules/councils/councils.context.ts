import { REFORM_DATE } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { notFound } from '../../lib/errors';
import { organisations } from '../access/access.schema';
import { getCrosswalk, listGroupings, todayVn } from '../geo/geo.service';
import type { CouncilFacts } from './councils.policy';
import { MOF_CODE } from './councils.policy';
import { councilChanges, councilMembers, councils } from './councils.schema';
import { type CouncilSpan, councilOfLineAt, inForceOn, lineageOf, memberProvincesAt } from './membership';

/**
 * What every councils service needs to know, loaded in a few small queries: the councils and their changes, the
 * named member organisations, and the organisations (to map provinces to their People's Committees). Geography comes
 * from geo's services (groupings at a date, the crosswalk), never from its tables.
 */

export type CouncilRow = typeof councils.$inferSelect;
export type OrgRow = typeof organisations.$inferSelect;

export interface CouncilsContext {
  today: string;
  councils: CouncilRow[];
  changes: (typeof councilChanges.$inferSelect)[];
  named: (typeof councilMembers.$inferSelect)[];
  orgs: Map<number, OrgRow>;
  orgByCode: Map<string, OrgRow>;
  /** Today's People's Committee of each province code (34-province geography). */
  ppcByProvince: Map<string, OrgRow>;
  mofId: number | null;
  byCode(code: string): CouncilRow;
  byId(id: number): CouncilRow;
  /** Consolidation edges by council code, for lineage walks. */
  edges: { from: string | null; to: string }[];
  /** Member provinces already computed in this context, by `councilId@date`. */
  memo: Map<string, Promise<string[]>>;
  /** Geo reads already made in this context (region groupings by date, crosswalks by pair of dates). */
  geo: Map<string, Promise<unknown>>;
}

/** A geo read made once per context. */
function once<T>(ctx: Pick<CouncilsContext, 'geo'> | undefined, key: string, load: () => Promise<T>): Promise<T> {
  if (!ctx) return load();
  let p = ctx.geo.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    ctx.geo.set(key, p);
  }
  return p;
}

/** Load the context; `today` can be fixed for tests and reproducible reads. */
export async function loadContext(db: Db, today = todayVn()): Promise<CouncilsContext> {
  const [cs, changes, named, orgRows] = await Promise.all([
    db.select().from(councils).orderBy(councils.sortOrder),
    db.select().from(councilChanges).orderBy(councilChanges.effectiveOn, councilChanges.id),
    db.select().from(councilMembers),
    db.select().from(organisations),
  ]);
  const orgs = new Map(orgRows.map((o) => [o.id, o]));
  const orgByCode = new Map(orgRows.map((o) => [o.code, o]));
  const ppcByProvince = new Map(
    orgRows.filter((o) => o.kind === 'province' && o.provinceCode).map((o) => [o.provinceCode as string, o]),
  );
  const byCodeMap = new Map(cs.map((c) => [c.code, c]));
  const byIdMap = new Map(cs.map((c) => [c.id, c]));
  const edges = changes
    .filter((c) => c.kind === 'consolidated')
    .map((c) => ({
      from: c.fromCouncilId ? (byIdMap.get(c.fromCouncilId)?.code ?? null) : null,
      to: byIdMap.get(c.toCouncilId)!.code,
    }));
  return {
    today,
    councils: cs,
    changes,
    named,
    orgs,
    orgByCode,
    ppcByProvince,
    mofId: orgByCode.get(MOF_CODE)?.id ?? null,
    edges,
    memo: new Map(),
    geo: new Map(),
    byCode(code) {
      const c = byCodeMap.get(code);
      if (!c) throw notFound(`Council ${code}`, `hội đồng ${code}`);
      return c;
    },
    byId(id) {
      const c = byIdMap.get(id);
      if (!c) throw notFound(`Council ${id}`, `hội đồng ${id}`);
      return c;
    },
  };
}

export const spanOf = (c: CouncilRow): CouncilSpan => ({
  code: c.code,
  regionCode: c.regionCode,
  regionGroupingId: c.regionGroupingId,
  validFrom: c.validFrom,
  validTo: c.validTo,
});

/**
 * Member province codes of a council on `at`: the region grouping's members, or after the grouping ended (old
 * regions after 2025-06-30) their successors in today's geography (pure rule in membership.ts).
 */
export async function memberProvinces(
  db: Db,
  council: CouncilRow,
  at: string,
  ctx?: Pick<CouncilsContext, 'geo'>,
): Promise<string[]> {
  if (!inForceOn(council, at)) return [];
  const now = await regionsAt(db, at, ctx);
  const g = now.find((x) => x.id === council.regionGroupingId);
  if (g)
    return memberProvincesAt(
      spanOf(council),
      at,
      { validFrom: g.validFrom, validTo: g.validTo, membersAt: g.memberCodes, lastMembers: [] },
      new Map(),
    );
  const ended = await groupingEnded(db, council.regionGroupingId, at, ctx);
  if (!ended) return [];
  const cw = await once(ctx, `cw:${ended.validTo}:${at}`, () => getCrosswalk(db, ended.validTo, at));
  const successors = new Map<string, string[]>();
  for (const r of cw.rows) successors.set(r.fromCode, [...(successors.get(r.fromCode) ?? []), r.toCode]);
  return memberProvincesAt(
    spanOf(council),
    at,
    { validFrom: ended.validFrom, validTo: ended.validTo, membersAt: null, lastMembers: ended.memberCodes },
    successors,
  );
}

/** `memberProvinces` computed once per council and date within a context. */
export function memberProvincesMemo(db: Db, ctx: CouncilsContext, council: CouncilRow, at: string): Promise<string[]> {
  const key = `${council.id}@${at}`;
  let p = ctx.memo.get(key);
  if (!p) {
    p = memberProvinces(db, council, at, ctx);
    ctx.memo.set(key, p);
  }
  return p;
}

/** The region groupings in force on `at` (geo's service), read once per context. */
export const regionsAt = (db: Db, at: string, ctx?: Pick<CouncilsContext, 'geo'>) =>
  once(ctx, `regions:${at}`, () => listGroupings(db, { type: 'region', at }));

async function groupingEnded(db: Db, id: string, at: string, ctx?: Pick<CouncilsContext, 'geo'>) {
  // The old regions end on 2025-06-30; read them on their last day.
  for (const day of ['2025-06-30']) {
    if (day >= at) continue;
    const gs = await regionsAt(db, day, ctx);
    const g = gs.find((x) => x.id === id);
    if (g?.validTo) return { validFrom: g.validFrom, validTo: g.validTo, memberCodes: g.memberCodes };
  }
  return null;
}

/** Today's province codes for province codes read on `at` (through the crosswalk when `at` is before the reform). */
export async function toTodayCodes(
  db: Db,
  codes: readonly string[],
  at: string,
  today: string,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (at >= REFORM_DATE) {
    for (const c of codes) out.set(c, [c]);
    return out;
  }
  const cw = await getCrosswalk(db, at, today);
  for (const c of codes)
    out.set(
      c,
      cw.rows.filter((r) => r.fromCode === c).map((r) => r.toCode),
    );
  return out;
}

/** The council of the line in force today (a consolidated council for an old one), or the council itself. */
export function currentOfLine(ctx: CouncilsContext, council: CouncilRow): CouncilRow {
  const span = councilOfLineAt(council.code, ctx.councils.map(spanOf), ctx.edges, ctx.today);
  return span ? ctx.byCode(span.code) : council;
}

/** The council and every council it replaced. */
export const lineage = (ctx: CouncilsContext, code: string) => lineageOf(code, ctx.edges);

/**
 * The policy facts of a council: its secretariat's organisation and today's member organisations (the Office, named
 * members, the People's Committees of member provinces). An old council's material is read by the members of the
 * council that replaced it.
 */
export async function factsOf(db: Db, ctx: CouncilsContext, council: CouncilRow): Promise<CouncilFacts> {
  const cur = currentOfLine(ctx, council);
  const ids = new Set<number>();
  if (ctx.mofId) ids.add(ctx.mofId);
  for (const m of ctx.named)
    if (m.councilId === cur.id && m.validFrom <= ctx.today && (m.validTo === null || m.validTo >= ctx.today))
      ids.add(m.organisationId);
  for (const code of await memberProvincesMemo(db, ctx, cur, ctx.today)) {
    const o = ctx.ppcByProvince.get(code);
    if (o) ids.add(o.id);
  }
  return { organisationId: council.organisationId ?? cur.organisationId, memberOrgIds: ids };
}

/** Facts of every council, keyed by id (for list reads that filter many records). */
export async function allFacts(db: Db, ctx: CouncilsContext): Promise<Map<number, CouncilFacts>> {
  const out = new Map<number, CouncilFacts>();
  for (const c of ctx.councils) out.set(c.id, await factsOf(db, ctx, c));
  return out;
}

/**
 * Organisations invited to a council's meeting on `at`: the Office, the named members, and the People's Committees
 * (today's) of its member provinces on that date.
 */
export async function memberOrganisationsAt(db: Db, ctx: CouncilsContext, council: CouncilRow, at: string) {
  const ids = new Set<number>();
  if (ctx.mofId) ids.add(ctx.mofId);
  for (const m of ctx.named)
    if (m.councilId === council.id && m.validFrom <= at && (m.validTo === null || m.validTo >= at))
      ids.add(m.organisationId);
  const provinces = await memberProvincesMemo(db, ctx, council, at);
  const today = await toTodayCodes(db, provinces, at, ctx.today);
  for (const codes of today.values())
    for (const c of codes) {
      const o = ctx.ppcByProvince.get(c);
      if (o) ids.add(o.id);
    }
  return [...ids].map((id) => ctx.orgs.get(id)!);
}

/** The brief form of an organisation used in responses. */
export const orgBrief = (o: OrgRow) => ({ id: o.id, code: o.code, nameVi: o.nameVi, nameEn: o.nameEn });
