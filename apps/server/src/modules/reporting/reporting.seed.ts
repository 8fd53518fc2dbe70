import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import {
  DEFAULT_SECTIONS,
  type FigureDef,
  type Flag,
  foldVi,
  normaliseText,
  type Organisation,
  type TaskStatus,
} from '@regionlink/shared';
import { REFERENCE_DIR } from '../../config';
import { reportingEnglishTexts } from './reporting.english';
import type { Db } from '../../db/client';
import { parseCsvObjects } from '../../lib/csv';
import { listOrganisations } from '../access/access.service';
import { addDays, demoCycleDates, demoCycleSpec, demoToday, withYear } from './demo-dates';
import { narrativeToText, sanitiseNarrative } from './narrative';
import { citationsByOrg, reportLines, type SourcesSpec, taskHtml } from './report-extract';
import { groupOf } from './reporting.context';
import {
  cycleOrganisations,
  cycleTasks,
  policyDocuments,
  policyTasks,
  reportingContacts,
  reportingCycles,
  submissionEvents,
  submissions,
  submissionTasks,
  taskAssignments,
  taskComments,
} from './reporting.schema';

/**
 * Reference and demo data of the reporting module.
 * - Reference: Resolution 57/NQ-CP and its 28 reportable tasks, numbered as the 2025 report numbers them, with the
 *   organisations assigned to each (`reference/reporting/res57-tasks.csv`).
 * - Demo: the real 2025 cycle (request 17432/BTC-VCL of 10/11/2025, cut-off 23/12/2025, Appendix 1's 11 ministries
 *   and central agencies and 27 localities with their document numbers and dates, the source's oddities flagged),
 *   with per-task narratives quoted from the consolidated report; and an illustrative cycle in progress, dated from
 *   the seed day (`demo-dates.ts`).
 */

const readCsv = (rel: string) => parseCsvObjects(fs.readFileSync(path.join(REFERENCE_DIR, rel), 'utf8'));

export const RES57_CODE = '57/NQ-CP';

/** The organisations a token of the tasks file stands for: `central` (ministries and agencies but VCCI), `provinces`, or a code. */
export function resolveOrgTokens(tokens: string, orgs: Organisation[]): Organisation[] {
  const out: Organisation[] = [];
  for (const t of tokens
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (t === 'central')
      out.push(...orgs.filter((o) => (o.kind === 'ministry' || o.kind === 'agency') && o.code !== 'VCCI'));
    else if (t === 'provinces') out.push(...orgs.filter((o) => o.kind === 'province'));
    else {
      const o = orgs.find((x) => x.code === t);
      if (!o) throw new Error(`res57-tasks.csv: unknown organisation ${t}`);
      out.push(o);
    }
  }
  return out;
}

/** Resolution 57/NQ-CP, its tasks and their assignments. */
export async function loadRes57Reference(tx: Db) {
  const orgs = await listOrganisations(tx);
  const [doc] = await tx
    .insert(policyDocuments)
    .values({
      code: RES57_CODE,
      titleVi:
        'Nghị quyết số 57/NQ-CP ngày 21/4/2022 của Chính phủ về các nhiệm vụ, giải pháp hoàn thiện thể chế liên kết vùng kinh tế - xã hội',
      titleEn:
        'Government Resolution 57/NQ-CP of 21 April 2022 on tasks and solutions to complete the institutions of socio-economic regional linkage',
      issuerVi: 'Chính phủ',
      issuedOn: '2022-04-21',
      summaryVi:
        'Nghị quyết đề ra 06 nhiệm vụ chung cho các bộ, ngành, UBND cấp tỉnh và 22 nhiệm vụ cụ thể cho các bộ (nay là Bộ Tài chính, Bộ Xây dựng, Bộ Nông nghiệp và Môi trường, Bộ Nội vụ) và VCCI, cùng các nhiệm vụ cụ thể của UBND cấp tỉnh. Báo cáo năm 2025 không liệt kê riêng 22 nhiệm vụ cụ thể; danh mục trong hệ thống gồm 28 mục theo cách trình bày của báo cáo năm 2025.',
      source:
        'Danh mục lập từ Báo cáo kèm theo Công văn số 20208/BTC-VCL ngày 26/12/2025 của Bộ Tài chính (reference/reporting/res57-tasks.csv).',
    })
    .returning();
  const rows = readCsv('reporting/res57-tasks.csv');
  let assignments = 0;
  for (const [i, r] of rows.entries()) {
    const [t] = await tx
      .insert(policyTasks)
      .values({
        documentId: doc.id,
        code: normaliseText(r.code),
        section: r.section,
        groupCode: r.group_code || null,
        groupTitleVi: normaliseText(r.group_title_vi) || null,
        titleVi: normaliseText(r.title_vi),
        shortTitleVi: normaliseText(r.short_title_vi),
        titleEn: r.title_en,
        leadAsReported: r.lead_as_reported || null,
        deadlineNote: normaliseText(r.deadline_note) || null,
        recurring: r.recurring === '1',
        note: normaliseText(r.note) || null,
        sortOrder: (i + 1) * 10,
      })
      .returning();
    const lead = resolveOrgTokens(r.lead, orgs);
    const coop = resolveOrgTokens(r.cooperating, orgs).filter((o) => !lead.some((l) => l.id === o.id));
    const values = [
      ...lead.map((o) => ({ taskId: t.id, organisationId: o.id, role: 'lead' })),
      ...coop.map((o) => ({ taskId: t.id, organisationId: o.id, role: 'cooperating' })),
    ];
    if (values.length) await tx.insert(taskAssignments).values(values);
    assignments += values.length;
  }
  return { tasks: rows.length, assignments };
}

/** Figures the outline asks for (the same in both demo cycles), their units in English from data/english-texts.json. */
const OUTLINE_FIGURES_VI: Record<string, Omit<FigureDef, 'unitEn'>[]> = {
  '1.1.a': [
    {
      key: 'decentralised_items',
      labelVi: 'Số nội dung phân cấp, ủy quyền đã hoàn thành',
      labelEn: 'Decentralisation and delegation items completed',
      unitVi: 'nội dung',
      decimals: 0,
      appliesTo: 'locality',
    },
    {
      key: 'legal_decisions',
      labelVi: 'Số quyết định quy phạm pháp luật ban hành để thực hiện phân cấp',
      labelEn: 'Legal decisions issued to implement decentralisation',
      unitVi: 'quyết định',
      decimals: 0,
      appliesTo: 'locality',
    },
  ],
  '1.1.c': [
    {
      key: 'ndxp_transactions_million',
      labelVi: 'Số giao dịch qua Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP) trong năm',
      labelEn: 'Transactions through the National Data Integration and Sharing Platform (NDXP) in the year',
      unitVi: 'triệu giao dịch',
      decimals: 0,
      appliesTo: 'central',
    },
  ],
  '1.2.c': [
    {
      key: 'expressway_km',
      labelVi: 'Chiều dài đường bộ cao tốc đưa vào khai thác đến cuối năm',
      labelEn: 'Expressways in operation at year end',
      unitVi: 'km',
      decimals: 0,
      appliesTo: 'central',
    },
    {
      key: 'expressway_pipeline_km',
      labelVi: 'Chiều dài đường bộ cao tốc đang thi công, chuẩn bị đầu tư',
      labelEn: 'Expressways under construction or in preparation',
      unitVi: 'km',
      decimals: 0,
      appliesTo: 'central',
    },
    {
      key: 'waterway_routes',
      labelVi: 'Số tuyến đường thủy nội địa đã cải tạo, đưa vào khai thác',
      labelEn: 'Inland waterway routes renovated and in operation',
      unitVi: 'tuyến',
      decimals: 0,
      appliesTo: 'central',
    },
    {
      key: 'airports',
      labelVi: 'Số cảng hàng không đã cải tạo, đưa vào khai thác',
      labelEn: 'Airports renovated and in operation',
      unitVi: 'cảng',
      decimals: 0,
      appliesTo: 'central',
    },
  ],
};

const FIGURE_UNITS_EN = reportingEnglishTexts().figureUnits;
export const OUTLINE_FIGURES: Record<string, FigureDef[]> = Object.fromEntries(
  Object.entries(OUTLINE_FIGURES_VI).map(([code, defs]) => [
    code,
    defs.map((f) => ({ ...f, unitEn: FIGURE_UNITS_EN[f.unitVi] ?? '' })),
  ]),
);

/** `dd/mm/yyyy` → `yyyy-mm-dd`; a dash or empty → null. */
export function parseDmy(s: string): string | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})/.exec(s.trim());
  return m ? `${m[3]}-${m[2]}-${m[1]}` : null;
}

const CENTRAL_NAMES: Record<string, string> = {
  'Bộ Tài chính': 'BTC',
  'Thanh tra Chính phủ': 'TTCP',
  'Bộ Quốc phòng': 'BQP',
  'Bộ Dân tộc và Tôn giáo': 'BDTTG',
  'Bộ Khoa học và Công nghệ': 'BKHCN',
  'Bộ Công Thương': 'BCT',
  'Ngân hàng Nhà nước': 'NHNN',
  'Bộ Giáo dục và Đào tạo': 'BGDDT',
  'Liên đoàn Thương mại và Công nghiệp Việt Nam': 'VCCI',
  'Bộ Nông nghiệp và Môi trường': 'BNNMT',
  'Bộ Xây dựng': 'BXD',
};

/** The organisation of a row of Appendix 1: ministries by name, localities by the province's name folded (never to a different code). */
export function organisationOfReporter(body: string, group: string, orgs: Organisation[]): Organisation {
  if (group === 'ministry') {
    const code = CENTRAL_NAMES[normaliseText(body)];
    const o = orgs.find((x) => x.code === code);
    if (!o) throw new Error(`Appendix 1: unknown central body "${body}"`);
    return o;
  }
  const name = foldVi(normaliseText(body).replace(/^(UBND|Sở Tài chính)\s+(tỉnh|TP\.|Thành phố|thành phố)?\s*/u, ''));
  const matches = orgs.filter(
    (o) => o.kind === 'province' && foldVi(o.nameVi.replace(/^Ủy ban nhân dân (tỉnh|thành phố) /u, '')) === name,
  );
  if (matches.length !== 1) throw new Error(`Appendix 1: "${body}" matches ${matches.length} provinces`);
  return matches[0];
}

const SOURCE_2025 = 'Phụ lục 1 và nội dung Báo cáo kèm theo Công văn số 20208/BTC-VCL ngày 26/12/2025 của Bộ Tài chính';

const flag = (code: string, noteVi: string, noteEn: string): Flag => ({ code, noteVi, noteEn });

/** The 2025 cycle as it happened, reconstructed from MoF's report and its Appendix 1. */
export async function loadRes57Cycle2025(tx: Db) {
  const orgs = await listOrganisations(tx);
  const [doc] = await tx.select().from(policyDocuments).where(eq(policyDocuments.code, RES57_CODE));
  const tasks = await tx.select().from(policyTasks).where(eq(policyTasks.documentId, doc.id));
  tasks.sort((a, b) => a.sortOrder - b.sortOrder);
  const assigns = await tx.select().from(taskAssignments);
  const spec = JSON.parse(
    fs.readFileSync(path.join(REFERENCE_DIR, 'reporting/res57-2025-sources.json'), 'utf8'),
  ) as SourcesSpec;
  const lines = reportLines(fs.readFileSync(path.join(REFERENCE_DIR, 'domain/mof-res57-report-2025.txt'), 'utf8'));
  const inventory = new Map(readCsv('domain/res57-tasks-2025.csv').map((r) => [normaliseText(r.code), r.status_2025]));

  const [cycle] = await tx
    .insert(reportingCycles)
    .values({
      documentId: doc.id,
      year: 2025,
      nameVi:
        'Báo cáo kết quả thực hiện các nhiệm vụ, giải pháp hoàn thiện thể chế liên kết vùng kinh tế - xã hội năm 2025',
      nameEn: 'Report on the tasks and solutions to complete the institutions of regional linkage, 2025',
      requestNumber: '17432/BTC-VCL',
      requestDate: '2025-11-10',
      deadline: null,
      cutoff: '2025-12-23',
      status: 'closed',
      publishedAt: '2025-12-26T10:00:00+07:00',
      publicationRef: 'Công văn số 20208/BTC-VCL ngày 26/12/2025 gửi Thủ tướng Chính phủ',
      sections: DEFAULT_SECTIONS,
      noteVi:
        'Bộ Tài chính đề nghị các bộ, cơ quan ngang bộ, UBND các tỉnh, thành phố trực thuộc trung ương và VCCI báo cáo (Công văn số 17432/BTC-VCL ngày 10/11/2025). Đến hết ngày 23/12/2025 đã nhận báo cáo của 11 bộ, cơ quan trung ương và 27 địa phương.',
      source: SOURCE_2025,
      flags: [
        flag(
          'deadline_not_stated',
          'Nguồn không nêu hạn báo cáo của Công văn 17432/BTC-VCL; đúng hạn/muộn được tính theo ngày chốt tổng hợp 23/12/2025.',
          'The source does not state the deadline of letter 17432/BTC-VCL; timeliness is judged against the 23/12/2025 cut-off.',
        ),
        flag(
          'appendix_header',
          'Tiêu đề Phụ lục ghi "Công văn số 21208/BTC-VCL ngày 20 tháng 12 năm 2025" (có dấu gạch xóa), khác số và ngày của công văn 20208/BTC-VCL ngày 26/12/2025.',
          'The appendix heading reads "21208/BTC-VCL of 20 December 2025" (with strike-through artefacts), unlike the letter 20208/BTC-VCL of 26/12/2025.',
        ),
        flag(
          'cited_not_listed',
          'Bộ Y tế được trích dẫn trong báo cáo (mục 1.1.c, chú thích 15) nhưng không có trong Phụ lục 1; Bộ Nội vụ, cơ quan chủ trì nhiệm vụ 1.2.đ, cũng không có.',
          'The Ministry of Health is cited in the report (1.1.c, footnote 15) but is not in Appendix 1; neither is the Ministry of Home Affairs, lead of task 1.2.đ.',
        ),
        flag(
          'missing_derived',
          'Báo cáo không liệt kê các cơ quan chưa gửi. Công văn 17432/BTC-VCL gửi các bộ, cơ quan ngang bộ, VCCI và UBND các tỉnh, thành phố trực thuộc trung ương, nên danh sách phải báo cáo gồm 18 bộ, cơ quan trung ương (kể cả VCCI) và 34 UBND cấp tỉnh; chưa gửi: 7 bộ, cơ quan và 7 địa phương. Số liệu 11 + 27 của báo cáo là số báo cáo đã nhận (Bộ Tài chính là cơ quan soạn thảo được tính trong 11).',
          'The report does not list who did not report. Letter 17432/BTC-VCL was addressed to the ministries and ministerial-level agencies, VCCI and the provincial People’s Committees, so the expected set is the 18 central bodies (VCCI included) and the 34 PPCs; missing: 7 central bodies and 7 localities. The report’s 11 + 27 count the reports received (MoF, the drafting agency, is one of the 11).',
        ),
      ],
      demo: false,
    })
    .returning();

  // Request letter 17432/BTC-VCL was addressed to the ministries and ministerial-level agencies, VCCI and the
  // provincial People's Committees: that is the expected set, not those that happened to report (Appendix 1). The
  // report's counts (11 + 27) are of reports received; the others are missing.
  const expected = orgs.filter((o) => o.kind === 'ministry' || o.kind === 'agency' || o.kind === 'province');
  await tx.insert(cycleOrganisations).values(expected.map((o) => ({ cycleId: cycle.id, organisationId: o.id })));
  await tx.insert(cycleTasks).values(
    tasks.map((t, i) => {
      const s = spec.tasks[t.code];
      return {
        cycleId: cycle.id,
        taskId: t.id,
        sortOrder: i + 1,
        figures: OUTLINE_FIGURES[t.code] ?? [],
        assessmentStatus: s?.status ?? null,
        assessmentNote: inventory.has(t.code)
          ? `Đánh giá theo danh mục nhiệm vụ (res57-tasks-2025.csv): ${inventory.get(t.code)}`
          : null,
        assessmentHtml: s ? taskHtml(lines, spec, s) || null : null,
      };
    }),
  );

  const citations = new Map<string, Map<string, string>>();
  for (const t of tasks) {
    const s = spec.tasks[t.code];
    if (s) citations.set(t.code, citationsByOrg(lines, spec, s.cite, s.body));
  }
  const sectionCites = new Map<string, Map<string, string>>();
  for (const [key, cites] of Object.entries(spec.sections ?? {}))
    sectionCites.set(
      key,
      citationsByOrg(
        lines,
        spec,
        cites,
        cites.flatMap((c) => c.body),
      ),
    );

  const reporters = readCsv('domain/res57-reporters-2025.csv');
  let created = 0;
  for (const r of reporters) {
    const org = organisationOfReporter(r.body_vi, r.group, orgs);
    const flags: Flag[] = [];
    let docNumber: string | null = r.doc_number.replace(/\s*\(sic\)\s*$/, '');
    if (org.code === 'BTC') {
      docNumber = null;
      flags.push(
        flag(
          'drafting_agency',
          'Cơ quan soạn thảo báo cáo tổng hợp; không có văn bản báo cáo riêng (Phụ lục 1).',
          'Drafting agency of the consolidated report; no separate report document (Appendix 1).',
        ),
      );
    }
    if (/\(sic\)/.test(r.doc_number) || /\(sic\)/.test(r.issued))
      flags.push(
        org.code === 'TTCP'
          ? flag(
              'source_oddity',
              'Phụ lục 1 ghi số 11876/BTC-NSNN (ký hiệu của Bộ Tài chính) và ngày 04/11/2024, 05/11/2024 — trước công văn đề nghị một năm; có thể là dòng ghi nhầm trong nguồn. Giữ nguyên như nguồn.',
              'Appendix 1 gives 11876/BTC-NSNN (a Ministry of Finance symbol) dated 04/11/2024 and 05/11/2024, a year before the request; probably a wrong row in the source. Kept as given.',
            )
          : flag(
              'source_oddity',
              `Ký hiệu văn bản "${docNumber}" ghi như nguồn (có thể là LĐTM).`,
              `Document symbol "${docNumber}" as the source gives it (probably LĐTM).`,
            ),
      );
    const group = groupOf(org);
    const [s] = await tx
      .insert(submissions)
      .values({
        cycleId: cycle.id,
        organisationId: org.id,
        state: 'accepted',
        docNumber,
        docDate: parseDmy(r.issued),
        receivedOn: parseDmy(r.received),
        registerNo: Number(r.no),
        reportingBodyVi: normaliseText(r.body_vi),
        sections: Object.fromEntries(
          [...sectionCites.entries()].filter(([, m]) => m.has(org.code)).map(([k, m]) => [k, m.get(org.code)!]),
        ),
        flags,
        source: SOURCE_2025,
        acceptedAt: '2025-12-26T09:00:00+07:00',
        lockedAt: '2025-12-26T09:00:00+07:00',
        createdAt: '2025-12-26T09:00:00+07:00',
        updatedAt: '2025-12-26T09:00:00+07:00',
      })
      .returning();
    const mine = tasks.filter((t) => assigns.some((a) => a.taskId === t.id && a.organisationId === org.id));
    if (mine.length)
      await tx.insert(submissionTasks).values(
        mine.map((t) => {
          const html = citations.get(t.code)?.get(org.code) ?? '';
          const sp = spec.tasks[t.code];
          const defs = (OUTLINE_FIGURES[t.code] ?? []).filter((f) => f.appliesTo === 'all' || f.appliesTo === group);
          const given = sp?.figures?.[org.code] ?? {};
          return {
            submissionId: s.id,
            taskId: t.id,
            status: html ? ((sp?.status ?? null) as TaskStatus | null) : null,
            narrativeHtml: html,
            narrativeText: narrativeToText(html),
            narrativeFolded: foldVi(narrativeToText(html)),
            figures: Object.fromEntries(defs.map((f) => [f.key, given[f.key] ?? null])),
            sourceNote: html
              ? `Trích ${spec.citedAs}, mục ${t.code}. Tình trạng theo đánh giá chung của báo cáo; văn bản gốc của đơn vị không có trong hệ thống.`
              : null,
          };
        }),
      );
    await tx.insert(submissionEvents).values({
      submissionId: s.id,
      at: '2025-12-26T09:00:00+07:00',
      actorName: 'Nhập dữ liệu lịch sử',
      action: 'imported',
      toState: 'accepted',
      reason: `Ghi nhận theo Phụ lục 1 (${group === 'central' ? 'mục I' : 'mục II'}, số thứ tự ${r.no}) của Báo cáo kèm Công văn 20208/BTC-VCL.`,
    });
    created++;
  }
  return { cycleId: cycle.id, submissions: created, expected: expected.length };
}

// ---------------------------------------------------------------- illustrative cycle, dated from the seed day

/**
 * The demo cycle's narratives, general sections and figures, by organisation (`reference/reporting/demo-cycle/`):
 * realistic in form — several sentences, figures, document numbers prefixed "MH-", shortcomings and recommendations —
 * but illustrative, not real reports.
 */
interface DemoNarratives {
  organisations: Record<
    string,
    {
      tasks: Record<string, [TaskStatus, string]>;
      sections: Record<string, string>;
      figures: Record<string, Record<string, number | null>>;
    }
  >;
}

const demoNarratives = (year: number): DemoNarratives =>
  JSON.parse(withYear(fs.readFileSync(path.join(REFERENCE_DIR, 'reporting/demo-cycle/narratives.json'), 'utf8'), year));

const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
    .join('');

interface DemoSubmission {
  code: string;
  state: 'draft' | 'submitted' | 'returned' | 'accepted';
  docNumber?: string;
  docDate?: string;
  receivedOn?: string;
  /** Task codes left empty (a draft in progress). */
  leaveEmpty?: string[];
  onlyTasks?: string[];
  returned?: { on: string; reason: string; task: string; comment: string };
  /** The unit that signed the report when it is not the organisation itself. */
  reportingBody?: string;
}

const list = (s: string) => (s ? s.split(';') : undefined);

/** The demo cycle's submissions (`reference/reporting/demo-cycle/submissions.csv`), days as offsets from `today`. */
export function demoSubmissions(today: string, year: number): DemoSubmission[] {
  const day = (s: string) => (s === '' ? undefined : addDays(today, Number(s)));
  return readCsv('reporting/demo-cycle/submissions.csv').map((r) => ({
    code: r.code,
    state: r.state as DemoSubmission['state'],
    docNumber: r.doc_number || undefined,
    docDate: day(r.doc_day),
    receivedOn: day(r.received_day),
    reportingBody: r.reporting_body || undefined,
    leaveEmpty: list(r.leave_empty),
    onlyTasks: list(r.only_tasks),
    returned: r.returned_day
      ? {
          on: addDays(today, Number(r.returned_day)),
          task: r.returned_task,
          reason: withYear(r.returned_reason, year),
          comment: withYear(r.returned_comment, year),
        }
      : undefined,
  }));
}

const DEMO_ACTOR = 'Bộ Tài chính (dữ liệu minh họa)';

/**
 * An illustrative cycle still open on `today` (requested weeks ago, due soon, reports received on past days), so that
 * review screens and reminders have work to show. Its report year skips the years of the document's real cycles.
 */
export async function loadDemoCycle(tx: Db, today = demoToday()) {
  const orgs = await listOrganisations(tx);
  const [doc] = await tx.select().from(policyDocuments).where(eq(policyDocuments.code, RES57_CODE));
  const tasks = await tx.select().from(policyTasks).where(eq(policyTasks.documentId, doc.id));
  tasks.sort((a, b) => a.sortOrder - b.sortOrder);
  const assigns = await tx.select().from(taskAssignments);
  const real = await tx
    .select({ year: reportingCycles.year })
    .from(reportingCycles)
    .where(and(eq(reportingCycles.documentId, doc.id), eq(reportingCycles.demo, false)));
  const spec = demoCycleSpec();
  const dates = demoCycleDates(
    today,
    real.map((r) => r.year),
    spec,
  );
  const [cycle] = await tx
    .insert(reportingCycles)
    .values({
      documentId: doc.id,
      year: dates.year,
      nameVi: withYear(spec.nameVi, dates.year),
      nameEn: withYear(spec.nameEn, dates.year),
      requestNumber: spec.requestNumber,
      requestDate: dates.requestDate,
      deadline: dates.deadline,
      cutoff: dates.cutoff,
      status: 'open',
      sections: DEFAULT_SECTIONS,
      noteVi: spec.noteVi,
      source: 'Dữ liệu minh họa của hệ thống',
      flags: [
        flag('illustrative', 'Dữ liệu minh họa, không phải báo cáo thật.', 'Illustrative data, not real reports.'),
      ],
      demo: true,
    })
    .returning();
  const expected = orgs.filter((o) => o.kind === 'ministry' || o.kind === 'agency' || o.kind === 'province');
  await tx.insert(cycleOrganisations).values(expected.map((o) => ({ cycleId: cycle.id, organisationId: o.id })));
  await tx.insert(cycleTasks).values(
    tasks.map((t, i) => ({
      cycleId: cycle.id,
      taskId: t.id,
      sortOrder: i + 1,
      figures: OUTLINE_FIGURES[t.code] ?? [],
    })),
  );
  // Reporting contacts for the reminder e-mails: addresses under the reserved .invalid domain, so nothing is ever delivered.
  await tx
    .insert(reportingContacts)
    .values(
      expected.map((o) => ({
        organisationId: o.id,
        email: `baocao.${o.code.toLowerCase()}@regionlink.invalid`,
        nameVi: 'Đầu mối báo cáo (minh họa)',
      })),
    )
    .onConflictDoNothing();

  const texts = demoNarratives(dates.year);
  const demo = demoSubmissions(today, dates.year);
  const registerNo = { central: 0, locality: 0 };
  for (const d of demo) {
    const org = orgs.find((o) => o.code === d.code)!;
    const group = groupOf(org);
    const received = d.state !== 'draft';
    if (received) registerNo[group]++;
    const at = (day: string, time = '09:00') => `${day}T${time}:00+07:00`;
    const [s] = await tx
      .insert(submissions)
      .values({
        cycleId: cycle.id,
        organisationId: org.id,
        state: d.state,
        docNumber: d.docNumber ?? null,
        docDate: d.docDate ?? null,
        receivedOn: d.receivedOn ?? null,
        registerNo: received ? registerNo[group] : null,
        reportingBodyVi:
          d.reportingBody ??
          (d.docNumber?.includes('STC') ? `Sở Tài chính ${org.nameVi.replace(/^Ủy ban nhân dân /u, '')}` : org.nameVi),
        flags: [
          flag('illustrative', 'Dữ liệu minh họa, không phải báo cáo thật.', 'Illustrative data, not a real report.'),
        ],
        source: 'Dữ liệu minh họa của hệ thống',
        returnReason: d.returned?.reason ?? null,
        firstSubmittedAt: d.receivedOn ? at(d.receivedOn) : null,
        submittedAt: d.receivedOn ? at(d.receivedOn) : null,
        acceptedAt: d.state === 'accepted' ? at(d.receivedOn!, '16:00') : null,
        lockedAt: d.state === 'accepted' ? at(d.receivedOn!, '16:00') : null,
        createdAt: at(d.receivedOn ?? dates.draftCreated, '08:00'),
        updatedAt: at(d.returned?.on ?? d.receivedOn ?? dates.draftUpdated, '10:00'),
        sections:
          received && texts.organisations[d.code]
            ? Object.fromEntries(
                Object.entries(texts.organisations[d.code].sections).map(([k, v]) => [
                  k,
                  sanitiseNarrative(paragraphs(v)),
                ]),
              )
            : {},
      })
      .returning();
    const mine = tasks.filter((t) => assigns.some((a) => a.taskId === t.id && a.organisationId === org.id));
    const own = texts.organisations[d.code];
    if (mine.length)
      await tx.insert(submissionTasks).values(
        mine.map((t) => {
          const given = own?.tasks[t.code];
          const filled = (!d.onlyTasks || d.onlyTasks.includes(t.code)) && !d.leaveEmpty?.includes(t.code) && given;
          const html = filled ? sanitiseNarrative(paragraphs(given[1])) : '';
          const defs = (OUTLINE_FIGURES[t.code] ?? []).filter((f) => f.appliesTo === 'all' || f.appliesTo === group);
          const values = own?.figures[t.code] ?? {};
          return {
            submissionId: s.id,
            taskId: t.id,
            status: filled ? given[0] : null,
            narrativeHtml: html,
            narrativeText: narrativeToText(html),
            narrativeFolded: foldVi(narrativeToText(html)),
            figures: Object.fromEntries(defs.map((f) => [f.key, filled ? (values[f.key] ?? null) : null])),
            sourceNote: filled ? 'Nội dung minh họa, không phải báo cáo thật.' : null,
            returnComment: d.returned && d.returned.task === t.code ? d.returned.comment : null,
          };
        }),
      );
    const events: (typeof submissionEvents.$inferInsert)[] = [
      {
        submissionId: s.id,
        at: at(d.receivedOn ?? dates.draftCreated, '08:00'),
        actorName: org.nameVi,
        action: 'created',
        toState: 'draft',
      },
    ];
    if (received)
      events.push({
        submissionId: s.id,
        at: at(d.receivedOn!),
        actorName: org.nameVi,
        action: 'submitted',
        fromState: 'draft',
        toState: 'submitted',
      });
    if (d.state === 'accepted')
      events.push({
        submissionId: s.id,
        at: at(d.receivedOn!, '16:00'),
        actorName: DEMO_ACTOR,
        action: 'accepted',
        fromState: 'submitted',
        toState: 'accepted',
      });
    if (d.returned)
      events.push({
        submissionId: s.id,
        at: at(d.returned.on),
        actorName: DEMO_ACTOR,
        action: 'returned',
        fromState: 'submitted',
        toState: 'returned',
        reason: d.returned.reason,
        detail: { taskComments: [{ taskCode: d.returned.task, comment: d.returned.comment }] },
      });
    await tx.insert(submissionEvents).values(events);
    if (d.returned) {
      const t = tasks.find((x) => x.code === d.returned!.task)!;
      await tx.insert(taskComments).values({
        submissionId: s.id,
        taskId: t.id,
        authorName: DEMO_ACTOR,
        body: d.returned.comment,
        createdAt: at(d.returned.on),
      });
    }
  }
  return { cycleId: cycle.id, year: dates.year, today, submissions: demo.length };
}
