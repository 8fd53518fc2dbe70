import {
  type Me,
  REFORM_DATE,
  SCORECARD_COMPONENTS,
  type Scorecard,
  type ScorecardComponentCode,
  type ScorecardEdition,
  type ScorecardProvince,
  type ScorecardPublishInput,
  type ScorecardQuery,
  type ScorecardRecords,
  type ScorecardYears,
  type ScoreNormalisation,
  normaliseText,
} from '@regionlink/shared';
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { AppError, notFound, unauthorized } from '../../lib/errors';
import { recordAudit } from '../access/access.service';
import { users } from '../access/access.schema';
import { todayVn } from '../geo/geo.service';
import {
  disbursementValue,
  followUpsValue,
  projectsValue,
  reportingPoints,
  reportingValue,
  tasksValue,
} from './components';
import method from './data/method.json';
import {
  agreementsByProvince,
  followUps,
  outcomeValues,
  projectRecords,
  provinces2025,
  provincesWithPlan,
  reportingRecords,
  scorecardYears,
} from './monitoring.sources';
import { scorecardEditions } from './monitoring.schema';
import { type ComponentInput, decompose, drivingComponent, rankIntervals, scoreVariant } from './scorecard';

export const METHOD_VERSION = method.version;

type Caller = Pick<Me, 'id' | 'role' | 'organisation'> | null;

/** Weights from the URL form `reporting:2,tasks:1`; components left out weigh 1 (equal by default). */
export function parseWeights(s: string | undefined): Record<ScorecardComponentCode, number> {
  const w = Object.fromEntries(SCORECARD_COMPONENTS.map((c) => [c, 1])) as Record<ScorecardComponentCode, number>;
  for (const part of s ? s.split(',') : []) {
    const [code, value] = part.split(':');
    w[code as ScorecardComponentCode] = Number(value);
  }
  if (Object.values(w).every((x) => x === 0))
    throw new AppError(
      400,
      'zero_weights',
      'At least one component must have a positive weight.',
      'Ít nhất một thành phần phải có trọng số dương.',
      [{ path: 'query.weights', message: 'all weights are 0', messageVi: 'mọi trọng số đều bằng 0' }],
    );
  return w;
}

const isDefault = (w: Record<string, number>, n: ScoreNormalisation) =>
  n === 'minmax' && Object.values(w).every((x) => x === 1);

/** The years offered for the scorecard (those with data, newest first) and the one shown by default: the newest. */
export async function listScorecardYears(db: Db): Promise<ScorecardYears> {
  const years = await scorecardYears(db, todayVn());
  return { years, defaultYear: years[0] ?? null };
}

/** Every component's raw value per province for the year, and the records they were computed from. */
async function gather(db: Db, year: number) {
  const today = todayVn();
  const outcome = method.components.find((c) => c.code === 'outcomes')!;
  const [provinces, rep, projects, fu, agreements, outcomes, planned] = await Promise.all([
    provinces2025(db),
    reportingRecords(db, year),
    projectRecords(db, year),
    followUps(db, year, today),
    agreementsByProvince(db, year),
    outcomeValues(db, outcome.indicator!, year),
    provincesWithPlan(db),
  ]);
  return { provinces, rep, projects, fu, agreements, outcomes, planned };
}

function componentInputs(g: Awaited<ReturnType<typeof gather>>): ComponentInput[] {
  const codes = g.provinces.map((p) => p.code);
  const of = (f: (code: string) => number | null) => new Map(codes.map((c) => [c, f(c)]));
  const values: Record<ScorecardComponentCode, Map<string, number | null>> = {
    reporting: of((c) => reportingValue(g.rep.reporting.get(c) ?? [])),
    tasks: of((c) => tasksValue(g.rep.tasks.get(c) ?? [])),
    // No project in the registry means 0 only where a plan covering the province has its projects in the registry.
    projects: of((c) => (g.planned.has(c) || g.projects.has(c) ? projectsValue(g.projects.get(c) ?? []) : null)),
    disbursement: of((c) => disbursementValue(g.projects.get(c) ?? [])),
    follow_ups: of((c) => followUpsValue(g.fu.get(c))),
    agreements: of((c) => g.agreements.get(c)?.length ?? 0),
    outcomes: of((c) => g.outcomes.get(c)?.value ?? null),
  };
  return method.components.map((c) => ({
    code: c.code,
    direction: c.direction as 'higher_better',
    values: values[c.code as ScorecardComponentCode],
  }));
}

/** The scorecard of a year computed now with the given weights and normalisation. */
export async function computeScorecard(
  db: Db,
  year: number,
  weights: Record<string, number>,
  normalisation: ScoreNormalisation,
): Promise<Omit<Scorecard, 'published' | 'editions'>> {
  const g = await gather(db, year);
  const comps = componentInputs(g);
  const codes = g.provinces.map((p) => p.code);
  const point = scoreVariant(codes, comps, { normalisation, missing: 'reweight', weights }, method.minWeightShare);
  const intervals = new Map(rankIntervals(codes, comps, weights, method.minWeightShare).map((r) => [r.code, r]));
  const provinces: ScorecardProvince[] = g.provinces.map((p, i) => {
    const s = point[i];
    const lifts = decompose(s, point, weights);
    const iv = intervals.get(p.code)!;
    return {
      ...p,
      score: s.score === null ? null : Math.round(s.score * 1000) / 1000,
      rank: s.rank,
      best: s.rank === null ? null : iv.best,
      worst: s.rank === null ? null : iv.worst,
      coverage: Math.round(s.coverage * 1000) / 1000,
      values: Object.fromEntries(comps.map((c) => [c.code, c.values.get(p.code) ?? null])),
      normalised: s.normalised,
      lifts: Object.fromEntries(lifts.map((l) => [l.code, l.lift])),
      driver: drivingComponent(lifts),
      previousRank: null,
      previousScore: null,
    };
  });
  return {
    year,
    geographyDate: REFORM_DATE,
    methodVersion: METHOD_VERSION,
    currentMethodVersion: METHOD_VERSION,
    normalisation,
    weights,
    components: method.components.map((c) => ({
      code: c.code as ScorecardComponentCode,
      nameVi: c.nameVi,
      nameEn: c.nameEn,
      unit: c.unit,
      unitEn: c.unitEn,
      direction: c.direction as 'higher_better',
      ruleVi: c.ruleVi,
      ruleEn: c.ruleEn,
      weight: weights[c.code] ?? 0,
    })),
    provinces,
    variants: intervals.values().next().value?.variants ?? 0,
    minWeightShare: method.minWeightShare,
    methodVi: method.methodVi,
    methodEn: method.methodEn,
    source: method.sourceVi,
    sourceEn: method.sourceEn,
    computedAt: new Date().toISOString(),
  };
}

async function listEditions(db: Db, year: number): Promise<(ScorecardEdition & { payload: unknown })[]> {
  const rows = await db
    .select({
      edition: scorecardEditions.edition,
      methodVersion: scorecardEditions.methodVersion,
      publishedAt: scorecardEditions.publishedAt,
      publishedBy: users.displayName,
      reason: scorecardEditions.reason,
      payload: scorecardEditions.payload,
    })
    .from(scorecardEditions)
    .leftJoin(users, eq(users.id, scorecardEditions.publishedBy))
    .where(eq(scorecardEditions.year, year))
    .orderBy(desc(scorecardEditions.edition));
  return rows;
}

/**
 * A year's scorecard: the latest published edition, frozen as it was published (whatever the method has become since),
 * unless the caller asks for other weights or normalisation or `live=1`; then it is computed now. Ranks of the year
 * before (published if it was, else computed now the same way) give the change since last year.
 */
export async function getScorecard(db: Db, q: ScorecardQuery): Promise<Scorecard> {
  const weights = parseWeights(q.weights);
  const normalisation = q.normalisation ?? 'minmax';
  const editions = await listEditions(db, q.year);
  const strip = (e: (typeof editions)[number]): ScorecardEdition => ({
    edition: e.edition,
    methodVersion: e.methodVersion,
    publishedAt: e.publishedAt,
    publishedBy: e.publishedBy,
    reason: e.reason,
  });
  const usePublished = editions.length > 0 && q.live !== '1' && isDefault(weights, normalisation);
  let base: Omit<Scorecard, 'published' | 'editions'>;
  if (usePublished) base = { ...(editions[0].payload as Scorecard), currentMethodVersion: METHOD_VERSION };
  else base = await computeScorecard(db, q.year, weights, normalisation);
  const prev = await previousRanks(db, q.year - 1, weights, normalisation, q.live === '1');
  for (const p of base.provinces) {
    p.previousRank = prev.get(p.code)?.rank ?? null;
    p.previousScore = prev.get(p.code)?.score ?? null;
  }
  return { ...base, published: usePublished ? strip(editions[0]) : null, editions: editions.map(strip) };
}

async function previousRanks(
  db: Db,
  year: number,
  weights: Record<string, number>,
  normalisation: ScoreNormalisation,
  live: boolean,
): Promise<Map<string, { rank: number | null; score: number | null }>> {
  const [latest] = await listEditions(db, year);
  const card =
    latest && !live && isDefault(weights, normalisation)
      ? (latest.payload as Scorecard)
      : await computeScorecard(db, year, weights, normalisation);
  return new Map(card.provinces.map((p) => [p.code, { rank: p.rank, score: p.score }]));
}

/** Publish a year's scorecard (default weights, min–max) as a new edition, frozen with the method version. */
export async function publishScorecard(
  db: Db,
  caller: Caller,
  input: ScorecardPublishInput,
): Promise<ScorecardEdition> {
  if (!caller) throw unauthorized();
  const reason = input.reason ? normaliseText(input.reason).trim() || null : null;
  const existing = await listEditions(db, input.year);
  if (existing.length > 0 && !reason)
    throw new AppError(
      400,
      'reason_required',
      `The ${input.year} scorecard was already published; say why it is published again.`,
      `Bảng điểm năm ${input.year} đã được công bố; cần nêu lý do công bố lại.`,
      [{ path: 'body.reason', message: 'required when republishing', messageVi: 'bắt buộc khi công bố lại' }],
    );
  const card = await computeScorecard(db, input.year, parseWeights(undefined), 'minmax');
  return db.transaction(async (tx) => {
    const [{ next }] = await tx
      .select({ next: sql<number>`coalesce(max(${scorecardEditions.edition}), 0) + 1` })
      .from(scorecardEditions)
      .where(eq(scorecardEditions.year, input.year));
    const [row] = await tx
      .insert(scorecardEditions)
      .values({
        year: input.year,
        edition: Number(next),
        methodVersion: METHOD_VERSION,
        payload: card,
        reason,
        publishedBy: caller.id,
      })
      .returning();
    await recordAudit(tx, {
      userId: caller.id,
      action: 'scorecard_published',
      entity: 'monitoring-scorecard',
      entityId: `${input.year}-${row.edition}`,
      detail: { methodVersion: METHOD_VERSION, reason },
    });
    return {
      edition: row.edition,
      methodVersion: row.methodVersion,
      publishedAt: row.publishedAt,
      publishedBy: null,
      reason: row.reason,
    };
  });
}

/** The records each component of one province counted in the year (signed-in users). */
export async function getRecords(db: Db, caller: Caller, code: string, year: number): Promise<ScorecardRecords> {
  if (!caller) throw unauthorized();
  const g = await gather(db, year);
  const p = g.provinces.find((x) => x.code === code);
  if (!p) throw notFound(`Province ${code}`, `tỉnh mã ${code}`);
  const fu = g.fu.get(code);
  return {
    code,
    nameVi: p.nameVi,
    year,
    reporting: (g.rep.reporting.get(code) ?? []).map((r) => ({
      ...r,
      points: Math.round(reportingPoints(r) * 1e4) / 1e4,
    })),
    tasks: g.rep.tasks.get(code) ?? [],
    projects: (g.projects.get(code) ?? []).map((r) => ({ ...r, share: Math.round(r.share * 1e4) / 1e4 })),
    followUps: {
      assigned: fu?.assigned ?? 0,
      done: fu?.done ?? 0,
      doneOnTime: fu?.doneOnTime ?? 0,
      overdue: fu?.overdue ?? 0,
      open: fu?.open ?? 0,
    },
    agreements: g.agreements.get(code) ?? [],
    outcomes: [
      {
        indicator: method.components.find((c) => c.code === 'outcomes')!.indicator!,
        value: g.outcomes.get(code)?.value ?? null,
        method: g.outcomes.get(code)?.method ?? 'không có số liệu',
      },
    ],
  };
}
