import crypto from 'node:crypto';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, type TestApp } from '../../../test/helpers';
import { POLICY } from './plans.policy';
import { plansRoutes } from './plans.routes';
import { createExtraAccounts, multipartFile, TINY_PDF } from './test-support';

/*
 * The permission matrix: every persona × every write action × projects in each relation (editable as responsible
 * ministry or located province, only affected, elsewhere), each cell with its exact expected status, the state of the
 * table unchanged after every refusal, and an audit row for every 403. Expectations are written out by hand from the
 * rules in plans.policy.ts, not computed by the code under test.
 */

const PERSONAS = [
  'anonymous',
  'viewer',
  'viewer.langson',
  'council.nmm',
  'council.rrd',
  'reporter.langson',
  'reporter.bxd',
  'reporter.hanoi',
  'admin.mof',
] as const;
type Persona = (typeof PERSONAS)[number];
// RD2-01: located in Lạng Sơn and Cao Bằng, Ministry of Construction responsible (demo), Northern Midlands.
// AIR-02: located in Điện Biên only, nobody responsible, Northern Midlands.
// IWT-01: only affects Hà Nội, Hải Phòng, Quảng Ninh (Red River Delta); its own location is unresolved.
const PROJECTS = ['RD2-01', 'AIR-02', 'IWT-01'] as const;
type Project = (typeof PROJECTS)[number];

const EDITS: Record<Persona, Project[]> = {
  anonymous: [],
  viewer: [],
  'viewer.langson': [],
  'council.nmm': [],
  'council.rrd': [],
  'reporter.langson': ['RD2-01'],
  'reporter.bxd': ['RD2-01'],
  'reporter.hanoi': [],
  'admin.mof': ['RD2-01', 'AIR-02', 'IWT-01'],
};
const SEES_DRAFTS: Record<Persona, Project[]> = {
  ...EDITS,
  'council.nmm': ['RD2-01', 'AIR-02'],
  'council.rrd': ['IWT-01'],
};

let t: TestApp;
const cookies = new Map<Persona, string | null>();
beforeAll(async () => {
  t = await createTestApp();
  await createExtraAccounts(t.database.db);
  for (const p of PERSONAS) cookies.set(p, p === 'anonymous' ? null : await t.login(p));
});
afterAll(async () => t?.close());

const call = (
  persona: Persona,
  method: string,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) => {
  const cookie = cookies.get(persona);
  return t.app.inject({
    method: method as 'GET',
    url,
    headers: { ...(cookie ? { cookie } : {}), ...headers },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
};
const asAdmin = (method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  call('admin.mof', method, url, payload, headers);

const digest = async (table: string) =>
  (
    await t.database.query<{ d: string | null }>(
      `select md5(string_agg(x::text, '|' order by x.id)) as d from ${table} x`,
    )
  )[0].d;
const denials = async () =>
  (await t.database.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'authz_denied'`))[0]
    .n;

let seq = 0;
const nextLine = () => {
  seq++;
  const sources = ['central_budget', 'local_budget', 'oda', 'ppp', 'private', 'other'];
  return { source: sources[seq % 6], year: 2000 + Math.floor(seq / 6) };
};

async function draftOf(project: Project) {
  const res = await asAdmin('POST', `/api/v1/projects/${project}/progress-updates`, {
    asOf: '2026-01-01',
    status: 'under_way',
    narrative: 'Bản nháp kiểm thử quyền',
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: number; version: number };
}

interface Action {
  name: string;
  table: string;
  onDraft: boolean;
  ok: number;
  build(
    project: Project,
  ): Promise<{ method: string; url: string; payload?: unknown; headers?: Record<string, string> }>;
}

const ACTIONS: Action[] = [
  {
    name: 'create funding line',
    table: 'funding_lines',
    onDraft: false,
    ok: 201,
    build: async (p) => ({
      method: 'POST',
      url: `/api/v1/projects/${p}/funding-lines`,
      payload: { ...nextLine(), planned: 10 },
    }),
  },
  {
    name: 'edit funding line',
    table: 'funding_lines',
    onDraft: false,
    ok: 200,
    build: async (p) => {
      const r = await asAdmin('POST', `/api/v1/projects/${p}/funding-lines`, { ...nextLine(), planned: 10 });
      return {
        method: 'PATCH',
        url: `/api/v1/funding-lines/${r.json().id}`,
        payload: { planned: 11 },
        headers: { 'if-match': r.headers.etag as string },
      };
    },
  },
  {
    name: 'delete funding line',
    table: 'funding_lines',
    onDraft: false,
    ok: 204,
    build: async (p) => {
      const r = await asAdmin('POST', `/api/v1/projects/${p}/funding-lines`, { ...nextLine(), planned: 10 });
      return {
        method: 'DELETE',
        url: `/api/v1/funding-lines/${r.json().id}`,
        headers: { 'if-match': r.headers.etag as string },
      };
    },
  },
  {
    name: 'create milestone',
    table: 'milestones',
    onDraft: false,
    ok: 201,
    build: async (p) => ({
      method: 'POST',
      url: `/api/v1/projects/${p}/milestones`,
      payload: { nameVi: 'Mốc', plannedDate: '2027-01-01' },
    }),
  },
  {
    name: 'edit milestone',
    table: 'milestones',
    onDraft: false,
    ok: 200,
    build: async (p) => {
      const r = await asAdmin('POST', `/api/v1/projects/${p}/milestones`, { nameVi: 'Mốc', plannedDate: '2027-01-01' });
      return {
        method: 'PATCH',
        url: `/api/v1/milestones/${r.json().id}`,
        payload: { actualDate: '2026-01-01' },
        headers: { 'if-match': r.headers.etag as string },
      };
    },
  },
  {
    name: 'delete milestone',
    table: 'milestones',
    onDraft: false,
    ok: 204,
    build: async (p) => {
      const r = await asAdmin('POST', `/api/v1/projects/${p}/milestones`, { nameVi: 'Mốc', plannedDate: '2027-01-01' });
      return {
        method: 'DELETE',
        url: `/api/v1/milestones/${r.json().id}`,
        headers: { 'if-match': r.headers.etag as string },
      };
    },
  },
  {
    name: 'post progress update',
    table: 'progress_updates',
    onDraft: false,
    ok: 201,
    build: async (p) => ({
      method: 'POST',
      url: `/api/v1/projects/${p}/progress-updates`,
      payload: { asOf: '2026-02-01', status: 'under_way', narrative: 'Cập nhật' },
    }),
  },
  {
    name: 'edit draft update',
    table: 'progress_updates',
    onDraft: true,
    ok: 200,
    build: async (p) => {
      const d = await draftOf(p);
      return {
        method: 'PATCH',
        url: `/api/v1/progress-updates/${d.id}`,
        payload: { percent: 50 },
        headers: { 'if-match': `"progress-update-${d.id}-v${d.version}"` },
      };
    },
  },
  {
    name: 'publish draft update',
    table: 'progress_updates',
    onDraft: true,
    ok: 200,
    build: async (p) => {
      const d = await draftOf(p);
      return {
        method: 'POST',
        url: `/api/v1/progress-updates/${d.id}/publish`,
        headers: { 'if-match': `"progress-update-${d.id}-v${d.version}"` },
      };
    },
  },
  {
    name: 'delete draft update',
    table: 'progress_updates',
    onDraft: true,
    ok: 204,
    build: async (p) => {
      const d = await draftOf(p);
      return {
        method: 'DELETE',
        url: `/api/v1/progress-updates/${d.id}`,
        headers: { 'if-match': `"progress-update-${d.id}-v${d.version}"` },
      };
    },
  },
  {
    name: 'attach evidence',
    table: 'progress_evidence',
    onDraft: true,
    ok: 201,
    build: async (p) => {
      const d = await draftOf(p);
      const up = multipartFile('minh-chung.pdf', TINY_PDF);
      return {
        method: 'POST',
        url: `/api/v1/progress-updates/${d.id}/evidence`,
        payload: up.payload,
        headers: up.headers,
      };
    },
  },
  {
    name: 'remove evidence',
    table: 'progress_evidence',
    onDraft: true,
    ok: 204,
    build: async (p) => {
      const d = await draftOf(p);
      const up = multipartFile('minh-chung.pdf', TINY_PDF);
      const ev = await t.app.inject({
        method: 'POST',
        url: `/api/v1/progress-updates/${d.id}/evidence`,
        headers: { cookie: cookies.get('admin.mof')!, ...up.headers },
        payload: up.payload,
      });
      return { method: 'DELETE', url: `/api/v1/evidence/${ev.json().id}` };
    },
  },
];

function expected(action: Action, persona: Persona, project: Project): number {
  if (action.onDraft && !SEES_DRAFTS[persona].includes(project)) return 404;
  if (persona === 'anonymous') return 401;
  return EDITS[persona].includes(project) ? action.ok : 403;
}

describe(`permission matrix of the plans module on ${TEST_ENGINE}`, () => {
  let cells = 0;
  for (const action of ACTIONS)
    it(`${action.name}: every persona × project relation gets its exact outcome, refusals change nothing`, async () => {
      for (const persona of PERSONAS)
        for (const project of PROJECTS) {
          const r = await action.build(project);
          const before = await digest(action.table);
          const denied0 = await denials();
          const res = await call(persona, r.method, r.url, r.payload, r.headers);
          const want = expected(action, persona, project);
          const label = `${persona} / ${action.name} / ${project}: ${res.body.slice(0, 200)}`;
          expect(res.statusCode, label).toBe(want);
          if (want >= 400) expect(await digest(action.table), label).toBe(before);
          if (want === 403) expect(await denials(), label).toBe(denied0 + 1);
          cells++;
        }
    });

  const ADMIN_ONLY: {
    name: string;
    build(): Promise<{ method: string; url: string; payload?: unknown; headers?: Record<string, string> }>;
  }[] = [
    {
      name: 'create plan',
      build: async () => ({
        method: 'POST',
        url: '/api/v1/plans',
        payload: {
          code: `ip-test-${++seq}`,
          kind: 'implementation_plan',
          parentCode: 'rp-rrd-2021-2030',
          nameVi: 'Kế hoạch thử',
          nameEn: 'Test plan',
          periodStart: 2021,
          periodEnd: 2030,
          regionCode: 'RRD',
          regionGeoDate: '2024-05-04',
          source: 'Kiểm thử',
        },
      }),
    },
    {
      name: 'edit plan',
      build: async () => {
        const r = await asAdmin('GET', '/api/v1/plans/rp-se-2021-2030');
        return {
          method: 'PATCH',
          url: '/api/v1/plans/rp-se-2021-2030',
          payload: { note: `ghi chú ${++seq}` },
          headers: { 'if-match': r.headers.etag as string },
        };
      },
    },
    {
      name: 'add task group',
      build: async () => ({
        method: 'POST',
        url: '/api/v1/plans/rp-mrd-2021-2030/task-groups',
        payload: { code: `T${++seq}`, nameVi: 'Nhóm', nameEn: 'Group' },
      }),
    },
    {
      name: 'add indicator',
      build: async () => ({
        method: 'POST',
        url: '/api/v1/plans/rp-ch-2021-2030/indicators',
        payload: { code: `I${++seq}`, nameVi: 'Chỉ tiêu', nameEn: 'Indicator', unit: '%', scopeCode: 'CH' },
      }),
    },
    {
      name: 'add target',
      build: async () => {
        const r = await asAdmin('POST', '/api/v1/plans/rp-ch-2021-2030/indicators', {
          code: `J${++seq}`,
          nameVi: 'Chỉ tiêu',
          nameEn: 'Indicator',
          unit: '%',
          scopeCode: 'CH',
        });
        return {
          method: 'POST',
          url: `/api/v1/plan-indicators/${r.json().id}/targets`,
          payload: { kind: 'end', year: 2030, value: 1 },
          headers: { 'if-match': r.headers.etag as string },
        };
      },
    },
    {
      name: 'report actual',
      build: async () => ({
        method: 'POST',
        url: '/api/v1/plan-indicators/1/actuals',
        payload: { year: 2024, value: 4, sourceText: 'Báo cáo' },
      }),
    },
    {
      name: 'create project',
      build: async () => ({
        method: 'POST',
        url: '/api/v1/projects',
        payload: {
          code: `PERM-${++seq}`,
          planCode: 'ip-nmm-2021-2030',
          nameVi: 'Dự án',
          nameEn: 'Project',
          sector: 'road',
        },
      }),
    },
    {
      name: 'edit project',
      build: async () => {
        const r = await asAdmin('GET', '/api/v1/projects/AIR-02');
        return {
          method: 'PATCH',
          url: '/api/v1/projects/AIR-02',
          payload: { notes: `ghi chú ${++seq}` },
          headers: { 'if-match': r.headers.etag as string },
        };
      },
    },
  ];

  it('admin-only actions: 401 signed out, 403 for every other role, success for the administrator', async () => {
    for (const action of ADMIN_ONLY)
      for (const persona of PERSONAS) {
        const r = await action.build();
        const denied0 = await denials();
        const res = await call(persona, r.method, r.url, r.payload, r.headers);
        const want = persona === 'anonymous' ? 401 : persona === 'admin.mof' ? (r.method === 'PATCH' ? 200 : 201) : 403;
        expect(res.statusCode, `${persona} / ${action.name}: ${res.body.slice(0, 200)}`).toBe(want);
        if (want === 403) expect(await denials()).toBe(denied0 + 1);
        cells++;
      }
  });

  it('public reads answer everyone', async () => {
    const urls = [
      '/api/v1/plans',
      '/api/v1/plans/rp-nmm-2021-2030',
      '/api/v1/plans/rp-nmm-2021-2030/results-framework',
      '/api/v1/projects',
      '/api/v1/projects/vocabulary',
      '/api/v1/projects/funding-summary',
      '/api/v1/projects/timeline',
      '/api/v1/projects/RD2-01',
      '/api/v1/projects/RD2-01/progress-updates',
      '/api/v1/plan-indicators/1',
    ];
    for (const persona of PERSONAS)
      for (const url of urls) {
        expect((await call(persona, 'GET', url)).statusCode, `${persona} ${url}`).toBe(200);
        cells++;
      }
  });

  it('tells each persona what they may do on the project page', async () => {
    for (const persona of PERSONAS)
      for (const project of PROJECTS) {
        const p = (await call(persona, 'GET', `/api/v1/projects/${project}`)).json();
        expect(p.permissions, `${persona} ${project}`).toEqual({
          canEdit: EDITS[persona].includes(project),
          canAdmin: persona === 'admin.mof',
        });
      }
  });

  it('ran every cell', () => {
    expect(cells).toBe(ACTIONS.length * PERSONAS.length * PROJECTS.length + 8 * PERSONAS.length + 10 * PERSONAS.length);
  });
});

describe(`no draft leaks on ${TEST_ENGINE}`, () => {
  it('a canary planted in a draft and its evidence appears in no response or export for those who may not see it', async () => {
    const canary = `CANARY-${crypto.randomUUID()}`;
    const d = await call('reporter.langson', 'POST', '/api/v1/projects/RD2-01/progress-updates', {
      asOf: '2026-03-01',
      status: 'suspended',
      percent: 13,
      narrative: `Nội dung mật ${canary}`,
    });
    expect(d.statusCode).toBe(201);
    const up = multipartFile(`${canary}.pdf`, TINY_PDF);
    const ev = await t.app.inject({
      method: 'POST',
      url: `/api/v1/progress-updates/${d.json().id}/evidence`,
      headers: { cookie: cookies.get('reporter.langson')!, ...up.headers },
      payload: up.payload,
    });
    expect(ev.statusCode).toBe(201);
    const reads = [
      '/api/v1/projects?limit=1000',
      '/api/v1/projects?region=NMM&format=csv',
      '/api/v1/projects?format=iati',
      '/api/v1/projects/RD2-01',
      '/api/v1/projects/RD2-01/progress-updates',
      '/api/v1/projects/funding-summary',
      '/api/v1/projects/timeline',
      '/api/v1/plans/rp-nmm-2021-2030',
      '/api/v1/plans/rp-nmm-2021-2030/results-framework?format=csv',
      `/api/v1/evidence/${ev.json().id}`,
    ];
    const bodyOf = async (persona: Persona, url: string) => {
      const res = await call(persona, 'GET', url);
      return res.body;
    };
    const xlsxText = async (persona: Persona, url: string) => {
      const res = await call(persona, 'GET', url);
      const zip = await JSZip.loadAsync(res.rawPayload);
      const parts = await Promise.all(Object.values(zip.files).map((f) => f.async('string')));
      return parts.join('\n');
    };
    for (const persona of ['anonymous', 'viewer', 'viewer.langson', 'council.rrd', 'reporter.hanoi'] as Persona[]) {
      for (const url of reads) expect(await bodyOf(persona, url), `${persona} ${url}`).not.toContain(canary);
      expect(await xlsxText(persona, '/api/v1/projects?format=xlsx'), persona).not.toContain(canary);
      // The status stays what the published updates say; the draft's "suspended" does not leak into it.
      expect((await call(persona, 'GET', '/api/v1/projects/RD2-01')).json().status).toBe('under_way');
    }
    // Positive control: the responsible province and the region's council do see it, so the check can fail.
    expect(await bodyOf('reporter.langson', '/api/v1/projects/RD2-01/progress-updates')).toContain(canary);
    expect(await bodyOf('council.nmm', '/api/v1/projects/RD2-01')).toContain(canary);
  });
});

describe('route inventory', () => {
  it('every route of the plans module has exactly one policy row, and every policy row a route', async () => {
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    const seen: string[] = [];
    app.addHook('onRoute', (r) => {
      for (const m of [r.method].flat()) if (m !== 'HEAD') seen.push(`${m} ${r.url}`);
    });
    await app.register(plansRoutes, { prefix: '/api/v1' });
    await app.ready();
    const policy = POLICY.map((p) => `${p.method} ${p.url}`);
    expect(new Set(policy).size).toBe(policy.length);
    expect([...seen].sort()).toEqual([...policy].sort());
    await app.close();
  });
});
