import crypto from 'node:crypto';
import { REPORT_PACKAGE_STEPS, type ReportPackageFile, type UserJob } from '@regionlink/shared';
import JSZip from 'jszip';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { DEMO } from '../../../test/demo';
import { createTestApp, type TestApp } from '../../../test/helpers';
import { JOBS } from '../jobs/jobs.registry';
import { type JobContext, JobQueue } from '../jobs/queue';
import { type ReportPackageJobData, runPackageJob } from './report-package-job';
import { type ApiClient, apiClient, ooxmlPart } from './test-support';

/*
 * A cycle's whole package prepared as a background job (POST /api/v1/cycles/{id}/report/package-jobs → queue
 * `report-package`) on the engine under test, with the real queue (pg-boss) worked by a queue instance of the test and
 * LibreOffice (or pdfmake) rendering the PDFs: the job stores the same package as package.zip once per job, shows
 * its progress by step to its person, and refuses or fails with a message in both languages.
 */

let t: TestApp;
let admin: ApiClient;
let adminId: number;
let cycle2025: number;
let cycleDemo: number;
const queues: JobQueue[] = [];
const TOTAL = REPORT_PACKAGE_STEPS.length;

beforeAll(async () => {
  t = await createTestApp();
  admin = apiClient(t.app, await t.login('admin.mof'));
  const cycles = (await admin.get('/api/v1/cycles')).json.items as { id: number; year: number }[];
  cycle2025 = cycles.find((c) => c.year === 2025)!.id;
  cycleDemo = cycles.find((c) => c.year === DEMO.year)!.id;
  expect((await admin.post(`/api/v1/cycles/${cycle2025}/report/draft`)).status).toBe(201);
  [{ id: adminId }] = await q<{ id: number }>(`select id from users where username = 'admin.mof'`);
});
afterEach(async () => {
  for (const queue of queues.splice(0)) await queue.stop();
});
afterAll(async () => t?.close());

const q = <T>(sql: string, p: unknown[] = []) => t.database.query<T>(sql, p);
const jobsUrl = (cycle: number) => `/api/v1/cycles/${cycle}/report/package-jobs`;
const storedFor = async (jobId: string) =>
  (await q<{ n: number }>('select count(*)::int as n from report_files where job_id = $1', [jobId]))[0].n;

/** A queue instance working only the package queue (as a server would), polling often, retrying after 1 s. */
function packageQueue(wrap?: (run: () => Promise<unknown>, attempt: number) => Promise<unknown>) {
  const queue = new JobQueue(t.database, { pollingIntervalSeconds: 0.5, serverId: `package-test-${queues.length}` });
  queue.define<ReportPackageJobData>({
    ...JOBS.reportPackage,
    retryDelay: 1,
    run: (database, data, ctx) => {
      const run = () => runPackageJob(database, data, ctx);
      return wrap ? wrap(run, ctx.attempt) : run();
    },
  });
  queues.push(queue);
  return queue;
}

/** Poll the job through the API until it has finished, keeping every `done` seen on the way. */
async function follow(id: string, ms = 240_000): Promise<{ job: UserJob; seen: number[] }> {
  const end = Date.now() + ms;
  const seen: number[] = [];
  for (;;) {
    const job = (await admin.get(`/api/v1/jobs/${id}`)).json as UserJob;
    seen.push(job.done);
    if (job.state === 'completed' || job.state === 'failed') return { job, seen };
    if (Date.now() > end) throw new Error(`job ${id} still ${job.state}`);
    await new Promise((res) => setTimeout(res, 200));
  }
}

/** A job context recording the progress reported (what the queue gives a job, without a queue). */
function recordingContext(jobId: string = crypto.randomUUID()) {
  const progress: number[] = [];
  const ctx: JobContext = {
    jobId,
    attempt: 0,
    userId: adminId,
    progress: async (done) => {
      progress.push(done);
    },
  };
  return { ctx, progress };
}

describe(`report packages prepared in the background on ${TEST_ENGINE}`, () => {
  it('queues the package (202), stores it once with the draft version, and the stored zip opens', async () => {
    const started = Date.now();
    const res = await admin.post(jobsUrl(cycle2025));
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ kind: 'report-package', state: 'queued', done: 0 });
    await packageQueue().work();
    const { job, seen } = await follow(res.json.id);
    console.info(`report package ${TEST_ENGINE}: POST → ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(job, job.error ?? '').toMatchObject({ state: 'completed', done: TOTAL, total: TOTAL, attempts: 1 });
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const file = job.result as ReportPackageFile;
    const draft = (await admin.get(`/api/v1/cycles/${cycle2025}/report/draft`)).json;
    expect(file).toMatchObject({ cycleId: cycle2025, draftVersion: draft.version, draftStatus: 'draft' });
    expect(file.fileName).toMatch(/^Bo-ho-so_.*\.zip$/);
    const list = (await admin.get(`/api/v1/cycles/${cycle2025}/report/packages`)).json.items as ReportPackageFile[];
    expect(list[0]).toEqual(file);
    await expectPackage(file);
  });

  it('reports progress step by step, and a second run of the same job stores nothing and renders nothing', async () => {
    const { ctx, progress } = recordingContext();
    const first = await runPackageJob(t.database, { cycleId: cycle2025 }, ctx);
    expect(progress).toEqual(REPORT_PACKAGE_STEPS.map((_, i) => i + 1));
    const again = recordingContext(ctx.jobId);
    expect(await runPackageJob(t.database, { cycleId: cycle2025 }, again.ctx)).toEqual(first);
    expect(again.progress).toEqual([TOTAL]);
    expect(await storedFor(ctx.jobId)).toBe(1);
  });

  it('two attempts of one job at once store one package', async () => {
    const jobId = crypto.randomUUID();
    const [a, b] = await Promise.all([
      runPackageJob(t.database, { cycleId: cycle2025 }, recordingContext(jobId).ctx),
      runPackageJob(t.database, { cycleId: cycle2025 }, recordingContext(jobId).ctx),
    ]);
    expect(a.id).toBe(b.id);
    expect(await storedFor(jobId)).toBe(1);
  });

  it('a retry after a crash between the commit and the job completing returns the stored package', async () => {
    const res = await admin.post(jobsUrl(cycle2025));
    await packageQueue(async (run, attempt) => {
      const out = await run();
      if (attempt === 0) throw new Error('the server died after the commit');
      return out;
    }).work();
    const { job } = await follow(res.json.id);
    expect(job).toMatchObject({ state: 'completed', attempts: 2 });
    expect(await storedFor(res.json.id)).toBe(1);
    const [run] = await q<{ n: number }>(
      `select count(*)::int as n from job_runs where job_id = $1 and state = 'completed'`,
      [res.json.id],
    );
    expect(run.n).toBe(1);
  });

  it('refuses who may not have it: anonymous 401, reporter, viewer and council 403', async () => {
    const callers = {
      anonymous: apiClient(t.app, null),
      reporter: apiClient(t.app, await t.login('reporter.langson')),
      viewer: apiClient(t.app, await t.login('viewer')),
      council: apiClient(t.app, await t.login('council.nmm')),
    };
    const [file] = (await admin.get(`/api/v1/cycles/${cycle2025}/report/packages`)).json.items;
    for (const [who, c] of Object.entries(callers)) {
      const want = who === 'anonymous' ? 401 : 403;
      expect((await c.post(jobsUrl(cycle2025))).status, who).toBe(want);
      expect((await c.get(`/api/v1/cycles/${cycle2025}/report/packages`)).status, who).toBe(want);
      expect((await c.get(`/api/v1/cycles/${cycle2025}/report/packages/${file.id}`)).status, who).toBe(want);
    }
  });

  it('says in both languages when the cycle does not exist (404) or has no draft yet (409)', async () => {
    const missing = await admin.post(jobsUrl(99999));
    expect(missing.status).toBe(404);
    const none = await admin.post(jobsUrl(cycleDemo));
    expect(none.status).toBe(409);
    expect(none.json).toMatchObject({ code: 'no_draft' });
    expect(none.json.detail).toContain('create the draft first');
    expect(none.json.detailVi).toContain('hãy tạo bản thảo trước');
    expect((await admin.get(`/api/v1/cycles/${cycle2025}/report/packages/99999`)).status).toBe(404);
  });

  it('a failed render is retried with back-off, then marks the job failed with its message; nothing stored', async () => {
    expect((await admin.post(`/api/v1/cycles/${cycleDemo}/report/draft`)).status).toBe(201);
    const res = await admin.post(jobsUrl(cycleDemo));
    expect(res.status).toBe(202);
    // A draft whose settings cannot be laid out: the render throws (a real failure, not a refusal).
    await q(`update report_drafts set model = jsonb_set(model, '{settings}', 'null') where cycle_id = $1`, [cycleDemo]);
    await packageQueue().work();
    const { job } = await follow(res.json.id);
    expect(job).toMatchObject({ state: 'failed', attempts: JOBS.reportPackage.retryLimit + 1 });
    const direct = await runPackageJob(t.database, { cycleId: cycleDemo }, recordingContext().ctx).catch((e) => e);
    expect(job.error).toBe(String(direct.message));
    expect(job.error).not.toBe('');
    expect(await storedFor(res.json.id)).toBe(0);
  });
});

/** The stored package as downloaded: a zip of the 3 DOCX (each a valid zip), 3 PDF, the annex and the manifest. */
async function expectPackage(file: ReportPackageFile) {
  const dl = await admin.get(`/api/v1/cycles/${cycle2025}/report/packages/${file.id}`);
  expect(dl.status).toBe(200);
  expect(dl.headers['content-type']).toBe('application/zip');
  expect(String(dl.headers['content-disposition'])).toContain(file.fileName);
  expect(dl.raw.length).toBe(file.bytes);
  expect(crypto.createHash('sha256').update(dl.raw).digest('hex')).toBe(file.sha256);
  const zip = await JSZip.loadAsync(dl.raw);
  const names = Object.keys(zip.files).sort();
  expect(names.filter((n) => n.endsWith('.docx'))).toHaveLength(3);
  expect(names.filter((n) => n.endsWith('.pdf'))).toHaveLength(3);
  expect(names.filter((n) => n.endsWith('.xlsx'))).toHaveLength(1);
  expect(names).toContain('manifest.json');
  for (const n of names.filter((x) => x.endsWith('.docx'))) {
    const docx = await zip.file(n)!.async('nodebuffer');
    expect(await ooxmlPart(docx, 'word/document.xml')).toContain('<w:body>');
  }
  for (const n of names.filter((x) => x.endsWith('.pdf')))
    expect((await zip.file(n)!.async('nodebuffer')).subarray(0, 5).toString()).toBe('%PDF-');
}
