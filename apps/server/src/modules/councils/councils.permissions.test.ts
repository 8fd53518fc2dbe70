import crypto from 'node:crypto';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, type TestApp } from '../../../test/helpers';
import { multipartFile, TINY_PDF } from '../plans/test-support';
import { POLICY } from './councils.policy';
import { councilsRoutes } from './councils.routes';
import {
  type Api,
  bottleneckOf,
  followUpOf,
  issue,
  meetingOf,
  NMM,
  PERSONAS,
  type Persona,
  personas,
} from './test-support';

/*
 * The permission matrix of the councils module: every route × every persona, each cell with its exact expected
 * status written out by hand from the rules in councils.policy.ts (not computed by the code under test), the module's
 * tables unchanged after every refusal, and an audit row for every 403. Objects belong to the Northern Midlands and
 * Mountains council: its members are MoF (admin.mof, viewer), its secretariat (council.nmm), Lạng Sơn
 * (reporter.langson, viewer.langson) and the Ministry of Construction (reporter.bxd, a demo member); council.rrd and
 * reporter.hanoi are not members.
 */

type Cells = Record<Persona, number>;
const all = (status: number): Cells => Object.fromEntries(PERSONAS.map((p) => [p, status])) as Cells;
const MEMBERS: Persona[] = ['viewer', 'viewer.langson', 'council.nmm', 'reporter.langson', 'reporter.bxd', 'admin.mof'];
const OFFICE: Persona[] = ['council.nmm', 'admin.mof'];
/** 401 signed out; `ok` for `allowed`; `member` (403 or 404) for other members; `other` for non-members. */
function cells(allowed: Persona[], ok: number, member: number, other: number): Cells {
  const c = {} as Cells;
  for (const p of PERSONAS)
    c[p] = p === 'anonymous' ? 401 : allowed.includes(p) ? ok : MEMBERS.includes(p) ? member : other;
  return c;
}

interface Req {
  method: string;
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}
interface Row {
  route: string;
  name: string;
  want: Cells;
  build(api: Api): Promise<Req>;
}

const ifMatch = (kind: string, o: { id: number; version: number }) => ({
  'if-match': `"${kind}-${o.id}-v${o.version}"`,
});
const meetingMatch = (m: { id: number; version: number }) => ifMatch('council-meeting', m);

const ROWS: Row[] = [
  {
    route: 'GET /api/v1/councils',
    name: 'list councils',
    want: all(200),
    build: async () => ({ method: 'GET', url: '/api/v1/councils' }),
  },
  {
    route: 'GET /api/v1/councils/:code',
    name: 'council page',
    want: all(200),
    build: async () => ({ method: 'GET', url: `/api/v1/councils/${NMM}` }),
  },
  {
    route: 'GET /api/v1/councils/:code/dashboard',
    name: 'dashboard',
    want: cells(MEMBERS, 200, 200, 404),
    build: async () => ({ method: 'GET', url: `/api/v1/councils/${NMM}/dashboard` }),
  },
  {
    route: 'GET /api/v1/councils/:code/review',
    name: 'review of a year',
    want: cells(MEMBERS, 200, 200, 404),
    build: async () => ({ method: 'GET', url: `/api/v1/councils/${NMM}/review?year=2025` }),
  },
  {
    route: 'GET /api/v1/coordination-teams',
    name: 'coordination teams',
    want: all(200),
    build: async () => ({ method: 'GET', url: '/api/v1/coordination-teams' }),
  },
  {
    route: 'POST /api/v1/councils/:code/meetings',
    name: 'schedule a meeting',
    want: cells(OFFICE, 201, 403, 403),
    build: async () => ({
      method: 'POST',
      url: `/api/v1/councils/${NMM}/meetings`,
      payload: { titleVi: 'Phiên họp', heldOn: '2027-03-01', mode: 'online', chairVi: 'Phó Thủ tướng' },
    }),
  },
  {
    route: 'GET /api/v1/council-meetings/:id',
    name: 'read a scheduled meeting',
    want: { ...cells(MEMBERS, 200, 200, 404), anonymous: 404 },
    build: async (api) => ({ method: 'GET', url: `/api/v1/council-meetings/${(await meetingOf(api)).id}` }),
  },
  {
    route: 'PATCH /api/v1/council-meetings/:id',
    name: 'edit a meeting',
    want: cells(OFFICE, 200, 403, 404),
    build: async (api) => {
      const m = await meetingOf(api);
      return {
        method: 'PATCH',
        url: `/api/v1/council-meetings/${m.id}`,
        payload: { place: 'Hà Nội' },
        headers: meetingMatch(m),
      };
    },
  },
  {
    route: 'PUT /api/v1/council-meetings/:id/agenda',
    name: 'set the agenda',
    want: cells(OFFICE, 200, 403, 404),
    build: async (api) => {
      const m = await meetingOf(api);
      return {
        method: 'PUT',
        url: `/api/v1/council-meetings/${m.id}/agenda`,
        payload: { items: [{ titleVi: 'Dự án', kind: 'project', ref: 'RD2-01' }] },
        headers: meetingMatch(m),
      };
    },
  },
  {
    route: 'POST /api/v1/council-meetings/:id/documents',
    name: 'attach a document',
    want: cells(OFFICE, 201, 403, 404),
    build: async (api) => {
      const up = multipartFile('tai-lieu.pdf', TINY_PDF);
      return {
        method: 'POST',
        url: `/api/v1/council-meetings/${(await meetingOf(api)).id}/documents`,
        payload: up.payload,
        headers: up.headers,
      };
    },
  },
  {
    route: 'GET /api/v1/council-meeting-documents/:id',
    name: 'download a document',
    want: cells(MEMBERS, 200, 200, 404),
    build: async (api) => {
      const up = multipartFile('tai-lieu.pdf', TINY_PDF);
      const m = await meetingOf(api);
      const r = await api.call(
        'admin.mof',
        'POST',
        `/api/v1/council-meetings/${m.id}/documents`,
        up.payload,
        up.headers,
      );
      return { method: 'GET', url: `/api/v1/council-meeting-documents/${r.json().documents[0].id}` };
    },
  },
  {
    route: 'POST /api/v1/council-meetings/:id/invitations',
    name: 'invite members',
    want: cells(OFFICE, 200, 403, 404),
    build: async (api) => ({
      method: 'POST',
      url: `/api/v1/council-meetings/${(await meetingOf(api)).id}/invitations`,
      payload: {},
    }),
  },
  {
    route: 'PUT /api/v1/council-meetings/:id/attendance',
    name: 'record attendance',
    want: cells(OFFICE, 200, 403, 404),
    build: async (api) => {
      const m = await meetingOf(api);
      return {
        method: 'PUT',
        url: `/api/v1/council-meetings/${m.id}/attendance`,
        payload: { items: [{ organisationCode: 'UBND-20', attendance: 'present' }] },
        headers: meetingMatch(m),
      };
    },
  },
  {
    route: 'PUT /api/v1/council-meetings/:id/conclusions',
    name: 'set conclusions',
    want: cells(OFFICE, 200, 403, 404),
    build: async (api) => {
      const m = await meetingOf(api);
      return {
        method: 'PUT',
        url: `/api/v1/council-meetings/${m.id}/conclusions`,
        payload: { items: [{ textVi: 'Kết luận' }] },
        headers: meetingMatch(m),
      };
    },
  },
  {
    route: 'POST /api/v1/council-meetings/:id/notice',
    name: 'issue the notice',
    // the held meeting is public, so non-members see it and are refused with 403
    want: cells(OFFICE, 200, 403, 403),
    build: async (api) => {
      const m = await meetingOf(api, { held: true, conclusions: true });
      return {
        method: 'POST',
        url: `/api/v1/council-meetings/${m.id}/notice`,
        payload: { number: '77/TB-BTC', date: '2026-11-30', signerTitle: 'Thứ trưởng', signerName: 'A' },
        headers: meetingMatch(m),
      };
    },
  },
  {
    route: 'GET /api/v1/council-meetings/:id/notice.:format',
    name: 'draft notice before issue',
    want: { ...cells(OFFICE, 200, 403, 404), anonymous: 404 },
    build: async (api) => ({
      method: 'GET',
      url: `/api/v1/council-meetings/${(await meetingOf(api, { conclusions: true })).id}/notice.docx`,
    }),
  },
  {
    route: 'GET /api/v1/council-meetings/:id/notice.:format',
    name: 'issued notice',
    want: all(200),
    build: async () => ({ method: 'GET', url: '/api/v1/council-meetings/2/notice.docx' }),
  },
  {
    route: 'GET /api/v1/council-follow-ups',
    name: 'list follow-ups',
    want: { ...all(200), anonymous: 401 },
    build: async () => ({ method: 'GET', url: '/api/v1/council-follow-ups' }),
  },
  {
    route: 'GET /api/v1/council-follow-ups/:id',
    name: 'read a follow-up',
    want: cells(MEMBERS, 200, 200, 404),
    build: async (api) => ({ method: 'GET', url: `/api/v1/council-follow-ups/${(await followUpOf(api)).id}` }),
  },
  {
    route: 'POST /api/v1/council-follow-ups/:id/progress',
    name: 'post progress',
    want: cells(['reporter.langson'], 200, 403, 404),
    build: async (api) => {
      const f = await followUpOf(api);
      return {
        method: 'POST',
        url: `/api/v1/council-follow-ups/${f.id}/progress`,
        payload: { note: 'Tiến độ', percent: 20 },
        headers: ifMatch('council-follow-up', f),
      };
    },
  },
  {
    route: 'POST /api/v1/council-follow-ups/:id/evidence',
    name: 'attach evidence',
    want: cells(['reporter.langson'], 201, 403, 404),
    build: async (api) => {
      const up = multipartFile('minh-chung.pdf', TINY_PDF);
      return {
        method: 'POST',
        url: `/api/v1/council-follow-ups/${(await followUpOf(api)).id}/evidence`,
        payload: up.payload,
        headers: up.headers,
      };
    },
  },
  {
    route: 'GET /api/v1/council-follow-up-evidence/:id',
    name: 'download evidence',
    want: cells(MEMBERS, 200, 200, 404),
    build: async (api) => {
      const up = multipartFile('minh-chung.pdf', TINY_PDF);
      const f = await followUpOf(api);
      const r = await api.call(
        'reporter.langson',
        'POST',
        `/api/v1/council-follow-ups/${f.id}/evidence`,
        up.payload,
        up.headers,
      );
      return { method: 'GET', url: `/api/v1/council-follow-up-evidence/${r.json().id}` };
    },
  },
  {
    route: 'POST /api/v1/council-follow-ups/:id/review',
    name: 'accept a reported follow-up',
    want: cells(OFFICE, 200, 403, 404),
    build: async (api) => {
      const f = await followUpOf(api, 'reported');
      return {
        method: 'POST',
        url: `/api/v1/council-follow-ups/${f.id}/review`,
        payload: { decision: 'accept' },
        headers: ifMatch('council-follow-up', f),
      };
    },
  },
  {
    route: 'POST /api/v1/council-follow-ups/reminders',
    name: 'run reminders',
    want: { ...cells(OFFICE, 200, 403, 403), 'council.rrd': 200 },
    build: async () => ({ method: 'POST', url: '/api/v1/council-follow-ups/reminders' }),
  },
  {
    route: 'GET /api/v1/council-bottlenecks',
    name: 'list bottlenecks',
    want: { ...all(200), anonymous: 401 },
    build: async () => ({ method: 'GET', url: '/api/v1/council-bottlenecks' }),
  },
  {
    route: 'POST /api/v1/council-bottlenecks',
    name: 'raise a bottleneck',
    want: cells(['council.nmm', 'admin.mof', 'reporter.langson', 'reporter.bxd'], 201, 403, 403),
    build: async () => ({
      method: 'POST',
      url: '/api/v1/council-bottlenecks',
      payload: {
        councilCode: NMM,
        titleVi: 'Vướng mắc',
        descriptionVi: 'Mô tả',
        subject: 'project',
        projectCode: 'AIR-02',
        field: 'finance',
      },
    }),
  },
  {
    route: 'GET /api/v1/council-bottlenecks/report-material',
    name: 'report material',
    want: { ...all(403), anonymous: 401, viewer: 200, 'admin.mof': 200 },
    build: async () => ({
      method: 'GET',
      url: '/api/v1/council-bottlenecks/report-material?from=2026-01-01&to=2026-12-31',
    }),
  },
  {
    route: 'GET /api/v1/council-bottlenecks/:id',
    name: 'read a bottleneck',
    want: cells(MEMBERS, 200, 200, 404),
    build: async (api) => ({ method: 'GET', url: `/api/v1/council-bottlenecks/${(await bottleneckOf(api)).id}` }),
  },
  {
    route: 'POST /api/v1/council-bottlenecks/:id/actions',
    name: 'triage a bottleneck',
    want: cells(OFFICE, 200, 403, 404),
    build: async (api) => {
      const b = await bottleneckOf(api);
      return {
        method: 'POST',
        url: `/api/v1/council-bottlenecks/${b.id}/actions`,
        payload: { action: 'triage' },
        headers: ifMatch('council-bottleneck', b),
      };
    },
  },
  {
    route: 'GET /api/v1/cooperation-agreements',
    name: 'agreements register',
    want: all(200),
    build: async () => ({ method: 'GET', url: '/api/v1/cooperation-agreements?format=csv' }),
  },
  {
    route: 'POST /api/v1/cooperation-agreements',
    name: 'record an agreement',
    want: { ...all(403), anonymous: 401, 'admin.mof': 201, 'reporter.langson': 201 },
    build: async () => ({
      method: 'POST',
      url: '/api/v1/cooperation-agreements',
      payload: { titleVi: 'Thỏa thuận', signedOn: '2026-10-01', provinceCodes: ['20', '04'] },
    }),
  },
  {
    route: 'PATCH /api/v1/cooperation-agreements/:id',
    name: 'update an agreement',
    want: { ...all(403), anonymous: 401, 'admin.mof': 200, 'reporter.langson': 200 },
    build: async (api) => {
      const r = await api.call('admin.mof', 'POST', '/api/v1/cooperation-agreements', {
        titleVi: 'Thỏa thuận',
        signedOn: '2026-10-01',
        provinceCodes: ['20', '04'],
      });
      const a = r.json();
      return {
        method: 'PATCH',
        url: `/api/v1/cooperation-agreements/${a.id}`,
        payload: { status: 'implementing' },
        headers: ifMatch('cooperation-agreement', a),
      };
    },
  },
  {
    route: 'GET /api/v1/linkages',
    name: 'linkages',
    want: all(200),
    build: async () => ({ method: 'GET', url: '/api/v1/linkages?region=NMM' }),
  },
];

const TABLES = [
  'council_meetings',
  'council_agenda_items',
  'council_meeting_documents',
  'council_attendees',
  'council_conclusions',
  'council_follow_ups',
  'council_follow_up_events',
  'council_follow_up_evidence',
  'council_bottlenecks',
  'council_bottleneck_events',
  'cooperation_agreements',
  'reporting_notifications',
];

let t: TestApp;
let api: Api;
beforeAll(async () => {
  t = await createTestApp();
  api = await personas(t);
});
afterAll(async () => t?.close());

const digest = async () => {
  const out: Record<string, number> = {};
  for (const table of TABLES)
    out[table] = (
      await t.database.query<{ n: number }>(
        `select count(*)::int + coalesce(sum(length(x::text)), 0)::int as n from ${table} x`,
      )
    )[0].n;
  return out;
};
const denials = async () =>
  (await t.database.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'authz_denied'`))[0]
    .n;

describe(`permission matrix of the councils module on ${TEST_ENGINE}`, () => {
  let count = 0;
  for (const row of ROWS)
    it(`${row.route} (${row.name}): every persona gets its exact outcome, refusals change nothing`, async () => {
      // A refusal changes nothing (checked below), so the same object serves the next persona; after a success
      // (which may change its state or version) a fresh one is built.
      let r = await row.build(api);
      for (const persona of PERSONAS) {
        const before = await digest();
        const denied0 = await denials();
        const res = await api.call(persona, r.method, r.url, r.payload, r.headers);
        const want = row.want[persona];
        const label = `${persona} / ${row.name}: ${res.body.slice(0, 200)}`;
        expect(res.statusCode, label).toBe(want);
        if (want >= 400) expect(await digest(), label).toEqual(before);
        if (want === 403) expect(await denials(), label).toBe(denied0 + 1);
        if (want < 400 && r.method !== 'GET') r = await row.build(api);
        count++;
      }
    }, 120_000);

  it('covered every route of the policy and every persona', () => {
    expect(count).toBe(ROWS.length * PERSONAS.length);
    const covered = new Set(ROWS.map((r) => r.route));
    expect([...covered].sort()).toEqual(POLICY.map((p) => `${p.method} ${p.url}`).sort());
  });
});

describe(`no leak of working material on ${TEST_ENGINE}`, () => {
  it('a canary planted in every kind of working material appears in no response or export for non-members', async () => {
    const canary = `CANARY-${crypto.randomUUID()}`;
    // scheduled meeting (title, agenda, document, draft conclusion), held meeting's minutes, follow-up note and
    // evidence, bottleneck title and description
    const scheduled = await meetingOf(api, { title: `Họp ${canary}`, conclusions: false });
    const agenda = await api.call(
      'admin.mof',
      'PUT',
      `/api/v1/council-meetings/${scheduled.id}/agenda`,
      { items: [{ titleVi: `Mục ${canary}`, kind: 'other' }] },
      meetingMatch(scheduled),
    );
    expect(agenda.statusCode).toBe(200);
    const doc = multipartFile(`${canary}.pdf`, TINY_PDF);
    const docRes = await api.call(
      'admin.mof',
      'POST',
      `/api/v1/council-meetings/${scheduled.id}/documents`,
      doc.payload,
      doc.headers,
    );
    expect(docRes.statusCode).toBe(201);
    const docId = docRes.json().documents[0].id as number;
    const held = await meetingOf(api, { held: true, conclusions: true, minutes: `Biên bản ${canary}` });
    const draftCon = await meetingOf(api, { held: true });
    const con = await api.call(
      'admin.mof',
      'PUT',
      `/api/v1/council-meetings/${draftCon.id}/conclusions`,
      { items: [{ textVi: `Kết luận dự thảo ${canary}` }] },
      meetingMatch(draftCon),
    );
    expect(con.statusCode).toBe(200);
    const [f] = await issue(api, held);
    const prog = await api.call(
      'reporter.langson',
      'POST',
      `/api/v1/council-follow-ups/${f.id}/progress`,
      { note: `Tiến độ ${canary}` },
      ifMatch('council-follow-up', f),
    );
    expect(prog.statusCode).toBe(200);
    const ev = multipartFile(`${canary}-mc.pdf`, TINY_PDF);
    const evRes = await api.call(
      'reporter.langson',
      'POST',
      `/api/v1/council-follow-ups/${f.id}/evidence`,
      ev.payload,
      ev.headers,
    );
    expect(evRes.statusCode).toBe(201);
    const evidenceId = evRes.json().id as number;
    const b = await api.call('reporter.langson', 'POST', '/api/v1/council-bottlenecks', {
      councilCode: NMM,
      titleVi: `Vướng mắc ${canary}`,
      descriptionVi: `Mô tả ${canary}`,
      subject: 'policy',
      policyText: 'Cơ chế',
      field: 'other',
    });
    expect(b.statusCode).toBe(201);

    const reads = [
      '/api/v1/councils',
      `/api/v1/councils/${NMM}`,
      '/api/v1/councils/hddp-2023-nmm',
      '/api/v1/coordination-teams',
      `/api/v1/council-meetings/${held.id}`,
      `/api/v1/council-meetings/${draftCon.id}`,
      `/api/v1/council-meetings/${scheduled.id}`,
      '/api/v1/council-follow-ups',
      '/api/v1/council-follow-ups?format=csv',
      `/api/v1/council-follow-ups?council=${NMM}&format=csv`,
      `/api/v1/council-follow-ups/${f.id}`,
      '/api/v1/council-bottlenecks',
      `/api/v1/council-bottlenecks/${b.json().id}`,
      '/api/v1/cooperation-agreements',
      '/api/v1/cooperation-agreements?format=csv',
      '/api/v1/linkages?region=NMM',
      '/api/v1/linkages?province=20',
      `/api/v1/councils/${NMM}/review?year=2026`,
      `/api/v1/councils/${NMM}/dashboard`,
      '/api/v1/council-bottlenecks/report-material?from=2026-01-01&to=2026-12-31',
      `/api/v1/council-meeting-documents/${docId}`,
      `/api/v1/council-follow-up-evidence/${evidenceId}`,
    ];
    const docxText = async (persona: Persona, url: string) => {
      const res = await api.call(persona, 'GET', url);
      if (res.statusCode !== 200) return res.body;
      const zip = await JSZip.loadAsync(res.rawPayload);
      return (await Promise.all(Object.values(zip.files).map((x) => x.async('string')))).join('\n');
    };
    for (const persona of ['anonymous', 'council.rrd', 'reporter.hanoi'] as Persona[]) {
      for (const url of reads) {
        const res = await api.call(persona, 'GET', url);
        expect(res.body, `${persona} ${url}`).not.toContain(canary);
        expect(String(res.headers['content-disposition'] ?? ''), `${persona} ${url}`).not.toContain(canary);
      }
      expect(await docxText(persona, `/api/v1/council-meetings/${held.id}/notice.docx`), persona).not.toContain(canary);
      expect(await docxText(persona, `/api/v1/council-meetings/${draftCon.id}/notice.docx`), persona).not.toContain(
        canary,
      );
    }
    // The public reads the held meeting and its published conclusions, but not its minutes.
    const pub = (await api.call('anonymous', 'GET', `/api/v1/council-meetings/${held.id}`)).json();
    expect(pub.minutes).toBeNull();
    expect(pub.conclusions.length).toBe(1);
    // Positive controls: members do see each canary, so the checks above can fail.
    expect((await api.call('council.nmm', 'GET', `/api/v1/council-meetings/${held.id}`)).body).toContain(canary);
    expect((await api.call('council.nmm', 'GET', `/api/v1/council-meetings/${scheduled.id}`)).body).toContain(canary);
    expect((await api.call('council.nmm', 'GET', `/api/v1/council-meetings/${draftCon.id}`)).body).toContain(canary);
    expect((await api.call('reporter.bxd', 'GET', `/api/v1/council-follow-ups/${f.id}`)).body).toContain(canary);
    expect((await api.call('viewer', 'GET', '/api/v1/council-bottlenecks')).body).toContain(canary);
    expect(await docxText('admin.mof', `/api/v1/council-meetings/${draftCon.id}/notice.docx`)).toContain(canary);
    expect(
      String(
        (await api.call('reporter.bxd', 'GET', `/api/v1/council-follow-up-evidence/${evidenceId}`)).headers[
          'content-disposition'
        ],
      ),
    ).toContain(canary);
  }, 120_000);
});

describe('route inventory', () => {
  it('every route of the councils module has exactly one policy row, and every policy row a route', async () => {
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    const seen: string[] = [];
    app.addHook('onRoute', (r) => {
      for (const m of [r.method].flat()) if (m !== 'HEAD') seen.push(`${m} ${r.url}`);
    });
    await app.register(councilsRoutes, { prefix: '/api/v1' });
    await app.ready();
    const policy = POLICY.map((p) => `${p.method} ${p.url}`);
    expect(new Set(policy).size).toBe(policy.length);
    expect([...seen].sort()).toEqual([...policy].sort());
    await app.close();
  });
});
