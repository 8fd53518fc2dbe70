import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, type TestApp } from '../../../test/helpers';
import { type Client, client, etag, makeCycle, orgIds, taskIds } from './reporting.fixtures';

/**
 * Figure definitions edited with the cycle (the new/edit cycle form sends them in `PUT /cycles/{id}`): a figure added
 * to an open cycle reaches the reporter's submission, its value is kept with the definition's decimals, and MoF sees
 * it in the per-task entries (with the total) and in the national report's source.
 */

let t: TestApp;
let admin: Client;
let langson: Client;
let tasks: Record<string, number>;
let orgs: Record<string, number>;

beforeAll(async () => {
  t = await createTestApp();
  admin = client(t, await t.login('admin.mof'));
  langson = client(t, await t.login('reporter.langson'));
  tasks = await taskIds(t);
  orgs = await orgIds(t);
});
afterAll(async () => t?.close());

const ROAD = {
  key: 'expressway_km',
  labelVi: 'Số km đường cao tốc đưa vào khai thác',
  labelEn: 'Expressway opened',
  unitVi: 'km',
  unitEn: 'km',
  decimals: 1,
  appliesTo: 'locality' as const,
};

describe(`figure definitions edited with the cycle (${TEST_ENGINE})`, () => {
  it('a figure added to an open cycle is asked of the reporter, kept with its decimals, and seen by MoF', async () => {
    const c = await makeCycle(t, admin, { orgCodes: ['UBND-20', 'BXD'], taskCodes: ['1.1.a', '1.3.d'] });
    const started = await langson.post(`/api/v1/cycles/${c.id}/submissions`, {});
    expect(started.status).toBe(201);
    expect(started.json.tasks.find((x: { code: string }) => x.code === '1.3.d').figureDefs).toEqual([]);

    const input = (figures: unknown[]) => ({
      documentId: c.documentId,
      year: c.year,
      nameVi: c.nameVi,
      nameEn: c.nameEn,
      requestNumber: c.requestNumber,
      requestDate: c.requestDate,
      deadline: c.deadline,
      cutoff: c.cutoff,
      noteVi: null,
      sections: c.sections,
      expectedOrganisationIds: [orgs['UBND-20'], orgs.BXD],
      tasks: [
        { taskId: tasks['1.1.a'], figures: [] },
        { taskId: tasks['1.3.d'], figures },
      ],
    });
    // If-Match is required and checked: nothing is written without it or with a stale one.
    expect((await admin.put(`/api/v1/cycles/${c.id}`, input([ROAD]))).status).toBe(428);
    expect((await admin.put(`/api/v1/cycles/${c.id}`, input([ROAD]), etag('cycle', c.id, c.version - 1))).status).toBe(
      412,
    );
    expect((await langson.put(`/api/v1/cycles/${c.id}`, input([ROAD]), etag('cycle', c.id, c.version))).status).toBe(
      403,
    );
    const nfdLabel = { ...ROAD, labelVi: ROAD.labelVi.normalize('NFD') };
    const saved = await admin.put(`/api/v1/cycles/${c.id}`, input([nfdLabel]), etag('cycle', c.id, c.version));
    expect(saved.status).toBe(200);
    expect(saved.etag).toBe(etag('cycle', c.id, c.version + 1));
    const outline = saved.json.tasks.find((x: { code: string }) => x.code === '1.3.d');
    expect(outline.figures).toEqual([ROAD]);
    expect(outline.figures[0].labelVi).toBe(ROAD.labelVi.normalize('NFC'));

    // The reporter's draft now asks for it (a locality figure; the ministry's tasks do not).
    const sub = await langson.get(`/api/v1/submissions/${started.json.id}`);
    const t13d = sub.json.tasks.find((x: { code: string }) => x.code === '1.3.d');
    expect(t13d.figureDefs).toEqual([ROAD]);
    const put = await langson.put(
      `/api/v1/submissions/${sub.json.id}`,
      {
        docNumber: '812/BC-UBND',
        docDate: '2026-11-20',
        tasks: sub.json.tasks.map((x: { taskId: number; code: string }) => ({
          taskId: x.taskId,
          status: 'in_progress',
          narrativeHtml: `<p>Kết quả ${x.code}</p>`,
          ...(x.code === '1.3.d' ? { figures: { expressway_km: 12.345 } } : {}),
        })),
      },
      sub.etag,
    );
    expect(put.status).toBe(200);
    expect(put.json.tasks.find((x: { code: string }) => x.code === '1.3.d').figures).toEqual({ expressway_km: 12.3 });
    const sent = await langson.post(`/api/v1/submissions/${sub.json.id}/submit`, {}, put.etag);
    expect(sent.status).toBe(200);

    // MoF reads the value task by task, with the total, and in the report source once accepted.
    const entries = await admin.get(`/api/v1/cycles/${c.id}/tasks/${tasks['1.3.d']}/entries`);
    expect(entries.status).toBe(200);
    expect(entries.json.task.figures).toEqual([ROAD]);
    expect(entries.json.entries).toEqual([
      expect.objectContaining({ orgCode: 'UBND-20', figures: { expressway_km: 12.3 } }),
    ]);
    expect(entries.json.figureTotals).toEqual([{ key: 'expressway_km', total: 12.3, count: 1 }]);
    // …and in the task's CSV export: one column per figure, the value, and the total row.
    const csv = await admin.get(`/api/v1/cycles/${c.id}/tasks/${tasks['1.3.d']}/entries.csv`);
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-type'])).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('Số km đường cao tốc đưa vào khai thác (km)');
    expect(lines[1]).toMatch(/^UBND-20,.*,812\/BC-UBND,20\/11\/2026,Đang thực hiện,12\.3,Kết quả 1\.3\.d$/);
    expect(lines[2]).toMatch(/^,Tổng \(1 báo cáo\),.*,12\.3,$/);
    expect((await langson.get(`/api/v1/cycles/${c.id}/tasks/${tasks['1.3.d']}/entries.csv`)).status).toBe(200);
    const acc = await admin.post(`/api/v1/submissions/${sub.json.id}/accept`, {}, sent.etag);
    expect(acc.status).toBe(200);
    const src = await admin.get(`/api/v1/cycles/${c.id}/report-source`);
    const srcTask = src.json.tasks.find((x: { code: string }) => x.code === '1.3.d');
    expect(srcTask.figures).toEqual([ROAD]);
    expect(srcTask.entries[0].figures).toEqual({ expressway_km: 12.3 });
  });

  it('refuses bad figure definitions naming the field, in Vietnamese and English', async () => {
    const c = await makeCycle(t, admin, { orgCodes: ['UBND-20'], taskCodes: ['1.3.a'], open: false });
    const put = (figures: unknown[]) =>
      admin.put(
        `/api/v1/cycles/${c.id}`,
        {
          documentId: c.documentId,
          year: c.year,
          nameVi: c.nameVi,
          nameEn: c.nameEn,
          expectedOrganisationIds: [orgs['UBND-20']],
          tasks: [{ taskId: tasks['1.3.a'], figures }],
        },
        etag('cycle', c.id, c.version),
      );
    const badKey = await put([{ ...ROAD, key: 'Số km' }]);
    expect(badKey.status).toBe(400);
    expect(badKey.json.errors[0]).toMatchObject({
      path: 'body.tasks.0.figures.0.key',
      messageVi: expect.stringContaining('Sai định dạng'),
    });
    const noLabel = await put([{ ...ROAD, labelEn: '  ' }]);
    expect(noLabel.status).toBe(400);
    expect(noLabel.json.errors[0].path).toBe('body.tasks.0.figures.0.labelEn');
    const twice = await put([ROAD, { ...ROAD, labelVi: 'Khác' }]);
    expect(twice.status).toBe(400);
    expect(twice.json.errors[0]).toMatchObject({
      path: 'body.tasks.0.figures.1.key',
      message: expect.stringContaining('used twice'),
      messageVi: expect.stringContaining('hai lần'),
    });
    const decimals = await put([{ ...ROAD, decimals: 7 }]);
    expect(decimals.status).toBe(400);
    expect(decimals.json.errors[0].path).toBe('body.tasks.0.figures.0.decimals');
    // Nothing was written by the refused edits.
    const now = await admin.get(`/api/v1/cycles/${c.id}`);
    expect(now.json.version).toBe(c.version);
    expect(now.json.tasks[0].figures).toEqual([]);
  });
});
