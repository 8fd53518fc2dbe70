import { readConfig } from './config';
import { runAs } from './db/actor';
import { type Database, openDatabase } from './db/client';
import { DataDirLockedError, lockDataDir } from './db/lock';
import { migrate } from './db/migrate';
import { loadReferenceData } from './db/seed';
import { auditVerifyCommand, createAdminCommand } from './modules/access/access.cli';
import { importFileCommand } from './modules/statistics/import.cli';

/**
 * `npm run cli -- <command> …`: administrative commands run on the server machine, against the same database the
 * server uses (PGlite in DATA_DIR, or DATABASE_URL). Each module registers its commands with one line below.
 */
export interface CliContext {
  database: Database;
  args: string[];
  log: (line: string) => void;
}

interface Command {
  summary: string;
  usage: string;
  run: (ctx: CliContext) => Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  import: importFileCommand,
  'create-admin': createAdminCommand,
  'audit-verify': auditVerifyCommand,
};

function help() {
  console.log('RegionLink command line / Dòng lệnh quản trị RegionLink\n');
  for (const [name, c] of Object.entries(COMMANDS))
    console.log(`  npm run cli -- ${name} ${c.usage}\n      ${c.summary}\n`);
}

async function main(): Promise<number> {
  const [name, ...args] = process.argv.slice(2);
  if (!name || name === 'help' || name === '--help') {
    help();
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`Unknown command "${name}" / Không có lệnh "${name}".\n`);
    help();
    return 1;
  }
  const config = readConfig();
  let release: (() => void) | null = null;
  if (!config.databaseUrl) {
    try {
      release = lockDataDir(config.dataDir);
    } catch (e) {
      if (e instanceof DataDirLockedError) {
        console.error(`✖ ${e.message}`);
        return 3;
      }
      throw e;
    }
  }
  const database = await openDatabase(config);
  const stop = async () => {
    await database.close();
    release?.();
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  try {
    await migrate(database);
    await loadReferenceData(database, { demo: config.demo, log: (m) => console.error(m) });
    const actor = { userId: null, organisationId: null, requestId: `cli-${name}`, source: 'cli' };
    return await runAs(actor, () => command.run({ database, args, log: (l) => console.log(l) }));
  } finally {
    await stop();
  }
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    if (process.env.DEBUG) console.error(e);
    process.exitCode = 1;
  });
