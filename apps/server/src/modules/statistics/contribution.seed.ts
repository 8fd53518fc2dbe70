import path from 'node:path';
import type { CreateIndicatorInput, SharingAgreementInput } from '@regionlink/shared';
import { CreateIndicatorInput as IndicatorSchema } from '@regionlink/shared';
import type { Db } from '../../db/client';
import { loadMe, type SessionUser } from '../access/access.service';
import { DEMO_PASSWORD } from '../access/access.seed';
import { hashPassword } from '../access/password';
import { demoToday, readShiftedDemo } from '../reporting/demo-dates';
import { createIndicator } from './catalogue.service';
import { contribute, submitContribution } from './contribution.service';
import type { CsvRecord } from './csv-stream';
import { importObservations } from './import.service';
import { rawSql } from './raw-sql';
import { createAgreement, createRequest } from './sharing.service';
import { actorOf } from './upload';

/** Demo data of issue 15 (`data/contribution-demo.json`): see its `_about`. */

interface DemoDataset {
  code: string;
  titleVi: string;
  titleEn: string;
  publisher: string;
  publisherEn: string;
  source: string;
  owner: string;
  level: 'public' | 'government' | 'restricted';
}
interface Demo {
  asOf: string;
  accounts: { username: string; role: string; org: string; displayName: string }[];
  contributedDataset: DemoDataset & { contributors: { org: string; indicators: string[] | null }[] };
  contribution: {
    username: string;
    dataset: string;
    note: string;
    fileName: string;
    confirmWarnings: boolean;
    rows: string[][];
  };
  restrictedDataset: DemoDataset & { readers: string[]; indicator: CreateIndicatorInput; rows: string[][] };
  agreements: SharingAgreementInput[];
  request: { username: string; dataset: string; purpose: string; wantedFrom: string; wantedTo: string };
}

/** The demo, its dates moved to the seed day `today` (`readShiftedDemo`: agreements and request, by whole weeks). */
export const contributionDemo = (today = demoToday()) =>
  readShiftedDemo<Demo>(path.join(import.meta.dirname, 'data', 'contribution-demo.json'), today);

async function* records(rows: string[][]): AsyncIterable<CsvRecord[]> {
  yield rows.map((fields, i) => ({ row: i + 1, fields }));
}

/** A user as a signed-in session (for the demo's service calls). */
export async function sessionOf(db: Db, username: string): Promise<SessionUser> {
  const [u] = await rawSql(db).query<{ id: number }>('select id from users where username = $1', [username]);
  const me = u ? await loadMe(db, u.id) : null;
  if (!me) throw new Error(`demo: no user ${username}`);
  return { ...me, tokenHash: '', sessionId: 'seed' };
}

const orgId = async (db: Db, code: string) => {
  const [o] = await rawSql(db).query<{ id: number }>('select id from organisations where code = $1', [code]);
  if (!o) throw new Error(`demo: no organisation ${code}`);
  return o.id;
};

/** Create an (empty) dataset with its owner and level. */
async function createDataset(db: Db, d: DemoDataset): Promise<number> {
  const [row] = await rawSql(db).query<{ id: number }>(
    `insert into datasets (code, title_vi, title_en, publisher, publisher_en, original_source, owner_organisation_id,
       access_level)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [d.code, d.titleVi, d.titleEn, d.publisher, d.publisherEn, d.source, await orgId(db, d.owner), d.level],
  );
  return row.id;
}

export async function loadContributionDemo(tx: Db, today = demoToday()) {
  const demo = contributionDemo(today);
  const raw = rawSql(tx);
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const a of demo.accounts)
    await raw.query(
      `insert into users (username, display_name, role, organisation_id, password_hash) values ($1, $2, $3, $4, $5)`,
      [a.username, a.displayName, a.role, await orgId(tx, a.org), hash],
    );
  const cd = demo.contributedDataset;
  const cdId = await createDataset(tx, cd);
  for (const c of cd.contributors)
    await raw.query('insert into dataset_contributors (dataset_id, organisation_id, indicators) values ($1, $2, $3)', [
      cdId,
      await orgId(tx, c.org),
      c.indicators,
    ]);

  const rd = demo.restrictedDataset;
  await createIndicator(tx, null, IndicatorSchema.parse(rd.indicator));
  const rdId = await createDataset(tx, rd);
  for (const code of rd.readers)
    await raw.query('insert into dataset_access_orgs (dataset_id, organisation_id) values ($1, $2)', [
      rdId,
      await orgId(tx, code),
    ]);
  await importObservations(tx, { userId: null, label: 'seed', role: 'system', organisation: null }, records(rd.rows), {
    dryRun: false,
    dataset: rd.code,
    fileName: `${rd.code}.csv`,
    fileType: 'csv',
    skipGeographySync: true,
  });

  const admin = await sessionOf(tx, 'admin.mof');
  for (const a of demo.agreements) await createAgreement(tx, admin, a);
  const rq = demo.request;
  await createRequest(tx, await sessionOf(tx, rq.username), rq);

  const c = demo.contribution;
  const contributor = await sessionOf(tx, c.username);
  const out = await contribute(tx, contributor, actorOf(contributor), records(c.rows), {
    dataset: c.dataset,
    dryRun: false,
    note: c.note,
    fileName: c.fileName,
    fileType: 'csv',
    warnings: [],
  });
  const draft = out.contribution;
  if (!draft) throw new Error('demo: the contribution was not saved');
  await submitContribution(tx, contributor, draft.id, draft.version, { confirmWarnings: c.confirmWarnings });
  return {
    today,
    shift: demo.shift,
    datasets: 2,
    agreements: demo.agreements.length,
    contribution: draft.id,
    warnings: draft.warningCount,
  };
}
