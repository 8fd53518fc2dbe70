import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, problemOf, type TestApp } from '../../../test/helpers';
import { collapse, pdfInfo, pdfText, wordText } from './test-support';

let t: TestApp;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['admin.mof', 'viewer', 'reporter.langson', 'council.nmm']) cookies[u] = await t.login(u);
});
afterAll(async () => {
  await t.close();
});

const get = (url: string, user?: string) =>
  t.app.inject({ method: 'GET', url, headers: user ? { cookie: cookies[user] } : {} });

describe('GET /api/v1/documents/samples', () => {
  it('needs a session (401) and MoF staff (403 for reporters and councils)', async () => {
    expect(problemOf(await get('/api/v1/documents/samples')).status).toBe(401);
    for (const u of ['reporter.langson', 'council.nmm']) {
      const p = problemOf(await get('/api/v1/documents/samples', u));
      expect(p.status).toBe(403);
      expect(p.type).toContain('application/problem+json');
      expect(p.body.detailVi).toContain('chỉ dành cho cán bộ Bộ Tài chính');
    }
  });

  it('summarises the 2025 package with counts computed from the appendix', async () => {
    const res = await get('/api/v1/documents/samples', 'viewer');
    expect(res.statusCode).toBe(200);
    const [pkg] = res.json().items;
    expect(pkg).toMatchObject({
      id: 'res57-2025',
      letterNumber: '20208/BTC-VCL',
      letterDateLine: 'Hà Nội, ngày 26 tháng 12 năm 2025',
      reporters: { ministries: 11, localities: 27 },
      footnotes: { letter: 3, report: 44 },
    });
    expect(pkg.tasks).toHaveLength(28);
    expect(pkg.completeness.find((c: { key: string }) => c.key === 'locality')).toMatchObject({
      expected: 34,
      received: 27,
    });
    expect(pkg.files.find((f: { file: string }) => f.file === 'package.zip')).toMatchObject({ adminOnly: true });
  });
});

describe('GET /api/v1/documents/samples/:id/:file', () => {
  it('refuses unknown packages and file names with a field error (400)', async () => {
    const bad = problemOf(await get('/api/v1/documents/samples/res57-2025/letter.exe', 'admin.mof'));
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('params.file');
    const unknown = problemOf(await get('/api/v1/documents/samples/res57-1999/letter.docx', 'admin.mof'));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('params.id');
  });

  it('gives the parts to MoF staff but the whole package only to admins', async () => {
    expect((await get('/api/v1/documents/samples/res57-2025/letter.docx')).statusCode).toBe(401);
    expect((await get('/api/v1/documents/samples/res57-2025/letter.docx', 'reporter.langson')).statusCode).toBe(403);
    const zip = problemOf(await get('/api/v1/documents/samples/res57-2025/package.zip', 'viewer'));
    expect(zip.status).toBe(403);
    expect(zip.body.detailVi).toContain('quản trị viên');
  });

  it('downloads the letter as DOCX with its official name, built with the boundaries of the database', async () => {
    const res = await get('/api/v1/documents/samples/res57-2025/report.docx', 'viewer');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toContain('2-Bao-cao_20208-BTC-VCL_2025.docx');
    const zip = await JSZip.loadAsync(res.rawPayload);
    const text = wordText(await zip.file('word/document.xml')!.async('string'));
    expect(text).toContain('Kèm theo công văn số 20208/BTC-VCL');
    expect(text).toContain('Hình 1. Các tỉnh, thành phố đã gửi báo cáo');
    // The map; the status chart is a drafting aid, off unless the drafter switches it on.
    expect(Object.keys(zip.files).filter((n) => n.startsWith('word/media/'))).toHaveLength(1);
  });

  it('downloads the appendix as PDF and the annex as XLSX', async () => {
    const pdf = await get('/api/v1/documents/samples/res57-2025/appendix.pdf', 'admin.mof');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdfInfo(pdf.rawPayload)['Page size']).toMatch(/A4/);
    expect(collapse(pdfText(pdf.rawPayload))).toContain('Sở Tài chính tỉnh Cà Mau');
    const xlsx = await get('/api/v1/documents/samples/res57-2025/annex.xlsx', 'admin.mof');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('downloads the whole package as a zip for an admin', async () => {
    const res = await get('/api/v1/documents/samples/res57-2025/package.zip', 'admin.mof');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const zip = await JSZip.loadAsync(res.rawPayload);
    expect(Object.keys(zip.files).filter((n) => /\.(docx|pdf|xlsx)$/.test(n))).toHaveLength(7);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(manifest.reporters).toEqual({ ministries: 11, localities: 27 });
  });
});
