import type { Response as InjectResponse } from 'light-my-request';
import type { TestApp } from '../../../test/helpers';
import { todayVn } from '../geo/geo.service';
import { createExtraAccounts } from '../plans/test-support';

/**
 * Test factories for the councils module: the personas of the permission matrix (the five demo accounts plus the
 * plans module's extra accounts: reporter.hanoi, council.rrd, viewer.langson) and builders that drive the real API
 * to put a meeting, a follow-up or a bottleneck in a given state. Used by tests only.
 */

export const PERSONAS = [
  'anonymous',
  'viewer',
  'viewer.langson',
  'council.nmm',
  'council.rrd',
  'reporter.langson',
  'reporter.hanoi',
  'reporter.bxd',
  'admin.mof',
] as const;
export type Persona = (typeof PERSONAS)[number];

export const NMM = 'hddp-2025-nmm';

export interface Api {
  call(
    persona: Persona,
    method: string,
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<InjectResponse>;
  cookie(persona: Persona): string | null;
}

/** Sign every persona in once; `call` sends a request as one of them. */
export async function personas(t: TestApp): Promise<Api> {
  await createExtraAccounts(t.database.db);
  const cookies = new Map<Persona, string | null>();
  for (const p of PERSONAS) cookies.set(p, p === 'anonymous' ? null : await t.login(p));
  return {
    cookie: (p) => cookies.get(p) ?? null,
    call(persona, method, url, payload, headers = {}) {
      const cookie = cookies.get(persona);
      return t.app.inject({
        method: method as 'GET',
        url,
        headers: { ...(cookie ? { cookie } : {}), ...headers },
        ...(payload !== undefined ? { payload: payload as object } : {}),
      });
    },
  };
}

let seq = 0;

/** A date `days` after today (scheduled meetings stay in the future whenever the tests run). */
export const daysFromToday = (days: number) =>
  new Date(Date.parse(`${todayVn()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A meeting of the NMM council through the API, as the Office: scheduled, or held with conclusions (draft). */
export async function meetingOf(
  api: Api,
  opts: { held?: boolean; conclusions?: boolean; title?: string; minutes?: string } = {},
) {
  const created = await api.call('admin.mof', 'POST', `/api/v1/councils/${NMM}/meetings`, {
    titleVi: opts.title ?? `Phiên họp kiểm thử ${++seq}`,
    heldOn: opts.held ? '2026-11-20' : daysFromToday(60),
    mode: 'online',
    chairVi: 'Phó Thủ tướng Chính phủ, Chủ tịch Hội đồng',
  });
  if (created.statusCode !== 201) throw new Error(`meeting: ${created.body}`);
  let m = created.json() as { id: number; version: number };
  const write = async (method: string, url: string, payload: unknown) => {
    const r = await api.call('admin.mof', method, url, payload, {
      'if-match': `"council-meeting-${m.id}-v${m.version}"`,
    });
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.body}`);
    m = r.json();
  };
  if (opts.held || opts.minutes)
    await write('PATCH', `/api/v1/council-meetings/${m.id}`, {
      ...(opts.held ? { status: 'held' } : {}),
      ...(opts.minutes ? { minutes: opts.minutes } : {}),
    });
  if (opts.conclusions)
    await write('PUT', `/api/v1/council-meetings/${m.id}/conclusions`, {
      items: [
        {
          textVi: 'Giao Ủy ban nhân dân tỉnh Lạng Sơn chủ trì hoàn thiện hồ sơ kiểm thử.',
          assignments: [
            { assigneeCode: 'UBND-20', partnerCodes: ['UBND-04'], dueOn: '2027-03-31', projectCode: 'RD2-01' },
          ],
        },
      ],
    });
  return m;
}

/** Issue the notice of a held meeting with conclusions; returns the follow-up ids it created. */
export async function issue(api: Api, m: { id: number; version: number }) {
  const r = await api.call(
    'admin.mof',
    'POST',
    `/api/v1/council-meetings/${m.id}/notice`,
    { number: `${900 + ++seq}/TB-BTC`, date: '2026-11-25', signerTitle: 'Thứ trưởng', signerName: 'Nguyễn Văn Minh' },
    { 'if-match': `"council-meeting-${m.id}-v${m.version}"` },
  );
  if (r.statusCode !== 200) throw new Error(`notice: ${r.body}`);
  const body = r.json() as { conclusions: { followUps: { id: number; version: number }[] }[] };
  return body.conclusions.flatMap((c) => c.followUps);
}

/** A follow-up assigned to Lạng Sơn, in `open` or moved on by the assignee to `reported`. */
export async function followUpOf(api: Api, state: 'open' | 'reported' = 'open') {
  const [f] = await issue(api, await meetingOf(api, { held: true, conclusions: true }));
  if (state === 'open') return f;
  const r = await api.call(
    'reporter.langson',
    'POST',
    `/api/v1/council-follow-ups/${f.id}/progress`,
    { note: 'Đã hoàn thành', claimsDone: true },
    { 'if-match': `"council-follow-up-${f.id}-v${f.version}"` },
  );
  if (r.statusCode !== 200) throw new Error(`progress: ${r.body}`);
  return r.json() as { id: number; version: number };
}

/** A bottleneck raised to the NMM council by Lạng Sơn on project RD2-01. */
export async function bottleneckOf(api: Api, title = `Vướng mắc kiểm thử ${++seq}`) {
  const r = await api.call('reporter.langson', 'POST', '/api/v1/council-bottlenecks', {
    councilCode: NMM,
    titleVi: title,
    descriptionVi: 'Mô tả vướng mắc kiểm thử.',
    subject: 'project',
    projectCode: 'RD2-01',
    field: 'land',
  });
  if (r.statusCode !== 201) throw new Error(`bottleneck: ${r.body}`);
  return r.json() as { id: number; version: number };
}
