import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers';

/** Issue 15: contribution → review → publication, and data requests with grants and expiry (both engines). */

let t: TestApp;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const u of [
    'admin.mof',
    'reporter.langson',
    'reporter.caobang',
    'reporter.thainguyen',
    'reporter.bxd',
    'viewer',
  ])
    cookies[u] = await t.login(u);
});
afterAll(async () => t?.close());

const DS = 'nmm-dong-gop-tinh';

async function upload(who: string, csv: string, query = '') {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/contributions?dataset=${DS}${query}`,
    headers: { cookie: cookies[who], 'content-type': 'text/csv' },
    payload: csv,
  });
}
const get = (who: string | null, url: string) =>
  t.app.inject({ method: 'GET', url, headers: who ? { cookie: cookies[who] } : {} });
const post = (who: string, url: string, body: unknown, etag?: string) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: cookies[who], ...(etag ? { 'if-match': etag } : {}) },
    payload: body as object,
  });

async function readValue(who: string | null, indicator: string, unit: string, period: number) {
  const r = await get(who, `/api/v1/data?indicator=${indicator}&unit=${unit}&period=${period}&level=province`);
  if (r.statusCode !== 200) return { status: r.statusCode, value: undefined };
  const row = r.json().rows.find((x: { unitCode: string }) => x.unitCode === unit);
  return { status: 200, value: row?.value ?? null };
}

describe('the demo', () => {
  it('has a contributed release awaiting review, with plausibility warnings the contributor confirmed', async () => {
    const list = (await get('admin.mof', '/api/v1/contributions')).json().items;
    const waiting = list.filter((c: { status: string }) => c.status === 'submitted');
    expect(waiting).toHaveLength(1);
    expect(waiting[0].organisation.code).toBe('UBND-20');
    // named in both languages, from the organisations' register
    expect(waiting[0].organisation.nameEn).toMatch(/Lang Son/);
    expect(waiting[0].organisation.nameVi).toMatch(/Lạng Sơn/);
    expect(waiting[0].can.review).toBe(true);
    const one = (await get('admin.mof', `/api/v1/contributions/${waiting[0].id}`)).json();
    expect(one.warningsConfirmed).toBe(true);
    expect(one.warnings.map((w: { code: string }) => w.code).sort()).toEqual(['jump', 'unit_suspect']);
    expect(one.warnings.find((w: { code: string }) => w.code === 'unit_suspect').messageVi).toMatch(/đơn vị tính/);
    expect(one.changes).toHaveLength(3);
  });
  it('shows a contribution to its organisation and the reviewer only', async () => {
    const [c] = (await get('admin.mof', '/api/v1/contributions')).json().items;
    expect((await get('reporter.langson', `/api/v1/contributions/${c.id}`)).statusCode).toBe(200);
    expect((await get('reporter.caobang', `/api/v1/contributions/${c.id}`)).statusCode).toBe(404);
    expect((await get(null, '/api/v1/contributions')).statusCode).toBe(401);
  });
});

describe('contribution → review → publication', () => {
  it('a province uploads into a draft; nothing public changes until MoF publishes; then the figure is public', async () => {
    expect((await readValue(null, 'population', '04', 2025)).value ?? null).toBeNull();
    const up = await upload(
      'reporter.caobang',
      'indicator,unit_code,period,value\npopulation,04,2025,561900\n',
      '&note=Ước tính 2025',
    );
    expect(up.statusCode).toBe(200);
    const draft = up.json().contribution;
    expect(draft.status).toBe('draft');
    expect(draft.added).toBe(1);
    expect(draft.warningCount).toBe(0);
    expect((await readValue(null, 'population', '04', 2025)).value ?? null).toBeNull();

    // MoF cannot publish a draft that was not submitted.
    const early = await post('admin.mof', `/api/v1/contributions/${draft.id}/publish`, {}, up.headers.etag as string);
    expect(early.statusCode).toBe(409);

    const sub = await post(
      'reporter.caobang',
      `/api/v1/contributions/${draft.id}/submit`,
      {},
      up.headers.etag as string,
    );
    expect(sub.statusCode).toBe(200);
    expect(sub.json().status).toBe('submitted');
    // Only the reviewer publishes; the contributor cannot.
    const self = await post(
      'reporter.caobang',
      `/api/v1/contributions/${draft.id}/publish`,
      {},
      sub.headers.etag as string,
    );
    expect(self.statusCode).toBe(403);
    // A stale If-Match changes nothing.
    const stale = await post('admin.mof', `/api/v1/contributions/${draft.id}/publish`, {}, up.headers.etag as string);
    expect(stale.statusCode).toBe(412);

    const pub = await post(
      'admin.mof',
      `/api/v1/contributions/${draft.id}/publish`,
      { note: 'Đã duyệt' },
      sub.headers.etag as string,
    );
    expect(pub.statusCode).toBe(200);
    expect(pub.json().status).toBe('published');
    expect(pub.json().releaseId).toBeGreaterThan(0);
    expect(await readValue(null, 'population', '04', 2025)).toEqual({ status: 200, value: 561900 });
    const releases = (await get(null, `/api/v1/datasets/${draft.dataset.id}/releases`)).json().items;
    expect(releases[0].id).toBe(pub.json().releaseId);
    expect(releases[0].importedBy).toMatch(/reporter\.caobang.*admin\.mof/);
    const [audit] = await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_log where action in ('contribution_uploaded', 'contribution_submitted',
         'contribution_published') and entity_id = $1`,
      [String(draft.id)],
    );
    expect(audit.n).toBe(3);
  });

  it('the reviewer returns a contribution with reasons; returned figures never become public', async () => {
    const up = await upload('reporter.thainguyen', 'indicator,unit_code,period,value\npopulation,19,2025,1702000\n');
    const id = up.json().contribution.id;
    const sub = await post('reporter.thainguyen', `/api/v1/contributions/${id}/submit`, {}, up.headers.etag as string);
    const noReason = await post('admin.mof', `/api/v1/contributions/${id}/return`, {}, sub.headers.etag as string);
    expect(noReason.statusCode).toBe(400);
    expect(JSON.stringify(noReason.json())).toContain('body.reasons');
    const ret = await post(
      'admin.mof',
      `/api/v1/contributions/${id}/return`,
      { reasons: 'Thiếu nguồn số liệu; đề nghị ghi rõ.' },
      sub.headers.etag as string,
    );
    expect(ret.statusCode).toBe(200);
    expect(ret.json().status).toBe('returned');
    expect((await get('reporter.thainguyen', `/api/v1/contributions/${id}`)).json().reviewNote).toMatch(/Thiếu nguồn/);
    expect((await readValue(null, 'population', '19', 2025)).value ?? null).toBeNull();
  });

  it('warnings must be confirmed before submitting', async () => {
    const up = await upload('reporter.thainguyen', 'indicator,unit_code,period,value\npopulation,19,2025,2900000\n');
    const c = up.json().contribution;
    expect(c.warningCount).toBe(1);
    const refused = await post(
      'reporter.thainguyen',
      `/api/v1/contributions/${c.id}/submit`,
      {},
      up.headers.etag as string,
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('warnings_unconfirmed');
    const ok = await post(
      'reporter.thainguyen',
      `/api/v1/contributions/${c.id}/submit`,
      { confirmWarnings: true },
      up.headers.etag as string,
    );
    expect(ok.statusCode).toBe(200);
  });

  it('a province contributes for its own territory only; a ministry for its sector only; all-or-nothing', async () => {
    const before = await t.database.query<{ n: number }>('select count(*)::int as n from release_drafts');
    const other = await upload(
      'reporter.caobang',
      'indicator,unit_code,period,value\npopulation,04,2025,561000\npopulation,20,2025,800000\n',
    );
    expect(other.statusCode).toBe(403);
    expect(other.json().errors[0]).toMatchObject({ row: 3, code: 'not_your_province' });
    const sector = await upload('reporter.bxd', 'indicator,unit_code,period,value\npopulation,20,2025,800000\n');
    expect(sector.statusCode).toBe(403);
    expect(sector.json().errors[0]).toMatchObject({ row: 2, code: 'not_your_sector' });
    expect(sector.json().errors[0].messageVi).toMatch(/không được cung cấp/);
    const bad = await upload('reporter.caobang', 'indicator,unit_code,period,value\npopulation,04,2025,abc\n');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ row: 2, column: 'value' });
    const after = await t.database.query<{ n: number }>('select count(*)::int as n from release_drafts');
    expect(after[0].n).toBe(before[0].n);
    const ok = await upload('reporter.bxd', 'indicator,unit_code,period,value\narea,20,2025,8310.2\n');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().contribution.organisation.code).toBe('BXD');
    const viewer = await upload('viewer', 'indicator,unit_code,period,value\narea,20,2025,8310.2\n');
    expect(viewer.statusCode).toBe(403);
  });
});

describe('sharing: requests, grants and expiry', () => {
  const RESTRICTED = 'capital_construction_arrears';

  it('the restricted dataset is readable by its agreement parties, not by others', async () => {
    expect((await readValue('reporter.langson', RESTRICTED, '20', 2024)).value).toBe(412.7);
    expect((await readValue('reporter.thainguyen', RESTRICTED, '20', 2024)).status).toBe(404);
    expect((await readValue(null, RESTRICTED, '20', 2024)).status).toBe(404);
    const agreements = (await get('reporter.langson', '/api/v1/sharing/agreements')).json().items;
    expect(agreements.map((a: { code: string; state: string }) => `${a.code}:${a.state}`)).toEqual([
      'TTCSDL-2025-01:in_force',
    ]);
    const all = (await get('admin.mof', '/api/v1/sharing/agreements')).json().items;
    expect(all.find((a: { code: string }) => a.code === 'TTCSDL-2024-02').state).toBe('expired');
  });

  it('a pending request is visible to both sides; granting gives access for the period, audited', async () => {
    const mine = (await get('reporter.thainguyen', '/api/v1/sharing/requests')).json().items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ status: 'pending', can: { decide: false } });
    const theirs = (await get('admin.mof', '/api/v1/sharing/requests')).json().items;
    expect(theirs[0]).toMatchObject({ id: mine[0].id, can: { decide: true } });
    expect(theirs[0].requester.nameEn).toMatch(/Thai Nguyen/);
    const agreements = (await get('admin.mof', '/api/v1/sharing/agreements')).json().items;
    const parties = agreements.flatMap((a: { parties: { nameVi: string; nameEn: string }[] }) => a.parties);
    expect(parties.length).toBeGreaterThan(1);
    for (const p of parties) expect(p.nameEn).not.toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
    expect((await get('reporter.caobang', '/api/v1/sharing/requests')).json().items).toHaveLength(0);
    const today = new Date().toISOString().slice(0, 10);
    const res = await post(
      'admin.mof',
      `/api/v1/sharing/requests/${mine[0].id}/decision`,
      { decision: 'grant', grantedFrom: '2025-01-01', grantedTo: '2099-12-31' },
      `"data-request-${mine[0].id}-v${mine[0].version}"`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('granted');
    expect(today <= '2099-12-31').toBe(true);
    expect((await readValue('reporter.thainguyen', RESTRICTED, '20', 2024)).value).toBe(412.7);
    const [a] = await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'data_request_granted' and entity_id = $1`,
      [String(mine[0].id)],
    );
    expect(a.n).toBe(1);
    const [trail] = await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_trail where table_name = 'dataset_grants' and operation = 'INSERT'`,
    );
    expect(trail.n).toBeGreaterThan(0);
  });

  it('a grant whose period has ended gives nothing and shows as expired; a refusal keeps its reasons', async () => {
    const r1 = await post('reporter.bxd', '/api/v1/sharing/requests', {
      dataset: 'btc-no-dong-xdcb',
      purpose: 'Đối chiếu số liệu',
      wantedFrom: '2024-01-01',
      wantedTo: '2024-12-31',
    });
    expect(r1.statusCode).toBe(201);
    const expired = await post(
      'admin.mof',
      `/api/v1/sharing/requests/${r1.json().id}/decision`,
      { decision: 'grant', grantedFrom: '2024-01-01', grantedTo: '2024-12-31' },
      r1.headers.etag as string,
    );
    expect(expired.json().status).toBe('expired');
    expect((await get('reporter.bxd', '/api/v1/sharing/requests')).json().items[0].status).toBe('expired');
    expect((await readValue('reporter.bxd', RESTRICTED, '20', 2024)).status).toBe(404);
    const r2 = await post('reporter.thainguyen', '/api/v1/sharing/requests', {
      dataset: 'btc-no-dong-xdcb',
      purpose: 'Gia hạn',
      wantedFrom: '2027-01-01',
      wantedTo: '2027-12-31',
    });
    const refused = await post(
      'admin.mof',
      `/api/v1/sharing/requests/${r2.json().id}/decision`,
      { decision: 'refuse', reason: 'Đã có quyền truy cập đến năm 2099.' },
      r2.headers.etag as string,
    );
    expect(refused.json()).toMatchObject({ status: 'refused', decisionReason: 'Đã có quyền truy cập đến năm 2099.' });
    const again = await post(
      'admin.mof',
      `/api/v1/sharing/requests/${r2.json().id}/decision`,
      { decision: 'grant', grantedFrom: '2027-01-01', grantedTo: '2027-12-31' },
      refused.headers.etag as string,
    );
    expect(again.statusCode).toBe(409);
  });

  it('a dataset cannot be made more restrictive than other datasets holding the same indicators', async () => {
    const acc = await get('admin.mof', `/api/v1/datasets/${await dsId('nmm-dong-gop-tinh')}/access`);
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/datasets/${acc.json().datasetId}/access`,
      headers: { cookie: cookies['admin.mof'], 'if-match': acc.headers.etag as string },
      payload: { level: 'restricted', organisations: ['UBND-20'] },
    });
    expect(put.statusCode).toBe(409);
    expect(put.json().code).toBe('mixed_levels');
    expect(put.json().detail).toMatch(/population/);
    expect((await readValue(null, 'population', '04', 2025)).value).toBe(561900);
    const own = await get('admin.mof', `/api/v1/datasets/${await dsId('btc-no-dong-xdcb')}/access`);
    const named = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/datasets/${own.json().datasetId}/access`,
      headers: { cookie: cookies['admin.mof'], 'if-match': own.headers.etag as string },
      payload: { level: 'restricted', organisations: ['BXD'] },
    });
    expect(named.statusCode).toBe(200);
    expect((await readValue('reporter.bxd', RESTRICTED, '20', 2024)).value).toBe(412.7);
    expect((await readValue('viewer', RESTRICTED, '20', 2024)).value).toBe(412.7);
  });
});

async function dsId(code: string): Promise<number> {
  const [d] = await t.database.query<{ id: number }>('select id from datasets where code = $1', [code]);
  return d.id;
}
