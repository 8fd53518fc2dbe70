import fs from 'node:fs';
import path from 'node:path';
import type {
  ContributableResponse,
  Contribution,
  ContributionSummary,
  ImportError,
  ImportResult,
} from '@regionlink/shared';
import { normaliseText } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import { recordAudit, type SessionUser } from '../access/access.service';
import type { CsvRecord } from './csv-stream';
import { type ContributionTarget, type ImportActor, importObservations } from './import.service';
import { type RawSql, rawSql } from './raw-sql';
import { invalidateSnapshot } from './snapshot';
import type { XlsxRecord } from './xlsx-read';

/**
 * Contributed releases (issue 15). A province's officer (for its own territory) or a ministry's (for the indicators
 * of its sector) uploads figures into a DRAFT release of a dataset they may contribute to: the same checks as an
 * import (all-or-nothing, rows and fields named in both languages) plus plausibility warnings against history, which
 * the contributor confirms when submitting. MoF or the dataset's owner then publishes it — the values become a new
 * release through the importer, with the usual "as published" history — or returns it with reasons.
 */

const DATA_DIR = path.join(import.meta.dirname, 'data');
interface Plausibility {
  jumpRatio: number;
  revisionRatio: number;
  unitFactor: number;
  totalTolerance: number;
  maxWarnings: number;
}
let plausibility: Plausibility | null = null;
const limits = (): Plausibility => {
  plausibility ??= JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'plausibility.json'), 'utf8')) as Plausibility;
  return plausibility;
};

interface DatasetRow {
  id: number;
  code: string;
  title_vi: string;
  title_en: string;
  access_level: 'public' | 'government' | 'restricted';
  owner_organisation_id: number | null;
}

const notFound = () =>
  new AppError(404, 'not_found', 'Contribution not found.', 'Không tìm thấy bản đóng góp số liệu.');

/** What the user's organisation may contribute to a dataset: null when nothing. */
async function rightsOn(
  db: Db,
  user: SessionUser,
  ds: DatasetRow,
): Promise<{ indicators: Set<string> | null; territory: string | null } | null> {
  if (user.role === 'viewer' || user.role === 'council') return null;
  const territory = user.organisation.kind === 'province' ? user.organisation.provinceCode : null;
  if (user.role === 'admin') return { indicators: null, territory: null };
  if (ds.owner_organisation_id === user.organisation.id) return { indicators: null, territory };
  const [c] = await rawSql(db).query<{ indicators: string[] | null }>(
    'select indicators from dataset_contributors where dataset_id = $1 and organisation_id = $2',
    [ds.id, user.organisation.id],
  );
  if (!c) return null;
  return { indicators: c.indicators ? new Set(c.indicators) : null, territory };
}

/** Datasets the user may contribute to, with what. */
export async function contributableDatasets(db: Db, user: SessionUser): Promise<ContributableResponse> {
  const rows = await rawSql(db).query<DatasetRow>(
    'select id, code, title_vi, title_en, access_level, owner_organisation_id from datasets order by code',
  );
  const items: ContributableResponse['items'] = [];
  for (const ds of rows) {
    const r = await rightsOn(db, user, ds);
    if (!r || (user.role === 'admin' && ds.owner_organisation_id !== user.organisation.id)) continue;
    items.push({
      id: ds.id,
      code: ds.code,
      titleVi: ds.title_vi,
      titleEn: ds.title_en,
      accessLevel: ds.access_level,
      indicators: r.indicators ? [...r.indicators].sort() : null,
      territory: r.territory,
    });
  }
  return { items };
}

async function datasetByCode(db: Db, code: string): Promise<DatasetRow> {
  const [ds] = await rawSql(db).query<DatasetRow>(
    'select id, code, title_vi, title_en, access_level, owner_organisation_id from datasets where code = $1',
    [code],
  );
  if (!ds)
    throw new AppError(
      404,
      'dataset_not_found',
      `Dataset "${code}" does not exist.`,
      `Không có bộ dữ liệu "${code}".`,
      [{ path: 'query.dataset', message: 'unknown dataset', messageVi: 'không có bộ dữ liệu' }],
    );
  return ds;
}

export interface ContributeOptions {
  dataset: string;
  dryRun: boolean;
  at?: string;
  decimal?: 'dot' | 'comma';
  note?: string;
  fileName: string | null;
  fileType: 'csv' | 'xlsx';
  warnings: ImportError[];
}

/** Upload figures into a new draft release; returns the import's counts and the draft with its warnings. */
export async function contribute(
  db: Db,
  user: SessionUser,
  actor: ImportActor,
  records: AsyncIterable<(CsvRecord | XlsxRecord)[]>,
  opts: ContributeOptions,
): Promise<{ import: ImportResult; contribution: Contribution | null }> {
  const ds = await datasetByCode(db, opts.dataset);
  const rights = await rightsOn(db, user, ds);
  if (!rights)
    throw new AppError(
      403,
      'not_a_contributor',
      `Your organisation may not contribute to dataset "${ds.code}".`,
      `Cơ quan của bạn không được đóng góp số liệu cho bộ dữ liệu "${ds.code}".`,
    );
  const note = normaliseText(opts.note ?? '');
  let draftId = 0;
  const target: ContributionTarget = {
    indicators: rights.indicators,
    territory: rights.territory !== null,
    async save(tx, raw, counts) {
      const [d] = await raw.query<{ id: number }>(
        `insert into release_drafts (dataset_id, organisation_id, created_by, note, file_name, rows_in_file, added,
           changed, unchanged)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
        [
          ds.id,
          user.organisation.id,
          user.id,
          note,
          opts.fileName,
          counts.rowsRead,
          counts.added,
          counts.changed,
          counts.unchanged,
        ],
      );
      draftId = d.id;
      await raw.query(
        `insert into release_draft_values (draft_id, line, indicator_id, unit_code, geo_date, period, value, status,
           note, old_value)
         select $1, line, indicator_id, unit_code, geo_date, period, value, status, note, old_value from stat_stage_j`,
        [draftId],
      );
      const warnings = await plausibilityWarnings(raw, draftId);
      await raw.query(
        `update release_drafts set warnings = $2::jsonb,
           indicators = (select coalesce(array_agg(distinct i.code order by i.code), '{}') from release_draft_values v
                         join indicators i on i.id = v.indicator_id where v.draft_id = $1),
           periods = (select coalesce(array_agg(distinct period order by period), '{}') from release_draft_values
                      where draft_id = $1)
         where id = $1`,
        [draftId, JSON.stringify(warnings)],
      );
      await recordAudit(tx, {
        userId: user.id,
        action: 'contribution_uploaded',
        entity: 'release_draft',
        entityId: String(draftId),
        detail: { dataset: ds.code, rows: counts.rowsRead, warnings: warnings.length },
      });
    },
  };
  const result = await importObservations(db, actor, records, {
    dryRun: opts.dryRun,
    dataset: ds.code,
    at: opts.at,
    decimal: opts.decimal,
    note,
    fileName: opts.fileName,
    fileType: opts.fileType,
    warnings: opts.warnings,
    contribution: target,
  });
  if (opts.dryRun || draftId === 0) return { import: result, contribution: null };
  return { import: result, contribution: await getContribution(db, user, draftId) };
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Plausibility of a draft against history: jumps, unit slips, large revisions, communes against their province. */
async function plausibilityWarnings(raw: RawSql, draftId: number): Promise<ImportError[]> {
  const L = limits();
  const out: ImportError[] = [];
  const jumps = await raw.query<{
    line: number;
    code: string;
    unit_code: string;
    period: number;
    value: number;
    prev: number;
  }>(
    `select v.line, i.code, v.unit_code, v.period, v.value, p.value as prev
     from release_draft_values v join indicators i on i.id = v.indicator_id
     join lateral (
       select value from (
         select w.value, 0 as pref from release_draft_values w
          where w.draft_id = v.draft_id and w.indicator_id = v.indicator_id and w.unit_code = v.unit_code
            and w.geo_date = v.geo_date and w.period = v.period - 1
         union all
         select o.value, 1 from observations o
          where o.indicator_id = v.indicator_id and o.unit_code = v.unit_code and o.geo_date = v.geo_date
            and o.period = v.period - 1) x order by pref limit 1) p on true
     where v.draft_id = $1 and p.value <> 0 and abs(v.value - p.value) > $2 * abs(p.value)
     order by v.line`,
    [draftId, L.jumpRatio],
  );
  for (const j of jumps) {
    const ratio = Math.abs(j.value / j.prev);
    const unit = ratio >= L.unitFactor || ratio <= 1 / L.unitFactor;
    out.push({
      row: j.line,
      column: null,
      value: `${j.code} ${j.unit_code} ${j.period}: ${j.value}`,
      code: unit ? 'unit_suspect' : 'jump',
      message: unit
        ? `${j.code}, unit ${j.unit_code}, ${j.period}: ${j.value} is ${ratio >= 1 ? Math.round(ratio) : `1/${Math.round(1 / ratio)}`} times the ${j.period - 1} value (${j.prev}); check the unit (thousands vs units?).`
        : `${j.code}, unit ${j.unit_code}, ${j.period}: ${j.value} differs from ${j.period - 1} (${j.prev}) by ${pct(Math.abs(j.value - j.prev) / Math.abs(j.prev))}, more than ${pct(L.jumpRatio)}.`,
      messageVi: unit
        ? `${j.code}, đơn vị ${j.unit_code}, năm ${j.period}: ${j.value} gấp ${ratio >= 1 ? Math.round(ratio) : `1/${Math.round(1 / ratio)}`} lần giá trị năm ${j.period - 1} (${j.prev}); hãy kiểm tra đơn vị tính (nghìn hay đơn vị?).`
        : `${j.code}, đơn vị ${j.unit_code}, năm ${j.period}: ${j.value} chênh ${pct(Math.abs(j.value - j.prev) / Math.abs(j.prev))} so với năm ${j.period - 1} (${j.prev}), vượt ngưỡng ${pct(L.jumpRatio)}.`,
    });
  }
  const revisions = await raw.query<{
    line: number;
    code: string;
    unit_code: string;
    period: number;
    value: number;
    old: number;
  }>(
    `select v.line, i.code, v.unit_code, v.period, v.value, v.old_value as old
     from release_draft_values v join indicators i on i.id = v.indicator_id
     where v.draft_id = $1 and v.old_value is not null and v.old_value <> 0
       and abs(v.value - v.old_value) > $2 * abs(v.old_value) order by v.line`,
    [draftId, L.revisionRatio],
  );
  for (const r of revisions)
    out.push({
      row: r.line,
      column: null,
      value: `${r.code} ${r.unit_code} ${r.period}: ${r.old} → ${r.value}`,
      code: 'large_revision',
      message: `${r.code}, unit ${r.unit_code}, ${r.period}: replaces the published ${r.old} with ${r.value} (${pct(Math.abs(r.value - r.old) / Math.abs(r.old))}).`,
      messageVi: `${r.code}, đơn vị ${r.unit_code}, năm ${r.period}: thay giá trị đã công bố ${r.old} bằng ${r.value} (${pct(Math.abs(r.value - r.old) / Math.abs(r.old))}).`,
    });
  const totals = await raw.query<{
    code: string;
    province: string;
    period: number;
    s: number;
    n: number;
    total: number;
  }>(
    `with c as (
       select v.indicator_id, u.parent_code, u.parent_geo_date, v.period, sum(v.value) as s, count(*)::int as n
       from release_draft_values v
       join stat_units u on u.code = v.unit_code and u.geo_date = v.geo_date and u.level = 'commune'
       join indicators i on i.id = v.indicator_id and i.aggregation = 'sum'
       where v.draft_id = $1 group by 1, 2, 3, 4)
     select i.code, c.parent_code as province, c.period, c.s, c.n, coalesce(dp.value, o.value) as total
     from c join indicators i on i.id = c.indicator_id
     left join release_draft_values dp on dp.draft_id = $1 and dp.indicator_id = c.indicator_id
       and dp.unit_code = c.parent_code and dp.geo_date = c.parent_geo_date and dp.period = c.period
     left join observations o on o.indicator_id = c.indicator_id and o.unit_code = c.parent_code
       and o.geo_date = c.parent_geo_date and o.period = c.period
     where coalesce(dp.value, o.value) is not null and coalesce(dp.value, o.value) <> 0
       and abs(c.s - coalesce(dp.value, o.value)) > $2 * abs(coalesce(dp.value, o.value))`,
    [draftId, L.totalTolerance],
  );
  for (const t of totals)
    out.push({
      row: 0,
      column: null,
      value: `${t.code} ${t.province} ${t.period}: Σ ${t.s} ≠ ${t.total}`,
      code: 'total_mismatch',
      message: `${t.code}, ${t.period}: the ${t.n} communes given add up to ${t.s}, but province ${t.province}'s figure is ${t.total}.`,
      messageVi: `${t.code}, năm ${t.period}: ${t.n} xã, phường trong tệp cộng lại là ${t.s}, nhưng số liệu của tỉnh ${t.province} là ${t.total}.`,
    });
  return out.slice(0, L.maxWarnings);
}

interface DraftRow {
  id: number;
  dataset_id: number;
  ds_code: string;
  ds_title_vi: string;
  ds_title_en: string;
  ds_owner: number | null;
  organisation_id: number;
  org_code: string;
  org_name: string;
  org_name_en: string;
  created_by_name: string;
  status: ContributionSummary['status'];
  note: string;
  review_note: string;
  file_name: string | null;
  rows_in_file: number;
  added: number;
  changed: number;
  unchanged: number;
  indicators: string[];
  periods: number[];
  warnings: ImportError[];
  warnings_confirmed: boolean;
  release_id: number | null;
  version: number;
  created_at: string;
  submitted_at: string | null;
  decided_at: string | null;
  decided_by_name: string | null;
}

const DRAFT_SELECT = `select r.*, d.code as ds_code, d.title_vi as ds_title_vi, d.title_en as ds_title_en,
    d.owner_organisation_id as ds_owner, o.code as org_code, o.name_vi as org_name, o.name_en as org_name_en,
    cu.username as created_by_name, du.username as decided_by_name
  from release_drafts r join datasets d on d.id = r.dataset_id join organisations o on o.id = r.organisation_id
  join users cu on cu.id = r.created_by left join users du on du.id = r.decided_by`;

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

/** May the user review (publish or return) contributions to a dataset owned by `owner`? MoF, or the owner. */
const canReview = (u: SessionUser, owner: number | null) =>
  u.role === 'admin' || (u.role !== 'viewer' && owner !== null && owner === u.organisation.id);

function toSummary(r: DraftRow, u: SessionUser): ContributionSummary {
  return {
    id: r.id,
    dataset: { id: r.dataset_id, code: r.ds_code, titleVi: r.ds_title_vi, titleEn: r.ds_title_en },
    organisation: { id: r.organisation_id, code: r.org_code, nameVi: r.org_name, nameEn: r.org_name_en },
    createdBy: r.created_by_name,
    status: r.status,
    note: r.note,
    reviewNote: r.review_note,
    fileName: r.file_name,
    rowsInFile: r.rows_in_file,
    added: r.added,
    changed: r.changed,
    unchanged: r.unchanged,
    indicators: r.indicators,
    periods: r.periods,
    warningCount: r.warnings.length,
    warningsConfirmed: r.warnings_confirmed,
    releaseId: r.release_id,
    version: r.version,
    createdAt: iso(r.created_at) as string,
    submittedAt: iso(r.submitted_at),
    decidedAt: iso(r.decided_at),
    decidedBy: r.decided_by_name,
    can: {
      submit: r.status === 'draft' && u.role !== 'viewer' && u.organisation.id === r.organisation_id,
      review: r.status === 'submitted' && canReview(u, r.ds_owner),
    },
  };
}

/** Who sees a contribution: its organisation, the dataset's owner, MoF. */
const maysee = (u: SessionUser, r: DraftRow) =>
  u.role === 'admin' || u.organisation.id === r.organisation_id || u.organisation.id === r.ds_owner;

/** Contributions the user may see: their organisation's, those to datasets it owns; MoF: all. Newest first. */
export async function listContributions(db: Db, user: SessionUser): Promise<{ items: ContributionSummary[] }> {
  const rows = await rawSql(db).query<DraftRow>(`${DRAFT_SELECT} order by r.id desc`);
  return { items: rows.filter((r) => maysee(user, r)).map((r) => toSummary(r, user)) };
}

async function loadDraft(db: Db, user: SessionUser, id: number): Promise<DraftRow> {
  const [r] = await rawSql(db).query<DraftRow>(`${DRAFT_SELECT} where r.id = $1`, [id]);
  if (!r || !maysee(user, r)) throw notFound();
  return r;
}

/** One contribution with its warnings and its changes against the published values (first 500). */
export async function getContribution(db: Db, user: SessionUser, id: number): Promise<Contribution> {
  const r = await loadDraft(db, user, id);
  const changes = await rawSql(db).query<{
    code: string;
    unit_code: string;
    name_vi: string | null;
    geo_date: string;
    period: number;
    value: number;
    old_value: number | null;
    status: string;
  }>(
    `select i.code, v.unit_code, u.name_vi, to_char(v.geo_date, 'YYYY-MM-DD') as geo_date, v.period, v.value,
            v.old_value, v.status
     from release_draft_values v join indicators i on i.id = v.indicator_id
     left join stat_units u on u.code = v.unit_code and u.geo_date = v.geo_date
     where v.draft_id = $1 and (v.old_value is null or v.old_value <> v.value)
     order by v.line limit 500`,
    [id],
  );
  return {
    ...toSummary(r, user),
    warnings: r.warnings,
    changes: changes.map((c) => ({
      indicator: c.code,
      unitCode: c.unit_code,
      unitName: c.name_vi ?? c.unit_code,
      geoDate: c.geo_date,
      period: c.period,
      value: c.value,
      before: c.old_value,
      status: c.status,
    })),
  };
}

const stale = () =>
  new AppError(
    412,
    'stale',
    'The contribution changed since you loaded it; reload and try again.',
    'Bản đóng góp đã thay đổi kể từ khi bạn mở; hãy tải lại rồi thử lại.',
  );
const wrongState = (status: string, wanted: string) =>
  new AppError(
    409,
    'wrong_state',
    `The contribution is ${status}; this needs it to be ${wanted}.`,
    `Bản đóng góp đang ở trạng thái "${status}"; thao tác này cần trạng thái "${wanted}".`,
  );

/** Move a draft from one state to the next under If-Match; returns false when the version no longer matches. */
async function transition(
  db: Db,
  user: SessionUser,
  r: DraftRow,
  version: number,
  to: ContributionSummary['status'],
  set: Record<string, unknown>,
  action: string,
  detail: Record<string, unknown>,
) {
  if (r.version !== version) throw stale();
  const cols = Object.keys(set);
  await db.transaction(async (tx) => {
    const raw = rawSql(tx);
    const done = await raw.query<{ id: number }>(
      `update release_drafts set status = $3, version = version + 1
         ${cols.map((c, i) => `, ${c} = $${i + 5}`).join('')}
       where id = $1 and version = $2 and status = $4 returning id`,
      [r.id, version, to, r.status, ...Object.values(set)],
    );
    if (done.length === 0) throw stale();
    await recordAudit(tx, {
      userId: user.id,
      action,
      entity: 'release_draft',
      entityId: String(r.id),
      detail: { dataset: r.ds_code, from: r.status, to, ...detail },
    });
  });
}

/** The contributor submits a draft for review; warnings must be confirmed first. */
export async function submitContribution(
  db: Db,
  user: SessionUser,
  id: number,
  version: number,
  input: { confirmWarnings: boolean },
): Promise<Contribution> {
  const r = await loadDraft(db, user, id);
  if (user.organisation.id !== r.organisation_id || user.role === 'viewer')
    throw new AppError(
      403,
      'not_contributor',
      'Only the contributing organisation may submit.',
      'Chỉ cơ quan đóng góp mới được gửi.',
    );
  if (r.status !== 'draft') throw wrongState(r.status, 'draft');
  if (r.warnings.length > 0 && !input.confirmWarnings)
    throw new AppError(
      422,
      'warnings_unconfirmed',
      `Confirm the ${r.warnings.length} plausibility warning(s) before submitting.`,
      `Hãy xác nhận ${r.warnings.length} cảnh báo về tính hợp lý trước khi gửi.`,
      [{ path: 'body.confirmWarnings', message: 'must be true', messageVi: 'phải là true' }],
    );
  await transition(
    db,
    user,
    r,
    version,
    'submitted',
    { submitted_at: new Date().toISOString(), warnings_confirmed: r.warnings.length > 0 },
    'contribution_submitted',
    { warnings: r.warnings.length },
  );
  return getContribution(db, user, id);
}

function requireReviewer(user: SessionUser, r: DraftRow) {
  if (!canReview(user, r.ds_owner))
    throw new AppError(
      403,
      'not_reviewer',
      'Only MoF or the dataset’s owner may review a contribution.',
      'Chỉ Bộ Tài chính hoặc cơ quan sở hữu bộ dữ liệu được duyệt bản đóng góp.',
    );
  if (r.status !== 'submitted') throw wrongState(r.status, 'submitted');
}

/** The reviewer returns a submitted contribution with reasons (the contributor uploads a corrected one). */
export async function returnContribution(
  db: Db,
  user: SessionUser,
  id: number,
  version: number,
  input: { reasons: string },
): Promise<Contribution> {
  const r = await loadDraft(db, user, id);
  requireReviewer(user, r);
  const reasons = normaliseText(input.reasons);
  await transition(
    db,
    user,
    r,
    version,
    'returned',
    { review_note: reasons, decided_at: new Date().toISOString(), decided_by: user.id },
    'contribution_returned',
    { reasons },
  );
  return getContribution(db, user, id);
}

/**
 * Rows of a draft as import records (header first), so that publication goes through the importer's checks. Read
 * before the import starts: on PGlite (one connection) a read inside the import's transaction would wait for it.
 */
async function draftRecords(db: Db, id: number): Promise<AsyncIterable<CsvRecord[]>> {
  const rows = await rawSql(db).query<{
    line: number;
    code: string;
    unit_code: string;
    geo_date: string;
    period: number;
    value: number;
    status: string;
    note: string | null;
  }>(
    `select v.line, i.code, v.unit_code, to_char(v.geo_date, 'YYYY-MM-DD') as geo_date, v.period, v.value, v.status,
            v.note
     from release_draft_values v join indicators i on i.id = v.indicator_id where v.draft_id = $1 order by v.line`,
    [id],
  );
  const records: CsvRecord[] = [
    { row: 1, fields: ['indicator', 'unit_code', 'date', 'period', 'value', 'status', 'note'] },
    ...rows.map((r, i) => ({
      row: i + 2,
      fields: [r.code, r.unit_code, r.geo_date, String(r.period), String(r.value), r.status, r.note ?? ''],
    })),
  ];
  return (async function* () {
    yield records;
  })();
}

/**
 * Publish a submitted contribution: its values become a new release of the dataset through the importer (checked
 * again, all-or-nothing, "as published" history kept), attributed to the contributor and the reviewer.
 */
export async function publishContribution(
  db: Db,
  user: SessionUser,
  id: number,
  version: number,
  input: { note: string },
): Promise<Contribution> {
  const r = await loadDraft(db, user, id);
  requireReviewer(user, r);
  if (r.version !== version) throw stale();
  // Claim the draft (version + 1) so that a second reviewer's publication is refused while this one runs.
  const claimed = await rawSql(db).query<{ id: number }>(
    `update release_drafts set version = version + 1, decided_by = $3
     where id = $1 and version = $2 and status = 'submitted' returning id`,
    [id, version, user.id],
  );
  if (claimed.length === 0) throw stale();
  const note = normaliseText(input.note) || r.note;
  let result: ImportResult;
  const records = await draftRecords(db, id);
  try {
    result = await importObservations(
      db,
      {
        userId: user.id,
        label: `${r.created_by_name} (${r.org_code}) · duyệt: ${user.username}`,
        role: 'system',
        organisation: null,
      },
      records,
      { dryRun: false, dataset: r.ds_code, note, fileName: r.file_name, fileType: 'csv', skipGeographySync: true },
    );
  } catch (e) {
    await rawSql(db).query('update release_drafts set decided_by = null where id = $1', [id]);
    throw e;
  }
  await transition(
    db,
    user,
    { ...r, version: version + 1 },
    version + 1,
    'published',
    {
      release_id: result.releaseId,
      decided_at: new Date().toISOString(),
      decided_by: user.id,
      review_note: normaliseText(input.note),
    },
    'contribution_published',
    { release: result.releaseId, added: result.added, changed: result.changed },
  );
  invalidateSnapshot(db);
  return getContribution(db, user, id);
}
