import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, type TestApp } from '../../../test/helpers';
import {
  addUser,
  type Client,
  client,
  closeAndPublish,
  driveTo,
  etag,
  makeCycle,
  minimalPdf,
  type Res,
  startFilled,
  submissionDigest,
  taskIds,
} from './reporting.fixtures';
import { REPORTING_ROUTES } from './reporting.routes';

/**
 * The permission matrix of the issue, generated: every persona × every target (own / other organisation, same or
 * other region, ministry or province) × every action × every submission state, each cell asserting the exact
 * outcome — allowed, 401, 403, 404 where existence must not leak, or 409 for a valid actor in the wrong state —
 * plus, for every refused write, that the stored submission is byte-for-byte unchanged and the refusal is audited.
 * The expected outcome comes from `expected()` below, written from the text, not from `policy.ts`.
 */

type Role = 'admin' | 'reporter' | 'council' | 'viewer' | 'anonymous';
interface Persona {
  name: string;
  role: Role;
  org: string | null;
  region: string | null;
  client: Client;
}
type State = 'draft' | 'submitted' | 'returned' | 'accepted' | 'published';
interface Target {
  org: 'UBND-20' | 'BXD';
  kind: 'province' | 'ministry';
  region: string | null;
  state: State;
  id: number;
  fileId: number;
  marker: string;
}
type Action =
  | 'read'
  | 'list'
  | 'search'
  | 'download'
  | 'edit'
  | 'upload'
  | 'delete_file'
  | 'submit'
  | 'return'
  | 'accept'
  | 'unlock'
  | 'comment'
  | 'register_paper';
const ACTIONS: Action[] = [
  'read',
  'list',
  'search',
  'download',
  'edit',
  'upload',
  'delete_file',
  'submit',
  'return',
  'accept',
  'unlock',
  'comment',
  'register_paper',
];
const STATES: State[] = ['draft', 'submitted', 'returned', 'accepted', 'published'];
type Outcome = 'allow' | 401 | 403 | 404 | 409;

/** The rules, stated directly. */
function expected(p: Persona, tg: Target, action: Action): Outcome | boolean {
  const published = tg.state === 'published';
  const state = published ? 'accepted' : tg.state;
  const own = p.role === 'reporter' && p.org === tg.org;
  // A reporter sees only their own organisation's submissions; a council the accepted ones of provinces in its
  // region; MoF everything sent to it; viewers and the public nothing until MoF publishes the cycle's results.
  const canSee =
    published ||
    own ||
    (p.role === 'admin' && state !== 'draft') ||
    (p.role === 'council' && state === 'accepted' && tg.kind === 'province' && p.region === tg.region);
  if (action === 'list' || action === 'search') return canSee;
  // MoF registering a paper report for the target's organisation in the target's cycle: about the cycle (which
  // everyone may see), not the submission; MoF only, and never over a report that is already in the system.
  if (action === 'register_paper') {
    if (p.role === 'anonymous') return 401;
    if (p.role !== 'admin') return 403;
    return 409;
  }
  if (p.role === 'anonymous' && !['read', 'download'].includes(action)) return 401;
  if (!canSee) return 404;
  const editable = (state === 'draft' || state === 'returned') && !published;
  switch (action) {
    case 'read':
    case 'download':
      return 'allow';
    case 'edit':
    case 'upload':
    case 'delete_file':
    case 'submit':
      if (!own) return 403;
      return editable ? 'allow' : 409;
    case 'return':
    case 'accept':
    case 'comment':
      if (p.role !== 'admin') return 403;
      return state === 'submitted' ? 'allow' : 409;
    case 'unlock':
      if (p.role !== 'admin') return 403;
      return state === 'accepted' && !published ? 'allow' : 409;
  }
}

const statusOf = (o: Outcome) => (o === 'allow' ? 200 : o);

let t: TestApp;
let admin: Client;
let langson: Client;
let bxd: Client;
const personas: Persona[] = [];
const targets: Target[] = [];
let tasks: Record<string, number>;

async function buildTarget(org: 'UBND-20' | 'BXD', state: State, marker: string): Promise<Target> {
  const reporter = org === 'BXD' ? bxd : langson;
  const c = await makeCycle(t, admin, { orgCodes: ['UBND-20', 'BXD'], taskCodes: ['1.1.a', '1.3.a', '1.2.c'] });
  const draft = await startFilled(reporter, c.id, marker);
  const file = await reporter.upload(`/api/v1/submissions/${draft.id}/files`, 'minh-chung.pdf', minimalPdf(marker));
  if (file.status !== 201) throw new Error(`upload ${file.status} ${file.body}`);
  const s = await driveTo(reporter, admin, draft, state === 'published' ? 'accepted' : state);
  if (state === 'published') await closeAndPublish(admin, c.id);
  return {
    org,
    kind: org === 'BXD' ? 'ministry' : 'province',
    region: org === 'BXD' ? null : 'NMM',
    state,
    id: s.id,
    fileId: file.json.id,
    marker,
  };
}

const versionOf = async (id: number) =>
  (await t.database.query<{ version: number }>('select version from submissions where id = $1', [id]))[0].version;
const cycleOf = async (submissionId: number) =>
  (await t.database.query<{ cycle_id: number }>('select cycle_id from submissions where id = $1', [submissionId]))[0]
    .cycle_id;
/** Refusals audited against the submission, or against its cycle for the cycle-level action (paper registration). */
const deniedCount = async (id: number, action?: Action) =>
  (
    await t.database.query<{ n: number }>(
      `select count(*)::int n from audit_log where action = 'authz_denied' and entity = $1 and entity_id = $2`,
      action === 'register_paper' ? ['cycle', String(await cycleOf(id))] : ['submission', String(id)],
    )
  )[0].n;

/** Perform one action against one target as one persona; the response. */
async function perform(p: Persona, tg: Target, action: Action): Promise<Res> {
  const c = p.client;
  const tag = etag('submission', tg.id, await versionOf(tg.id));
  switch (action) {
    case 'read':
      return c.get(`/api/v1/submissions/${tg.id}`);
    case 'download':
      return c.get(`/api/v1/submissions/${tg.id}/files/${tg.fileId}`);
    case 'edit':
      return c.put(`/api/v1/submissions/${tg.id}`, { docNumber: '101/BC-UBND' }, tag);
    case 'upload':
      return c.upload(`/api/v1/submissions/${tg.id}/files`, 'them.pdf', minimalPdf('thêm'));
    case 'delete_file':
      return c.del(`/api/v1/submissions/${tg.id}/files/${tg.fileId}`);
    case 'submit':
      return c.post(`/api/v1/submissions/${tg.id}/submit`, {}, tag);
    case 'return':
      return c.post(`/api/v1/submissions/${tg.id}/return`, { reason: 'Kiểm tra quyền' }, tag);
    case 'accept':
      return c.post(`/api/v1/submissions/${tg.id}/accept`, {}, tag);
    case 'unlock':
      return c.post(`/api/v1/submissions/${tg.id}/unlock`, { reason: 'Kiểm tra quyền' }, tag);
    case 'comment':
      return c.post(`/api/v1/submissions/${tg.id}/tasks/${tasks[tg.org === 'BXD' ? '1.2.c' : '1.3.a']}/comments`, {
        body: 'Ý kiến',
      });
    case 'register_paper':
      return c.post(`/api/v1/cycles/${await cycleOf(tg.id)}/paper-reports`, {
        organisationId: (
          await t.database.query<{ organisation_id: number }>('select organisation_id from submissions where id = $1', [
            tg.id,
          ])
        )[0].organisation_id,
        docNumber: '1/BC-GIAY',
        docDate: '2026-11-05',
        receivedOn: '2026-11-06',
      });
    default:
      throw new Error(action);
  }
}

beforeAll(async () => {
  t = await createTestApp();
  tasks = await taskIds(t);
  await addUser(t, { username: 'reporter.caobang', role: 'reporter', orgCode: 'UBND-04' });
  await addUser(t, { username: 'reporter.hanoi', role: 'reporter', orgCode: 'UBND-01' });
  await addUser(t, { username: 'council.rrd', role: 'council', orgCode: 'HDDP-RRD' });
  await addUser(t, { username: 'reporter.disabled', role: 'reporter', orgCode: 'UBND-20' });
  admin = client(t, await t.login('admin.mof'));
  langson = client(t, await t.login('reporter.langson'));
  bxd = client(t, await t.login('reporter.bxd'));
  const disabled = client(t, await t.login('reporter.disabled'));
  await t.database.query(`update users set disabled_at = now() where username = 'reporter.disabled'`);
  personas.push(
    { name: 'MoF admin', role: 'admin', org: 'BTC', region: null, client: admin },
    { name: 'province reporter, own', role: 'reporter', org: 'UBND-20', region: 'NMM', client: langson },
    {
      name: 'province reporter, same region',
      role: 'reporter',
      org: 'UBND-04',
      region: 'NMM',
      client: client(t, await t.login('reporter.caobang')),
    },
    {
      name: 'province reporter, other region',
      role: 'reporter',
      org: 'UBND-01',
      region: 'RRD',
      client: client(t, await t.login('reporter.hanoi')),
    },
    { name: 'ministry reporter', role: 'reporter', org: 'BXD', region: null, client: bxd },
    {
      name: 'council, same region',
      role: 'council',
      org: 'HDDP-NMM',
      region: 'NMM',
      client: client(t, await t.login('council.nmm')),
    },
    {
      name: 'council, other region',
      role: 'council',
      org: 'HDDP-RRD',
      region: 'RRD',
      client: client(t, await t.login('council.rrd')),
    },
    { name: 'viewer', role: 'viewer', org: 'BTC', region: null, client: client(t, await t.login('viewer')) },
    { name: 'anonymous public', role: 'anonymous', org: null, region: null, client: client(t, null) },
    // A disabled user's session stops at the next request: they are the public from then on.
    { name: 'disabled user', role: 'anonymous', org: null, region: null, client: disabled },
  );
  for (const org of ['UBND-20', 'BXD'] as const)
    for (const state of STATES) targets.push(await buildTarget(org, state, `MX${state}${org.replace('-', '')}`));
}, 300_000);
afterAll(async () => t?.close());

describe(`permission matrix: persona × organisation × action × state (${TEST_ENGINE})`, () => {
  it('has every reporting route under a permission rule (route inventory)', () => {
    expect(REPORTING_ROUTES.length).toBeGreaterThan(30);
    const missing = REPORTING_ROUTES.filter((r) => !r.policy).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  for (const state of STATES)
    it(`matches the expected outcome for every persona and action on ${state} submissions`, async () => {
      const cells: string[] = [];
      for (const tg of targets.filter((x) => x.state === state))
        for (const p of personas)
          for (const action of ACTIONS) {
            const exp = expected(p, tg, action);
            const label = `${p.name} · ${action} · ${tg.org} ${state}`;
            if (action === 'list' || action === 'search') {
              const r =
                action === 'list'
                  ? await p.client.get(
                      `/api/v1/cycles/${(await t.database.query<{ cycle_id: number }>('select cycle_id from submissions where id = $1', [tg.id]))[0].cycle_id}/submissions`,
                    )
                  : await p.client.get(`/api/v1/submissions/search?q=${tg.marker}`);
              expect(r.status, label).toBe(200);
              const ids =
                action === 'list'
                  ? r.json.items.map((s: { id: number }) => s.id)
                  : r.json.items.map((h: { submissionId: number }) => h.submissionId);
              expect(ids.includes(tg.id), label).toBe(exp);
              cells.push(label);
              continue;
            }
            const outcome = exp as Outcome;
            const destructive = ['submit', 'return', 'accept', 'unlock'].includes(action);
            if (outcome === 'allow' && destructive) {
              // A permitted transition is performed on a fresh copy of the target, so later cells see the original.
              const fresh = await buildTarget(tg.org, tg.state, `${tg.marker}x`);
              const r = await perform(p, fresh, action);
              expect(r.status, `${label}: ${r.body.slice(0, 200)}`).toBe(200);
              expect(r.json.state, label).toBe(
                { submit: 'submitted', return: 'returned', accept: 'accepted', unlock: 'returned' }[action as 'submit'],
              );
              cells.push(label);
              continue;
            }
            if (outcome === 'allow' && action === 'delete_file') {
              const extra = await p.client.upload(`/api/v1/submissions/${tg.id}/files`, 'xoa.pdf', minimalPdf('xoá'));
              expect(extra.status, label).toBe(201);
              const r = await p.client.del(`/api/v1/submissions/${tg.id}/files/${extra.json.id}`);
              expect(r.status, label).toBe(204);
              cells.push(label);
              continue;
            }
            const digest = await submissionDigest(t, tg.id);
            const audits = await deniedCount(tg.id, action);
            const r = await perform(p, tg, action);
            if (outcome === 'allow') {
              expect(r.status, `${label}: ${r.body.slice(0, 200)}`).toBe(action === 'upload' ? 201 : 200);
            } else {
              expect(r.status, `${label}: ${r.body.slice(0, 200)}`).toBe(statusOf(outcome));
              expect(String(r.headers['content-type']), label).toContain('application/problem+json');
              expect(r.json.detailVi.length, label).toBeGreaterThan(5);
              expect(await submissionDigest(t, tg.id), `${label}: stored state changed`).toBe(digest);
              if (outcome === 403 || outcome === 404)
                expect(await deniedCount(tg.id, action), `${label}: no audit row`).toBe(audits + 1);
              if (outcome === 404) expect(r.etag, label).toBeUndefined();
            }
            cells.push(label);
          }
      expect(cells.length).toBe(2 * personas.length * ACTIONS.length);
    }, 300_000);

  it('a 404 for a submission that exists is indistinguishable from one for a submission that does not', async () => {
    const hidden = targets.find((x) => x.org === 'UBND-20' && x.state === 'draft')!;
    const outsider = personas.find((p) => p.name === 'province reporter, other region')!.client;
    const a = await outsider.get(`/api/v1/submissions/${hidden.id}`);
    const b = await outsider.get('/api/v1/submissions/987654');
    expect(a.status).toBe(404);
    expect([b.status, b.body, b.headers['content-length'], b.etag]).toEqual([
      a.status,
      a.body,
      a.headers['content-length'],
      a.etag,
    ]);
    const fa = await outsider.get(`/api/v1/submissions/${hidden.id}/files/${hidden.fileId}`);
    expect([fa.status, fa.body]).toEqual([a.status, a.body]);
  });

  it('takes a role change or a disabled account into account at the very next request', async () => {
    await addUser(t, { username: 'reporter.langson3', role: 'reporter', orgCode: 'UBND-20' });
    const c = client(t, await t.login('reporter.langson3'));
    const draft = targets.find((x) => x.org === 'UBND-20' && x.state === 'draft')!;
    expect((await c.get(`/api/v1/submissions/${draft.id}`)).status).toBe(200);
    await t.database.query(`update users set role = 'viewer' where username = 'reporter.langson3'`);
    expect((await c.get(`/api/v1/submissions/${draft.id}`)).status).toBe(404);
    expect(
      (
        await c.put(
          `/api/v1/submissions/${draft.id}`,
          { docNumber: 'x' },
          etag('submission', draft.id, await versionOf(draft.id)),
        )
      ).status,
    ).toBe(404);
  });
});

describe(`canary leak test: every read and export, for every persona (${TEST_ENGINE})`, () => {
  it('shows each organisation’s draft canary to that organisation only, and a sent report’s to MoF', async () => {
    const orgs = ['UBND-20', 'UBND-04', 'UBND-01', 'BXD'];
    const reporters: Record<string, Client> = {
      'UBND-20': langson,
      'UBND-04': personas[2].client,
      'UBND-01': personas[3].client,
      BXD: bxd,
    };
    const fig = {
      key: 'canary_value',
      labelVi: 'Giá trị',
      labelEn: 'Value',
      unitVi: '',
      unitEn: '',
      decimals: 3,
      appliesTo: 'all' as const,
    };
    const c = await makeCycle(t, admin, {
      orgCodes: orgs,
      taskCodes: ['1.1.a', '1.3.a', '1.2.c'],
      figures: { '1.1.a': [fig], '1.3.a': [fig], '1.2.c': [fig] },
    });
    const canary: Record<string, { text: string; number: string; id: number }> = {};
    for (const [i, org] of orgs.entries()) {
      const text = `CANARY-${org}-${crypto.randomUUID()}`;
      const number = 987654 + (i + 1) / 1000;
      const rep = reporters[org];
      const started = await rep.post(`/api/v1/cycles/${c.id}/submissions`, {});
      const s = started.json;
      const saved = await rep.put(
        `/api/v1/submissions/${s.id}`,
        {
          docNumber: `${text}-DOC`,
          docDate: '2026-11-20',
          sections: { results: `<p>${text} kết quả</p>` },
          tasks: s.tasks.map((x: { taskId: number }) => ({
            taskId: x.taskId,
            status: 'done',
            narrativeHtml: `<p>${text}<sup data-footnote="${text} chú thích">1</sup></p>`,
            figures: { canary_value: number },
          })),
        },
        started.etag,
      );
      expect(saved.status).toBe(200);
      expect((await rep.upload(`/api/v1/submissions/${s.id}/files`, `${text}.pdf`, minimalPdf(text))).status).toBe(201);
      canary[org] = { text, number: String(number), id: s.id };
      if (org === 'UBND-04')
        expect((await rep.post(`/api/v1/submissions/${s.id}/submit`, {}, saved.etag)).status).toBe(200);
    }
    const ids = Object.values(canary).map((x) => x.id);
    const fileIds = (
      await t.database.query<{ id: number; submission_id: number }>(
        'select id, submission_id from submission_files where submission_id = any($1)',
        [ids],
      )
    ).map((f) => `/api/v1/submissions/${f.submission_id}/files/${f.id}`);
    const urls = [
      '/api/v1/cycles',
      `/api/v1/cycles/${c.id}`,
      `/api/v1/cycles/${c.id}/progress`,
      `/api/v1/cycles/${c.id}/progress.csv`,
      `/api/v1/cycles/${c.id}/matrix`,
      `/api/v1/cycles/${c.id}/matrix.csv`,
      `/api/v1/cycles/${c.id}/report-source`,
      `/api/v1/cycles/${c.id}/submissions`,
      ...['1.1.a', '1.3.a', '1.2.c'].map((code) => `/api/v1/cycles/${c.id}/tasks/${tasks[code]}/entries`),
      ...['1.1.a', '1.3.a', '1.2.c'].map((code) => `/api/v1/cycles/${c.id}/tasks/${tasks[code]}/entries.csv`),
      '/api/v1/tasks/history',
      '/api/v1/submissions/search?q=CANARY',
      '/api/v1/submissions/search?q=987654',
      `/api/v1/submissions/search?q=CANARY&cycleId=${c.id}`,
      ...ids.map((id) => `/api/v1/submissions/${id}`),
      ...fileIds,
      '/api/v1/notifications',
      '/api/v1/outbox',
      '/api/v1/policy-documents/1',
    ];
    const allowed = (p: Persona): string[] => {
      if (p.role === 'reporter' && p.org && canary[p.org]) return [p.org];
      if (p.role === 'admin') return ['UBND-04'];
      return [];
    };
    for (const p of personas) {
      const responses: Res[] = [];
      for (const u of urls) responses.push(await p.client.get(u));
      // Error bodies of refused writes must not echo what they refused either.
      for (const id of ids)
        responses.push(
          await p.client.put(
            `/api/v1/submissions/${id}`,
            { docNumber: 'x' },
            etag('submission', id, await versionOf(id)),
          ),
        );
      const corpus = responses.map((r) => `${r.body}\n${JSON.stringify(r.headers)}`).join('\n');
      const seen = orgs.filter((org) => corpus.includes(canary[org].text) || corpus.includes(canary[org].number));
      const leaks = responses
        .map((r, i) => ({ where: urls[i] ?? `PUT #${i - urls.length}`, r }))
        .filter(({ r }) =>
          orgs.some(
            (org) =>
              !allowed(p).includes(org) &&
              (`${r.body}${JSON.stringify(r.headers)}`.includes(canary[org].text) ||
                r.body.includes(canary[org].number)),
          ),
        )
        .map(({ where, r }) => `${where}: ${r.status}`);
      expect(leaks, `responses leaking to ${p.name}`).toEqual([]);
      expect(seen, `canaries visible to ${p.name}`).toEqual(allowed(p));
    }
    // The crawl finds what it should: the owner's search and export contain the owner's canary.
    const own = await langson.get('/api/v1/submissions/search?q=canary');
    expect(own.json.items.map((h: { orgCode: string }) => h.orgCode)).toContain('UBND-20');
    const mofCsv = await admin.get(`/api/v1/cycles/${c.id}/progress.csv`);
    expect(mofCsv.body).toContain(canary['UBND-04'].text);
    expect(mofCsv.body).not.toContain(canary['UBND-20'].text);
  }, 300_000);
});
