import { execFileSync } from 'node:child_process';
import JSZip from 'jszip';
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
  startFilled,
  type TargetState,
} from '../reporting/reporting.fixtures';
import { type ApiClient, type ApiResponse, apiClient, pdfText } from './test-support';

/**
 * A user who may not see a submission cannot get its text through any export. Canaries are planted in submissions
 * that are not accepted (draft, submitted, returned) and in an accepted one of a locality outside the council's
 * region; then every export of the cycle's report (three DOCX, three PDF, the XLSX, the zip and the files inside it,
 * the draft, its history and versions) is opened with real readers for every persona and searched for them.
 */

const CANARY = {
  draft: 'CANARYDRAFT7F3A',
  submitted: 'CANARYSUBMITTED91BC',
  returned: 'CANARYRETURNED5D2E',
  acceptedHanoi: 'CANARYACCEPTEDHANOIC41D',
} as const;
const CONTROL = 'VISIBLELANGSON22';
const NEVER = [CANARY.draft, CANARY.submitted, CANARY.returned];

let t: TestApp;
let admin: Client;
const personas: Record<string, ApiClient> = {};
let cycleId: number;
let hanoi: { id: number; version: number };

const EXPORTS = [
  'draft',
  'draft/history',
  'versions',
  'letter.docx',
  'report.docx',
  'appendix.docx',
  'letter.pdf',
  'report.pdf',
  'appendix.pdf',
  'annex.xlsx',
  'package.zip',
];

/** All the text a response carries: JSON/problem bodies as they are, OOXML parts with tags removed, PDFs by pdftotext. */
async function textOf(data: Buffer, contentType: string): Promise<string> {
  if (contentType.includes('pdf')) return pdfText(data);
  if (contentType.includes('zip') || contentType.includes('openxmlformats')) {
    const zip = await JSZip.loadAsync(data);
    const parts: string[] = [];
    for (const [name, entry] of Object.entries(zip.files)) {
      if (entry.dir) continue;
      const bytes = await entry.async('nodebuffer');
      if (/\.(docx|xlsx)$/.test(name)) parts.push(await textOf(bytes, 'openxmlformats'));
      else if (name.endsWith('.pdf')) parts.push(pdfText(bytes));
      else parts.push(bytes.toString('utf8').replace(/<[^>]+>/g, ''));
    }
    return parts.join('\n');
  }
  return data.toString('utf8');
}

async function fill(reporter: Client, text: string, state: TargetState) {
  const s = await startFilled(reporter, cycleId, text);
  const saved = await reporter.put(
    `/api/v1/submissions/${s.id}`,
    { sections: { results: `<p>${text} kết quả</p>`, recommendations: `<p>${text} kiến nghị</p>` } },
    etag('submission', s.id, s.version),
  );
  if (saved.status !== 200) throw new Error(`sections: ${saved.status} ${saved.body}`);
  return driveTo(reporter, admin, saved.json, state);
}

async function exportsFor(name: string): Promise<{ path: string; res: ApiResponse; text: string }[]> {
  const out = [];
  for (const path of EXPORTS) {
    const res = await personas[name].get(`/api/v1/cycles/${cycleId}/report/${path}`);
    out.push({ path, res, text: await textOf(res.raw, String(res.headers['content-type'] ?? '')) });
  }
  return out;
}

beforeAll(async () => {
  t = await createTestApp();
  const adminCookie = await t.login('admin.mof');
  admin = client(t, adminCookie);
  personas.admin = apiClient(t.app, adminCookie);
  personas.viewer = apiClient(t.app, await t.login('viewer'));
  personas.council = apiClient(t.app, await t.login('council.nmm'));
  personas.reporter = apiClient(t.app, await t.login('reporter.langson'));
  personas.anonymous = apiClient(t.app, null);
  for (const [u, org] of [
    ['canary.hanoi', 'UBND-01'],
    ['canary.caobang', 'UBND-04'],
    ['canary.laocai', 'UBND-15'],
  ])
    await addUser(t, { username: u, role: 'reporter', orgCode: org });
  const c = await makeCycle(t, admin, {
    orgCodes: ['UBND-20', 'UBND-01', 'UBND-04', 'UBND-15', 'BXD'],
    taskCodes: ['1.1.a', '1.3.a'],
  });
  cycleId = c.id;
  await fill(client(t, await t.login('reporter.langson')), CONTROL, 'accepted');
  hanoi = await fill(client(t, await t.login('canary.hanoi')), CANARY.acceptedHanoi, 'accepted');
  await fill(client(t, await t.login('canary.caobang')), CANARY.draft, 'draft');
  await fill(client(t, await t.login('reporter.bxd')), CANARY.submitted, 'submitted');
  await fill(client(t, await t.login('canary.laocai')), CANARY.returned, 'returned');
  expect((await personas.admin.post(`/api/v1/cycles/${cycleId}/report/draft`, {})).status).toBe(201);
}, 240_000);
afterAll(async () => t?.close());

describe(`no export leaks a submission the caller may not see (${TEST_ENGINE})`, () => {
  it('gives administrators the accepted reports, and never a draft, submitted or returned one', async () => {
    const all = await exportsFor('admin');
    for (const { path, res, text } of all) {
      expect(res.status, path).toBe(200);
      for (const c of NEVER) expect(text.includes(c), `${path} contains ${c}`).toBe(false);
    }
    // The control: accepted text does reach the exports, so the search above can find what is there.
    for (const path of ['report.docx', 'report.pdf', 'annex.xlsx', 'package.zip'])
      expect(all.find((x) => x.path === path)!.text, path).toContain(CANARY.acceptedHanoi);
    expect(all.find((x) => x.path === 'report.pdf')!.text).toContain(CONTROL);
  }, 180_000);

  it('gives viewers, councils, reporters and anonymous callers nothing before publication', async () => {
    for (const name of ['viewer', 'council', 'reporter', 'anonymous']) {
      for (const { path, res, text } of await exportsFor(name)) {
        expect([401, 403], `${name} ${path}`).toContain(res.status);
        for (const c of [...NEVER, CANARY.acceptedHanoi, CONTROL])
          expect(text.includes(c), `${name} ${path}`).toBe(false);
      }
    }
  }, 120_000);

  it('leaves out a report reopened after the draft took it, before any re-sync', async () => {
    const sub = await admin.get(`/api/v1/submissions/${hanoi.id}`);
    expect(
      (await admin.post(`/api/v1/submissions/${hanoi.id}/unlock`, { reason: 'Kiểm tra lại' }, sub.etag)).status,
    ).toBe(200);
    for (const { path, res, text } of await exportsFor('admin')) {
      expect(res.status, path).toBe(200);
      // The stored draft keeps what staff synced (administrators may read a returned report); every file is rebuilt.
      if (path.startsWith('draft')) continue;
      expect(text.includes(CANARY.acceptedHanoi), `${path} still prints the reopened report`).toBe(false);
      for (const c of NEVER) expect(text.includes(c), path).toBe(false);
    }
  }, 180_000);

  it('after publication, gives viewers the accepted reports only; councils and reporters still nothing', async () => {
    await closeAndPublish(admin, cycleId);
    const viewer = await exportsFor('viewer');
    for (const { path, res, text } of viewer) {
      if (path === 'package.zip' || path === 'draft/history') expect(res.status, path).toBe(403);
      else expect(res.status, path).toBe(200);
      for (const c of [...NEVER, CANARY.acceptedHanoi])
        expect(text.includes(c), `viewer ${path} contains ${c}`).toBe(false);
    }
    expect(viewer.find((x) => x.path === 'report.pdf')!.text).toContain(CONTROL);
    for (const name of ['council', 'reporter'])
      for (const { path, res, text } of await exportsFor(name)) {
        expect(res.status, `${name} ${path}`).toBe(403);
        expect(text.includes(CONTROL)).toBe(false);
      }
  }, 180_000);
});

// pdftotext must exist: without it the PDF searches above would find nothing and prove nothing.
execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
