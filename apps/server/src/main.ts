import { readConfig } from './config';
import { openDatabase } from './db/client';
import { DataDirLockedError, lockDataDir } from './db/lock';
import { migrate } from './db/migrate';
import { loadReferenceData } from './db/seed';
import { buildApp } from './app';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './modules/access/access.seed';

/** Start the server: read config, lock the data folder (PGlite), open and migrate the database, load data, listen. */
async function main() {
  const t0 = Date.now();
  const config = readConfig();
  let release: (() => void) | null = null;
  if (!config.databaseUrl) {
    try {
      release = lockDataDir(config.dataDir);
    } catch (e) {
      if (e instanceof DataDirLockedError) {
        console.error(`\n✖ ${e.message}\n`);
        process.exit(3);
      }
      throw e;
    }
  }
  let database = await openDatabase(config);
  const applied = await migrate(database);
  if (applied.length) console.log(`migrations applied: ${applied.join(', ')}`);
  const loaded = await loadReferenceData(database, { demo: config.demo, log: (m) => console.log(m) });
  if (database.engine === 'pglite' && (applied.length || loaded.length)) {
    // Loading grew PGlite's WebAssembly memory, which is never given back: the engine is opened again for serving
    // (on the first start, about 290 MB less resident memory; docs/benchmarks.md).
    await database.close();
    database = await openDatabase(config);
  }
  // Without request logging, an unhandled error (a 500) is still logged with its stack.
  const app = await buildApp(database, config, { logger: process.env.LOG_REQUESTS === '1' ? true : 'error' });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: closing the server and the database…`);
    try {
      await app.close();
      await database.close();
    } finally {
      release?.();
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const where = config.databaseUrl
    ? `PostgreSQL (${config.databaseUrl.replace(/\/\/[^@]*@/, '//***@')})`
    : `PGlite in ${config.dataDir}/pglite`;
  console.log(`\nRegionLink — Hệ thống thông tin liên kết vùng`);
  console.log(`  URL:       http://localhost:${config.port}`);
  console.log(`  API:       http://localhost:${config.port}/api/openapi.json`);
  console.log(
    `  Database:  ${where}${loaded.length ? ` (loaded now: ${loaded.join(', ')})` : ' (data already loaded)'}`,
  );
  console.log(`  Ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (config.demo) {
    console.log(`\n  Demo accounts (password: ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) console.log(`    ${a.username.padEnd(18)} ${a.role.padEnd(9)} ${a.org}`);
  }
  console.log('');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
