import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readConfig } from './config';
import { openPglite } from './db/client';
import { DataDirLockedError, lockDataDir } from './db/lock';
import { migrate } from './db/migrate';

/**
 * `npm run backup [-- FILE]` and `npm run restore -- FILE`, on either engine.
 * PGlite: a gzipped tarball of the data folder (the server must be stopped: it holds the folder's lock).
 * PostgreSQL: pg_dump custom format, consistent while the server keeps running; restored in one transaction.
 */
async function main() {
  const [cmd, fileArg] = process.argv.slice(2);
  const config = readConfig();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  if (cmd === 'backup') {
    const file = path.resolve(fileArg ?? `regionlink-backup-${stamp}.${config.databaseUrl ? 'pgdump' : 'tar.gz'}`);
    if (config.databaseUrl) {
      const r = spawnSync('pg_dump', ['--format=custom', `--file=${file}`, config.databaseUrl], { stdio: 'inherit' });
      if (r.status !== 0) throw new Error('pg_dump failed (is postgresql-client installed?)');
    } else {
      const release = lockOrExplain(config.dataDir);
      const db = await openPglite(path.join(config.dataDir, 'pglite'));
      const dump = await db.pglite!.dumpDataDir('gzip');
      fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
      await db.close();
      release();
    }
    console.log(`backup written: ${file} (${(fs.statSync(file).size / 1e6).toFixed(1)} MB)`);
    return;
  }
  if (cmd === 'restore') {
    if (!fileArg || !fs.existsSync(fileArg))
      throw new Error('usage: npm run restore -- FILE (an existing backup file)');
    if (config.databaseUrl) restorePostgres(config.databaseUrl, fileArg);
    else {
      const release = lockOrExplain(config.dataDir);
      const target = path.join(config.dataDir, 'pglite');
      const aside = `${target}.before-restore-${stamp}`;
      if (fs.existsSync(target)) fs.renameSync(target, aside);
      try {
        const db = await openPglite(target, new Blob([fs.readFileSync(fileArg)]));
        await migrate(db); // a backup from an older version is brought up to date
        await db.close();
      } catch (e) {
        fs.rmSync(target, { recursive: true, force: true });
        if (fs.existsSync(aside)) fs.renameSync(aside, target);
        throw e;
      } finally {
        release();
      }
      console.log(`previous data kept in ${aside}`);
    }
    console.log(`restored from ${fileArg}`);
    return;
  }
  throw new Error('usage: npm run backup [-- FILE] | npm run restore -- FILE');
}

/**
 * Restore a pg_dump archive in one transaction: the schemas the archive holds are dropped and the archive's SQL
 * (`pg_restore -f -`) is run by psql with ON_ERROR_STOP, so a failed restore leaves the database as it was.
 * (`pg_restore --clean` cannot drop a partition's inherited primary key, e.g. observations_p00_pkey: it fails on
 * partitioned tables.)
 */
function restorePostgres(url: string, file: string) {
  const list = spawnSync('pg_restore', ['--list', file], { encoding: 'utf8' });
  if (list.status !== 0) throw new Error(`pg_restore could not read ${file}: ${list.stderr}`);
  const schemas = [...list.stdout.matchAll(/^\d+; \d+ \d+ SCHEMA - (\S+) /gm)].map((m) => m[1]);
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const drop = [
    ...schemas.map((s) => `drop schema if exists ${quote(s)} cascade;`),
    'drop schema if exists public cascade;',
    schemas.includes('public') ? '' : 'create schema public;',
  ].join('\n');
  const r = spawnSync(
    'bash',
    [
      '-o',
      'pipefail',
      '-c',
      '{ printf "%s\\n" "$DROP"; pg_restore --no-owner -f - "$FILE"; } | psql -X -q --single-transaction -v ON_ERROR_STOP=1 -d "$URL"',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DROP: drop, FILE: file, URL: url } },
  );
  if (r.status !== 0) throw new Error('restore failed: the database is unchanged');
}

function lockOrExplain(dataDir: string) {
  try {
    return lockDataDir(dataDir);
  } catch (e) {
    if (e instanceof DataDirLockedError)
      throw new Error(`${e.message}\nStop the server before a backup or restore of the embedded database.`);
    throw e;
  }
}

main().catch((e) => {
  console.error(`✖ ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
