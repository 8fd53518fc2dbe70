// `npm test`: see to prerequisites, then type-check, lint, unit/API tests on PGlite and PostgreSQL, browser tests, and
// the cluster stage (primary + replica + two servers behind nginx) where PostgreSQL's server binaries are installed.
// Ends with one line "N passed, N failed" and a non-zero exit code if anything failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWebIfStale } from './build-web.mjs';
import { ensureDeps } from './ensure-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const only = process.argv.slice(2); // e.g. `npm test -- unit` runs only some stages
const want = (stage) => only.length === 0 || only.includes(stage);
const results = [];
const log = (m) => console.log(`\n[test] ${m}`);

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

const SYSTEM = [
  { bin: '/usr/bin/chromium', pkg: 'chromium', why: 'browser tests' },
  {
    bin: '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
    pkg: 'fonts-noto-core',
    why: 'Vietnamese glyphs in screenshots and PDFs',
  },
  {
    bin: '/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf',
    pkg: 'fonts-liberation2',
    why: 'Times-compatible font for official documents',
  },
  { bin: '/usr/bin/soffice', pkg: 'libreoffice-writer-nogui', why: 'opening generated DOCX with a real reader' },
  {
    bin: '/usr/lib/libreoffice/program/libsclo.so',
    pkg: 'libreoffice-calc-nogui',
    why: 'opening generated XLSX with a real reader',
  },
  { bin: '/usr/bin/pdftotext', pkg: 'poppler-utils', why: 'reading generated PDFs' },
  { bin: '/usr/bin/xmllint', pkg: 'libxml2-utils', why: 'validating IATI XML against the official schema' },
  // Only for the cluster stage, and only where PostgreSQL's server is installed (see clusterPossible).
  { bin: '/usr/sbin/nginx', pkg: 'nginx-light', why: 'the reverse proxy of the cluster stage', cluster: true },
  {
    bin: '/usr/bin/pgbackrest',
    pkg: 'pgbackrest',
    why: 'backups and point-in-time restore in the cluster stage',
    cluster: true,
  },
];

/** The cluster stage needs PostgreSQL's server binaries (initdb, pg_basebackup), as CI has where PostgreSQL is installed. */
const pgServerInstalled = () =>
  fs.existsSync('/usr/lib/postgresql') &&
  fs.readdirSync('/usr/lib/postgresql').some((v) => fs.existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));
const clusterWanted = only.includes('cluster') || (only.length === 0 && pgServerInstalled());

function ensureSystemPackages() {
  const missing = SYSTEM.filter((s) => !fs.existsSync(s.bin) && (!s.cluster || clusterWanted));
  if (missing.length === 0) return;
  const pkgs = missing.map((m) => m.pkg);
  if (process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get')) {
    log(`installing system packages with apt-get: ${pkgs.join(' ')} (${missing.map((m) => m.why).join('; ')})`);
    run('apt-get', ['update', '-q']);
    const code = run('apt-get', ['install', '-y', '-q', ...pkgs], { DEBIAN_FRONTEND: 'noninteractive' });
    if (code === 0) return;
  }
  // Without root, a plain `npm test` runs the cluster stage only if nginx is there (pgBackRest is optional to it).
  if (missing.every((m) => m.cluster) && !only.includes('cluster')) {
    log(`not installed: ${pkgs.join(' ')} (${missing.map((m) => m.why).join('; ')})`);
    return;
  }
  console.error(
    `\n[test] Missing system packages: ${pkgs.join(' ')}.\nInstall them as root: apt-get install -y ${pkgs.join(' ')}`,
  );
  process.exit(2);
}

function canConnect(host, port) {
  return new Promise((resolve) => {
    const s = net.connect({ host, port, timeout: 1500 }, () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
    s.on('timeout', () => {
      s.destroy();
      resolve(false);
    });
  });
}

async function ensurePostgres() {
  const url = new URL(process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const port = Number(url.port || 5432);
  if (await canConnect(url.hostname, port)) return true;
  if (fs.existsSync('/etc/postgresql')) {
    const version = fs.readdirSync('/etc/postgresql')[0];
    log(`PostgreSQL is installed but not running; starting cluster ${version}/main`);
    spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' });
    for (let i = 0; i < 20; i++) {
      if (await canConnect(url.hostname, port)) return true;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  log(`PostgreSQL is not reachable at ${url.hostname}:${port}: SKIPPING the PostgreSQL run of the database tests.`);
  return false;
}

function readVitest(file, label) {
  try {
    const j = JSON.parse(fs.readFileSync(file, 'utf8'));
    const failures = [];
    for (const suite of j.testResults ?? []) {
      const rel = path.relative(root, suite.name);
      const bad = (suite.assertionResults ?? []).filter((a) => a.status === 'failed');
      for (const a of bad) failures.push(`${rel} › ${a.fullName ?? a.title}`);
      if (bad.length === 0 && suite.status === 'failed')
        failures.push(`${rel} (the file failed: ${(suite.message ?? '').split('\n')[0]})`);
    }
    results.push({
      label,
      failures,
      passed: j.numPassedTests,
      failed: j.numFailedTests + (j.numFailedTestSuites > 0 && j.numFailedTests === 0 ? 1 : 0),
      skipped: j.numPendingTests + j.numTodoTests,
    });
  } catch {
    results.push({ label, passed: 0, failed: 1, skipped: 0 });
  }
}

function readPlaywright(file, code) {
  try {
    const j = JSON.parse(fs.readFileSync(file, 'utf8'));
    const s = j.stats;
    const failures = [];
    const walk = (suite) => {
      for (const spec of suite.specs ?? [])
        for (const t of spec.tests ?? [])
          if (t.status === 'unexpected' || t.status === 'flaky')
            failures.push(`${spec.file}:${spec.line} › ${spec.title}`);
      for (const child of suite.suites ?? []) walk(child);
    };
    for (const suite of j.suites ?? []) walk(suite);
    results.push({
      failures,
      label: 'browser (Playwright, Chromium)',
      passed: s.expected,
      failed: s.unexpected + s.flaky,
      skipped: s.skipped,
    });
  } catch {
    results.push({ label: 'browser (Playwright, Chromium)', passed: 0, failed: code === 0 ? 0 : 1, skipped: 0 });
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'regionlink-test-'));
ensureDeps();
ensureSystemPackages();
const pgUp = want('postgres') ? await ensurePostgres() : false;

if (want('static')) {
  log('type-checking (tsc)');
  const tsc = ['packages/shared', 'apps/server', 'apps/web'].map((p) => run('npx', ['tsc', '-p', p]));
  results.push({
    label: 'type-check',
    passed: tsc.filter((c) => c === 0).length,
    failed: tsc.filter((c) => c !== 0).length,
    skipped: 0,
  });
  log('linting (biome)');
  const lint = run('npx', ['biome', 'lint', '--diagnostic-level=error', '.']);
  results.push({ label: 'lint', passed: lint === 0 ? 1 : 0, failed: lint === 0 ? 0 : 1, skipped: 0 });
}
if (want('unit') || want('pglite')) {
  log('unit, database and API tests on PGlite');
  const f = path.join(tmp, 'vitest-pglite.json');
  run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${f}`], {
    TEST_DB: 'pglite',
  });
  readVitest(f, 'unit + API on PGlite');
}
if (want('postgres')) {
  if (pgUp) {
    log('database and API tests on PostgreSQL');
    const f = path.join(tmp, 'vitest-pg.json');
    run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${f}`], {
      TEST_DB: 'postgres',
    });
    readVitest(f, 'unit + API on PostgreSQL');
  } else results.push({ label: 'PostgreSQL run (server unreachable)', passed: 0, failed: 0, skipped: 1 });
}
if (want('e2e')) {
  buildWebIfStale();
  log('browser tests in headless Chromium (Playwright)');
  const f = path.join(tmp, 'playwright.json');
  const code = run('npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts'], { PLAYWRIGHT_JSON_OUTPUT_NAME: f });
  readPlaywright(f, code);
}

if (clusterWanted && !fs.existsSync('/usr/sbin/nginx'))
  results.push({ label: 'cluster (nginx not installed)', passed: 0, failed: 0, skipped: 1 });
else if (clusterWanted) {
  // A primary and a streaming replica, two servers behind nginx, failures under traffic, a backup and a PITR.
  log('cluster: PostgreSQL primary + replica, two application servers, nginx (scripts/cluster.mjs)');
  const f = path.join(tmp, 'cluster.json');
  const code = run('node', ['scripts/cluster.mjs'], { CLUSTER_RESULT_FILE: f });
  try {
    const j = JSON.parse(fs.readFileSync(f, 'utf8'));
    results.push({ label: 'cluster (primary, replica, nginx)', passed: j.passed, failed: j.failed, skipped: 0 });
  } catch {
    results.push({ label: 'cluster (primary, replica, nginx)', passed: 0, failed: code === 0 ? 0 : 1, skipped: 0 });
  }
}

fs.rmSync(tmp, { recursive: true, force: true });
console.log('\n[test] summary');
for (const r of results)
  console.log(
    `  ${r.label.padEnd(34)} ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`,
  );
const failures = results.flatMap((r) => (r.failures ?? []).map((f) => `  ✗ ${r.label}: ${f}`));
if (failures.length) console.log(`\n[test] failed tests\n${failures.join('\n')}`);
const passed = results.reduce((s, r) => s + r.passed, 0);
const failed = results.reduce((s, r) => s + r.failed, 0);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
