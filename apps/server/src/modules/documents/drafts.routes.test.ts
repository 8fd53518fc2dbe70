import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { DEMO } from '../../../test/demo';
import { createTestApp, type TestApp } from '../../../test/helpers';
import { loadFixture2025 } from './fixture-2025';
import { listTasks } from './report-model';
import { type ApiClient, apiClient, ooxmlPart, wordText } from './test-support';

/**
 * The 2025 cycle's report draft through the HTTP API on a real migrated database: who may read and change it, that it
 * is assembled from the accepted submissions with the structure of the real package, edits with If-Match and their
 * history, exports, and acceptance as a numbered version.
 */

let t: TestApp;
let admin: ApiClient;
let viewer: ApiClient;
let reporter: ApiClient;
let council: ApiClient;
let anon: ApiClient;
let cycle2025: number;
let cycleDemo: number;

beforeAll(async () => {
  t = await createTestApp();
  admin = apiClient(t.app, await t.login('admin.mof'));
  viewer = apiClient(t.app, await t.login('viewer'));
  reporter = apiClient(t.app, await t.login('reporter.langson'));
  council = apiClient(t.app, await t.login('council.nmm'));
  anon = apiClient(t.app, null);
  const cycles = (await admin.get('/api/v1/cycles')).json.items as { id: number; year: number }[];
  cycle2025 = cycles.find((c) => c.year === 2025)!.id;
  cycleDemo = cycles.find((c) => c.year === DEMO.year)!.id;
});
afterAll(async () => t?.close());

const url = (id: number, rest = 'draft') => `/api/v1/cycles/${id}/report/${rest}`;
const edit = (c: ApiClient, id: number, edits: unknown[], ifMatch?: string) => c.patch(url(id), { edits }, ifMatch);

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9 ]/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 1 && !['nhom', 'nhiem', 'vu', 'doi', 'voi', 've'].includes(w));
/** Share of the words of `b` found in `a` (headings come from the outline, framed as the report frames them). */
const overlap = (a: string, b: string) => {
  const wa = new Set(fold(a));
  const wb = fold(b);
  return wb.filter((w) => wa.has(w)).length / Math.max(1, wb.length);
};

describe(`the documents API contract (${TEST_ENGINE})`, () => {
  it('publishes every cycle report route in the OpenAPI document, with the edit kinds', async () => {
    const doc = (await anon.get('/api/openapi.json')).json;
    const paths = Object.keys(doc.paths);
    for (const p of [
      '/api/v1/cycles/{id}/report/draft',
      '/api/v1/cycles/{id}/report/draft/sync',
      '/api/v1/cycles/{id}/report/draft/finalise',
      '/api/v1/cycles/{id}/report/draft/reopen',
      '/api/v1/cycles/{id}/report/draft/history',
      '/api/v1/cycles/{id}/report/versions',
      '/api/v1/cycles/{id}/report/versions/{version}/{file}',
      '/api/v1/cycles/{id}/report/{file}',
    ])
      expect(paths).toContain(p);
    const draft = doc.paths['/api/v1/cycles/{id}/report/draft'];
    expect(Object.keys(draft).sort()).toEqual(['get', 'patch', 'post']);
    const file = doc.paths['/api/v1/cycles/{id}/report/{file}'].get.parameters.find(
      (x: { name: string }) => x.name === 'file',
    );
    expect(file.schema.enum).toEqual(
      expect.arrayContaining(['letter.docx', 'report.pdf', 'annex.xlsx', 'package.zip']),
    );
    expect(JSON.stringify(draft.patch.requestBody)).toContain('copyEditorial');
  });
});

describe(`who may read and change a cycle's report draft (${TEST_ENGINE})`, () => {
  it('answers 401 signed out and 403 to reporters and councils, for the draft and every export', async () => {
    for (const path of [
      'draft',
      'draft/history',
      'versions',
      'letter.docx',
      'report.pdf',
      'annex.xlsx',
      'package.zip',
    ]) {
      expect((await anon.get(url(cycle2025, path))).status, path).toBe(401);
      expect((await reporter.get(url(cycle2025, path))).status, path).toBe(403);
      expect((await council.get(url(cycle2025, path))).status, path).toBe(403);
    }
    expect((await reporter.post(url(cycle2025), {})).status).toBe(403);
    expect((await viewer.post(url(cycle2025), {})).status).toBe(403);
  });

  it('keeps the draft of an unpublished cycle from viewers, with a reason', async () => {
    const r = await viewer.get(url(cycleDemo, 'letter.docx'));
    expect(r.status).toBe(403);
    expect(r.json.detailVi).toContain('sau khi Bộ Tài chính công bố');
  });

  it('says there is no draft yet (404 no_draft) until an administrator creates it', async () => {
    const r = await admin.get(url(cycle2025));
    expect(r.status).toBe(404);
    expect(r.json.code).toBe('no_draft');
    expect((await admin.get(url(99999))).status).toBe(404);
  });
});

describe(`the 2025 draft assembled from the accepted submissions (${TEST_ENGINE})`, () => {
  let draft: {
    json: {
      model: ReturnType<typeof loadFixture2025>;
      version: number;
      reporters: { ministries: number; localities: number };
      missing: { path: string }[];
    };
    etag?: string;
  };
  const real = loadFixture2025();

  beforeAll(async () => {
    const created = await admin.post(url(cycle2025), {});
    expect(created.status).toBe(201);
    expect(created.etag).toBe(`"report-draft-${cycle2025}-v1"`);
    draft = created;
  });

  it('refuses a second draft of the same cycle (409)', async () => {
    expect((await admin.post(url(cycle2025), {})).status).toBe(409);
  });

  it('lists Appendix 1 as the real one: MoF first as drafting agency, 10 ministries and 27 localities with their numbers and dates', () => {
    const m = draft.json.model;
    expect(draft.json.reporters).toEqual({ ministries: 11, localities: 27 });
    expect(m.reporters.map((r) => [r.group, r.name, r.drafting, r.documentNumber, r.issuedOn, r.receivedOn])).toEqual(
      real.reporters.map((r) => [r.group, r.name, r.drafting, r.documentNumber, r.issuedOn, r.receivedOn]),
    );
    expect(m.reporters[0]).toMatchObject({ organisationCode: 'BTC', drafting: true });
    expect(m.reporters.filter((r) => r.group === 'locality').every((r) => r.regionCode !== null)).toBe(true);
    expect(m.nonReporters.map((r) => r.organisationCode).sort()).toEqual(
      real.nonReporters.map((r) => r.organisationCode).sort(),
    );
  });

  it('has the parts and headings of the real report, task by task in the outline order', () => {
    const m = draft.json.model;
    expect(m.report.partOne.sections.map((s) => [s.code, s.title])).toEqual(
      real.report.partOne.sections.map((s) => [s.code, s.title]),
    );
    const ours = listTasks(m);
    const theirs = listTasks(real);
    expect(ours.map((r) => [r.item.code, r.task.code])).toEqual(theirs.map((r) => [r.item.code, r.task.code]));
    ours.forEach((r, i) => {
      expect(overlap(r.item.heading, theirs[i].item.heading), r.item.code).toBeGreaterThanOrEqual(0.8);
      expect(!!r.task.subheading).toBe(!!theirs[i].task.subheading);
      if (r.task.subheading)
        expect(overlap(theirs[i].task.subheading!, r.task.subheading), r.task.code).toBeGreaterThanOrEqual(0.8);
      // MoF's synthesis is the report's own text, block for block.
      expect(r.task.synthesis.map((b) => b.kind)).toEqual(theirs[i].task.synthesis.map((b) => b.kind));
    });
    for (const p of ['partTwo', 'partThree'] as const) {
      expect(overlap(m.report[p].title, real.report[p].title)).toBeGreaterThanOrEqual(0.95);
      expect(m.report[p].sections).toHaveLength(real.report[p].sections.length);
      m.report[p].sections.forEach((s, i) => {
        expect(overlap(s.title, real.report[p].sections[i].title), s.title).toBeGreaterThanOrEqual(0.9);
      });
    }
    expect(m.letter.sections.map((s) => s.title)).toEqual(real.letter.sections.map((s) => s.title));
  });

  it('attributes each narrative to an accepted organisation with its document, and counts them on the task', () => {
    const m = draft.json.model;
    const byCode = new Map(m.reporters.map((r) => [r.organisationCode, r]));
    const tasks = listTasks(m);
    const a = tasks.find((r) => r.task.code === '1.3.a')!.task;
    expect(a.narratives.length).toBe(26);
    for (const { task } of tasks)
      for (const n of task.narratives) {
        const r = byCode.get(n.organisationCode);
        expect(r, n.organisationCode).toBeDefined();
        expect(n.documentNumber).toBe(r!.documentNumber);
        // MoF's synthesis already merges them: they are kept as source, not printed twice.
        expect(n.include).toBe(task.synthesis.length === 0);
      }
  });

  it('leaves the number and day blank, and lists what blocks acceptance', () => {
    const s = draft.json.model.settings;
    expect([s.number, s.day, s.month, s.year]).toEqual([null, null, 12, 2025]);
    expect(s.requestLetter).toEqual({ number: '17432/BTC-VCL', date: '2025-11-10' });
    const paths = draft.json.missing.map((x) => x.path);
    expect(paths).toContain('settings.number');
    expect(paths).toContain('settings.day');
    expect(paths).toContain('report.partTwo.sections.0');
  });
});

describe(`editing with If-Match and history (${TEST_ENGINE})`, () => {
  it('needs If-Match (428), refuses a stale one (412) and writes nothing', async () => {
    const before = await admin.get(url(cycle2025));
    const change = [{ kind: 'settings', settings: { number: '20208' } }];
    expect((await edit(admin, cycle2025, change)).status).toBe(428);
    expect((await edit(admin, cycle2025, change, `"report-draft-${cycle2025}-v99"`)).status).toBe(412);
    const after = await admin.get(url(cycle2025));
    expect(after.json.version).toBe(before.json.version);
    expect(after.json.model).toEqual(before.json.model);
  });

  it('names the field of an invalid edit, in both languages, and writes nothing', async () => {
    const cur = await admin.get(url(cycle2025));
    const bad = await edit(admin, cycle2025, [{ kind: 'settings', settings: { number: '20 208' } }], cur.etag);
    // The request schema refuses it before the service runs: 400 naming the field.
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].path).toBe('body.edits.0.settings.number');
    expect(bad.json.errors[0].messageVi).toBeTruthy();
    const day = await edit(admin, cycle2025, [{ kind: 'settings', settings: { day: 31, month: 11 } }], cur.etag);
    expect(day.status).toBe(422);
    expect(day.json.detailVi).toContain('không có ngày 31');
    const ref = await edit(
      admin,
      cycle2025,
      [{ kind: 'blocks', unit: 'report.partTwo.sections.2-1', blocks: [{ kind: 'table', tableId: 'no-such' }] }],
      cur.etag,
    );
    expect(ref.status).toBe(422);
    expect(ref.json.errors[0].path).toBe('body.edits.0.blocks.0.tableId');
    const unit = await edit(
      admin,
      cycle2025,
      [{ kind: 'blocks', unit: 'report.tasks.9.9.z.synthesis', blocks: [] }],
      cur.etag,
    );
    expect(unit.status).toBe(422);
    expect((await admin.get(url(cycle2025))).json.version).toBe(cur.json.version);
  });

  it('saves a section (NFC), bumps the ETag, records who changed what, and the DOCX prints it', async () => {
    const cur = await admin.get(url(cycle2025));
    const decomposed = 'Kết quả nổi bật năm 2025 do cán bộ soạn'.normalize('NFD');
    const res = await edit(
      admin,
      cycle2025,
      [
        {
          kind: 'blocks',
          unit: 'report.partTwo.sections.2-1',
          blocks: [
            {
              kind: 'paragraph',
              content: [
                { kind: 'text', text: decomposed, bold: false, italic: false },
                {
                  kind: 'footnote',
                  paragraphs: [[{ kind: 'text', text: 'Chú thích thử', bold: false, italic: false }]],
                },
              ],
            },
          ],
        },
      ],
      cur.etag,
    );
    expect(res.status).toBe(200);
    expect(res.etag).toBe(`"report-draft-${cycle2025}-v${cur.json.version + 1}"`);
    const section = res.json.model.report.partTwo.sections[0];
    expect(section.blocks[0].content[0].text).toBe('Kết quả nổi bật năm 2025 do cán bộ soạn'.normalize('NFC'));
    expect(res.json.units.find((u: { key: string }) => u.key === 'report.partTwo.sections.2-1')).toMatchObject({
      edited: true,
      updatedBy: expect.any(String),
    });
    const history = await admin.get(url(cycle2025, 'draft/history'));
    expect(history.status).toBe(200);
    expect(history.json.items[0]).toMatchObject({
      action: 'edit',
      unit: 'report.partTwo.sections.2-1',
      before: '',
      after: 'Kết quả nổi bật năm 2025 do cán bộ soạn',
    });
    expect(history.json.items[0].user).not.toBe('');
    expect(history.json.items.at(-1).action).toBe('create');
    expect((await viewer.get(url(cycle2025, 'draft/history'))).status).toBe(403);
    const docx = await admin.get(url(cycle2025, 'report.docx'));
    expect(docx.status).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const xml = await ooxmlPart(docx.raw, 'word/document.xml');
    expect(wordText(xml)).toContain('Kết quả nổi bật năm 2025 do cán bộ soạn');
  });

  it('lets a viewer read the published cycle’s draft and its parts, but not the zip', async () => {
    const d = await viewer.get(url(cycle2025));
    expect(d.status).toBe(200);
    expect(d.json.permissions).toEqual({ edit: false, exportZip: false, finalise: false });
    expect(d.json.pending).toEqual([]);
    expect((await viewer.get(url(cycle2025, 'appendix.docx'))).status).toBe(200);
    expect((await viewer.get(url(cycle2025, 'package.zip'))).status).toBe(403);
    expect((await edit(viewer, cycle2025, [{ kind: 'settings', settings: { number: '1' } }], d.etag)).status).toBe(403);
  });
});

describe(`accepting the draft as final keeps a numbered version (${TEST_ENGINE})`, () => {
  const raw = (path: string) => admin.get(url(cycle2025, path));

  it('refuses while the number, the day or a required section is missing, naming each', async () => {
    const cur = await admin.get(url(cycle2025));
    const r = await admin.post(url(cycle2025, 'draft/finalise'), {}, cur.etag);
    expect(r.status).toBe(422);
    const paths = r.json.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['settings.number', 'settings.day', 'report.partThree.sections.0']));
    expect((await admin.get(url(cycle2025, 'versions'))).json.items).toEqual([]);
  });

  it('accepts once complete, serves the same bytes as "the report as sent", and locks the draft', async () => {
    let cur = await admin.get(url(cycle2025));
    const filled = await edit(
      admin,
      cycle2025,
      [
        { kind: 'copyEditorial', from: { sample: 'res57-2025' } },
        { kind: 'settings', settings: { number: '20208', day: 26, month: 12 } },
      ],
      cur.etag,
    );
    expect(filled.status).toBe(200);
    expect(filled.json.missing).toEqual([]);
    cur = await admin.get(url(cycle2025));
    const fin = await admin.post(url(cycle2025, 'draft/finalise'), {}, cur.etag);
    expect(fin.status).toBe(200);
    expect(fin.json.status).toBe('final');
    expect(fin.json.versions).toHaveLength(1);
    expect(fin.json.versions[0]).toMatchObject({ number: 1, letterNumber: '20208/BTC-VCL' });
    const live = await raw('letter.docx');
    const kept = await raw('versions/1/letter.docx');
    expect(live.status).toBe(200);
    expect(kept.raw.equals(live.raw)).toBe(true);
    const sha = fin.json.versions[0].files.find((f: { file: string }) => f.file === 'letter.docx').sha256;
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(kept.raw).digest('hex')).toBe(sha);
    const xml = wordText(await ooxmlPart(kept.raw, 'word/document.xml'));
    expect(xml).toContain('Số: 20208/BTC-VCL');
    expect(xml).toContain('Hà Nội, ngày 26 tháng 12 năm 2025');
    const locked = await edit(admin, cycle2025, [{ kind: 'settings', settings: { day: 27 } }], fin.etag);
    expect(locked.status).toBe(409);
    expect(locked.json.code).toBe('draft_final');
  });

  it('reopens with a reason, and a second acceptance is version 2 while version 1 stays as sent', async () => {
    const v1 = await raw('versions/1/report.docx');
    let cur = await admin.get(url(cycle2025));
    expect((await admin.post(url(cycle2025, 'draft/reopen'), {}, cur.etag)).status).toBe(400);
    const reopened = await admin.post(url(cycle2025, 'draft/reopen'), { reason: 'Sửa ngày ký' }, cur.etag);
    expect(reopened.status).toBe(200);
    expect(reopened.json.status).toBe('draft');
    const edited = await edit(admin, cycle2025, [{ kind: 'settings', settings: { day: 29 } }], reopened.etag);
    expect(edited.status).toBe(200);
    cur = await admin.get(url(cycle2025));
    const fin = await admin.post(url(cycle2025, 'draft/finalise'), {}, cur.etag);
    expect(fin.status).toBe(200);
    expect(fin.json.versions.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    expect((await raw('versions/1/report.docx')).raw.equals(v1.raw)).toBe(true);
    expect(wordText(await ooxmlPart((await raw('letter.docx')).raw, 'word/document.xml'))).toContain(
      'ngày 29 tháng 12 năm 2025',
    );
    const history = (await admin.get(url(cycle2025, 'draft/history'))).json.items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(
      expect.arrayContaining(['finalise', 'reopen', 'edit', 'create']),
    );
    expect(history.find((h: { action: string }) => h.action === 'reopen').note).toBe('Sửa ngày ký');
  });

  it('gives the zip of a version to administrators only', async () => {
    const zip = await raw('versions/2/package.zip');
    expect(zip.status).toBe(200);
    expect(zip.headers['content-type']).toContain('application/zip');
    expect((await viewer.get(url(cycle2025, 'versions/2/package.zip'))).status).toBe(403);
    expect((await viewer.get(url(cycle2025, 'versions/2/appendix.pdf'))).status).toBe(200);
    expect((await admin.get(url(cycle2025, 'versions/7/letter.docx'))).status).toBe(404);
  });
});
