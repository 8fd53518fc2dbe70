import type {
  Agreement,
  AgreementInput,
  AgreementPatch,
  AgreementsQuery,
  LinkageEdge,
  LinkagesResponse,
} from '@regionlink/shared';
import {
  AGREEMENT_STATUS_LABELS,
  AgreementInput as AgreementSchema,
  BOTTLENECK_FIELD_LABELS,
  formatDateVi,
  normaliseText,
  sortVi,
} from '@regionlink/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { AppError, notFound } from '../../lib/errors';
import { staleWrite } from '../../lib/etag';
import { toCsv } from '../../lib/http';
import { recordAudit } from '../access/access.service';
import { listGroupings, listUnits } from '../geo/geo.service';
import { factsOf, loadContext, toTodayCodes } from './councils.context';
import { type Caller, canEditAgreement, enforce, isMember, isMof, signedIn } from './councils.policy';
import { listAllProjects, loadFollowUps } from './councils.queries';
import { cooperationAgreementParties, cooperationAgreements } from './councils.schema';
import { linkageEdges } from './linkage';
import linkageMethod from './data/linkage-method.json';
import { inForceOn } from './membership';

/**
 * Cooperation agreements between provinces (parties, date, fields, duration, document, implementation status) and
 * the linkage view of a region or a province: agreements, shared projects and corridors, and council follow-ups that
 * involve several provinces, as a network and a table. Parties are recorded with the province codes in force on the
 * signing date and shown in today's geography through the crosswalk.
 */

const invalid = (path: string, en: string, vi: string) =>
  new AppError(400, 'validation_failed', en, vi, [{ path, message: en, messageVi: vi }]);

type Row = typeof cooperationAgreements.$inferSelect;

/**
 * Is the agreement in force on `at`: signed by then and not past its end date (completing an agreement records its
 * end date, so a completed one stays in force over the dates it ran); a suspended one is not in force.
 */
export const agreementInForce = (a: Pick<Row, 'signedOn' | 'validUntil' | 'status'>, at: string) =>
  a.signedOn <= at && (a.validUntil === null || a.validUntil >= at) && a.status !== 'suspended';

async function toAgreements(db: Db, rows: Row[], at: string, today: string): Promise<Agreement[]> {
  if (rows.length === 0) return [];
  const parties = await db.select().from(cooperationAgreementParties);
  const units = new Map((await listUnits(db, { level: 'province', at: today })).map((u) => [u.code, u.nameVi]));
  const out: Agreement[] = [];
  for (const r of rows) {
    const codes = parties
      .filter((p) => p.agreementId === r.id)
      .map((p) => p.provinceCode)
      .sort();
    const then = new Map((await listUnits(db, { level: 'province', at: r.signedOn })).map((u) => [u.code, u.nameVi]));
    const todayOf = await toTodayCodes(db, codes, r.signedOn, today);
    out.push({
      id: r.id,
      titleVi: r.titleVi,
      signedOn: r.signedOn,
      validUntil: r.validUntil,
      inForce: agreementInForce(r, at),
      parties: codes.map((c) => {
        const t = todayOf.get(c)?.[0] ?? c;
        return { code: c, nameVi: then.get(c) ?? c, todayCode: t, todayNameVi: units.get(t) ?? t };
      }),
      fields: r.fields as Agreement['fields'],
      documentRef: r.documentRef,
      status: r.status as Agreement['status'],
      implementationNote: r.implementationNote,
      isDemo: r.isDemo,
      version: r.version,
    });
  }
  return out;
}

/** GET /cooperation-agreements: the register, by region or province (today's geography). Public. */
export async function listAgreements(db: Db, q: Omit<AgreementsQuery, 'format'>) {
  const ctx = await loadContext(db);
  const at = q.at ?? ctx.today;
  const rows = await db
    .select()
    .from(cooperationAgreements)
    .orderBy(cooperationAgreements.signedOn, cooperationAgreements.id);
  let items = await toAgreements(db, rows, at, ctx.today);
  if (q.province) items = items.filter((a) => a.parties.some((p) => p.todayCode === q.province));
  if (q.region) {
    const g = (await listGroupings(db, { type: 'region', at: ctx.today })).find((x) => x.code === q.region);
    const members = new Set(g?.memberCodes ?? []);
    items = items.filter((a) => a.parties.some((p) => members.has(p.todayCode)));
  }
  return { at, items };
}

/**
 * The agreements in force on `date`, with parties in today's geography. For the linkage scorecard (issue 16):
 * a service function, public data, no permission check.
 */
export async function agreementsInForce(db: Db, date: string): Promise<Agreement[]> {
  const ctx = await loadContext(db);
  const rows = await db.select().from(cooperationAgreements).orderBy(cooperationAgreements.signedOn);
  return (await toAgreements(db, rows, date, ctx.today)).filter((a) => a.inForce);
}

/** The register as CSV (UTF-8 with BOM, formulas neutralised). */
export function agreementsCsv(items: Agreement[]): string {
  return toCsv(
    [
      'Số thứ tự',
      'Tên thỏa thuận, chương trình hợp tác',
      'Các bên (tỉnh, thành phố hiện nay)',
      'Ngày ký',
      'Thời hạn đến',
      'Lĩnh vực',
      'Văn bản',
      'Tình hình thực hiện',
      'Ghi chú thực hiện',
      'Còn hiệu lực',
      'Dữ liệu minh họa',
    ],
    items.map((a, i) => [
      i + 1,
      a.titleVi,
      a.parties.map((p) => (p.code === p.todayCode ? p.nameVi : `${p.nameVi} (nay ${p.todayNameVi})`)).join('; '),
      formatDateVi(a.signedOn),
      a.validUntil ? formatDateVi(a.validUntil) : 'Không thời hạn',
      a.fields.map((f) => BOTTLENECK_FIELD_LABELS[f].vi).join('; '),
      a.documentRef ?? '',
      AGREEMENT_STATUS_LABELS[a.status].vi,
      a.implementationNote ?? '',
      a.inForce ? 'Có' : 'Không',
      a.isDemo ? 'minh họa' : '',
    ]),
  );
}

/** POST /cooperation-agreements: record an agreement (MoF, or a reporter of a party province). */
export async function createAgreement(db: Db, caller: Caller, raw: AgreementInput): Promise<Agreement> {
  const u = signedIn(caller);
  const input = AgreementSchema.parse(raw);
  const ctx = await loadContext(db);
  if (input.signedOn > ctx.today)
    throw invalid('body.signedOn', 'The signing date is in the future.', 'Ngày ký ở tương lai.');
  const units = new Set((await listUnits(db, { level: 'province', at: input.signedOn })).map((x) => x.code));
  input.provinceCodes.forEach((c, i) => {
    if (!units.has(c))
      throw invalid(
        `body.provinceCodes.${i}`,
        `Province ${c} was not in force on ${input.signedOn}.`,
        `Mã tỉnh ${c} không có hiệu lực vào ngày ${formatDateVi(input.signedOn)}.`,
      );
  });
  const codes = [...new Set(input.provinceCodes)];
  if (codes.length < 2)
    throw invalid(
      'body.provinceCodes',
      'An agreement has at least two different provinces.',
      'Thỏa thuận cần ít nhất hai tỉnh khác nhau.',
    );
  const today = [...(await toTodayCodes(db, codes, input.signedOn, ctx.today)).values()].flat();
  await enforce(db, u, {
    sees: true,
    may: canEditAgreement(u, today),
    action: 'create_agreement',
    entity: 'cooperation_agreement',
    entityId: 'new',
  });
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(cooperationAgreements)
      .values({
        titleVi: normaliseText(input.titleVi),
        signedOn: input.signedOn,
        validUntil: input.validUntil,
        fields: input.fields,
        documentRef: input.documentRef ? normaliseText(input.documentRef) : null,
        status: input.status,
        implementationNote: input.implementationNote ? normaliseText(input.implementationNote) : null,
        createdBy: u.id,
      })
      .returning({ id: cooperationAgreements.id });
    await tx
      .insert(cooperationAgreementParties)
      .values(codes.map((provinceCode) => ({ agreementId: row.id, provinceCode })));
    await recordAudit(tx, {
      userId: u.id,
      action: 'agreement_created',
      entity: 'cooperation_agreement',
      entityId: String(row.id),
    });
    return row.id;
  });
  return (await getAgreement(db, id))!;
}

async function getAgreement(db: Db, id: number) {
  const ctx = await loadContext(db);
  const rows = await db.select().from(cooperationAgreements).where(eq(cooperationAgreements.id, id));
  if (rows.length === 0) throw notFound(`Agreement ${id}`, `thỏa thuận ${id}`);
  return (await toAgreements(db, rows, ctx.today, ctx.today))[0];
}

/** PATCH /cooperation-agreements/{id}: implementation status, note and end date (If-Match). */
export async function updateAgreement(db: Db, caller: Caller, id: number, version: number, patch: AgreementPatch) {
  const u = signedIn(caller);
  const a = await getAgreement(db, id);
  await enforce(db, u, {
    sees: true,
    may: canEditAgreement(
      u,
      a.parties.map((p) => p.todayCode),
    ),
    action: 'update_agreement',
    entity: 'cooperation_agreement',
    entityId: id,
  });
  if (patch.validUntil && patch.validUntil < a.signedOn)
    throw invalid('body.validUntil', 'The end date is before the signing date.', 'Thời hạn trước ngày ký.');
  // Completing an agreement ends it today unless it already ended.
  const today = (await loadContext(db)).today;
  const end = patch.validUntil !== undefined ? patch.validUntil : a.validUntil;
  if (patch.status === 'completed' && (end === null || end > today)) patch = { ...patch, validUntil: today };
  await db.transaction(async (tx) => {
    const upd = await tx
      .update(cooperationAgreements)
      .set({
        ...(patch.status ? { status: patch.status } : {}),
        ...(patch.implementationNote !== undefined
          ? { implementationNote: patch.implementationNote ? normaliseText(patch.implementationNote) : null }
          : {}),
        ...(patch.validUntil !== undefined ? { validUntil: patch.validUntil } : {}),
        version: sql`${cooperationAgreements.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(cooperationAgreements.id, id), eq(cooperationAgreements.version, version)))
      .returning({ id: cooperationAgreements.id });
    if (upd.length === 0) throw staleWrite();
    await recordAudit(tx, {
      userId: u.id,
      action: 'agreement_updated',
      entity: 'cooperation_agreement',
      entityId: String(id),
      detail: Object.keys(patch),
    });
  });
  return getAgreement(db, id);
}

/**
 * GET /linkages?region=|province=: the linkage network of a region (2025 code) or a province (today's code). Public;
 * follow-ups are counted only for members of the region's council and MoF users (they are working material).
 */
export async function getLinkages(
  db: Db,
  caller: Caller,
  q: { region?: string; province?: string },
): Promise<LinkagesResponse> {
  const ctx = await loadContext(db);
  if (!q.region === !q.province)
    throw invalid('query.region', 'Give either a region or a province.', 'Cần chọn một vùng hoặc một tỉnh.');
  const units = await listUnits(db, { level: 'province', at: ctx.today });
  const regions = await listGroupings(db, { type: 'region', at: ctx.today });
  const regionOf = (code: string) => regions.find((g) => g.memberCodes.includes(code));
  const region = q.region ? regions.find((g) => g.code === q.region) : regionOf(q.province!);
  if (!region)
    throw invalid(
      q.region ? 'query.region' : 'query.province',
      'Unknown region or province.',
      'Không có vùng hoặc tỉnh này.',
    );
  if (q.province && !units.some((u) => u.code === q.province))
    throw invalid('query.province', 'Unknown province.', 'Không có tỉnh này.');
  const inScope = (code: string) => (q.province ? code === q.province : region.memberCodes.includes(code));
  const council = ctx.councils.find((c) => c.regionCode === region.code && inForceOn(c, ctx.today));
  const facts = council ? await factsOf(db, ctx, council) : null;
  const withFollowUps = isMof(caller) || (facts !== null && isMember(caller, facts));
  const [agreements, projects, followUps] = await Promise.all([
    agreementsInForce(db, ctx.today),
    listAllProjects(db),
    withFollowUps ? loadFollowUps(db) : Promise.resolve([]),
  ]);
  const provinceOfOrg = (id: number) => {
    const o = ctx.orgs.get(id);
    return o?.kind === 'province' ? o.provinceCode : null;
  };
  const edges: LinkageEdge[] = linkageEdges({
    agreements: agreements.map((a) => ({ id: a.id, titleVi: a.titleVi, provinces: a.parties.map((p) => p.todayCode) })),
    projects: projects.map((p) => ({
      code: p.code,
      nameVi: p.nameVi,
      nameEn: p.nameEn,
      provinces: [...p.provinces]
        .sort((a, b) => a.seq - b.seq)
        .map((x) => x.today?.code ?? null)
        .filter((c): c is string => !!c),
    })),
    followUps: followUps
      .filter((f) => f.f.state !== 'cancelled')
      .map((f) => ({
        id: f.f.id,
        textVi: f.conclusionText,
        lead: provinceOfOrg(f.f.assigneeOrgId),
        partners: f.f.partnerOrgIds.map(provinceOfOrg).filter((c): c is string => !!c),
      })),
  }).filter((e) => inScope(e.a) || inScope(e.b));
  const involved = new Set(edges.flatMap((e) => [e.a, e.b]));
  for (const c of region.memberCodes) if (!q.province || c === q.province) involved.add(c);
  return {
    at: ctx.today,
    scope: q.province
      ? { kind: 'province', code: q.province, nameVi: units.find((u) => u.code === q.province)!.nameVi }
      : { kind: 'region', code: region.code, nameVi: region.nameVi },
    provinces: sortVi(
      [...involved].map((c) => ({
        code: c,
        nameVi: units.find((u) => u.code === c)?.nameVi ?? c,
        inScope: inScope(c),
      })),
      (p) => p.nameVi,
    ),
    edges,
    includesFollowUps: withFollowUps,
    source: linkageMethod.sourceVi,
    sourceEn: linkageMethod.sourceEn,
  };
}
