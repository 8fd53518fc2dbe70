import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateDecision, policyOf } from '../src/lib/policy';
import {
  bottleneckOf,
  followUpOf,
  meetingOf,
  PERSONAS,
  type Api,
  type Persona,
  personas,
} from '../src/modules/councils/test-support';
import { pdfText } from '../src/modules/documents/test-support';
import { multipartFile, TINY_PDF } from '../src/modules/plans/test-support';
import { client, driveTo, makeCycle, minimalPdf, startFilled } from '../src/modules/reporting/reporting.fixtures';
import { TEST_ENGINE } from './engine';
import { createTestApp, type TestApp } from './helpers';

/*
 * The permission matrix over EVERY route of EVERY module, generated from the route inventory (the OpenAPI document,
 * so a route added later is in it without touching this file) and the central policy table (lib/policy.ts):
 *
 * 1. Every route × every persona (anonymous, MoF viewer, a Lạng Sơn viewer, two councils, three reporters, the MoF
 *    administrator). Write routes get a malformed body: the gate's verdict is exact (401/403 before the body is read,
 *    an audit row for every 403, nothing else written) and an admitted caller gets the parser's 400, so no write is
 *    performed. Read routes get real objects: a refused caller the gate's exact status, an admitted one the status
 *    written by hand in READS below (200, or 404/403 where the module's service decides on the object).
 * 2. A canary string is planted in the restricted material of every module (a province's draft report and its
 *    evidence, a ministry's submitted report, MoF's draft national report, a draft progress update of a project and
 *    its evidence, a council's scheduled meeting, agenda, draft conclusions and bottleneck, a province's import log,
 *    an officer's e-mail address, an identity provider's secret). Every read and export in the inventory — each URL
 *    variant in READS, exports opened with real readers (JSZip for OOXML, pdftotext for PDF) — is fetched by every
 *    persona not entitled to any of it, and must not contain the canary, in body or headers. Positive controls show
 *    the entitled persona does see each planted canary.
 * 3. A test fails naming any route of the inventory that has no row in READS (reads) or no gate decision (writes).
 *
 * The module matrices (plans, reporting, councils *.permissions.test.ts) go deeper on object-level rules (every
 * project relation, every submission state); this one guarantees that no route of any module is left out.
 */

const CANARY = `CANARY${crypto.randomBytes(6).toString('hex').toUpperCase()}`;
/** A secret no persona may ever read back, not even the administrator who set it. */
const SECRET = `SECRETCANARY${crypto.randomBytes(6).toString('hex').toUpperCase()}`;
/** Personas entitled to none of the planted material. */
const OUTSIDERS: Persona[] = ['anonymous', 'reporter.hanoi', 'council.rrd'];

interface Ctx {
  cycle: number;
  cycle2025: number;
  publishedCycle: number;
  submission: number;
  file: number;
  task: number;
  taskCode: string;
  dataset: number;
  indicator: string;
  plan: string;
  planIndicator: number;
  fundingLine: number;
  milestone: number;
  progressUpdate: number;
  planEvidence: number;
  meeting: number;
  meetingDocument: number;
  heldMeeting: number;
  followUp: number;
  followUpEvidence: number;
  bottleneck: number;
  index: number;
  grouping: string;
  releases: [number, number];
  submitted: number;
  user: number;
  policyDocument: number;
  sample: string;
  reportVersion: number;
  reportPackage: number;
  job: string;
}

type Want = Partial<Record<Persona, number>>;
interface Read {
  /** Concrete URLs: the first is the matrix cell; all are swept for the canary. */
  urls(c: Ctx): string[];
  /** Status for admitted personas where it is not 200, written from the module's rules. */
  want?: Want;
}

const all = (s: number): Want => Object.fromEntries(PERSONAS.map((p) => [p, s]));
const only = (allowed: Persona[], ok: number, other: number): Want =>
  Object.fromEntries(PERSONAS.filter((p) => p !== 'anonymous').map((p) => [p, allowed.includes(p) ? ok : other]));
const NMM_MEMBERS: Persona[] = [
  'viewer',
  'viewer.langson',
  'council.nmm',
  'reporter.langson',
  'reporter.bxd',
  'admin.mof',
];
const signedIn: Want = { anonymous: 401 };

/** Every read route of the inventory: its concrete URLs and its expected outcomes. */
const READS: Record<string, Read> = {
  'GET /api/health': { urls: () => ['/api/health'] },
  // geo: public reference data
  'GET /api/v1/geo/units': { urls: () => ['/api/v1/geo/units', '/api/v1/geo/units?at=2024-12-31'] },
  'GET /api/v1/geo/units/:code': { urls: () => ['/api/v1/geo/units/20'] },
  'GET /api/v1/geo/groupings': { urls: () => ['/api/v1/geo/groupings'] },
  'GET /api/v1/geo/crosswalk': { urls: () => ['/api/v1/geo/crosswalk?from=2024-12-31&to=2025-07-01'] },
  'GET /api/v1/geo/boundaries': { urls: () => ['/api/v1/geo/boundaries'] },
  // access
  'GET /api/v1/auth/me': { urls: () => ['/api/v1/auth/me'], want: signedIn },
  'GET /api/v1/auth/sessions': { urls: () => ['/api/v1/auth/sessions'] },
  'GET /api/v1/organisations': { urls: () => ['/api/v1/organisations'] },
  'GET /api/v1/admin/users': { urls: () => ['/api/v1/admin/users', '/api/v1/admin/users?q=canary'] },
  'GET /api/v1/admin/users/:id': { urls: (c) => [`/api/v1/admin/users/${c.user}`] },
  'GET /api/v1/admin/audit': {
    urls: () => ['/api/v1/admin/audit', `/api/v1/admin/audit?q=${CANARY}&format=csv`],
  },
  'GET /api/v1/admin/audit/chain': { urls: () => ['/api/v1/admin/audit/chain'] },
  'GET /api/v1/admin/organisations': { urls: () => ['/api/v1/admin/organisations'] },
  'GET /api/v1/auth/oidc/providers': { urls: () => ['/api/v1/auth/oidc/providers'] },
  'GET /api/v1/auth/oidc/:code/start': { urls: () => ['/api/v1/auth/oidc/no-such-idp/start'], want: all(404) },
  // an unknown provider's callback sends the browser back to the sign-in page with the error
  'GET /api/v1/auth/oidc/:code/callback': {
    urls: () => ['/api/v1/auth/oidc/no-such-idp/callback?code=x&state=y'],
    want: all(303),
  },
  'GET /api/v1/admin/identity-providers': { urls: () => ['/api/v1/admin/identity-providers'] },
  // statistics
  'GET /api/v1/indicators': { urls: () => ['/api/v1/indicators'] },
  'GET /api/v1/indicators/:code': { urls: (c) => [`/api/v1/indicators/${c.indicator}`] },
  'GET /api/v1/indicators/by-code/:code': { urls: (c) => [`/api/v1/indicators/by-code/${c.indicator}`] },
  'GET /api/v1/data': {
    urls: (c) => [
      `/api/v1/data?indicator=${c.indicator}`,
      `/api/v1/data?indicator=${c.indicator}&format=csv`,
      `/api/v1/data?indicator=${c.indicator}&format=xlsx`,
    ],
  },
  'GET /api/v1/coverage': { urls: () => ['/api/v1/coverage', '/api/v1/coverage?format=csv'] },
  'GET /api/v1/datasets': { urls: () => ['/api/v1/datasets'] },
  'GET /api/v1/datasets/:id': { urls: (c) => [`/api/v1/datasets/${c.dataset}`] },
  'GET /api/v1/datasets/:id/releases': { urls: (c) => [`/api/v1/datasets/${c.dataset}/releases`] },
  'GET /api/v1/datasets/:id/diff': {
    urls: (c) => [`/api/v1/datasets/${c.dataset}/diff?from=${c.releases[0]}&to=${c.releases[1]}`],
  },
  'GET /api/v1/datasets/:id/export': { urls: (c) => [`/api/v1/datasets/${c.dataset}/export`] },
  'GET /api/v1/imports': { urls: () => ['/api/v1/imports'], want: signedIn },
  'GET /api/v1/imports/progress/:id': {
    urls: () => ['/api/v1/imports/progress/no-such-progress'],
    want: { ...all(404), ...signedIn },
  },
  'GET /api/v1/imports/template': { urls: () => ['/api/v1/imports/template', '/api/v1/imports/template?format=xlsx'] },
  // reporting
  'GET /api/v1/policy-documents': { urls: () => ['/api/v1/policy-documents'] },
  'GET /api/v1/policy-documents/:id': { urls: (c) => [`/api/v1/policy-documents/${c.policyDocument}`] },
  'GET /api/v1/cycles': { urls: () => ['/api/v1/cycles'] },
  'GET /api/v1/cycles/:id': { urls: (c) => [`/api/v1/cycles/${c.cycle}`] },
  'GET /api/v1/cycles/:id/progress': { urls: (c) => [`/api/v1/cycles/${c.cycle}/progress`] },
  'GET /api/v1/cycles/:id/progress.csv': { urls: (c) => [`/api/v1/cycles/${c.cycle}/progress.csv`] },
  'GET /api/v1/cycles/:id/matrix': { urls: (c) => [`/api/v1/cycles/${c.cycle}/matrix`] },
  'GET /api/v1/cycles/:id/matrix.csv': { urls: (c) => [`/api/v1/cycles/${c.cycle}/matrix.csv`] },
  'GET /api/v1/cycles/:id/tasks/:taskId/entries': {
    urls: (c) => [`/api/v1/cycles/${c.cycle}/tasks/${c.task}/entries`],
  },
  'GET /api/v1/cycles/:id/tasks/:taskId/entries.csv': {
    urls: (c) => [`/api/v1/cycles/${c.cycle}/tasks/${c.task}/entries.csv`],
  },
  'GET /api/v1/cycles/:id/report-source': { urls: (c) => [`/api/v1/cycles/${c.cycle}/report-source`] },
  'GET /api/v1/cycles/:id/submissions': { urls: (c) => [`/api/v1/cycles/${c.cycle}/submissions`] },
  'GET /api/v1/tasks/history': { urls: (c) => [`/api/v1/tasks/history?task=${c.taskCode}`] },
  'GET /api/v1/submissions/search': { urls: () => [`/api/v1/submissions/search?q=${CANARY}`] },
  'GET /api/v1/submissions/:id': {
    urls: (c) => [`/api/v1/submissions/${c.submission}`, `/api/v1/submissions/${c.submitted}`],
  },
  'GET /api/v1/submissions/:id/files/:fileId': { urls: (c) => [`/api/v1/submissions/${c.submission}/files/${c.file}`] },
  'GET /api/v1/notifications': { urls: () => ['/api/v1/notifications'] },
  'GET /api/v1/outbox': { urls: () => ['/api/v1/outbox'] },
  // documents
  'GET /api/v1/documents/samples': { urls: () => ['/api/v1/documents/samples'] },
  // the national reports MoF published: anyone
  'GET /api/v1/published-reports': { urls: () => ['/api/v1/published-reports'] },
  'GET /api/v1/published-reports/:id/:file': {
    urls: (c) => [`/api/v1/published-reports/${c.publishedCycle}/letter.docx`],
  },
  'GET /api/v1/documents/samples/:id/:file': { urls: (c) => [`/api/v1/documents/samples/${c.sample}/letter.docx`] },
  'GET /api/v1/cycles/:id/letters/:file': {
    urls: (c) => [`/api/v1/cycles/${c.cycle}/letters/request.docx`, `/api/v1/cycles/${c.cycle}/letters/request.pdf`],
  },
  'GET /api/v1/cycles/:id/report/draft': { urls: (c) => [`/api/v1/cycles/${c.cycle}/report/draft`] },
  'GET /api/v1/cycles/:id/report/draft/history': { urls: (c) => [`/api/v1/cycles/${c.cycle}/report/draft/history`] },
  'GET /api/v1/cycles/:id/report/versions': { urls: (c) => [`/api/v1/cycles/${c.cycle}/report/versions`] },
  'GET /api/v1/cycles/:id/report/versions/:version/:file': {
    urls: (c) => [`/api/v1/cycles/${c.cycle}/report/versions/${c.reportVersion}/report.docx`],
  },
  'GET /api/v1/cycles/:id/report/packages': { urls: (c) => [`/api/v1/cycles/${c.cycle}/report/packages`] },
  'GET /api/v1/cycles/:id/report/packages/:fileId': {
    urls: (c) => [`/api/v1/cycles/${c.cycle}/report/packages/${c.reportPackage}`],
  },
  'GET /api/v1/cycles/:id/report/:file': {
    urls: (c) =>
      ['report.docx', 'report.pdf', 'letter.docx', 'appendix.docx', 'annex.xlsx', 'package.zip'].map(
        (f) => `/api/v1/cycles/${c.cycle}/report/${f}`,
      ),
  },
  // plans
  'GET /api/v1/plans': { urls: () => ['/api/v1/plans'] },
  'GET /api/v1/plans/:code': { urls: (c) => [`/api/v1/plans/${c.plan}`] },
  'GET /api/v1/plans/:code/results-framework': { urls: (c) => [`/api/v1/plans/${c.plan}/results-framework`] },
  'GET /api/v1/plan-indicators/:id': { urls: (c) => [`/api/v1/plan-indicators/${c.planIndicator}`] },
  'GET /api/v1/projects': {
    urls: () => ['/api/v1/projects', '/api/v1/projects?format=csv', '/api/v1/projects?format=xlsx'],
  },
  'GET /api/v1/projects/vocabulary': { urls: () => ['/api/v1/projects/vocabulary'] },
  'GET /api/v1/projects/funding-summary': { urls: () => ['/api/v1/projects/funding-summary'] },
  'GET /api/v1/projects/timeline': { urls: () => ['/api/v1/projects/timeline?region=NMM'] },
  'GET /api/v1/projects/:code': { urls: () => ['/api/v1/projects/RD2-01'] },
  'GET /api/v1/funding-lines/:id': { urls: (c) => [`/api/v1/funding-lines/${c.fundingLine}`] },
  'GET /api/v1/milestones/:id': { urls: (c) => [`/api/v1/milestones/${c.milestone}`] },
  'GET /api/v1/projects/:code/progress-updates': { urls: () => ['/api/v1/projects/RD2-01/progress-updates'] },
  'GET /api/v1/evidence/:id': { urls: (c) => [`/api/v1/evidence/${c.planEvidence}`] },
  // analytics: pure reads of public statistics, and the public saved groupings and indices
  'GET /api/v1/analytics/shares': { urls: (c) => [`/api/v1/analytics/shares?members=01,20&name=${c.grouping}`] },
  'GET /api/v1/analytics/inequality': {
    urls: () => ['/api/v1/analytics/inequality?indicator=grdp_per_capita&at=2024-12-31&period=2024'],
  },
  'GET /api/v1/analytics/convergence': {
    urls: () => ['/api/v1/analytics/convergence?indicator=pci&from=2006&to=2022'],
  },
  'GET /api/v1/analytics/compare': {
    urls: (c) => [`/api/v1/analytics/compare?indicator=population&members=01,20`],
  },
  'GET /api/v1/analytics/peers': {
    urls: () => ['/api/v1/analytics/peers?unit=20&indicators=population,area&at=2024-12-31'],
  },
  'GET /api/v1/analytics/ranks': {
    urls: () => [
      '/api/v1/analytics/ranks?indicator=grdp_per_capita&period=2024&unit=01',
      '/api/v1/analytics/ranks?indicator=grdp_per_capita&at=2024-12-31&format=csv',
    ],
  },
  'GET /api/v1/analytics/groupings': { urls: () => ['/api/v1/analytics/groupings'] },
  'GET /api/v1/analytics/indices': { urls: () => ['/api/v1/analytics/indices'] },
  'GET /api/v1/analytics/indices/:id': { urls: (c) => [`/api/v1/analytics/indices/${c.index}`] },
  // monitoring: the public scorecard and candidate duplicates; the records counted and the report material signed in
  'GET /api/v1/monitoring/scorecard': { urls: () => ['/api/v1/monitoring/scorecard?year=2024'] },
  'GET /api/v1/monitoring/scorecard/years': { urls: () => ['/api/v1/monitoring/scorecard/years'] },
  'GET /api/v1/monitoring/scorecard.csv': { urls: () => ['/api/v1/monitoring/scorecard.csv?year=2024'] },
  'GET /api/v1/monitoring/scorecard.xlsx': { urls: () => ['/api/v1/monitoring/scorecard.xlsx?year=2024'] },
  'GET /api/v1/monitoring/scorecard/:code/records': {
    urls: () => ['/api/v1/monitoring/scorecard/20/records?year=2024'],
  },
  'GET /api/v1/monitoring/duplicates': { urls: () => ['/api/v1/monitoring/duplicates?region=NMM'] },
  'GET /api/v1/monitoring/duplicates/report-material': {
    urls: () => ['/api/v1/monitoring/duplicates/report-material'],
  },
  // exchange formats: public statistics
  'GET /api/v1/catalogue.jsonld': { urls: () => ['/api/v1/catalogue.jsonld'] },
  'GET /api/v1/sdmx/structure': { urls: () => ['/api/v1/sdmx/structure'] },
  'GET /api/v1/sdmx/data': {
    urls: () => [
      '/api/v1/sdmx/data?indicator=poverty_rate&level=province&at=2016-12-31&from=2014&to=2016',
      '/api/v1/sdmx/data?indicator=poverty_rate&level=province&at=2016-12-31&from=2014&to=2016&format=json',
    ],
  },
  // contribution and sharing (issue 15): lists are the caller's own; the demo contribution (id 1) is Lạng Sơn's
  'GET /api/v1/contributions': { urls: () => ['/api/v1/contributions'] },
  'GET /api/v1/contributions/datasets': { urls: () => ['/api/v1/contributions/datasets'] },
  'GET /api/v1/contributions/:id': {
    urls: () => ['/api/v1/contributions/1'],
    // the contributing organisation's users and MoF (the reviewer) see it; anyone else is told it does not exist
    want: only(['viewer', 'viewer.langson', 'reporter.langson', 'admin.mof'], 200, 404),
  },
  'GET /api/v1/datasets/:id/access': { urls: (c) => [`/api/v1/datasets/${c.dataset}/access`] },
  'GET /api/v1/sharing/agreements': { urls: () => ['/api/v1/sharing/agreements'] },
  'GET /api/v1/sharing/requests': { urls: () => ['/api/v1/sharing/requests'] },
  'GET /api/v1/tokens': { urls: () => ['/api/v1/tokens'] },
  // background jobs (issue 18): one's own only; the administrator's planted job does not exist for anyone else
  'GET /api/v1/jobs': { urls: () => ['/api/v1/jobs'] },
  'GET /api/v1/jobs/:id': { urls: (c) => [`/api/v1/jobs/${c.job}`], want: only(['admin.mof'], 200, 404) },
  // metrics: administrators (Prometheus scrapes with an administrator's API token); the gate decides
  'GET /api/metrics': { urls: () => ['/api/metrics'] },
  // councils
  'GET /api/v1/councils': { urls: () => ['/api/v1/councils'] },
  'GET /api/v1/councils/:code': { urls: () => ['/api/v1/councils/hddp-2025-nmm'] },
  'GET /api/v1/councils/:code/dashboard': {
    urls: () => ['/api/v1/councils/hddp-2025-nmm/dashboard'],
    want: { ...only(NMM_MEMBERS, 200, 404), anonymous: 401 },
  },
  'GET /api/v1/councils/:code/review': {
    urls: () => ['/api/v1/councils/hddp-2025-nmm/review?year=2026'],
    want: { ...only(NMM_MEMBERS, 200, 404), anonymous: 401 },
  },
  'GET /api/v1/coordination-teams': { urls: () => ['/api/v1/coordination-teams'] },
  'GET /api/v1/council-meetings/:id': {
    urls: (c) => [`/api/v1/council-meetings/${c.meeting}`, `/api/v1/council-meetings/${c.heldMeeting}`],
    want: { ...only(NMM_MEMBERS, 200, 404), anonymous: 404 },
  },
  'GET /api/v1/council-meeting-documents/:id': {
    urls: (c) => [`/api/v1/council-meeting-documents/${c.meetingDocument}`],
    want: { ...only(NMM_MEMBERS, 200, 404), anonymous: 401 },
  },
  'GET /api/v1/council-meetings/:id/notice.:format': {
    urls: (c) => [
      `/api/v1/council-meetings/${c.heldMeeting}/notice.docx`,
      `/api/v1/council-meetings/${c.heldMeeting}/notice.pdf`,
    ],
    // a held meeting is public, so everyone may know it exists; its draft notice is the Office's
    want: { ...only(['council.nmm', 'admin.mof'], 200, 403), anonymous: 404 },
  },
  'GET /api/v1/council-follow-ups': {
    urls: () => ['/api/v1/council-follow-ups', '/api/v1/council-follow-ups?format=csv'],
  },
  'GET /api/v1/council-follow-ups/:id': {
    urls: (c) => [`/api/v1/council-follow-ups/${c.followUp}`],
    want: { ...only(NMM_MEMBERS, 200, 404), anonymous: 401 },
  },
  'GET /api/v1/council-follow-up-evidence/:id': {
    urls: (c) => [`/api/v1/council-follow-up-evidence/${c.followUpEvidence}`],
    want: { ...only(NMM_MEMBERS, 200, 404), anonymous: 401 },
  },
  'GET /api/v1/council-bottlenecks': { urls: () => ['/api/v1/council-bottlenecks'] },
  'GET /api/v1/council-bottlenecks/report-material': {
    urls: () => ['/api/v1/council-bottlenecks/report-material?from=2026-01-01&to=2026-12-31'],
    want: only(['viewer', 'admin.mof'], 200, 403),
  },
  'GET /api/v1/council-bottlenecks/:id': {
    urls: (c) => [`/api/v1/council-bottlenecks/${c.bottleneck}`],
    want: { ...only(NMM_MEMBERS, 200, 404), anonymous: 401 },
  },
  'GET /api/v1/cooperation-agreements': {
    urls: () => ['/api/v1/cooperation-agreements', '/api/v1/cooperation-agreements?format=csv'],
  },
  'GET /api/v1/linkages': { urls: () => ['/api/v1/linkages?region=NMM', '/api/v1/linkages?province=20'] },
};

const SAMPLES: Want = { ...only(['admin.mof', 'viewer', 'viewer.langson'], 200, 403), anonymous: 401 };
/** The national report's working material (documents): MoF only until the cycle is published. */
const MOF_ONLY: Want = { ...only(['admin.mof'], 200, 403), anonymous: 401 };
/** A draft progress update of RD2-01 (plans): its editors (Lạng Sơn, the Ministry of Construction, MoF) and the NMM council. */
const RD2_DRAFT: Want = {
  ...all(404),
  'council.nmm': 200,
  'reporter.langson': 200,
  'reporter.bxd': 200,
  'admin.mof': 200,
};
/** Lạng Sơn's draft report (reporting): its own reporters only; to everyone else it does not exist. */
const LANGSON_DRAFT: Want = { ...all(404), 'reporter.langson': 200 };
/** The cycle's monitoring views (reporting): MoF and the councils; the matrix and the entries also reporters. */
const MONITORS: Want = { ...only(['admin.mof', 'council.nmm', 'council.rrd'], 200, 403), anonymous: 401 };
const ENTRIES: Want = { ...all(200), anonymous: 401, viewer: 403, 'viewer.langson': 403 };

/** The modules' object-level rules, where an admitted caller does not simply get 200 (written from each module's rules). */
const RULES: Record<string, Want> = {
  'GET /api/v1/cycles/:id/progress': MONITORS,
  'GET /api/v1/cycles/:id/progress.csv': MONITORS,
  'GET /api/v1/cycles/:id/matrix': ENTRIES,
  'GET /api/v1/cycles/:id/matrix.csv': ENTRIES,
  'GET /api/v1/cycles/:id/tasks/:taskId/entries': ENTRIES,
  'GET /api/v1/cycles/:id/tasks/:taskId/entries.csv': ENTRIES,
  'GET /api/v1/cycles/:id/report-source': MOF_ONLY,
  'GET /api/v1/submissions/:id': LANGSON_DRAFT,
  'GET /api/v1/submissions/:id/files/:fileId': LANGSON_DRAFT,
  // the official-format samples: MoF's staff (administrators and viewers)
  'GET /api/v1/documents/samples': SAMPLES,
  'GET /api/v1/documents/samples/:id/:file': SAMPLES,
  'GET /api/v1/cycles/:id/report/draft': MOF_ONLY,
  'GET /api/v1/cycles/:id/report/draft/history': MOF_ONLY,
  'GET /api/v1/cycles/:id/report/versions': MOF_ONLY,
  // no version has been finalised: MoF is told so
  'GET /api/v1/cycles/:id/report/versions/:version/:file': { ...MOF_ONLY, 'admin.mof': 404 },
  'GET /api/v1/cycles/:id/report/:file': MOF_ONLY,
  'GET /api/v1/cycles/:id/report/packages': MOF_ONLY,
  'GET /api/v1/cycles/:id/report/packages/:fileId': MOF_ONLY,
  'GET /api/v1/evidence/:id': RD2_DRAFT,
  // MoF's staff only (administrators and MoF's viewer), as the councils' report material
  'GET /api/v1/monitoring/duplicates/report-material': { ...only(['admin.mof', 'viewer'], 200, 403), anonymous: 401 },
  // one's own saved indices
  'GET /api/v1/analytics/indices': signedIn,
};
for (const [key, want] of Object.entries(RULES)) READS[key].want = { ...READS[key].want, ...want };

interface Operation {
  method: string;
  url: string;
}

let t: TestApp;
let app: FastifyInstance;
let api: Api;
let ops: Operation[] = [];
const c = {} as Ctx;
const figures = { cells: 0, reads: 0, sweeps: 0, fiveXX: [] as string[] };

const q = <T>(sql: string, p: unknown[] = []) => t.database.query<T>(sql, p);
const one = async <T>(sql: string, p: unknown[] = []) => (await q<T>(sql, p))[0];
const ok = async (res: { statusCode: number; body: string }, want: number, what: string) => {
  if (res.statusCode !== want) throw new Error(`${what}: ${res.statusCode} ${res.body.slice(0, 300)}`);
};

/** Plant the canary in the restricted material of every module, through the API as its owners would. */
async function plant() {
  const adminC = client(t, api.cookie('admin.mof'));
  const langson = client(t, api.cookie('reporter.langson'));
  const bxd = client(t, api.cookie('reporter.bxd'));
  // reporting: Lạng Sơn's draft with an evidence file, the Ministry of Construction's submitted report.
  const cycle = await makeCycle(t, adminC, { orgCodes: ['UBND-20', 'BXD', 'UBND-01'], taskCodes: ['1.1.a', '1.3.a'] });
  c.cycle = cycle.id;
  const draft = await startFilled(langson, cycle.id, `Dự thảo ${CANARY}`);
  c.submission = draft.id;
  c.task = draft.tasks[0].taskId;
  c.taskCode = draft.tasks[0].code;
  const file = await langson.upload(
    `/api/v1/submissions/${draft.id}/files`,
    `minh-chung-${CANARY}.pdf`,
    minimalPdf(CANARY),
  );
  if (file.status !== 201) throw new Error(`evidence: ${file.body}`);
  c.file = file.json.id;
  c.submitted = (
    await driveTo(bxd, adminC, await startFilled(bxd, cycle.id, `Báo cáo đã gửi ${CANARY}`), 'submitted')
  ).id;
  // documents: MoF's draft of the national report for that cycle, a version of it.
  await ok(await api.call('admin.mof', 'POST', `/api/v1/cycles/${c.cycle}/report/draft`, {}), 201, 'draft');
  const versions = await api.call('admin.mof', 'GET', `/api/v1/cycles/${c.cycle}/report/versions`);
  c.reportVersion = versions.json().items?.[0]?.version ?? 1;
  c.reportPackage = await plantReportPackage(c.cycle);
  // plans: a draft progress update of RD2-01 by Lạng Sơn with its evidence; a funding line and a milestone.
  const pu = await api.call('reporter.langson', 'POST', '/api/v1/projects/RD2-01/progress-updates', {
    asOf: '2026-10-01',
    status: 'under_way',
    narrative: `Tiến độ nháp ${CANARY}`,
  });
  await ok(pu, 201, 'progress update');
  c.progressUpdate = pu.json().id;
  const ev = multipartFile(`${CANARY}.pdf`, TINY_PDF);
  const evRes = await api.call(
    'reporter.langson',
    'POST',
    `/api/v1/progress-updates/${c.progressUpdate}/evidence`,
    ev.payload,
    ev.headers,
  );
  await ok(evRes, 201, 'plan evidence');
  c.planEvidence = evRes.json().id;
  const fl = await api.call('admin.mof', 'POST', '/api/v1/projects/RD2-01/funding-lines', {
    source: 'oda',
    year: 2029,
    planned: 5,
  });
  await ok(fl, 201, 'funding line');
  c.fundingLine = fl.json().id;
  const ms = await api.call('admin.mof', 'POST', '/api/v1/projects/RD2-01/milestones', {
    nameVi: 'Mốc thử',
    plannedDate: '2028-06-30',
  });
  await ok(ms, 201, 'milestone');
  c.milestone = ms.json().id;
  // councils: a scheduled meeting with agenda and document, draft conclusions, a follow-up with evidence, a bottleneck.
  const m = await meetingOf(api, { title: `Họp ${CANARY}` });
  c.meeting = m.id;
  const doc = multipartFile(`${CANARY}.pdf`, TINY_PDF);
  const d = await api.call('admin.mof', 'POST', `/api/v1/council-meetings/${m.id}/documents`, doc.payload, doc.headers);
  await ok(d, 201, 'meeting document');
  c.meetingDocument = d.json().documents[0].id;
  const held = await meetingOf(api, { held: true });
  const con = await api.call(
    'admin.mof',
    'PUT',
    `/api/v1/council-meetings/${held.id}/conclusions`,
    { items: [{ textVi: `Kết luận dự thảo ${CANARY}` }] },
    { 'if-match': `"council-meeting-${held.id}-v${held.version}"` },
  );
  await ok(con, 200, 'conclusions');
  c.heldMeeting = held.id;
  const f = await followUpOf(api);
  c.followUp = f.id;
  const fe = multipartFile(`${CANARY}-mc.pdf`, TINY_PDF);
  const feRes = await api.call(
    'reporter.langson',
    'POST',
    `/api/v1/council-follow-ups/${f.id}/evidence`,
    fe.payload,
    fe.headers,
  );
  await ok(feRes, 201, 'follow-up evidence');
  c.followUpEvidence = feRes.json().id;
  c.bottleneck = (await bottleneckOf(api, `Vướng mắc ${CANARY}`)).id;
  // statistics: a dry run of Lạng Sơn's import, its file name carrying the canary: in Lạng Sơn's import log only.
  const csv = multipartFile(
    `so-lieu-${CANARY}.csv`,
    Buffer.from(
      'indicator,unitCode,period,value,date,status,note\r\npopulation,20,2025,813500,2025-12-31,provisional,\r\n',
    ),
    'text/csv',
  );
  const imp = await api.call('reporter.langson', 'POST', '/api/v1/imports?dryRun=true', csv.payload, csv.headers);
  if (imp.statusCode >= 500) throw new Error(`import: ${imp.body}`);
  // access: an officer of Lạng Sơn whose e-mail carries the canary; an identity provider with a secret.
  const u = await api.call('admin.mof', 'POST', '/api/v1/admin/users', {
    username: 'canary.officer',
    displayName: 'Cán bộ thử quyền',
    email: `${CANARY.toLowerCase()}@langson.gov.vn`,
    role: 'reporter',
    organisationId: (await one<{ id: number }>(`select id from organisations where code = 'UBND-20'`)).id,
  });
  await ok(u, 201, 'user');
  c.user = u.json().user.id;
  const idp = await api.call('admin.mof', 'POST', '/api/v1/admin/identity-providers', {
    code: 'idp-langson',
    nameVi: 'Đăng nhập một lần Lạng Sơn',
    nameEn: 'Lang Son SSO',
    issuer: 'https://sso.langson.gov.vn',
    clientId: 'regionlink',
    clientSecret: SECRET,
    organisationId: (await one<{ id: number }>(`select id from organisations where code = 'UBND-20'`)).id,
  });
  await ok(idp, 201, 'identity provider');
  // analytics: a saved index and the groupings (public by design: the module holds no restricted material).
  const idx = await api.call('reporter.langson', 'POST', '/api/v1/analytics/indices', {
    nameVi: 'Chỉ số thử quyền',
    indicators: [{ code: 'population' }],
    period: 2024,
  });
  await ok(idx, 201, 'saved index');
  c.index = idx.json().id;
  c.grouping = ((await api.call('anonymous', 'GET', '/api/v1/analytics/groupings')).json().items as { id: string }[])
    .map((g) => g.id)
    .find((id) => /^[a-z0-9-]{1,80}$/.test(id))!;
  // objects of the public reference data
  c.cycle2025 = (await one<{ id: number }>(`select id from reporting_cycles order by year desc limit 1`)).id;
  c.publishedCycle = (
    await one<{ id: number }>(
      `select id from reporting_cycles where published_at is not null order by year desc limit 1`,
    )
  ).id;
  c.dataset = (await one<{ id: number }>(`select id from datasets order by id limit 1`)).id;
  c.indicator = 'population';
  const rel = (await api.call('anonymous', 'GET', `/api/v1/datasets/${c.dataset}/releases`)).json().items as {
    id: number;
  }[];
  c.releases = [rel[0].id, rel.at(-1)!.id];
  c.plan = (await one<{ code: string }>(`select code from regional_plans order by id limit 1`)).code;
  c.planIndicator = (await one<{ id: number }>(`select id from rf_indicators order by id limit 1`)).id;
  c.policyDocument = (await one<{ id: number }>(`select id from policy_documents order by id limit 1`)).id;
  c.sample = (await api.call('anonymous', 'GET', '/api/v1/documents/samples')).json().items?.[0]?.id ?? 'res57-2025';
  // jobs: a job the administrator started, with the canary in its outcome
  c.job = crypto.randomUUID();
  await q(
    `insert into user_jobs (job_id, kind, user_id, state, error)
     select $1, 'reporting-reminders', id, 'failed', $2 from users where username = 'admin.mof'`,
    [c.job, `Lỗi ${CANARY}`],
  );
}

/** A package prepared in the background (documents, `report_files`), the canary in its name and its content. */
async function plantReportPackage(cycle: number): Promise<number> {
  const zip = new JSZip();
  zip.file('ghi-chu.txt', `Gói hồ sơ ${CANARY}`);
  const content = await zip.generateAsync({ type: 'nodebuffer' });
  const row = await one<{ id: number }>(
    `insert into report_files (job_id, cycle_id, file_name, content_type, content, byte_size, sha256, draft_version,
       draft_status, created_by)
     select $1, $2, $3, 'application/zip', $4, $5, 'x', 1, 'draft', id from users where username = 'admin.mof'
     returning id`,
    [crypto.randomUUID(), cycle, `Bo-ho-so_${CANARY}.zip`, content, content.length],
  );
  return row.id;
}

/** All the text a response carries: OOXML parts, PDF text by pdftotext, anything else as UTF-8. */
async function textOf(raw: Buffer, type: string): Promise<string> {
  if (type.includes('pdf')) return pdfText(raw);
  if (type.includes('zip') || type.includes('openxmlformats')) {
    const zip = await JSZip.loadAsync(raw);
    const parts: string[] = [];
    for (const [name, e] of Object.entries(zip.files)) {
      if (e.dir) continue;
      const bytes = await e.async('nodebuffer');
      parts.push(
        /\.(docx|xlsx|zip|pdf)$/.test(name)
          ? await textOf(bytes, name.endsWith('.pdf') ? 'pdf' : 'zip')
          : bytes.toString('utf8'),
      );
    }
    return parts.join('\n');
  }
  return raw.toString('utf8');
}

beforeAll(async () => {
  t = await createTestApp();
  app = t.app;
  api = await personas(t);
  const spec = app.swagger() as { paths: Record<string, Record<string, unknown>> };
  ops = Object.entries(spec.paths).flatMap(([p, by]) =>
    Object.keys(by).map((m) => ({ method: m.toUpperCase(), url: p.replace(/\{(\w+)\}/g, ':$1') })),
  );
  await plant();
}, 300_000);
afterAll(async () => {
  console.log(
    `[permission matrix] ${TEST_ENGINE}: ${ops.length} routes × ${PERSONAS.length} personas = ${figures.cells} cells; ` +
      `${figures.sweeps} reads in the canary sweep (${OUTSIDERS.length} outsiders and the administrator); ${figures.fiveXX.length} 5xx`,
  );
  await t?.close();
});

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const userOf = (p: Persona) =>
  p === 'anonymous'
    ? null
    : { role: (p.startsWith('admin') ? 'admin' : p.split('.')[0]) as 'admin', managesOrganisation: false };
const fillIds = (url: string) =>
  url.replace(/:(\w+)/g, (_m, n: string) => (/id$/i.test(n) || n === 'version' ? '1' : 'x1'));
const written = async () =>
  (await one<{ n: number }>(`select count(*)::int n from audit_trail where table_name <> 'audit_log'`)).n;
const denials = async () =>
  (await one<{ n: number }>(`select count(*)::int n from audit_log where action = 'authz_denied'`)).n;

describe(`permission matrix over every route of every module (${TEST_ENGINE})`, () => {
  it('the inventory is complete: every read has a row here, every route a gate decision', () => {
    expect(ops.length).toBeGreaterThan(180);
    const reads = ops.filter((o) => o.method === 'GET').map((o) => `${o.method} ${o.url}`);
    expect(
      reads.filter((r) => !READS[r]),
      'add the read to READS in permission-matrix.test.ts',
    ).toEqual([]);
    expect(
      Object.keys(READS).filter((k) => !reads.includes(k)),
      'READS names a route that no longer exists',
    ).toEqual([]);
    const writes = ops.filter((o) => WRITE.has(o.method) && !policyOf(o.method, o.url));
    expect(
      writes.map((o) => `${o.method} ${o.url}`),
      'every write has a row in lib/policy.ts',
    ).toEqual([]);
  });

  it('every write route × every persona: the gate’s exact verdict before the body is read; refusals write nothing', async () => {
    for (const o of ops.filter((x) => WRITE.has(x.method)))
      for (const p of PERSONAS) {
        const gate = gateDecision(policyOf(o.method, o.url)?.gate, o.method, userOf(p));
        const [w0, d0] = [await written(), await denials()];
        const res = await api.call(p, o.method, fillIds(o.url), '{"junk": [1, {"deeper": true}]', {
          'content-type': 'application/json',
        });
        const label = `${p} ${o.method} ${o.url}: ${res.body.slice(0, 200)}`;
        if (res.statusCode >= 500) figures.fiveXX.push(label);
        expect(res.statusCode, label).toBe(gate ?? 400);
        expect(res.json().errors, `${label}: field errors`).toBeUndefined();
        expect(await written(), label).toBe(w0);
        expect(await denials(), label).toBe(d0 + (gate === 403 ? 1 : 0));
        figures.cells++;
      }
  }, 300_000);

  it('every read route × every persona: the gate’s verdict, or the module’s rule on the object', async () => {
    const got: string[] = [];
    for (const o of ops.filter((x) => x.method === 'GET')) {
      const key = `GET ${o.url}`;
      const read = READS[key];
      const url = read.urls(c)[0];
      for (const p of PERSONAS) {
        const gate = gateDecision(policyOf('GET', o.url)?.gate, 'GET', userOf(p));
        const res = await api.call(p, 'GET', url);
        if (res.statusCode >= 500) figures.fiveXX.push(`${p} ${url}`);
        const want = gate ?? read.want?.[p] ?? 200;
        if (res.statusCode !== want)
          got.push(`${key} ${p}: want ${want}, got ${res.statusCode} ${res.body.slice(0, 120)}`);
        figures.cells++;
      }
    }
    expect(got).toEqual([]);
  }, 300_000);

  it(`the canary planted in every module's restricted material is in no read or export an outsider can reach`, async () => {
    const leaks: string[] = [];
    // the outsiders for the canary; the administrator, who reads everything, for the secret
    for (const [key, read] of Object.entries(READS))
      for (const url of read.urls(c))
        for (const p of [...OUTSIDERS, 'admin.mof'] as Persona[]) {
          const res = await api.call(p, 'GET', url);
          figures.sweeps++;
          if (res.statusCode >= 500) figures.fiveXX.push(`${p} ${url}`);
          const text = `${JSON.stringify(res.headers)}\n${res.statusCode === 200 ? await textOf(res.rawPayload, String(res.headers['content-type'] ?? '')) : res.body}`;
          if (text.includes(SECRET)) leaks.push(`${p} ${url} (${key}): the identity provider's secret`);
          if (OUTSIDERS.includes(p) && text.toUpperCase().includes(CANARY)) leaks.push(`${p} ${url} (${key})`);
        }
    expect(leaks).toEqual([]);
  }, 600_000);

  it('positive controls: the entitled personas do see each planted canary (so the sweep above can fail)', async () => {
    const sees = async (p: Persona, url: string) => {
      const res = await api.call(p, 'GET', url);
      return (
        (await textOf(res.rawPayload, String(res.headers['content-type'] ?? ''))) +
        String(res.headers['content-disposition'] ?? '')
      );
    };
    expect(await sees('reporter.langson', `/api/v1/submissions/${c.submission}`)).toContain(CANARY);
    expect(await sees('reporter.langson', `/api/v1/submissions/${c.submission}/files/${c.file}`)).toContain(CANARY);
    expect(await sees('admin.mof', `/api/v1/submissions/${c.submitted}`)).toContain(CANARY);
    expect(await sees('reporter.langson', '/api/v1/projects/RD2-01/progress-updates')).toContain(CANARY);
    expect(await sees('council.nmm', `/api/v1/council-meetings/${c.meeting}`)).toContain(CANARY);
    expect(await sees('council.nmm', `/api/v1/council-meetings/${c.heldMeeting}`)).toContain(CANARY);
    expect(await sees('council.nmm', `/api/v1/council-bottlenecks/${c.bottleneck}`)).toContain(CANARY);
    expect(await sees('reporter.langson', '/api/v1/imports')).toContain(CANARY);
    expect((await sees('admin.mof', `/api/v1/admin/users/${c.user}`)).toUpperCase()).toContain(CANARY);
    expect(await sees('admin.mof', `/api/v1/jobs/${c.job}`)).toContain(CANARY);
    expect(await sees('admin.mof', '/api/v1/jobs')).toContain(CANARY);
    expect(await sees('admin.mof', `/api/v1/cycles/${c.cycle}/report/packages`)).toContain(CANARY);
    expect(await sees('admin.mof', `/api/v1/cycles/${c.cycle}/report/packages/${c.reportPackage}`)).toContain(CANARY);
  });

  it('saw no 5xx', () => {
    expect(figures.fiveXX).toEqual([]);
  });
});
