import type { DataRequest, DatasetAccess, SharingAgreement, SharingAgreementInput } from '@regionlink/shared';
import { normaliseText, sortVi } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import { recordAudit, type SessionUser } from '../access/access.service';
import { todayVn } from '../geo/geo.service';
import { assertDatasetReadable, forgetVisibility } from './access-level';
import { invalidateCatalogue } from './catalogue.service';
import { rawSql } from './raw-sql';

/**
 * Access levels of datasets, the register of data-sharing agreements and the request workflow (issue 15). Grants
 * (from an agreement, or a granted request) are rows of `dataset_grants` with a period; the access predicate
 * (access-level.ts) reads them, so a grant takes effect on its first day and ends after its last without any job.
 */

const badField = (status: number, code: string, path: string, en: string, vi: string) =>
  new AppError(status, code, en, vi, [{ path, message: en, messageVi: vi }]);

async function orgIdsByCode(db: Db, codes: string[], path: string): Promise<Map<string, number>> {
  const rows = await rawSql(db).query<{ id: number; code: string }>(
    'select id, code from organisations where code = any($1::text[])',
    [codes],
  );
  const by = new Map(rows.map((r) => [r.code, r.id]));
  codes.forEach((c, i) => {
    if (!by.has(c))
      throw badField(
        422,
        'unknown_organisation',
        `${path}.${i}`,
        `No organisation "${c}".`,
        `Không có cơ quan "${c}".`,
      );
  });
  return by;
}

interface DatasetRow {
  id: number;
  code: string;
  title_vi: string;
  access_level: DatasetAccess['level'];
  owner_organisation_id: number | null;
  owner: string | null;
  version: number;
}
async function datasetRow(db: Db, where: string, arg: number | string): Promise<DatasetRow | undefined> {
  const [d] = await rawSql(db).query<DatasetRow>(
    `select d.id, d.code, d.title_vi, d.access_level, d.owner_organisation_id, o.code as owner, d.version
     from datasets d left join organisations o on o.id = d.owner_organisation_id where ${where}`,
    [arg],
  );
  return d;
}

const mayManage = (u: SessionUser, d: DatasetRow) =>
  u.role === 'admin' || (u.role !== 'viewer' && d.owner_organisation_id === u.organisation.id);

/** A dataset's access level and named organisations (anyone who may read the dataset). */
export async function getDatasetAccess(db: Db, id: number): Promise<DatasetAccess> {
  await assertDatasetReadable(db, id);
  const d = await datasetRow(db, 'd.id = $1', id);
  if (!d) throw new AppError(404, 'not_found', 'Dataset not found.', 'Không tìm thấy bộ dữ liệu.');
  const orgs = await rawSql(db).query<{ code: string }>(
    `select o.code from dataset_access_orgs a join organisations o on o.id = a.organisation_id
     where a.dataset_id = $1 order by o.code`,
    [id],
  );
  return {
    datasetId: id,
    level: d.access_level,
    owner: d.owner,
    organisations: orgs.map((o) => o.code),
    version: d.version,
  };
}

/** Set a dataset's access level (MoF or the owner, If-Match). */
export async function setDatasetAccess(
  db: Db,
  user: SessionUser,
  id: number,
  version: number,
  input: { level: DatasetAccess['level']; organisations: string[] },
): Promise<DatasetAccess> {
  await assertDatasetReadable(db, id);
  const d = await datasetRow(db, 'd.id = $1', id);
  if (!d) throw new AppError(404, 'not_found', 'Dataset not found.', 'Không tìm thấy bộ dữ liệu.');
  if (!mayManage(user, d))
    throw new AppError(
      403,
      'not_owner',
      'Only MoF or the dataset’s owner may change its access level.',
      'Chỉ Bộ Tài chính hoặc cơ quan sở hữu được thay đổi mức truy cập của bộ dữ liệu.',
    );
  const orgs = await orgIdsByCode(db, input.organisations, 'body.organisations');
  if (input.level !== 'public') await refuseMixedLevels(db, id, input.level);
  await db.transaction(async (tx) => {
    const raw = rawSql(tx);
    const done = await raw.query(
      'update datasets set access_level = $3, version = version + 1 where id = $1 and version = $2 returning id',
      [id, version, input.level],
    );
    if (done.length === 0)
      throw new AppError(412, 'stale', 'The dataset changed; reload.', 'Bộ dữ liệu đã thay đổi; hãy tải lại.');
    await raw.query('delete from dataset_access_orgs where dataset_id = $1', [id]);
    for (const oid of orgs.values())
      await raw.query('insert into dataset_access_orgs (dataset_id, organisation_id) values ($1, $2)', [id, oid]);
    await recordAudit(tx, {
      userId: user.id,
      action: 'dataset_access_changed',
      entity: 'dataset',
      entityId: String(id),
      detail: { from: d.access_level, to: input.level, organisations: input.organisations },
    });
  });
  forgetVisibility();
  // What the public may read changed: drop the cached public answers here and, through cache-bus, on every server.
  invalidateCatalogue(db);
  return getDatasetAccess(db, id);
}

const RANK = { public: 0, government: 1, restricted: 2 } as const;

/**
 * The access level reaches observations through their indicators (access-level.ts): a dataset made more restrictive
 * than another dataset holding the same indicator would hide that indicator's figures everywhere. Refuse it, naming
 * the indicators and the datasets.
 */
async function refuseMixedLevels(db: Db, id: number, level: DatasetAccess['level']) {
  const shared = await rawSql(db).query<{ code: string; datasets: string[] }>(
    `select x.code, array_agg(distinct d.code order by d.code) as datasets
     from (select distinct unnest(indicators) as code from releases where dataset_id = $1) x
     join releases r on x.code = any(r.indicators) and r.dataset_id <> $1
     join datasets d on d.id = r.dataset_id
     where d.access_level = any($2::text[]) group by x.code order by x.code`,
    [id, Object.keys(RANK).filter((k) => RANK[k as keyof typeof RANK] < RANK[level])],
  );
  if (shared.length === 0) return;
  const list = shared.map((s) => `${s.code} (${s.datasets.join(', ')})`).join('; ');
  throw new AppError(
    409,
    'mixed_levels',
    `Indicators of this dataset are also published in less restricted datasets: ${list}. Their figures would disappear from those datasets' readers; move them to a dataset of their own first.`,
    `Các chỉ tiêu của bộ dữ liệu này cũng có trong bộ dữ liệu ít hạn chế hơn: ${list}. Số liệu của các chỉ tiêu đó sẽ bị ẩn với người dùng các bộ dữ liệu kia; hãy tách chúng sang bộ dữ liệu riêng trước.`,
  );
}

// --- Agreements ---

const stateOf = (from: string, to: string, today: string): SharingAgreement['state'] =>
  today < from ? 'upcoming' : today > to ? 'expired' : 'in_force';

/** The register, as seen by the caller: MoF sees all; others the agreements their organisation is a party to. */
export async function listAgreements(db: Db, user: SessionUser): Promise<{ items: SharingAgreement[] }> {
  const raw = rawSql(db);
  const rows = await raw.query<{
    id: number;
    code: string;
    title_vi: string;
    title_en: string;
    legal_basis: string;
    document_ref: string;
    level: string;
    valid_from: string;
    valid_to: string;
  }>(
    `select id, code, title_vi, title_en, legal_basis, document_ref, level, to_char(valid_from, 'YYYY-MM-DD') as valid_from,
            to_char(valid_to, 'YYYY-MM-DD') as valid_to from sharing_agreements a
     where $1 or exists (select 1 from sharing_agreement_parties p where p.agreement_id = a.id and p.organisation_id = $2)
     order by valid_from desc, id desc`,
    [user.role === 'admin', user.organisation.id],
  );
  const parties = await raw.query<{ agreement_id: number; code: string; name_vi: string; name_en: string }>(
    `select p.agreement_id, o.code, o.name_vi, o.name_en from sharing_agreement_parties p
     join organisations o on o.id = p.organisation_id`,
  );
  const datasets = await raw.query<{ agreement_id: number; code: string; title_vi: string }>(
    `select s.agreement_id, d.code, d.title_vi from sharing_agreement_datasets s join datasets d on d.id = s.dataset_id
     order by d.code`,
  );
  const today = todayVn();
  return {
    items: rows.map((a) => ({
      id: a.id,
      code: a.code,
      titleVi: a.title_vi,
      titleEn: a.title_en,
      legalBasis: a.legal_basis,
      documentRef: a.document_ref,
      level: a.level,
      validFrom: a.valid_from,
      validTo: a.valid_to,
      state: stateOf(a.valid_from, a.valid_to, today),
      parties: sortVi(
        parties
          .filter((p) => p.agreement_id === a.id)
          .map((p) => ({ code: p.code, nameVi: p.name_vi, nameEn: p.name_en })),
        (p) => p.nameVi,
      ),
      datasets: datasets.filter((d) => d.agreement_id === a.id).map((d) => ({ code: d.code, titleVi: d.title_vi })),
    })),
  };
}

/**
 * Register an agreement (MoF): every party gains access to every listed dataset for the agreed period (a grant each,
 * audited); the owners of the datasets must be among the parties.
 */
export async function createAgreement(db: Db, user: SessionUser, input: SharingAgreementInput) {
  if (input.validFrom > input.validTo)
    throw badField(
      422,
      'bad_period',
      'body.validTo',
      'The agreement ends before it starts.',
      'Thỏa thuận kết thúc trước khi bắt đầu.',
    );
  const orgs = await orgIdsByCode(db, input.parties, 'body.parties');
  const ds: DatasetRow[] = [];
  for (const [i, code] of input.datasets.entries()) {
    const d = await datasetRow(db, 'd.code = $1', code);
    if (!d)
      throw badField(
        422,
        'unknown_dataset',
        `body.datasets.${i}`,
        `No dataset "${code}".`,
        `Không có bộ dữ liệu "${code}".`,
      );
    if (d.owner && !orgs.has(d.owner))
      throw badField(
        422,
        'owner_not_party',
        `body.datasets.${i}`,
        `The owner of "${code}" (${d.owner}) must be a party to the agreement.`,
        `Cơ quan sở hữu bộ dữ liệu "${code}" (${d.owner}) phải là một bên của thỏa thuận.`,
      );
    ds.push(d);
  }
  const id = await db.transaction(async (tx) => {
    const raw = rawSql(tx);
    const dup = await raw.query('select 1 from sharing_agreements where code = $1', [input.code]);
    if (dup.length)
      throw badField(
        409,
        'duplicate_code',
        'body.code',
        `Agreement ${input.code} exists.`,
        `Đã có thỏa thuận ${input.code}.`,
      );
    const [a] = await raw.query<{ id: number }>(
      `insert into sharing_agreements (code, title_vi, title_en, legal_basis, document_ref, level, valid_from, valid_to,
         created_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
      [
        input.code,
        normaliseText(input.titleVi),
        normaliseText(input.titleEn),
        normaliseText(input.legalBasis),
        normaliseText(input.documentRef),
        input.level,
        input.validFrom,
        input.validTo,
        user.id,
      ],
    );
    for (const oid of orgs.values())
      await raw.query('insert into sharing_agreement_parties (agreement_id, organisation_id) values ($1, $2)', [
        a.id,
        oid,
      ]);
    for (const d of ds) {
      await raw.query('insert into sharing_agreement_datasets (agreement_id, dataset_id) values ($1, $2)', [
        a.id,
        d.id,
      ]);
      for (const oid of orgs.values())
        if (oid !== d.owner_organisation_id)
          await raw.query(
            `insert into dataset_grants (dataset_id, organisation_id, valid_from, valid_to, agreement_id)
             values ($1, $2, $3, $4, $5)`,
            [d.id, oid, input.validFrom, input.validTo, a.id],
          );
    }
    await recordAudit(tx, {
      userId: user.id,
      action: 'sharing_agreement_registered',
      entity: 'sharing_agreement',
      entityId: String(a.id),
      detail: {
        code: input.code,
        parties: input.parties,
        datasets: input.datasets,
        from: input.validFrom,
        to: input.validTo,
      },
    });
    return a.id;
  });
  forgetVisibility();
  return (await listAgreements(db, user)).items.find((a) => a.id === id) as SharingAgreement;
}

// --- Requests ---

interface RequestRow {
  id: number;
  ds_code: string;
  ds_title: string;
  ds_title_en: string;
  ds_owner: string | null;
  owner_id: number | null;
  requester_org_id: number;
  req_code: string;
  req_name: string;
  req_name_en: string;
  requested_by: string;
  purpose: string;
  wanted_from: string;
  wanted_to: string;
  status: 'pending' | 'granted' | 'refused';
  decision_reason: string;
  decided_by: string | null;
  decided_at: string | null;
  granted_from: string | null;
  granted_to: string | null;
  version: number;
  created_at: string;
}
const REQUEST_SELECT = `select r.id, d.code as ds_code, d.title_vi as ds_title, d.title_en as ds_title_en, oo.code as ds_owner,
    d.owner_organisation_id as owner_id, r.requester_org_id, ro.code as req_code, ro.name_vi as req_name, ro.name_en as req_name_en,
    u.username as requested_by, r.purpose, to_char(r.wanted_from, 'YYYY-MM-DD') as wanted_from,
    to_char(r.wanted_to, 'YYYY-MM-DD') as wanted_to, r.status, r.decision_reason, du.username as decided_by,
    r.decided_at, to_char(r.granted_from, 'YYYY-MM-DD') as granted_from, to_char(r.granted_to, 'YYYY-MM-DD') as granted_to,
    r.version, r.created_at
  from data_requests r join datasets d on d.id = r.dataset_id left join organisations oo on oo.id = d.owner_organisation_id
  join organisations ro on ro.id = r.requester_org_id join users u on u.id = r.requested_by
  left join users du on du.id = r.decided_by`;

const mayDecide = (u: SessionUser, r: RequestRow) =>
  r.status === 'pending' && (u.role === 'admin' || (u.role !== 'viewer' && r.owner_id === u.organisation.id));
const seesRequest = (u: SessionUser, r: RequestRow) =>
  u.role === 'admin' || r.requester_org_id === u.organisation.id || r.owner_id === u.organisation.id;

function toRequest(r: RequestRow, u: SessionUser, today: string): DataRequest {
  return {
    id: r.id,
    dataset: { code: r.ds_code, titleVi: r.ds_title, titleEn: r.ds_title_en || r.ds_title, owner: r.ds_owner },
    requester: { code: r.req_code, nameVi: r.req_name, nameEn: r.req_name_en },
    requestedBy: r.requested_by,
    purpose: r.purpose,
    wantedFrom: r.wanted_from,
    wantedTo: r.wanted_to,
    status: r.status === 'granted' && r.granted_to !== null && r.granted_to < today ? 'expired' : r.status,
    decisionReason: r.decision_reason,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at === null ? null : new Date(r.decided_at).toISOString(),
    grantedFrom: r.granted_from,
    grantedTo: r.granted_to,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    can: { decide: mayDecide(u, r) },
  };
}

/** Requests visible to both sides: those the caller's organisation made, and those addressed to it (MoF: all). */
export async function listRequests(db: Db, user: SessionUser): Promise<{ items: DataRequest[] }> {
  const rows = await rawSql(db).query<RequestRow>(`${REQUEST_SELECT} order by r.id desc`);
  const today = todayVn();
  return { items: rows.filter((r) => seesRequest(user, r)).map((r) => toRequest(r, user, today)) };
}

async function requestRow(db: Db, user: SessionUser, id: number): Promise<RequestRow> {
  const [r] = await rawSql(db).query<RequestRow>(`${REQUEST_SELECT} where r.id = $1`, [id]);
  if (!r || !seesRequest(user, r))
    throw new AppError(404, 'not_found', 'Request not found.', 'Không tìm thấy yêu cầu.');
  return r;
}

/** A province (or ministry) asks for a dataset it cannot read. */
export async function createRequest(
  db: Db,
  user: SessionUser,
  input: { dataset: string; purpose: string; wantedFrom: string; wantedTo: string },
): Promise<DataRequest> {
  if (input.wantedFrom > input.wantedTo)
    throw badField(
      422,
      'bad_period',
      'body.wantedTo',
      'The period ends before it starts.',
      'Thời hạn kết thúc trước khi bắt đầu.',
    );
  const d = await datasetRow(db, 'd.code = $1', input.dataset);
  if (!d)
    throw badField(
      404,
      'unknown_dataset',
      'body.dataset',
      `No dataset "${input.dataset}".`,
      `Không có bộ dữ liệu "${input.dataset}".`,
    );
  if (d.owner_organisation_id === user.organisation.id)
    throw badField(
      422,
      'own_dataset',
      'body.dataset',
      'This is your own dataset.',
      'Đây là bộ dữ liệu của cơ quan bạn.',
    );
  const id = await db.transaction(async (tx) => {
    const [r] = await rawSql(tx).query<{ id: number }>(
      `insert into data_requests (dataset_id, requester_org_id, requested_by, purpose, wanted_from, wanted_to)
       values ($1, $2, $3, $4, $5, $6) returning id`,
      [d.id, user.organisation.id, user.id, normaliseText(input.purpose), input.wantedFrom, input.wantedTo],
    );
    await recordAudit(tx, {
      userId: user.id,
      action: 'data_request_made',
      entity: 'data_request',
      entityId: String(r.id),
      detail: { dataset: d.code, from: input.wantedFrom, to: input.wantedTo },
    });
    return r.id;
  });
  return toRequest(await requestRow(db, user, id), user, todayVn());
}

/** The owner (or MoF) grants a request for a period — the requester's organisation gains access — or refuses it. */
export async function decideRequest(
  db: Db,
  user: SessionUser,
  id: number,
  version: number,
  input: { decision: 'grant'; grantedFrom: string; grantedTo: string } | { decision: 'refuse'; reason: string },
): Promise<DataRequest> {
  const r = await requestRow(db, user, id);
  if (r.status !== 'pending')
    throw new AppError(
      409,
      'wrong_state',
      `The request is already ${r.status}.`,
      `Yêu cầu đã được xử lý (${r.status}).`,
    );
  if (!mayDecide(user, r))
    throw new AppError(
      403,
      'not_owner',
      'Only MoF or the dataset’s owner may decide on a request.',
      'Chỉ Bộ Tài chính hoặc cơ quan sở hữu bộ dữ liệu được quyết định yêu cầu.',
    );
  if (r.version !== version)
    throw new AppError(412, 'stale', 'The request changed; reload.', 'Yêu cầu đã thay đổi; hãy tải lại.');
  if (input.decision === 'grant' && input.grantedFrom > input.grantedTo)
    throw badField(
      422,
      'bad_period',
      'body.grantedTo',
      'The period ends before it starts.',
      'Thời hạn kết thúc trước khi bắt đầu.',
    );
  await db.transaction(async (tx) => {
    const raw = rawSql(tx);
    const grant = input.decision === 'grant';
    const done = await raw.query(
      `update data_requests set status = $3, decision_reason = $4, decided_by = $5, decided_at = now(),
         granted_from = $6, granted_to = $7, version = version + 1
       where id = $1 and version = $2 and status = 'pending' returning id`,
      [
        id,
        version,
        grant ? 'granted' : 'refused',
        grant ? '' : normaliseText(input.reason),
        user.id,
        grant ? input.grantedFrom : null,
        grant ? input.grantedTo : null,
      ],
    );
    if (done.length === 0)
      throw new AppError(412, 'stale', 'The request changed; reload.', 'Yêu cầu đã thay đổi; hãy tải lại.');
    if (grant)
      await raw.query(
        `insert into dataset_grants (dataset_id, organisation_id, valid_from, valid_to, request_id)
         select dataset_id, requester_org_id, $2, $3, id from data_requests where id = $1`,
        [id, input.grantedFrom, input.grantedTo],
      );
    await recordAudit(tx, {
      userId: user.id,
      action: grant ? 'data_request_granted' : 'data_request_refused',
      entity: 'data_request',
      entityId: String(id),
      detail: grant
        ? { dataset: r.ds_code, requester: r.req_code, from: input.grantedFrom, to: input.grantedTo }
        : { dataset: r.ds_code, requester: r.req_code, reason: input.reason },
    });
  });
  forgetVisibility();
  return toRequest(await requestRow(db, user, id), user, todayVn());
}
