import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openPglite, openPostgres } from '../src/db/client';
import { runAs } from '../src/db/actor';
import { migrate } from '../src/db/migrate';
import { loadDemoAccounts, loadOrganisations } from '../src/modules/access/access.seed';
import { loadGeoReference } from '../src/modules/geo/geo.seed';
import { syncStatUnits } from '../src/modules/statistics/geography';
import { loadIndicatorCatalogue } from '../src/modules/statistics/statistics.seed';
import { TEST_ENGINE, TEST_PG_ADMIN_URL, pgUrl } from './engine';

/**
 * A migrated database with the geography, the organisations, the demo accounts and the indicator catalogue, but no
 * statistics (no dataset, release or observation): the "empty database" an exchange file is imported into.
 * Real PGlite or real PostgreSQL, like `createTestDatabase`; close it at the end (PostgreSQL drops it).
 */
export async function createEmptyStatisticsDatabase(): Promise<Database> {
  let database: Database;
  if (TEST_ENGINE === 'pglite') database = await openPglite(null);
  else {
    const name = `rl_test_${inject('pgRunId')}_empty_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    await admin.end();
    database = await openPostgres(pgUrl(name), 4);
    const close = database.close;
    database.close = async () => {
      await close();
      const a = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
      await a.connect();
      await a.query(`drop database if exists "${name}" with (force)`);
      await a.end();
    };
  }
  await migrate(database);
  await runAs({ userId: null, organisationId: null, requestId: null, source: 'system' }, () =>
    database.db.transaction(async (tx) => {
      await loadGeoReference(tx);
      await loadOrganisations(tx);
      await loadDemoAccounts(tx);
      await loadIndicatorCatalogue(tx);
      await syncStatUnits(tx);
    }),
  );
  return database;
}
