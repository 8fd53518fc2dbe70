import { eq } from 'drizzle-orm';
import type { CycleDetail, FigureDef, SubmissionDetail } from '@regionlink/shared';
import type { TestApp } from '../../../test/helpers';
import { DEMO_PASSWORD } from '../access/access.seed';
import { organisations, users } from '../access/access.schema';
import { hashPassword } from '../access/password';

/**
 * Factories for the reporting tests: real users in the real test database, cycles and submissions created and
 * driven through the HTTP API exactly as users would, so every test exercises the real services.
 */

/** A small but real PDF (one empty page). */
export function minimalPdf(text = 'RegionLink'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

let passwordHash: string | null = null;

/** Create an extra account (password `regionlink-demo`) in an organisation given by code. */
export async function addUser(t: TestApp, u: { username: string; role: string; orgCode: string }) {
  passwordHash ??= await hashPassword(DEMO_PASSWORD);
  const [org] = await t.database.db.select().from(organisations).where(eq(organisations.code, u.orgCode));
  if (!org) throw new Error(`no organisation ${u.orgCode}`);
  // The demo data may already hold the account (e.g. the contribution demo's reporter.caobang): reuse it only if it
  // is the same role in the same organisation.
  const [existing] = await t.database.db.select().from(users).where(eq(users.username, u.username));
  if (existing) {
    if (existing.role !== u.role || existing.organisationId !== org.id)
      throw new Error(`${u.username} exists with another role or organisation`);
    return;
  }
  await t.database.db.insert(users).values({
    username: u.username,
    displayName: `Người dùng thử ${u.username}`,
    role: u.role,
    organisationId: org.id,
    passwordHash,
  });
}

export interface Res {
  status: number;
  body: string;
  // Test responses are asserted field by field.
  json: any;
  etag: string | undefined;
  headers: Record<string, unknown>;
}

/** A small HTTP client over `inject` for one signed-in user (or anonymous when cookie is null). */
export function client(t: TestApp, cookie: string | null) {
  const call = async (
    method: string,
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Res> => {
    const res = await t.app.inject({
      method: method as 'GET',
      url,
      payload: payload as never,
      headers: { ...(cookie ? { cookie } : {}), ...headers },
    });
    let json: unknown = null;
    try {
      json = JSON.parse(res.body);
    } catch {
      json = null;
    }
    return {
      status: res.statusCode,
      body: res.body,
      json,
      etag: res.headers.etag as string | undefined,
      headers: res.headers as Record<string, unknown>,
    };
  };
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, body: unknown = {}, ifMatch?: string) =>
      call('POST', url, body, ifMatch ? { 'if-match': ifMatch } : {}),
    put: (url: string, body: unknown, ifMatch?: string) =>
      call('PUT', url, body, ifMatch ? { 'if-match': ifMatch } : {}),
    del: (url: string) => call('DELETE', url),
    upload: (url: string, filename: string, data: Buffer, contentType = 'application/octet-stream') => {
      const boundary = `----rl${Math.random().toString(16).slice(2)}`;
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
        ),
        data,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return call('POST', url, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    },
  };
}
export type Client = ReturnType<typeof client>;

export const etag = (kind: string, id: number, version: number) => `"${kind}-${id}-v${version}"`;

/** Organisation ids by code. */
export async function orgIds(t: TestApp): Promise<Record<string, number>> {
  const rows = await t.database.db.select({ id: organisations.id, code: organisations.code }).from(organisations);
  return Object.fromEntries(rows.map((r) => [r.code, r.id]));
}

/** Task ids of Resolution 57 by code. */
export async function taskIds(t: TestApp): Promise<Record<string, number>> {
  const rows = await t.database.query<{ id: number; code: string }>(
    `select t.id, t.code from policy_tasks t join policy_documents d on d.id = t.document_id where d.code = '57/NQ-CP'`,
  );
  return Object.fromEntries(rows.map((r) => [r.code, r.id]));
}

let yearCounter = 2030;

/** Create and open a cycle (as admin) for some organisations and tasks; returns the opened cycle. */
export async function makeCycle(
  t: TestApp,
  admin: Client,
  opts: {
    orgCodes: string[];
    taskCodes: string[];
    figures?: Record<string, FigureDef[]>;
    deadline?: string | null;
    open?: boolean;
  },
): Promise<CycleDetail> {
  const orgs = await orgIds(t);
  const tasks = await taskIds(t);
  const year = yearCounter++;
  const created = await admin.post('/api/v1/cycles', {
    documentId: 1,
    year,
    nameVi: `Kỳ thử nghiệm ${year}`,
    nameEn: `Test cycle ${year}`,
    requestNumber: `${year}/BTC-VCL`,
    requestDate: '2026-11-02',
    deadline: opts.deadline === undefined ? '2026-12-15' : opts.deadline,
    cutoff: '2026-12-31',
    expectedOrganisationIds: opts.orgCodes.map((c) => orgs[c]),
    tasks: opts.taskCodes.map((c) => ({ taskId: tasks[c], figures: opts.figures?.[c] ?? [] })),
  });
  if (created.status !== 201) throw new Error(`create cycle: ${created.status} ${created.body}`);
  if (opts.open === false) return created.json;
  const opened = await admin.post(`/api/v1/cycles/${created.json.id}/open`, {}, created.etag);
  if (opened.status !== 200) throw new Error(`open cycle: ${opened.status} ${opened.body}`);
  return opened.json;
}

/** Start the reporter's submission and fill every task, the document number and date; returns the saved draft. */
export async function startFilled(
  reporter: Client,
  cycleId: number,
  text = 'Kết quả thực hiện',
): Promise<SubmissionDetail> {
  const started = await reporter.post(`/api/v1/cycles/${cycleId}/submissions`, { copyFromPrevious: false });
  if (started.status !== 201) throw new Error(`start: ${started.status} ${started.body}`);
  const s = started.json as SubmissionDetail;
  const saved = await reporter.put(
    `/api/v1/submissions/${s.id}`,
    {
      docNumber: '101/BC-UBND',
      docDate: '2026-11-20',
      tasks: s.tasks.map((x) => ({ taskId: x.taskId, status: 'recurring', narrativeHtml: `<p>${text} ${x.code}</p>` })),
    },
    started.etag,
  );
  if (saved.status !== 200) throw new Error(`save: ${saved.status} ${saved.body}`);
  return saved.json;
}

export type TargetState = 'draft' | 'submitted' | 'returned' | 'accepted';

/** Drive a filled draft to a state through the API (reporter submits, admin returns or accepts). */
export async function driveTo(
  reporter: Client,
  admin: Client,
  s: SubmissionDetail,
  state: TargetState,
): Promise<SubmissionDetail> {
  if (state === 'draft') return s;
  const sub = await reporter.post(`/api/v1/submissions/${s.id}/submit`, {}, etag('submission', s.id, s.version));
  if (sub.status !== 200) throw new Error(`submit: ${sub.status} ${sub.body}`);
  if (state === 'submitted') return sub.json;
  const v = sub.json.version;
  const next =
    state === 'returned'
      ? await admin.post(
          `/api/v1/submissions/${s.id}/return`,
          { reason: 'Bổ sung số liệu' },
          etag('submission', s.id, v),
        )
      : await admin.post(`/api/v1/submissions/${s.id}/accept`, {}, etag('submission', s.id, v));
  if (next.status !== 200) throw new Error(`${state}: ${next.status} ${next.body}`);
  return next.json;
}

/** Close and publish a cycle (admin). */
export async function closeAndPublish(admin: Client, cycleId: number) {
  const c = await admin.get(`/api/v1/cycles/${cycleId}`);
  const closed = await admin.post(`/api/v1/cycles/${cycleId}/close`, {}, c.etag);
  if (closed.status !== 200) throw new Error(`close: ${closed.status} ${closed.body}`);
  const pub = await admin.post(`/api/v1/cycles/${cycleId}/publish`, { publicationRef: 'Thử nghiệm' }, closed.etag);
  if (pub.status !== 200) throw new Error(`publish: ${pub.status} ${pub.body}`);
  return pub.json as CycleDetail;
}

/** A digest of one submission's stored state (row, tasks, files, comments), to prove a refused write changed nothing. */
export async function submissionDigest(t: TestApp, id: number): Promise<string> {
  const rows = await t.database.query<{ d: string }>(
    `select md5(
       coalesce((select row_to_json(s)::text from submissions s where s.id = $1), '') ||
       coalesce((select string_agg(row_to_json(st)::text, '|' order by st.task_id) from submission_tasks st where st.submission_id = $1), '') ||
       coalesce((select string_agg(f.id || ':' || f.sha256, '|' order by f.id) from submission_files f where f.submission_id = $1), '') ||
       coalesce((select count(*)::text from task_comments c where c.submission_id = $1), '')
     ) as d`,
    [id],
  );
  return rows[0].d;
}
