import { sql } from 'drizzle-orm';
import { loadDemoAccounts, loadOrganisations } from '../modules/access/access.seed';
import { loadGeoReference } from '../modules/geo/geo.seed';
import { loadGeoEnglish } from '../modules/geo/geo.english';
import { loadStatisticsEnglish, loadStatisticsReference } from '../modules/statistics/statistics.seed';
import { loadGovernanceReference } from '../modules/statistics/governance.seed';
import { loadDemoCycle, loadRes57Cycle2025, loadRes57Reference } from '../modules/reporting/reporting.seed';
import { loadReportingEnglish, loadReportingEnglishV2 } from '../modules/reporting/reporting.english';
import { loadPlansEnglish, loadPlansEnglishTexts } from '../modules/plans/plans.english';
import { loadPlansVietnameseTexts } from '../modules/plans/plans.vietnamese';
import { loadCouncilsEnglish } from '../modules/councils/councils.english';
import { loadPlansDemo, loadPlansReference } from '../modules/plans/plans.seed';
import { loadAnalyticsGroupings } from '../modules/analytics/saved.service';
import { runAs } from './actor';
import { loadCouncilsDemo, loadCouncilsReference } from '../modules/councils/councils.seed';
import type { Database, Db } from './client';
import { loadContributionDemo } from '../modules/statistics/contribution.seed';

/** One loadable data set. `demo` steps run only on demo installations. Keys are versioned: bump to reload. */
export interface SeedStep {
  key: string;
  demo: boolean;
  run: (tx: Db) => Promise<unknown>;
}

/** Every module's reference and demo data, in dependency order. One line per module. */
export const SEED_STEPS: SeedStep[] = [
  { key: 'geo-v1', demo: false, run: loadGeoReference },
  { key: 'organisations-v1', demo: false, run: loadOrganisations },
  { key: 'demo-accounts-v1', demo: true, run: loadDemoAccounts },
  { key: 'statistics-v1', demo: false, run: loadStatisticsReference },
  { key: 'res57-tasks-v1', demo: false, run: loadRes57Reference },
  { key: 'res57-cycle-2025-v1', demo: false, run: loadRes57Cycle2025 },
  { key: 'res57-cycle-2024-demo-v1', demo: true, run: (tx) => loadDemoCycle(tx) },
  { key: 'plans-v1', demo: false, run: loadPlansReference },
  { key: 'plans-demo-v1', demo: true, run: loadPlansDemo },
  { key: 'analytics-groupings-v1', demo: false, run: loadAnalyticsGroupings },
  { key: 'statistics-governance-v1', demo: false, run: loadGovernanceReference },
  { key: 'councils-v1', demo: false, run: loadCouncilsReference },
  { key: 'councils-demo-v1', demo: true, run: loadCouncilsDemo },
  { key: 'contribution-demo-v1', demo: true, run: loadContributionDemo },
  { key: 'statistics-english-v1', demo: false, run: loadStatisticsEnglish },
  { key: 'reporting-english-v1', demo: false, run: loadReportingEnglish },
  { key: 'plans-english-v1', demo: false, run: loadPlansEnglish },
  { key: 'councils-english-v1', demo: false, run: loadCouncilsEnglish },
  { key: 'plans-english-v2', demo: false, run: loadPlansEnglishTexts },
  { key: 'geo-english-v1', demo: false, run: loadGeoEnglish },
  { key: 'reporting-english-v2', demo: false, run: loadReportingEnglishV2 },
  { key: 'plans-vietnamese-v1', demo: false, run: loadPlansVietnameseTexts },
];

/**
 * Load each data set not yet loaded, each in one transaction with its bookkeeping row, under an advisory lock so two
 * servers starting together on one PostgreSQL do not both load it. Returns the keys loaded now.
 */
export async function loadReferenceData(
  database: Database,
  opts: { demo: boolean; log?: (msg: string) => void },
): Promise<string[]> {
  return runAs({ userId: null, organisationId: null, requestId: null, source: 'system' }, () =>
    loadSteps(database, opts),
  );
}

async function loadSteps(database: Database, opts: { demo: boolean; log?: (msg: string) => void }): Promise<string[]> {
  const loaded: string[] = [];
  for (const step of SEED_STEPS) {
    if (step.demo && !opts.demo) continue;
    const started = Date.now();
    const did = await database.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(72010)`);
      const done = (await tx.execute(sql`select 1 from reference_loads where key = ${step.key}`)) as unknown as {
        rows: unknown[];
      };
      if (done.rows.length > 0) return false;
      // Reference and demo data are not users' writes: the audit trail records the load (its reference_loads row),
      // not each of its rows (the boundaries alone are megabytes).
      await tx.execute(sql`select set_config('regionlink.audit', 'off', true)`);
      const detail = await step.run(tx as unknown as Db);
      await tx.execute(sql`select set_config('regionlink.audit', 'on', true)`);
      await tx.execute(
        sql`insert into reference_loads (key, detail) values (${step.key}, ${JSON.stringify(detail ?? null)})`,
      );
      return true;
    });
    if (did) {
      loaded.push(step.key);
      opts.log?.(`loaded ${step.key} in ${Date.now() - started} ms`);
    }
  }
  return loaded;
}
