import { client, etag, makeCycle } from '../../src/modules/reporting/reporting.fixtures';
import type { TestApp } from '../helpers';
import type { FieldKind } from './strings';

/** What a surface's setup and requests may use: the app and the signed-in cookies. */
export interface SurfaceContext {
  t: TestApp;
  cookies: Record<string, string>;
}

/**
 * The JSON surfaces the corpus attacks: one create endpoint per module, with a valid body, the text fields and their
 * kind, the code field (if any) and the tables a refused request must leave unchanged.
 */
export interface JsonSurface {
  id: string;
  url: string;
  /** The demo account that may call it. */
  user: string;
  /** A valid body; `n` makes unique codes. */
  base(n: number): Record<string, unknown>;
  fields: { name: string; kind: FieldKind }[];
  /** A code field with a strict ASCII alphabet (every hostile code is refused). */
  codeField?: string;
  tables: string[];
  /** Default POST answering 201; an edit surface sets PUT and 200. */
  method?: 'POST' | 'PUT' | 'PATCH';
  /** The body for one (field, value), when the field is not a top-level key of `base`. */
  body?(n: number, field: string, value: string): Record<string, unknown>;
  okStatus?: number;
  /** Once before the first request (e.g. create the record the surface edits). */
  setup?(ctx: SurfaceContext): Promise<void>;
  /** Extra headers per request (e.g. If-Match with the current version). */
  headers?(): Record<string, string>;
  /** After an accepted request (e.g. remember the new version, or delete what was created to stay under a quota). */
  accepted?(json: Record<string, unknown>, headers: Record<string, unknown>): void | Promise<void>;
  /** Where the stored value of a field is in the answer; default `json[field]`. */
  read?(json: Record<string, unknown>, field: string): unknown;
}

let groupingCtx: SurfaceContext | null = null;
let dismissalCtx: SurfaceContext | null = null;

/** The reporter's submission in a cycle made for the corpus: edited with PUT and If-Match. */
const submission = { id: 0, version: 0 };
/** The 2025 report draft: edited with PATCH and If-Match. */
const draft = { etag: '', lastKey: '' };
type Sections = { key: string; title: string }[];
const partThree = (json: Record<string, unknown>) =>
  (json.model as { report: { partThree: { sections: Sections } } }).report.partThree.sections;

export const JSON_SURFACES: JsonSurface[] = [
  {
    id: 'statistics.indicator',
    url: '/api/v1/indicators',
    user: 'admin.mof',
    base: (n) => ({
      code: `hostile_${n}`,
      nameVi: 'Chỉ tiêu thử',
      nameEn: 'Test indicator',
      unitVi: 'người',
      unitEn: 'persons',
      aggregation: 'sum',
    }),
    fields: [
      { name: 'nameVi', kind: 'name' },
      { name: 'nameEn', kind: 'name' },
      { name: 'unitVi', kind: 'name' },
      { name: 'definitionVi', kind: 'long' },
      { name: 'sourceVi', kind: 'long' },
    ],
    codeField: 'code',
    tables: ['indicators'],
  },
  {
    id: 'reporting.policy-document',
    url: '/api/v1/policy-documents',
    user: 'admin.mof',
    base: (n) => ({
      code: `${n}/NQ-HT`,
      titleVi: 'Nghị quyết thử',
      titleEn: 'Test resolution',
      issuerVi: 'Chính phủ',
      issuedOn: '2025-01-15',
    }),
    fields: [
      { name: 'titleVi', kind: 'name' },
      { name: 'titleEn', kind: 'name' },
      { name: 'issuerVi', kind: 'name' },
      { name: 'summaryVi', kind: 'long' },
    ],
    tables: ['policy_documents'],
  },
  {
    id: 'plans.plan',
    url: '/api/v1/plans',
    user: 'admin.mof',
    base: (n) => ({
      code: `hostile-plan-${n}`,
      kind: 'implementation_plan',
      parentCode: 'rp-rrd-2021-2030',
      nameVi: 'Kế hoạch thử',
      nameEn: 'Test plan',
      periodStart: 2021,
      periodEnd: 2030,
      regionCode: 'RRD',
      regionGeoDate: '2024-05-04',
      source: 'Kiểm thử',
    }),
    fields: [
      { name: 'nameVi', kind: 'name' },
      { name: 'nameEn', kind: 'name' },
      { name: 'source', kind: 'name' },
      { name: 'decisionNo', kind: 'optional' },
      { name: 'note', kind: 'long' },
    ],
    codeField: 'code',
    tables: ['regional_plans'],
  },
  {
    id: 'access.user',
    url: '/api/v1/admin/users',
    user: 'admin.mof',
    base: (n) => ({
      username: `hostile.user${n}`,
      displayName: 'Cán bộ thử',
      email: `hostile.user${n}@example.gov.vn`,
      role: 'viewer',
      organisationId: 1,
    }),
    fields: [{ name: 'displayName', kind: 'name' }],
    codeField: 'username',
    tables: ['users', 'account_tokens', 'email_outbox'],
    read: (json, field) => (json.user as Record<string, unknown>)[field],
  },
  {
    id: 'access.organisation',
    url: '/api/v1/admin/organisations',
    user: 'admin.mof',
    base: (n) => ({ code: `HOSTILE-${n}`, kind: 'other', nameVi: 'Cơ quan thử', nameEn: 'Test agency' }),
    fields: [
      { name: 'nameVi', kind: 'name' },
      { name: 'nameEn', kind: 'name' },
    ],
    codeField: 'code',
    tables: ['organisations'],
  },
  {
    id: 'councils.bottleneck',
    url: '/api/v1/council-bottlenecks',
    user: 'reporter.langson',
    base: () => ({
      councilCode: 'hddp-2025-nmm',
      titleVi: 'Vướng mắc thử',
      descriptionVi: 'Mô tả vướng mắc thử.',
      subject: 'policy',
      policyText: 'Cơ chế thử',
      field: 'other',
    }),
    fields: [
      { name: 'titleVi', kind: 'name' },
      { name: 'descriptionVi', kind: 'long' },
      { name: 'policyText', kind: 'optional' },
    ],
    tables: ['council_bottlenecks', 'council_bottleneck_events'],
  },
  {
    id: 'councils.meeting',
    url: '/api/v1/councils/hddp-2025-nmm/meetings',
    user: 'admin.mof',
    base: () => ({ titleVi: 'Phiên họp thử', heldOn: '2030-01-15', mode: 'online', chairVi: 'Phó Thủ tướng' }),
    fields: [
      { name: 'titleVi', kind: 'name' },
      { name: 'chairVi', kind: 'name' },
      { name: 'place', kind: 'optional' },
    ],
    tables: ['council_meetings'],
  },
  {
    id: 'analytics.grouping',
    url: '/api/v1/analytics/groupings',
    user: 'reporter.langson',
    base: () => ({ nameVi: 'Nhóm thử', members: ['20', '01'] }),
    fields: [
      { name: 'nameVi', kind: 'name' },
      { name: 'nameEn', kind: 'optional' },
      { name: 'note', kind: 'long' },
    ],
    tables: ['groupings'],
    async setup(ctx) {
      groupingCtx = ctx;
    },
    // Custom groupings are public content with a per-account quota (50): each accepted one is deleted again.
    async accepted(json) {
      const { t, cookies } = groupingCtx!;
      const r = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/analytics/groupings/${json.id}`,
        headers: { cookie: cookies['reporter.langson'] },
      });
      if (r.statusCode !== 204) throw new Error(`could not delete grouping ${json.id}: ${r.statusCode}`);
    },
  },
  {
    id: 'analytics.saved-index',
    url: '/api/v1/analytics/indices',
    user: 'reporter.langson',
    base: () => ({ nameVi: 'Chỉ số thử', indicators: [{ code: 'population' }], period: 2024 }),
    fields: [
      { name: 'nameVi', kind: 'name' },
      { name: 'nameEn', kind: 'optional' },
      { name: 'descriptionVi', kind: 'long' },
    ],
    tables: ['analytics_indices'],
    read: (json, field) => (json.definition as Record<string, unknown>)[field],
  },
  {
    id: 'reporting.submission',
    url: '/api/v1/submissions/:id',
    user: 'reporter.langson',
    method: 'PUT',
    okStatus: 200,
    async setup({ t, cookies }) {
      const cycle = await makeCycle(t, client(t, cookies['admin.mof']), {
        orgCodes: ['UBND-20'],
        taskCodes: ['1.1.a'],
      });
      const started = await client(t, cookies['reporter.langson']).post(`/api/v1/cycles/${cycle.id}/submissions`, {});
      if (started.status !== 201) throw new Error(`start submission: ${started.status} ${started.body}`);
      Object.assign(submission, { id: started.json.id, version: started.json.version });
      this.url = `/api/v1/submissions/${submission.id}`;
    },
    headers: () => ({ 'if-match': etag('submission', submission.id, submission.version) }),
    accepted(json) {
      submission.version = json.version as number;
    },
    base: () => ({}),
    fields: [
      { name: 'docNumber', kind: 'optional' },
      { name: 'reportingBodyVi', kind: 'optional' },
    ],
    tables: ['submissions'],
  },
  {
    id: 'documents.draft-section',
    url: '/api/v1/cycles/:id/report/draft',
    user: 'admin.mof',
    method: 'PATCH',
    okStatus: 200,
    async setup({ t, cookies }) {
      const admin = client(t, cookies['admin.mof']);
      const cycles = (await admin.get('/api/v1/cycles')).json.items as { id: number; year: number }[];
      const id = cycles.find((c) => c.year === 2025)?.id;
      const created = await admin.post(`/api/v1/cycles/${id}/report/draft`, {});
      if (created.status !== 201) throw new Error(`create draft: ${created.status} ${created.body}`);
      draft.etag = created.etag ?? '';
      this.url = `/api/v1/cycles/${id}/report/draft`;
    },
    headers: () => ({ 'if-match': draft.etag }),
    accepted(json, headers) {
      draft.etag = String(headers.etag);
      draft.lastKey = partThree(json).at(-1)?.key ?? '';
    },
    base: () => ({}),
    // Each request removes the section the previous one added (a part holds at most 30) and adds one titled `value`.
    body: (_n, _field, value) => ({
      edits: [
        ...(draft.lastKey ? [{ kind: 'removeSection', unit: `report.partThree.sections.${draft.lastKey}` }] : []),
        { kind: 'addSection', part: 'partThree', title: value },
      ],
    }),
    fields: [{ name: 'title', kind: 'name' }],
    tables: ['report_drafts'],
    read: (json) => partThree(json).at(-1)?.title,
  },
  {
    id: 'monitoring.dismissal',
    url: '/api/v1/monitoring/duplicate-dismissals',
    user: 'admin.mof',
    base: () => ({ key: 'AIR-03+AIR-04', reason: 'Hai cảng hàng không phục vụ hai tiểu vùng khác nhau.' }),
    fields: [{ name: 'reason', kind: 'long' }],
    tables: ['monitoring_dismissals'],
    async setup(ctx) {
      dismissalCtx = ctx;
    },
    // One open dismissal per pair: each accepted one is reopened (kept on record) so the next can be made.
    async accepted(json) {
      const { t, cookies } = dismissalCtx!;
      const r = await t.app.inject({
        method: 'POST',
        url: `/api/v1/monitoring/duplicate-dismissals/${json.id}/reopen`,
        headers: { cookie: cookies['admin.mof'], 'if-match': `"duplicate-dismissal-${json.id}-v${json.version}"` },
        payload: { reason: 'Mở lại để thử.' },
      });
      if (r.statusCode !== 200) throw new Error(`could not reopen dismissal ${json.id}: ${r.statusCode}`);
    },
  },
  {
    id: 'statistics.sharing-agreement',
    url: '/api/v1/sharing/agreements',
    user: 'admin.mof',
    base: (n) => ({
      code: `TT-HOSTILE-${n}`,
      titleVi: 'Thỏa thuận thử',
      titleEn: 'Test agreement',
      legalBasis: 'Nghị định 47/2020/NĐ-CP',
      documentRef: '01/TT',
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      parties: ['BTC', 'UBND-20'],
      datasets: ['btc-no-dong-xdcb'],
    }),
    fields: [
      { name: 'titleVi', kind: 'name' },
      { name: 'titleEn', kind: 'optional' },
      { name: 'legalBasis', kind: 'optional' },
      { name: 'documentRef', kind: 'optional' },
    ],
    codeField: 'code',
    tables: ['sharing_agreements', 'sharing_agreement_parties', 'sharing_agreement_datasets', 'dataset_grants'],
  },
  {
    id: 'statistics.data-request',
    url: '/api/v1/sharing/requests',
    user: 'reporter.langson',
    base: () => ({
      dataset: 'nmm-dong-gop-tinh',
      purpose: 'Đối chiếu số liệu',
      wantedFrom: '2026-01-01',
      wantedTo: '2026-12-31',
    }),
    fields: [{ name: 'purpose', kind: 'long' }],
    tables: ['data_requests', 'dataset_grants'],
  },
];
