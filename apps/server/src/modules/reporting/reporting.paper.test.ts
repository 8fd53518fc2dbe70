import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, type TestApp } from '../../../test/helpers';
import {
  addUser,
  type Client,
  client,
  etag,
  makeCycle,
  minimalPdf,
  orgIds,
  type Res,
  startFilled,
  taskIds,
} from './reporting.fixtures';

/**
 * MoF registers a report that an expected organisation sent outside the system (on paper, by official letter):
 * received on the date MoF gives (on time / late judged on it), marked as registered from paper with who and when,
 * audited, counted in completeness, reviewed like any other. Refusals name the field and store nothing.
 */

let t: TestApp;
let admin: Client;
let langson: Client;
let viewer: Client;
let council: Client;
let anon: Client;
let orgs: Record<string, number>;
let tasks: Record<string, number>;

beforeAll(async () => {
  t = await createTestApp();
  await addUser(t, { username: 'admin.mof2', role: 'admin', orgCode: 'BTC' });
  admin = client(t, await t.login('admin.mof'));
  langson = client(t, await t.login('reporter.langson'));
  viewer = client(t, await t.login('viewer'));
  council = client(t, await t.login('council.nmm'));
  anon = client(t, null);
  orgs = await orgIds(t);
  tasks = await taskIds(t);
});
afterAll(async () => t?.close());

const count = async (sql: string, params: unknown[]) =>
  Number((await t.database.query<{ n: number }>(sql, params))[0].n);

describe(`paper reports registered by MoF (${TEST_ENGINE})`, () => {
  let cycleId: number;

  it('registers a paper report as received on its receipt date, flagged, audited, counted on time or late', async () => {
    const c = await makeCycle(t, admin, {
      orgCodes: ['UBND-20', 'UBND-04', 'BXD'],
      taskCodes: ['1.1.a', '1.3.d'],
      deadline: '2026-11-10',
    });
    cycleId = c.id;
    const url = `/api/v1/cycles/${cycleId}/paper-reports`;
    const r = await admin.post(url, {
      organisationId: orgs['UBND-20'],
      docNumber: '  766/BC-UBND'.normalize('NFD'),
      docDate: '2026-11-05',
      receivedOn: '2026-11-09',
      reportingBodyVi: 'Sở Tài chính tỉnh Lạng Sơn',
      note: 'Nhận bản giấy qua đường bưu điện.',
      tasks: [
        {
          taskId: tasks['1.3.d'],
          status: 'in_progress',
          narrativeHtml: '<p>Bố trí vốn đối ứng<script>alert(1)</script></p>',
        },
      ],
    });
    expect(r.status, r.body).toBe(201);
    expect(r.etag).toBe(etag('submission', r.json.id, r.json.version));
    expect(r.json).toMatchObject({
      state: 'submitted',
      docNumber: '766/BC-UBND',
      docDate: '2026-11-05',
      receivedOn: '2026-11-09',
      reportingBodyVi: 'Sở Tài chính tỉnh Lạng Sơn',
      paper: { registeredBy: expect.any(String), note: 'Nhận bản giấy qua đường bưu điện.' },
    });
    expect(r.json.flags.map((f: { code: string }) => f.code)).toEqual(['paper_registered']);
    expect(r.json.history).toEqual([
      expect.objectContaining({ action: 'registered_paper', fromState: null, toState: 'submitted' }),
    ]);
    const t13d = r.json.tasks.find((x: { code: string }) => x.code === '1.3.d');
    expect(t13d.status).toBe('in_progress');
    expect(t13d.narrativeHtml).toContain('Bố trí vốn đối ứng');
    expect(t13d.narrativeHtml).not.toContain('script');
    expect(r.json.tasks.find((x: { code: string }) => x.code === '1.1.a').status).toBeNull();
    expect(
      await count(
        `select count(*)::int n from audit_log where action = 'submission_registered_paper' and entity_id = $1`,
        [String(r.json.id)],
      ),
    ).toBe(1);

    // A ministry's letter, received after the deadline: late.
    const late = await admin.post(url, {
      organisationId: orgs.BXD,
      docNumber: '1234/BXD-KHTC',
      docDate: '2026-11-12',
      receivedOn: '2026-11-18',
    });
    expect(late.status, late.body).toBe(201);

    const p = (await admin.get(`/api/v1/cycles/${cycleId}/progress`)).json;
    expect(p).toMatchObject({ expected: 3, received: 2, onTime: 1, late: 1 });
    expect(p.missing.map((m: { orgCode: string }) => m.orgCode)).toEqual(['UBND-04']);
    const row = p.rows.find((x: { orgCode: string }) => x.orgCode === 'UBND-20');
    expect(row).toMatchObject({ received: true, timeliness: 'on_time', receivedOn: '2026-11-09', daysFromRequest: 7 });
    expect(row.flags.map((f: { code: string }) => f.code)).toContain('paper_registered');
    expect(p.rows.find((x: { orgCode: string }) => x.orgCode === 'BXD').timeliness).toBe('late');

    // The organisation is told and can read it, but not change it; MoF reviews it like any other report.
    const notes = await langson.get('/api/v1/notifications');
    expect(notes.json.items.map((n: { kind: string }) => n.kind)).toContain('paper_registered');
    const mine = await langson.get(`/api/v1/submissions/${r.json.id}`);
    expect(mine.status).toBe(200);
    expect(mine.json.can.edit).toBe(false);
    expect((await langson.put(`/api/v1/submissions/${r.json.id}`, { docNumber: 'x' }, mine.etag)).status).toBe(409);
    const acc = await admin.post(`/api/v1/submissions/${r.json.id}/accept`, {}, r.etag);
    expect(acc.status).toBe(200);
    expect(acc.json.state).toBe('accepted');
  });

  it('keeps the scanned report sent with it (multipart), and refuses a disguised program storing nothing', async () => {
    const c = await makeCycle(t, admin, { orgCodes: ['UBND-20', 'UBND-04'], taskCodes: ['1.3.d'] });
    const cookie = await t.login('admin.mof');
    const send = (file?: { name: string; bytes: Buffer }) => {
      const boundary = `----rl${Math.random().toString(16).slice(2)}`;
      const data = {
        organisationId: orgs['UBND-04'],
        docNumber: '55/BC-UBND',
        docDate: '2026-11-06',
        receivedOn: '2026-11-07',
      };
      const parts: Buffer[] = [
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify(data)}\r\n`,
          'utf8',
        ),
      ];
      if (file)
        parts.push(
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`,
          ),
          file.bytes,
          Buffer.from('\r\n'),
        );
      parts.push(Buffer.from(`--${boundary}--\r\n`));
      return t.app.inject({
        method: 'POST',
        url: `/api/v1/cycles/${c.id}/paper-reports`,
        payload: Buffer.concat(parts),
        headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
    };
    const exe = await send({ name: 'ban-scan.pdf', bytes: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(600, 1)]) });
    expect(exe.statusCode).toBe(415);
    expect(exe.json().errors[0].path).toBe('body.file');
    expect(
      await count('select count(*)::int n from submissions where cycle_id = $1', [c.id]),
      'nothing stored for a refused scan',
    ).toBe(0);
    const pdf = minimalPdf('Bản chụp 55/BC-UBND');
    const ok = await send({ name: 'Báo cáo 55.pdf', bytes: pdf });
    expect(ok.statusCode, ok.body).toBe(201);
    const s = ok.json();
    expect(s.files).toEqual([
      expect.objectContaining({ filename: 'Báo cáo 55.pdf', kind: 'pdf', sizeBytes: pdf.length }),
    ]);
    const dl = await admin.get(`/api/v1/submissions/${s.id}/files/${s.files[0].id}`);
    expect(dl.status).toBe(200);
    expect(dl.body).toContain('Bản chụp 55/BC-UBND');
  });

  it('is for MoF only: reporters, councils and viewers 403, the public 401, a draft cycle 404 to others', async () => {
    const c = await makeCycle(t, admin, { orgCodes: ['UBND-20', 'UBND-04'], taskCodes: ['1.3.d'] });
    const url = `/api/v1/cycles/${c.id}/paper-reports`;
    const body = {
      organisationId: orgs['UBND-04'],
      docNumber: '1/BC',
      docDate: '2026-11-06',
      receivedOn: '2026-11-07',
    };
    const denied = (n: number) =>
      count(
        `select count(*)::int n from audit_log where action = 'authz_denied' and entity = 'cycle' and entity_id = $1`,
        [String(c.id)],
      ).then((x) => x - n);
    const before = await denied(0);
    for (const [who, cl, status] of [
      ['reporter', langson, 403],
      ['council', council, 403],
      ['viewer', viewer, 403],
      ['anonymous', anon, 401],
    ] as [string, Client, number][]) {
      const r: Res = await cl.post(url, body);
      expect(r.status, who).toBe(status);
      expect(String(r.headers['content-type']), who).toContain('application/problem+json');
    }
    expect(await denied(before)).toBe(3);
    expect(await count('select count(*)::int n from submissions where cycle_id = $1', [c.id])).toBe(0);
    const draft = await makeCycle(t, admin, { orgCodes: ['UBND-04'], taskCodes: ['1.3.d'], open: false });
    expect((await langson.post(`/api/v1/cycles/${draft.id}/paper-reports`, body)).status).toBe(404);
    const d = await admin.post(`/api/v1/cycles/${draft.id}/paper-reports`, body);
    expect([d.status, d.json.code]).toEqual([409, 'cycle_not_open']);
    expect((await admin.post('/api/v1/cycles/987654/paper-reports', body)).status).toBe(404);
  });

  it('refuses what does not fit, naming the field, and registers nothing twice', async () => {
    const c = await makeCycle(t, admin, { orgCodes: ['UBND-20', 'UBND-04', 'BXD'], taskCodes: ['1.1.a', '1.3.d'] });
    const url = `/api/v1/cycles/${c.id}/paper-reports`;
    const ok = { organisationId: orgs['UBND-04'], docNumber: '9/BC', docDate: '2026-11-06', receivedOn: '2026-11-07' };
    const cases: [unknown, string][] = [
      [{ ...ok, organisationId: orgs['UBND-01'] }, 'body.organisationId'],
      [{ ...ok, receivedOn: '2099-01-01' }, 'body.receivedOn'],
      [{ ...ok, docDate: '2026-11-08' }, 'body.docDate'],
      [{ ...ok, docNumber: '  ' }, 'body.docNumber'],
      [{ ...ok, receivedOn: '07/11/2026' }, 'body.receivedOn'],
      [{ ...ok, tasks: [{ taskId: tasks['1.2.c'], status: 'done' }] }, 'body.tasks.0.taskId'],
      [{ ...ok, tasks: [{ taskId: tasks['1.3.d'], figures: { km: 3 } }] }, 'body.tasks.0.figures.km'],
      [{ ...ok, extra: 1 }, 'body'],
    ];
    for (const [body, path] of cases) {
      const r = await admin.post(url, body);
      expect(r.status, path).toBe(400);
      expect(r.json.errors[0].path, JSON.stringify(body)).toBe(path);
      expect(r.json.errors[0].messageVi.length).toBeGreaterThan(3);
    }
    expect(await count('select count(*)::int n from submissions where cycle_id = $1', [c.id])).toBe(0);

    // An organisation with an unsent draft, or a report already received: 409 with the reason; nothing changes.
    await startFilled(langson, c.id);
    const draft = await admin.post(url, { ...ok, organisationId: orgs['UBND-20'] });
    expect([draft.status, draft.json.code]).toEqual([409, 'unsent_draft']);
    const first = await admin.post(url, ok);
    expect(first.status).toBe(201);
    const again = await admin.post(url, { ...ok, docNumber: '10/BC' });
    expect([again.status, again.json.code]).toEqual([409, 'already_received']);
    expect((await admin.get(`/api/v1/submissions/${first.json.id}`)).json.docNumber).toBe('9/BC');

    // Two MoF staff registering the same letter at once: exactly one succeeds.
    const admin2 = client(t, await t.login('admin.mof2'));
    const both = await Promise.all([
      admin.post(url, { ...ok, organisationId: orgs.BXD }),
      admin2.post(url, { ...ok, organisationId: orgs.BXD }),
    ]);
    expect(both.map((x) => x.status).sort()).toEqual([201, 409]);
    expect(
      await count('select count(*)::int n from submissions where cycle_id = $1 and organisation_id = $2', [
        c.id,
        orgs.BXD,
      ]),
    ).toBe(1);
  });
});
