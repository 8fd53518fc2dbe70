import fs from 'node:fs';
import path from 'node:path';
import type { BottleneckAction, BottleneckState, FollowUpAction, FollowUpState } from '@regionlink/shared';
import { normaliseText } from '@regionlink/shared';
import { eq } from 'drizzle-orm';
import { REFERENCE_DIR } from '../../config';
import type { Db } from '../../db/client';
import { parseCsvObjects } from '../../lib/csv';
import { organisations, users } from '../access/access.schema';
import { demoToday, readShiftedDemo } from '../reporting/demo-dates';
import { bottleneckTransition } from './bottleneck-workflow';
import {
  cooperationAgreementParties,
  cooperationAgreements,
  coordinationTeams,
  councilAgendaItems,
  councilAttendees,
  councilBottleneckEvents,
  councilBottlenecks,
  councilChanges,
  councilConclusions,
  councilFollowUpEvents,
  councilFollowUps,
  councilMeetings,
  councilMembers,
  councils,
} from './councils.schema';
import { followUpTransition } from './follow-up-workflow';

const CHAIR_VI = 'Thủ tướng Chính phủ hoặc Phó Thủ tướng Chính phủ';
const CHAIR_EN = 'The Prime Minister or a Deputy Prime Minister';
const SOURCE =
  'Báo cáo kèm Công văn số 20208/BTC-VCL ngày 26/12/2025 của Bộ Tài chính (chú thích 20, mục 1.2.a.5, 1.3.đ, kiến nghị 3.2.d, 3.2.e)';

const read = (file: string) => parseCsvObjects(fs.readFileSync(path.join(REFERENCE_DIR, 'councils', file), 'utf8'));

async function orgIds(tx: Db) {
  const rows = await tx.select({ id: organisations.id, code: organisations.code }).from(organisations);
  const map = new Map(rows.map((r) => [r.code, r.id]));
  return (code: string) => {
    const id = map.get(code);
    if (id === undefined) throw new Error(`councils data names unknown organisation ${code}`);
    return id;
  };
}

/**
 * Load the councils' reference facts from `reference/councils/`: the twelve councils (six of 2023, six of the 2025
 * regions), their foundings and consolidations, MoF as the Office of each, and the provinces' coordination teams.
 */
export async function loadCouncilsReference(tx: Db) {
  const org = await orgIds(tx);
  const rows = read('councils.csv');
  const inserted = await tx
    .insert(councils)
    .values(
      rows.map((r) => ({
        code: r.code,
        nameVi: normaliseText(r.name_vi),
        nameEn: r.name_en,
        regionCode: r.region_code,
        regionGroupingId: r.region_grouping_id,
        organisationId: r.organisation_code ? org(r.organisation_code) : null,
        foundingDecision: normaliseText(r.founding_decision),
        foundingDecisionAsWritten: r.founding_decision_as_written
          ? normaliseText(r.founding_decision_as_written)
          : null,
        foundedOn: r.founded_on,
        validFrom: r.valid_from,
        validTo: r.valid_to || null,
        chairVi: CHAIR_VI,
        chairEn: CHAIR_EN,
        source: SOURCE,
        note: r.note || null,
        sortOrder: Number(r.sort_order),
      })),
    )
    .returning({ id: councils.id, code: councils.code, validFrom: councils.validFrom });
  const id = new Map(inserted.map((c) => [c.code, c.id]));
  const changes = read('council-changes.csv');
  await tx.insert(councilChanges).values(
    changes.map((c) => ({
      kind: c.kind,
      effectiveOn: c.effective_on,
      fromCouncilId: c.from_code ? id.get(c.from_code)! : null,
      toCouncilId: id.get(c.to_code)!,
      basis: normaliseText(c.basis),
      note: c.note || null,
    })),
  );
  await tx.insert(councilMembers).values(
    inserted.map((c) => ({
      councilId: c.id,
      organisationId: org('BTC'),
      role: 'office',
      validFrom: c.validFrom,
      source:
        'Bộ Tài chính (Văn phòng Hội đồng điều phối vùng), Báo cáo kèm Công văn số 20208/BTC-VCL, kiến nghị 3.2.e',
    })),
  );
  const teams = read('coordination-teams.csv');
  await tx.insert(coordinationTeams).values(
    teams.map((t) => ({
      provinceCode: t.province_code,
      geoDate: t.geo_date,
      nameVi: normaliseText(t.name_vi),
      standingBodyVi: normaliseText(t.standing_body_vi),
      standingBodyEn: t.standing_body_en,
      decision: t.decision || null,
      status: t.status,
      source: 'Báo cáo kèm Công văn số 20208/BTC-VCL, mục 1.3.đ và chú thích 38 (tỉnh cụ thể chưa có trong nguồn)',
    })),
  );
  return { councils: inserted.length, changes: changes.length, teams: teams.length };
}

interface DemoEvent {
  on: string;
  by: string;
  action: string;
  note?: string;
  percent?: number;
  meeting?: string;
}
interface DemoFile {
  asOf: string;
  members: { councils: string[]; organisations: string[] }[];
  meetings: {
    key: string;
    council: string;
    titleVi: string;
    heldOn: string;
    startsAt: string | null;
    mode: string;
    place: string | null;
    chairVi: string;
    minutes: string | null;
    notice: { number: string; date: string; signerTitle: string; signerName: string } | null;
    agenda: { titleVi: string; kind: string; ref?: string; presenterVi?: string }[];
    attendance: [string, string, string | null][];
    conclusions: {
      textVi: string;
      assignments: {
        assignee: string;
        partners: string[];
        dueOn: string;
        projectCode?: string;
        planTaskRef?: string;
        events: DemoEvent[];
      }[];
    }[];
  }[];
  bottlenecks: {
    key: string;
    council: string;
    titleVi: string;
    descriptionVi: string;
    subject: string;
    projectCode?: string;
    field: string;
    raisedBy: string;
    raisedOn: string;
    events: DemoEvent[];
  }[];
  agreements: {
    titleVi: string;
    signedOn: string;
    validUntil: string | null;
    provinceCodes: string[];
    fields: string[];
    documentRef: string | null;
    status: string;
    implementationNote: string | null;
  }[];
}

/** The demo year, from `data/demo-year.json`, with its dates moved to the seed day `today` (`readShiftedDemo`). */
export function readDemoYear(today = demoToday()) {
  return readShiftedDemo<DemoFile>(path.join(import.meta.dirname, 'data', 'demo-year.json'), today);
}

/**
 * The council of `code` on `day`: the council itself while in force, else the council it was consolidated into (a
 * demo meeting moved past the end of a 2023 council is held by its successor).
 */
async function councilResolver(tx: Db) {
  const rows = await tx.select({ id: councils.id, code: councils.code, validTo: councils.validTo }).from(councils);
  const changes = await tx.select().from(councilChanges).where(eq(councilChanges.kind, 'consolidated'));
  return (code: string, day: string): number => {
    const c = rows.find((r) => r.code === code);
    if (!c) throw new Error(`demo data names unknown council ${code}`);
    if (!c.validTo || day <= c.validTo) return c.id;
    const next = changes.filter((k) => k.fromCouncilId === c.id);
    if (next.length !== 1) throw new Error(`demo council ${code} ended before ${day} and has no single successor`);
    return rows.find((r) => r.id === next[0].toCouncilId)!.id;
  };
}

/**
 * Load the demo year of the Northern Midlands and Mountains and Red River Delta councils (demo installations only;
 * every row `is_demo`). Follow-up and bottleneck histories are replayed through the pure state machines, so a demo
 * history the workflow would refuse fails the load instead of showing an impossible state.
 */
export async function loadCouncilsDemo(tx: Db, today = demoToday()) {
  const data = readDemoYear(today);
  const org = await orgIds(tx);
  const councilOn = await councilResolver(tx);
  const councilId = (code: string) => councilOn(code, '0000-01-01');
  const [admin] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'admin.mof'));
  const userFor = (orgCode: string) => (orgCode === 'BTC' ? (admin?.id ?? null) : null);

  for (const m of data.members)
    for (const c of m.councils)
      for (const o of m.organisations)
        await tx.insert(councilMembers).values({
          councilId: councilId(c),
          organisationId: org(o),
          role: 'member',
          validFrom: c.startsWith('hddp-2023') ? '2023-07-11' : '2025-12-10',
          validTo: c.startsWith('hddp-2023') ? '2025-12-09' : null,
          source: 'Minh họa (demo): thành viên theo quyết định thành lập không có trong nguồn',
          isDemo: true,
        });

  const meetingId = new Map<string, number>();
  for (const m of data.meetings) {
    const [row] = await tx
      .insert(councilMeetings)
      .values({
        councilId: councilOn(m.council, m.heldOn),
        titleVi: normaliseText(m.titleVi),
        heldOn: m.heldOn,
        startsAt: m.startsAt,
        mode: m.mode,
        place: m.place,
        chairVi: m.chairVi,
        status: m.notice ? 'notice_issued' : 'scheduled',
        minutes: m.minutes,
        noticeNumber: m.notice?.number ?? null,
        noticeDate: m.notice?.date ?? null,
        signerTitle: m.notice?.signerTitle ?? null,
        signerName: m.notice?.signerName ?? null,
        isDemo: true,
        createdBy: admin?.id ?? null,
      })
      .returning({ id: councilMeetings.id });
    meetingId.set(m.key, row.id);
    for (const [o, attendance, representative] of m.attendance)
      await tx.insert(councilAttendees).values({
        meetingId: row.id,
        organisationId: org(o),
        invitedAt: `${m.heldOn}T00:00:00+07:00`,
        attendance,
        representative,
      });
    let seq = 0;
    for (const c of m.conclusions) {
      const [con] = await tx
        .insert(councilConclusions)
        .values({ meetingId: row.id, seq: ++seq, textVi: normaliseText(c.textVi) })
        .returning({ id: councilConclusions.id });
      for (const a of c.assignments) await insertDemoFollowUp(tx, con.id, a, m.notice!.date, org, userFor);
    }
  }

  const bottleneckId = new Map<string, number>();
  for (const b of data.bottlenecks)
    bottleneckId.set(b.key, await insertDemoBottleneck(tx, b, councilOn, meetingId, org, userFor));

  for (const m of data.meetings) {
    let seq = 0;
    const items = m.agenda.map((a) => ({
      meetingId: meetingId.get(m.key)!,
      seq: ++seq,
      titleVi: normaliseText(a.titleVi),
      kind: a.kind,
      ref: a.ref?.startsWith('b:') ? String(bottleneckId.get(a.ref.slice(2))) : (a.ref ?? null),
      presenterVi: a.presenterVi ?? null,
    }));
    if (items.length > 0) await tx.insert(councilAgendaItems).values(items);
  }

  for (const a of data.agreements) {
    const [row] = await tx
      .insert(cooperationAgreements)
      .values({
        titleVi: normaliseText(a.titleVi),
        signedOn: a.signedOn,
        validUntil: a.validUntil,
        fields: a.fields,
        documentRef: a.documentRef,
        status: a.status,
        implementationNote: a.implementationNote,
        isDemo: true,
        createdBy: admin?.id ?? null,
      })
      .returning({ id: cooperationAgreements.id });
    await tx
      .insert(cooperationAgreementParties)
      .values(a.provinceCodes.map((provinceCode) => ({ agreementId: row.id, provinceCode })));
  }
  return {
    today,
    shift: data.shift,
    meetings: data.meetings.length,
    bottlenecks: data.bottlenecks.length,
    agreements: data.agreements.length,
  };
}

async function insertDemoFollowUp(
  tx: Db,
  conclusionId: number,
  a: DemoFile['meetings'][number]['conclusions'][number]['assignments'][number],
  issuedOn: string,
  org: (code: string) => number,
  userFor: (code: string) => number | null,
) {
  let state: FollowUpState = 'open';
  let percent: number | null = null;
  let doneOn: string | null = null;
  const history: (typeof councilFollowUpEvents.$inferInsert)[] = [
    {
      followUpId: 0,
      onDate: issuedOn,
      at: `${issuedOn}T09:00:00+07:00`,
      organisationId: org('BTC'),
      userId: userFor('BTC'),
      action: 'assigned',
      fromState: null,
      toState: 'open',
      note: null,
    },
  ];
  for (const e of a.events) {
    const r = followUpTransition(state, e.action as FollowUpAction);
    if (!r.ok) throw new Error(`demo follow-up "${a.assignee} ${a.dueOn}": ${r.messageEn}`);
    history.push({
      followUpId: 0,
      onDate: e.on,
      at: `${e.on}T09:00:00+07:00`,
      organisationId: org(e.by),
      userId: userFor(e.by),
      action: e.action,
      fromState: state,
      toState: r.to,
      note: e.note ?? null,
      percent: e.percent ?? null,
    });
    if (e.action === 'report_done') doneOn = e.on;
    if (e.action === 'return') {
      doneOn = null;
      percent = null;
    }
    state = r.to;
    if (e.percent !== undefined && e.action !== 'return') percent = e.percent;
  }
  const [f] = await tx
    .insert(councilFollowUps)
    .values({
      conclusionId,
      assigneeOrgId: org(a.assignee),
      partnerOrgIds: a.partners.map(org),
      dueOn: a.dueOn,
      projectCode: a.projectCode ?? null,
      planTaskRef: a.planTaskRef ?? null,
      state,
      percent,
      doneOn: state === 'done' || state === 'reported' ? doneOn : null,
      isDemo: true,
      version: history.length,
    })
    .returning({ id: councilFollowUps.id });
  await tx.insert(councilFollowUpEvents).values(history.map((h) => ({ ...h, followUpId: f.id })));
}

async function insertDemoBottleneck(
  tx: Db,
  b: DemoFile['bottlenecks'][number],
  councilOn: (code: string, day: string) => number,
  meetingId: Map<string, number>,
  org: (code: string) => number,
  userFor: (code: string) => number | null,
) {
  let state: BottleneckState = 'raised';
  let meeting: number | null = null;
  let outcome: string | null = null;
  let closedOn: string | null = null;
  const history: (typeof councilBottleneckEvents.$inferInsert)[] = [
    {
      bottleneckId: 0,
      onDate: b.raisedOn,
      at: `${b.raisedOn}T09:00:00+07:00`,
      organisationId: org(b.raisedBy),
      action: 'raise',
      fromState: null,
      toState: 'raised',
      note: null,
    },
  ];
  for (const e of b.events) {
    const r = bottleneckTransition(state, e.action as BottleneckAction);
    if (!r.ok) throw new Error(`demo bottleneck ${b.key}: ${r.messageEn}`);
    const mid = e.meeting ? meetingId.get(e.meeting)! : null;
    if (mid) meeting = mid;
    if (r.to === 'resolved' || r.to === 'dismissed') {
      outcome = e.note ?? null;
      closedOn = e.on;
    }
    history.push({
      bottleneckId: 0,
      onDate: e.on,
      at: `${e.on}T09:00:00+07:00`,
      organisationId: org(e.by),
      userId: userFor(e.by),
      action: e.action,
      fromState: state,
      toState: r.to,
      note: e.note ?? null,
      meetingId: mid,
    });
    state = r.to;
  }
  const [row] = await tx
    .insert(councilBottlenecks)
    .values({
      councilId: councilOn(b.council, b.raisedOn),
      titleVi: normaliseText(b.titleVi),
      descriptionVi: normaliseText(b.descriptionVi),
      subject: b.subject,
      projectCode: b.projectCode ?? null,
      field: b.field,
      raisedByOrgId: org(b.raisedBy),
      raisedOn: b.raisedOn,
      state,
      meetingId: meeting,
      outcomeVi: outcome,
      closedOn,
      isDemo: true,
      version: history.length,
    })
    .returning({ id: councilBottlenecks.id });
  await tx.insert(councilBottleneckEvents).values(history.map((h) => ({ ...h, bottleneckId: row.id })));
  return row.id;
}
