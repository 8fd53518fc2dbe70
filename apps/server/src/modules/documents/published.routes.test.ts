import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { createTestApp, type TestApp } from '../../../test/helpers';
import { type ApiClient, apiClient, ooxmlPart, wordText } from './test-support';

/**
 * The published national reports, for anyone: the 2025 report as sent (reproduced from the published letter) until
 * a version is accepted as final in RegionLink, then that version byte for byte; nothing of an unpublished cycle.
 */

let t: TestApp;
let admin: ApiClient;
let anon: ApiClient;
let cycle2025: number;
let cycle2024: number;

beforeAll(async () => {
  t = await createTestApp();
  admin = apiClient(t.app, await t.login('admin.mof'));
  anon = apiClient(t.app, null);
  const cycles = (await admin.get('/api/v1/cycles')).json.items as { id: number; year: number }[];
  cycle2025 = cycles.find((c) => c.year === 2025)!.id;
  cycle2024 = cycles.find((c) => c.year === 2024)!.id;
});
afterAll(async () => t?.close());

type Listed = {
  cycleId: number;
  publicationRef: string | null;
  basis: string;
  version: number | null;
  files: { file: string; bytes: number | null }[];
};
const listed = async () => (await anon.get('/api/v1/published-reports')).json.items as Listed[];

describe(`published national reports, for anyone (${TEST_ENGINE})`, () => {
  it('lists the published 2025 report as sent, with its documents but not the working package, and not the open 2024 cycle', async () => {
    const items = await listed();
    expect(items.map((i) => i.cycleId)).toEqual([cycle2025]);
    expect(items[0]).toMatchObject({ year: 2025, basis: 'reference', version: null, demo: false });
    expect(items[0].publicationRef).toContain('20208/BTC-VCL');
    expect(items[0].files.map((f) => f.file).sort()).toEqual(
      ['annex.xlsx', 'appendix.docx', 'appendix.pdf', 'letter.docx', 'letter.pdf', 'report.docx', 'report.pdf'].sort(),
    );
  });

  it('serves the letter to someone not signed in, as the official document', async () => {
    const res = await anon.get(`/api/v1/published-reports/${cycle2025}/letter.docx`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('wordprocessingml');
    expect(wordText(await ooxmlPart(res.raw, 'word/document.xml'))).toContain('20208/BTC-VCL');
  });

  it('refuses an unpublished cycle (404 in both languages) and the package (400)', async () => {
    const res = await anon.get(`/api/v1/published-reports/${cycle2024}/report.docx`);
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ code: 'not_published' });
    expect(res.json.detailVi).toContain('chưa có báo cáo tổng hợp được công bố');
    expect((await anon.get(`/api/v1/published-reports/${cycle2025}/package.zip`)).status).toBe(400);
    expect((await anon.get('/api/v1/published-reports/999999/report.docx')).status).toBe(404);
  });

  it('once MoF accepts a version as final, serves that version byte for byte', async () => {
    const url = (rest: string) => `/api/v1/cycles/${cycle2025}/report/${rest}`;
    expect((await admin.post(url('draft'), {})).status).toBe(201);
    let cur = await admin.get(url('draft'));
    const filled = await admin.patch(
      url('draft'),
      {
        edits: [
          { kind: 'copyEditorial', from: { sample: 'res57-2025' } },
          { kind: 'settings', settings: { number: '20208', day: 26, month: 12 } },
        ],
      },
      cur.etag,
    );
    expect(filled.status).toBe(200);
    cur = await admin.get(url('draft'));
    expect((await admin.post(url('draft/finalise'), {}, cur.etag)).status).toBe(200);

    const [item] = await listed();
    expect(item).toMatchObject({ basis: 'version', version: 1 });
    const kept = await admin.get(url('versions/1/report.docx'));
    const pub = await anon.get(`/api/v1/published-reports/${cycle2025}/report.docx`);
    expect(pub.status).toBe(200);
    expect(pub.raw.equals(kept.raw)).toBe(true);
    expect(item.files.find((f) => f.file === 'report.docx')?.bytes).toBe(kept.raw.length);
    expect(createHash('sha256').update(pub.raw).digest('hex')).toBe(
      createHash('sha256').update(kept.raw).digest('hex'),
    );
  });
});
