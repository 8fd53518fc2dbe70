import {
  type Dismissal,
  type DismissalReopenInput,
  type DismissInput,
  type DuplicateGroup,
  type DuplicateProjectEvidence,
  type DuplicatesMaterial,
  type DuplicatesQuery,
  type DuplicatesResponse,
  type Me,
  REFORM_DATE,
  SECTORS,
  type Sector,
  VINTAGE_34,
  normaliseText,
} from '@regionlink/shared';
import { and, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { AppError, forbidden, notFound, unauthorized } from '../../lib/errors';
import { staleWrite } from '../../lib/etag';
import { recordAudit } from '../access/access.service';
import { users } from '../access/access.schema';
import { listGroupings } from '../geo/geo.service';
import { listPlans } from '../plans/plans.service';
import { codesIn, geoContext } from '../plans/plans.geo';
import { loadProjects } from '../plans/projects.service';
import { type CandidatePair, type DuplicateProject, findCandidatePairs, groupPairs, parsePhase } from './duplicates';
import rulesData from './data/duplicate-rules.json';
import { dismissals } from './monitoring.schema';
import { geometryFacts, provinces2025 } from './monitoring.sources';

type Caller = Pick<Me, 'id' | 'role' | 'organisation'> | null;

/** The rules, as printed on the page and in the API. */
export function rulesText(withinKm: number | null): { vi: string[]; en: string[] } {
  return {
    vi: [
      rulesData.noteVi,
      'Hai dự án cùng lĩnh vực và cùng loại (chi tiết lĩnh vực ghi trong danh mục).',
      'Giai đoạn thực hiện trùng nhau ít nhất một năm; dự án không ghi giai đoạn được coi là thực hiện cả thời kỳ quy hoạch (ghi rõ là giả định).',
      'Đặt tại các tỉnh khác nhau (không có tỉnh chung), theo địa giới 34 tỉnh từ 01/7/2025.',
      withinKm === null
        ? 'Có hai tỉnh giáp ranh nhau (chung đường ranh giới trên bản đồ ranh giới đang có hiệu lực).'
        : `Có hai tỉnh giáp ranh nhau, hoặc có tâm cách nhau không quá ${withinKm} km.`,
      'Đây là danh sách cần xem xét, không phải kết luận: Văn phòng Hội đồng (Bộ Tài chính) có thể loại một cặp kèm lý do; lý do được lưu và có thể mở lại.',
    ],
    en: [
      rulesData.noteEn,
      'Two projects of the same sector and the same type (the registry’s sector detail).',
      'Phases overlap by at least one year; a project without a stated phase is taken to run the whole plan period (marked as assumed).',
      'Located in different provinces (no province in common), in the 34-province geography of 2025-07-01.',
      withinKm === null
        ? 'Two of their provinces border each other (share a boundary line in the boundaries in force).'
        : `Two of their provinces border each other, or their centres are at most ${withinKm} km apart.`,
      'A list to examine, not a finding: the Office of the council (MoF) may dismiss a pair with a reason; reasons are kept and a pair can be reopened.',
    ],
  };
}

/** The registry's projects in the form the finder takes, with today's located provinces and their evidence. */
async function registryProjects(db: Db) {
  const [geo, projects, plans, provinces] = await Promise.all([
    geoContext(db),
    loadProjects(db),
    listPlans(db),
    provinces2025(db),
  ]);
  const planPeriod = new Map(plans.map((p) => [p.code, { from: p.periodStart, to: p.periodEnd }]));
  const names = new Map(provinces.map((p) => [p.code, p.nameVi]));
  const regionOf = new Map(provinces.map((p) => [p.code, p.regionCode]));
  const finder: DuplicateProject[] = [];
  const evidence = new Map<string, DuplicateProjectEvidence>();
  /** A project type (its sector detail, in Vietnamese) → its English. */
  const typeEn = new Map<string, string>();
  for (const p of projects) {
    const located = [
      ...new Set(
        p.provinces.filter((x) => x.role === 'located').flatMap((x) => codesIn(geo, x.unitCode, x.vintage, VINTAGE_34)),
      ),
    ].sort();
    const phase = parsePhase(p.row.phase, planPeriod.get(p.planCode) ?? { from: 2021, to: 2030 });
    const total = (k: 'planned' | 'allocated') =>
      p.lines.some((l) => l[k] !== null) ? p.lines.reduce((s, l) => s + (l[k] ?? 0), 0) : null;
    const d: DuplicateProject = {
      code: p.row.code,
      nameVi: p.row.nameVi,
      sector: p.row.sector,
      geometry: p.row.geometry === 'line' ? 'line' : 'point',
      type: p.row.sectorDetail ?? p.row.sector,
      phase,
      phaseText: p.row.periodText ?? p.row.phase,
      located,
      scale: p.row.scale,
      planned: total('planned'),
      allocated: total('allocated'),
    };
    finder.push(d);
    typeEn.set(d.type, p.row.sectorDetailEn ?? d.type);
    evidence.set(d.code, {
      code: d.code,
      nameVi: d.nameVi,
      nameEn: p.row.nameEn,
      sector: d.sector,
      type: d.type,
      phaseText: d.phaseText,
      phaseFrom: phase.from,
      phaseTo: phase.to,
      phaseAssumed: phase.assumed,
      provinces: located.map((c) => ({ code: c, nameVi: names.get(c) ?? c })),
      scale: d.scale,
      scaleEn: p.row.scaleEn,
      planned: d.planned,
      allocated: d.allocated,
    });
  }
  return { finder, evidence, regionOf, typeEn };
}

const reopener = alias(users, 'reopener');

async function loadDismissals(db: Db): Promise<Dismissal[]> {
  const rows = await db
    .select({ d: dismissals, by: users.displayName, reBy: reopener.displayName })
    .from(dismissals)
    .leftJoin(users, eq(users.id, dismissals.dismissedBy))
    .leftJoin(reopener, eq(reopener.id, dismissals.reopenedBy))
    .orderBy(dismissals.id);
  return rows.map(({ d, by, reBy }) => ({
    id: d.id,
    pairKey: d.pairKey,
    reason: d.reason,
    dismissedBy: by,
    dismissedAt: d.dismissedAt,
    reopenedAt: d.reopenedAt,
    reopenedBy: reBy,
    reopenReason: d.reopenReason,
    version: d.version,
  }));
}

/** Candidate pairs under the rules, each with the regions its projects' provinces lie in. */
async function candidates(db: Db, withinKm: number | null) {
  const [{ finder, evidence, regionOf, typeEn }, facts] = await Promise.all([
    registryProjects(db),
    geometryFacts(db, REFORM_DATE),
  ]);
  const pairs = findCandidatePairs(finder, facts.neighbours, facts.centres, { withinKm, sectors: rulesData.sectors });
  const located = new Map(finder.map((p) => [p.code, p.located]));
  const regionsOf = (p: CandidatePair) =>
    [
      ...new Set(
        [...located.get(p.a)!, ...located.get(p.b)!].map((c) => regionOf.get(c)).filter((r): r is string => !!r),
      ),
    ].sort();
  return { pairs, evidence, regionsOf, typeEn };
}

/** Candidate duplicates for a region (or all), grouped, with dismissals; the rules and the history beside them. */
export async function listDuplicates(db: Db, q: DuplicatesQuery): Promise<DuplicatesResponse> {
  const withinKm = q.withinKm ?? null;
  const [{ pairs, evidence, regionsOf, typeEn }, all, regions] = await Promise.all([
    candidates(db, withinKm),
    loadDismissals(db),
    listGroupings(db, { type: 'region', at: REFORM_DATE }),
  ]);
  const open = new Map(all.filter((d) => d.reopenedAt === null).map((d) => [d.pairKey, d]));
  const inRegion = pairs.filter((p) => !q.region || regionsOf(p).includes(q.region));
  const groups: DuplicateGroup[] = groupPairs(inRegion).map((g) => ({
    sector: g.pairs[0].sector,
    type: g.pairs[0].type,
    typeEn: typeEn.get(g.pairs[0].type) ?? g.pairs[0].type,
    projects: g.projects.map((c) => evidence.get(c)!),
    pairs: g.pairs.map((p) => ({
      key: p.key,
      a: p.a,
      b: p.b,
      provinceA: p.provinceA,
      provinceB: p.provinceB,
      adjacent: p.adjacent,
      distanceKm: p.distanceKm,
      overlapFrom: p.overlap.from,
      overlapTo: p.overlap.to,
      regions: regionsOf(p),
      dismissal: open.get(p.key) ?? null,
    })),
  }));
  const shown = new Set(inRegion.map((p) => p.key));
  const dismissed = inRegion.filter((p) => open.has(p.key)).length;
  const rules = rulesText(withinKm);
  return {
    geographyDate: REFORM_DATE,
    region: q.region ?? null,
    withinKm,
    regions: regions.map((g) => ({ code: g.code, nameVi: g.nameVi, nameEn: g.nameEn })),
    rulesVi: rules.vi,
    rulesEn: rules.en,
    groups,
    counts: { pairs: inRegion.length, open: inRegion.length - dismissed, dismissed },
    history: all.filter((d) => d.reopenedAt !== null || !shown.has(d.pairKey)),
    source: rulesData.sourceVi,
    sourceEn: rulesData.sourceEn,
  };
}

/** May the caller act as the Office for a pair in these regions: MoF administrators, or that region's secretariat. */
function requireOffice(caller: Caller, regions: readonly string[]): NonNullable<Caller> {
  if (!caller) throw unauthorized();
  if (caller.role === 'admin') return caller;
  if (caller.role === 'council' && caller.organisation.regionCode && regions.includes(caller.organisation.regionCode))
    return caller;
  throw forbidden();
}

/** Dismiss a candidate pair with a reason (the Office). */
export async function dismissCandidate(db: Db, caller: Caller, input: DismissInput): Promise<Dismissal> {
  if (!caller) throw unauthorized();
  const { pairs, regionsOf } = await candidates(db, 1000);
  const pair = pairs.find((p) => p.key === input.key);
  if (!pair)
    throw new AppError(
      404,
      'not_a_candidate',
      `The pair ${input.key} is not a candidate duplicate.`,
      `Cặp ${input.key} không nằm trong danh sách có khả năng trùng lặp.`,
      [{ path: 'body.key', message: 'not a candidate pair', messageVi: 'không phải cặp cần xem xét' }],
    );
  const u = requireOffice(caller, regionsOf(pair));
  const reason = normaliseText(input.reason).trim();
  if (!reason)
    throw new AppError(400, 'reason_required', 'Give a reason.', 'Cần nêu lý do.', [
      { path: 'body.reason', message: 'empty', messageVi: 'đang để trống' },
    ]);
  await db.transaction(async (tx) => {
    const [already] = await tx
      .select({ id: dismissals.id })
      .from(dismissals)
      .where(and(eq(dismissals.pairKey, input.key), isNull(dismissals.reopenedAt)));
    if (already)
      throw new AppError(
        409,
        'already_dismissed',
        `The pair ${input.key} is already dismissed.`,
        `Cặp ${input.key} đã được loại.`,
      );
    const [row] = await tx.insert(dismissals).values({ pairKey: input.key, reason, dismissedBy: u.id }).returning();
    await recordAudit(tx, {
      userId: u.id,
      action: 'duplicate_dismissed',
      entity: 'duplicate-dismissal',
      entityId: String(row.id),
      detail: { pairKey: input.key, reason },
    });
  });
  const d = (await loadDismissals(db)).filter((x) => x.pairKey === input.key && x.reopenedAt === null);
  return d[0];
}

/** Reopen a dismissed pair (the Office), with a reason; the dismissal stays on record. */
export async function reopenDismissal(
  db: Db,
  caller: Caller,
  id: number,
  version: number,
  input: DismissalReopenInput,
): Promise<Dismissal> {
  if (!caller) throw unauthorized();
  const [row] = await db.select().from(dismissals).where(eq(dismissals.id, id));
  if (!row) throw notFound(`Dismissal ${id}`, `quyết định loại ${id}`);
  const { pairs, regionsOf } = await candidates(db, 1000);
  const pair = pairs.find((p) => p.key === row.pairKey);
  const u = requireOffice(caller, pair ? regionsOf(pair) : []);
  if (row.reopenedAt !== null)
    throw new AppError(
      409,
      'already_reopened',
      'This dismissal was already reopened.',
      'Quyết định loại này đã được mở lại.',
    );
  const reason = normaliseText(input.reason).trim();
  await db.transaction(async (tx) => {
    const done = await tx
      .update(dismissals)
      .set({ reopenedAt: new Date().toISOString(), reopenedBy: u.id, reopenReason: reason, version: row.version + 1 })
      .where(and(eq(dismissals.id, id), eq(dismissals.version, version)))
      .returning({ id: dismissals.id });
    if (done.length === 0) throw staleWrite();
    await recordAudit(tx, {
      userId: u.id,
      action: 'duplicate_reopened',
      entity: 'duplicate-dismissal',
      entityId: String(id),
      detail: { pairKey: row.pairKey, reason },
    });
  });
  return (await loadDismissals(db)).find((d) => d.id === id)!;
}

/** The open candidates as drafting material for the annual report's Part II (MoF users). */
export async function duplicatesMaterial(db: Db, caller: Caller): Promise<DuplicatesMaterial> {
  if (!caller) throw unauthorized();
  if (caller.organisation.code !== 'BTC') throw forbidden();
  const res = await listDuplicates(db, {});
  const items = res.groups.flatMap((g) =>
    g.pairs
      .filter((p) => p.dismissal === null)
      .map((p) => {
        const a = g.projects.find((x) => x.code === p.a)!;
        const b = g.projects.find((x) => x.code === p.b)!;
        const where = (x: DuplicateProjectEvidence) => x.provinces.map((v) => v.nameVi).join(', ');
        const sector = SECTORS[g.sector as Sector]?.vi ?? g.sector;
        return {
          key: p.key,
          sector: g.sector,
          regions: p.regions,
          textVi: `${a.nameVi} (${where(a)}) và ${b.nameVi} (${where(b)}): cùng lĩnh vực ${sector.toLowerCase()}, giai đoạn trùng ${p.overlapFrom}–${p.overlapTo}, ${p.adjacent ? 'hai tỉnh giáp ranh' : `cách nhau khoảng ${p.distanceKm} km`} — cần xem xét khả năng đầu tư trùng lặp, dàn trải.`,
        };
      }),
  );
  return { items, source: res.source };
}
