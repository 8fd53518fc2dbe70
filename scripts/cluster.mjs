// `npm test -- cluster`: RegionLink as it is deployed past one machine, on loopback. A PostgreSQL primary and a
// streaming hot-standby replica (initdb + pg_basebackup), two application servers on the primary with
// DATABASE_REPLICA_URL, and Debian's nginx in front with the repository's proxy rules (deploy/nginx/). Traffic (reads
// and writes) goes through the proxy while one application server is killed and then the replica; the stage asserts
// that no request was lost beyond those in flight at the kill, that reads kept answering, and that each client read
// its own writes. Then a backup with continuous WAL archiving (pgBackRest when installed) and a point-in-time restore.
// Everything it starts is stopped and every directory it made is removed, also on failure or Ctrl-C.
//
// Prints one line per check and a summary; exit code 0 when all pass, 1 when a check failed, 2 when a prerequisite is
// missing. Ports: CLUSTER_PG_PORT (25432; +1 replica, +2 restore), CLUSTER_APP_PORT (5151; +1 second server, +2 proxy).
// Both lie below Linux's ephemeral range (32768–60999): a port in that range can be taken, while the stage runs, as
// the source port of one of its own outgoing connections (CI, 2026-12-07: the restore's port 55434 was in use).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PG_PORT = Number(process.env.CLUSTER_PG_PORT ?? 25432);
const APP_PORT = Number(process.env.CLUSTER_APP_PORT ?? 5151);
const PORTS = {
  primary: PG_PORT,
  replica: PG_PORT + 1,
  restored: PG_PORT + 2,
  apps: [APP_PORT, APP_PORT + 1],
  proxy: APP_PORT + 2,
};
/** Length of each traffic phase: both servers and the replica up; one server killed; the replica killed too. */
const PHASE_MS = Number(process.env.CLUSTER_PHASE_MS ?? 6000);
const READERS = 6;
const WRITERS = 2;
const DB = 'regionlink';
const isRoot = process.getuid?.() === 0;
const t0 = Date.now();
const log = (m) => console.log(`[cluster ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${m}`);

// ---------------------------------------------------------------------------------------------------------------
// Processes and clean-up

const children = new Set();
const cleanups = [];
let dir = null;

function pgBinDir() {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return null;
  const versions = fs
    .readdirSync(base)
    .filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(base, versions[0], 'bin') : null;
}
const BIN = pgBinDir();
const pgbackrest = ['/usr/bin/pgbackrest', '/usr/local/bin/pgbackrest'].find((p) => fs.existsSync(p)) ?? null;

/** Run a PostgreSQL tool; as root it runs as the `postgres` user, which owns the data directories. */
function asPostgres(cmd, args, opts = {}) {
  const full = cmd.startsWith('/') ? cmd : path.join(BIN, cmd);
  const [c, a] = isRoot ? ['runuser', ['-u', 'postgres', '--', full, ...args]] : [full, args];
  const r = spawnSync(c, a, { encoding: 'utf8', cwd: dir ?? '/', ...opts });
  if (r.status !== 0 && !opts.allowFail)
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout ?? ''}${r.stderr ?? ''}`);
  return r;
}

/** As asPostgres, without blocking the event loop (traffic goes on meanwhile); resolves to the exit code. */
function asPostgresAsync(cmd, args) {
  const full = path.join(BIN, cmd);
  const [c, a] = isRoot ? ['runuser', ['-u', 'postgres', '--', full, ...args]] : [full, args];
  return new Promise((resolve) => spawn(c, a, { cwd: dir ?? '/', stdio: 'ignore' }).on('exit', resolve));
}

function psql(port, sql, db = DB) {
  const r = asPostgres('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', db, '-XAtqc', sql]);
  return r.stdout.trim();
}

function portFree(port) {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

function startChild(name, cmd, args, env = {}) {
  const out = fs.openSync(path.join(dir, `${name}.log`), 'a');
  const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', out, out] });
  child.label = name;
  children.add(child);
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  child.exited.then(() => children.delete(child));
  return child;
}

async function cleanup() {
  for (const fn of cleanups.splice(0).reverse()) {
    try {
      await fn();
    } catch (e) {
      console.error(`[cluster] clean-up step failed: ${e.message}`);
    }
  }
  for (const c of children) c.kill('SIGKILL');
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = null;
}
for (const sig of ['SIGINT', 'SIGTERM'])
  process.on(sig, async () => {
    await cleanup();
    process.exit(130);
  });

// ---------------------------------------------------------------------------------------------------------------
// Checks

const checks = [];
function check(ok, what, detail = '') {
  checks.push({ ok, what });
  console.log(`  ${ok ? '✓' : '✗'} ${what}${detail ? ` — ${detail}` : ''}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Stages

async function preflight() {
  const missing = [];
  if (!BIN) missing.push('PostgreSQL server binaries (/usr/lib/postgresql/N/bin): apt-get install postgresql');
  if (!fs.existsSync('/usr/sbin/nginx')) missing.push('nginx: apt-get install nginx-light');
  if (isRoot && spawnSync('id', ['postgres']).status !== 0)
    missing.push('the postgres OS user (from the postgresql package)');
  if (missing.length) {
    console.error(`[cluster] cannot run:\n  ${missing.join('\n  ')}`);
    process.exit(2);
  }
  const busy = [];
  for (const p of [PORTS.primary, PORTS.replica, PORTS.restored, ...PORTS.apps, PORTS.proxy])
    if (!(await portFree(p))) busy.push(p);
  if (busy.length) {
    console.error(`[cluster] ports in use: ${busy.join(', ')} (set CLUSTER_PG_PORT / CLUSTER_APP_PORT)`);
    process.exit(2);
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regionlink-cluster-'));
  fs.chmodSync(dir, 0o755);
  if (isRoot) spawnSync('chown', ['postgres:postgres', dir]);
  log(`working in ${dir}; PostgreSQL from ${BIN}; pgBackRest ${pgbackrest ? 'found' : 'not installed'}`);
}

function pgbackrestConfig() {
  const conf = path.join(dir, 'pgbackrest.conf');
  fs.writeFileSync(
    conf,
    [
      '[global]',
      `repo1-path=${dir}/backup-repo`,
      'repo1-retention-full=1',
      `log-path=${dir}/backup-log`,
      `lock-path=${dir}/backup-lock`,
      `spool-path=${dir}/backup-spool`,
      'log-level-console=warn',
      'log-level-file=info',
      'start-fast=y',
      'compress-type=none',
      // Push WAL in batches from a background process: the reference data load leaves many segments to archive.
      'archive-async=y',
      'process-max=2',
      '',
      '[regionlink]',
      `pg1-path=${dir}/primary`,
      `pg1-port=${PORTS.primary}`,
      `pg1-socket-path=${dir}`,
      '',
    ].join('\n'),
  );
  fs.chmodSync(conf, 0o644);
  return conf;
}

/** The primary: WAL for a streaming replica, and continuous archiving (pgBackRest, else a plain copy). */
function startPrimary() {
  const data = path.join(dir, 'primary');
  asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const archive = path.join(dir, 'wal-archive');
  fs.mkdirSync(archive);
  if (isRoot) spawnSync('chown', ['postgres:postgres', archive]);
  const conf = pgbackrest ? pgbackrestConfig() : null;
  const archiveCommand = conf
    ? `${pgbackrest} --config=${conf} --stanza=regionlink archive-push %p`
    : `test ! -f ${archive}/%f && cp %p ${archive}/%f`;
  fs.appendFileSync(
    path.join(data, 'postgresql.conf'),
    [
      '',
      '# scripts/cluster.mjs',
      "listen_addresses = '127.0.0.1'",
      `port = ${PORTS.primary}`,
      `unix_socket_directories = '${dir}'`,
      'wal_level = replica',
      'max_wal_senders = 5',
      'wal_keep_size = 256MB',
      'hot_standby = on',
      'archive_mode = on',
      `archive_command = '${archiveCommand}'`,
      'shared_buffers = 64MB',
      'max_connections = 60',
      '# a throwaway cluster: durability is not under test, loading the reference data faster is welcome',
      'fsync = off',
      'synchronous_commit = off',
      '',
    ].join('\n'),
  );
  asPostgres('pg_ctl', ['-D', data, '-l', path.join(dir, 'primary.log'), '-w', 'start']);
  cleanups.push(() => asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', 'stop'], { allowFail: true }));
  // The stanza must exist before the first WAL segment is archived.
  if (conf) asPostgres(pgbackrest, [`--config=${conf}`, '--stanza=regionlink', 'stanza-create']);
  psql(PORTS.primary, `create database ${DB}`, 'postgres');
  log(`primary up on 127.0.0.1:${PORTS.primary}`);
}

/** The replica: a base backup of the primary that streams its WAL (-R writes standby.signal and primary_conninfo). */
function startReplica() {
  const data = path.join(dir, 'replica');
  asPostgres('pg_basebackup', [
    '-h',
    '127.0.0.1',
    '-p',
    String(PORTS.primary),
    '-U',
    'postgres',
    '-D',
    data,
    '-R',
    '-X',
    'stream',
    '-c',
    'fast',
    '--no-sync',
  ]);
  // The archive_command belongs to the primary; a standby with archive_mode=on does not archive anyway.
  const opts = `-p ${PORTS.replica} -c archive_mode=off`;
  asPostgres('pg_ctl', ['-D', data, '-l', path.join(dir, 'replica.log'), '-o', opts, '-w', 'start']);
  const stop = () => asPostgresAsync('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
  cleanups.push(stop);
  const standby = psql(PORTS.replica, 'select pg_is_in_recovery()');
  check(standby === 't', 'the replica is a hot standby (pg_is_in_recovery)');
  log(`replica up on 127.0.0.1:${PORTS.replica}`);
  return stop;
}

const pgUrl = (port) => `postgres://postgres@127.0.0.1:${port}/${DB}`;

async function waitHealthy(port, child, timeoutMs = 300_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return res.json();
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(
    `application server on ${port} not healthy:\n${fs.readFileSync(path.join(dir, `app-${port}.log`), 'utf8')}`,
  );
}

async function waitForLog(port, child, pattern, timeoutMs = 300_000) {
  const file = path.join(dir, `app-${port}.log`);
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && child.exitCode === null) {
    if (pattern.test(fs.readFileSync(file, 'utf8'))) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`application server on ${port} did not migrate:\n${fs.readFileSync(file, 'utf8')}`);
}

/** Node's arguments from the unit's ExecStart (heap limit, tsx, main.ts), so that the stage runs what is deployed. */
function unitNodeArgs() {
  const unit = fs.readFileSync(path.join(root, 'deploy/systemd/regionlink@.service'), 'utf8');
  const exec = /^ExecStart=\S+\s+(.+)$/m.exec(unit);
  if (!exec) throw new Error('deploy/systemd/regionlink@.service has no ExecStart line');
  return exec[1].trim().split(/\s+/);
}

/** One application server as systemd would start it (deploy/systemd/regionlink@.service). */
function startApp(port) {
  const data = path.join(dir, `app-data-${port}`);
  fs.mkdirSync(data);
  const child = startChild(`app-${port}`, process.execPath, unitNodeArgs(), {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: data,
    DATABASE_URL: pgUrl(PORTS.primary),
    DATABASE_REPLICA_URL: pgUrl(PORTS.replica),
    DEMO: '1',
    REQUIRE_ADMIN_MFA: '0',
    TRUST_PROXY: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${PORTS.proxy}`,
    LOG_REQUESTS: '',
    // A job held by the server killed below is taken by the other one once the killed server has been silent for
    // 8 s (beats every second; in production every 10 s, silent after 60 s). The expiry stays as a backstop for a
    // job killed between its fetch and its run row (60 s here, with maintenance every 5 s).
    JOBS_HEARTBEAT_SECONDS: '1',
    JOBS_SILENT_SECONDS: '8',
    JOBS_EXPIRE_SECONDS: '60',
    JOBS_MAINTENANCE_SECONDS: '5',
  });
  cleanups.push(async () => {
    child.kill('SIGTERM');
    await Promise.race([child.exited, new Promise((r) => setTimeout(r, 5000))]);
  });
  return child;
}

/** nginx in the foreground with the repository's proxy rules, upstream = the two application servers. */
async function startProxy() {
  const ngx = path.join(dir, 'nginx');
  fs.mkdirSync(ngx);
  fs.chmodSync(ngx, 0o777);
  const snippet = path.join(root, 'deploy/nginx/regionlink-proxy.conf');
  const conf = `
worker_processes 1;
pid ${ngx}/nginx.pid;
error_log ${ngx}/error.log warn;
daemon off;
events { worker_connections 256; }
http {
  client_body_temp_path ${ngx}/body;
  proxy_temp_path ${ngx}/proxy;
  fastcgi_temp_path ${ngx}/fastcgi;
  uwsgi_temp_path ${ngx}/uwsgi;
  scgi_temp_path ${ngx}/scgi;
  log_format cluster '$request_method $uri $status upstream=$upstream_addr upstream_status=$upstream_status';
  access_log ${ngx}/access.log cluster;
  upstream regionlink {
${PORTS.apps.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=10s;`).join('\n')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${PORTS.proxy};
    location / {
      proxy_pass http://regionlink;
      include ${snippet};
    }
  }
}
`;
  fs.writeFileSync(path.join(ngx, 'nginx.conf'), conf);
  const test = spawnSync('/usr/sbin/nginx', ['-t', '-p', ngx, '-c', path.join(ngx, 'nginx.conf')], {
    encoding: 'utf8',
  });
  if (test.status !== 0) throw new Error(`nginx -t failed:\n${test.stderr}`);
  const child = startChild('nginx', '/usr/sbin/nginx', ['-p', ngx, '-c', path.join(ngx, 'nginx.conf')]);
  cleanups.push(async () => {
    child.kill('SIGQUIT');
    await Promise.race([child.exited, new Promise((r) => setTimeout(r, 3000))]);
  });
  for (let i = 0; i < 50; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${PORTS.proxy}/api/health`);
      if (res.ok) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  log(`nginx on 127.0.0.1:${PORTS.proxy} → ${PORTS.apps.join(', ')}`);
  return path.join(ngx, 'access.log');
}

// ---------------------------------------------------------------------------------------------------------------
// Traffic

const BASE = () => `http://127.0.0.1:${PORTS.proxy}`;
const requests = [];

/** One request through the proxy, recorded with its start and end so losses can be matched to the kills. */
async function send(kind, method, url, { body, cookies } = {}) {
  const rec = { kind, method, url, start: Date.now(), end: 0, status: 0, error: null };
  requests.push(rec);
  try {
    const res = await fetch(`${BASE()}${url}`, {
      method,
      headers: {
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(cookies?.size ? { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    rec.status = res.status;
    if (cookies)
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const i = pair.indexOf('=');
        cookies.set(pair.slice(0, i), pair.slice(i + 1));
      }
    rec.end = Date.now();
    const json = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null;
    return { status: res.status, json, rec };
  } catch (e) {
    rec.end = Date.now();
    rec.error = e.cause?.code ?? e.message;
    return { status: 0, json: null, rec };
  }
}

/** Sign a demo account in through the proxy; its cookies, for the requests that follow. */
async function signIn(username, who) {
  const cookies = new Map();
  const login = await send('write', 'POST', '/api/v1/auth/login', {
    body: { username, password: 'regionlink-demo' },
    cookies,
  });
  login.rec.ok = login.status === 200;
  if (login.status !== 200) throw new Error(`${who}: sign-in answered ${login.status}`);
  return cookies;
}

async function readerLoop(stop, urls, i) {
  let n = i;
  while (Date.now() < stop.at) {
    const url = urls[n++ % urls.length];
    const r = await send('read', 'GET', url);
    r.rec.ok = r.status === 200;
  }
}

/** Sign in, then create a custom grouping, read the list back (it must be there: read-your-own-writes), delete it. */
async function writerLoop(stop, w, stats, members) {
  const cookies = await signIn('reporter.langson', `writer ${w}`);
  let n = 0;
  while (Date.now() < stop.at) {
    n++;
    const created = await send('write', 'POST', '/api/v1/analytics/groupings', {
      body: { nameVi: `Cụm thử ${w}-${n}`, members },
      cookies,
    });
    created.rec.ok = created.status === 201;
    if (created.status !== 201) {
      if (created.status !== 502) created.rec.error = JSON.stringify(created.json)?.slice(0, 300);
      continue;
    }
    const list = await send('own-read', 'GET', '/api/v1/analytics/groupings', { cookies });
    list.rec.ok = list.status === 200;
    if (list.status !== 200) continue;
    stats.rywChecked++;
    if (!list.json.items.some((g) => g.id === created.json.id)) stats.rywStale++;
    // Delete it again, so that a long or fast run stays under the user's quota of 50 groupings (409 beyond). nginx
    // passes a DELETE on to the other server when the first fails, so 404 (deleted by the first) is an answer too.
    const del = await send('write', 'DELETE', `/api/v1/analytics/groupings/${created.json.id}`, { cookies });
    del.rec.ok = del.status === 204 || del.status === 404;
  }
}

/** Two provinces in force today, for the writers' groupings. */
let members = [];

async function pickReadUrls() {
  const inds = await (await fetch(`${BASE()}/api/v1/indicators`)).json();
  const codes = inds.items.slice(0, 3).map((i) => i.code);
  const provinces = await (await fetch(`${BASE()}/api/v1/geo/units?level=province`)).json();
  members = provinces.items.slice(0, 2).map((u) => u.code);
  return [
    '/api/v1/geo/units?level=province',
    '/api/v1/geo/groupings',
    ...codes.map((c) => `/api/v1/data?indicator=${encodeURIComponent(c)}`),
    `/api/v1/analytics/ranks?indicator=${encodeURIComponent(codes[0])}`,
  ];
}

const replicaXacts = () =>
  Number(psql(PORTS.replica, `select xact_commit from pg_stat_database where datname = '${DB}'`));

// ---------------------------------------------------------------------------------------------------------------
// Failover

async function driveAndKill(apps, stopReplica) {
  const urls = await pickReadUrls();
  for (const u of urls) {
    const r = await fetch(`${BASE()}${u}`);
    if (r.status !== 200) throw new Error(`warm-up read ${u} answered ${r.status}: ${(await r.text()).slice(0, 300)}`);
  }
  const xactsBefore = replicaXacts();
  // Moved to PHASE_MS after the replica has stopped, however long the kills take.
  const stop = { at: Number.POSITIVE_INFINITY };
  const stats = { rywChecked: 0, rywStale: 0 };
  const loops = [
    ...Array.from({ length: READERS }, (_, i) => readerLoop(stop, urls, i)),
    ...Array.from({ length: WRITERS }, (_, w) => writerLoop(stop, w + 1, stats, members)),
  ];
  const kills = {};
  await new Promise((r) => setTimeout(r, PHASE_MS));
  const xactsWarm = replicaXacts();
  const readsWarm = requests.filter((r) => r.kind === 'read' && r.ok && r.end <= Date.now()).length;
  kills.app = Date.now();
  apps[0].kill('SIGKILL');
  // Until the process is gone its listening socket still takes connections into the backlog, and a write sent there
  // is reset with it: the kill lasts from the signal to the exit.
  await apps[0].exited;
  kills.appGone = Date.now();
  log(`killed application server ${PORTS.apps[0]} (SIGKILL; gone after ${kills.appGone - kills.app} ms)`);
  await new Promise((r) => setTimeout(r, PHASE_MS));
  kills.replica = Date.now();
  // Asynchronously, so that requests go on while the replica shuts down.
  await stopReplica();
  log(`stopped the replica (immediate shutdown)`);
  stop.at = Date.now() + PHASE_MS;
  await Promise.all(loops);
  return { stats, kills, xacts: xactsWarm - xactsBefore, readsWarm };
}

function countFailovers(accessLog) {
  const lines = fs.readFileSync(accessLog, 'utf8').split('\n').filter(Boolean);
  // nginx lists every upstream it tried: "upstream=127.0.0.1:5151, 127.0.0.1:5152" is a request passed on.
  return lines.filter((l) => /upstream=\S+, /.test(l)).length;
}

function assessTraffic({ stats, kills, xacts, readsWarm }, accessLog, health) {
  const done = requests.filter((r) => r.end);
  const answered = done.filter((r) => r.ok);
  const lost = done.filter((r) => !r.ok);
  const duringKill = (r) => r.start <= kills.appGone && r.end >= kills.app;
  const lostAtAppKill = lost.filter(duringKill);
  const lostElsewhere = lost.filter((r) => !duringKill(r));
  const afterReplica = done.filter((r) => r.kind === 'read' && r.start > kills.replica);
  const failovers = countFailovers(accessLog);
  const counts = {
    sent: requests.length,
    answered: answered.length,
    lost: lost.length,
    inFlightAtAppKill: requests.filter((r) => r.start <= kills.appGone && (r.end === 0 || r.end >= kills.app)).length,
    proxyFailovers: failovers,
    replicaFallbacks: health.replica?.fallbacks ?? 0,
    rywChecked: stats.rywChecked,
  };
  console.log(`\n[cluster] traffic: ${JSON.stringify(counts)}`);
  for (const r of lost.slice(0, 10))
    console.log(`  lost: ${r.method} ${r.url} → ${r.status || ''} ${r.error ?? ''} (${r.start - t0}–${r.end - t0} ms)`);
  check(
    requests.every((r) => r.end),
    'every request sent got an answer or an error (none hung)',
  );
  check(
    lostElsewhere.length === 0,
    'no request lost except those in flight on the killed server',
    `${lostElsewhere.length} others`,
  );
  check(
    lost.every((r) => r.method !== 'GET'),
    'no read lost: those in flight on the killed server were passed on',
    `${lostAtAppKill.length} writes lost in flight`,
  );
  check(failovers > 0, 'nginx passed requests from the killed server to the other one', `${failovers}`);
  // Each server's health check is one transaction on the replica every 2 s; each public read is at least one more.
  const healthChecks = PORTS.apps.length * (PHASE_MS / 2000 + 1);
  check(
    xacts >= healthChecks + readsWarm / 2,
    'the replica served reads before it was stopped',
    `${xacts} transactions, ${readsWarm} public reads`,
  );
  check(
    afterReplica.length > 0 && afterReplica.every((r) => r.ok),
    'reads kept answering after the replica stopped',
    `${afterReplica.filter((r) => r.ok).length}/${afterReplica.length}`,
  );
  check(health.replica?.up === false && health.replica.downs >= 1, 'the surviving server noticed the replica was down');
  check(
    stats.rywChecked > 0 && stats.rywStale === 0,
    'each writer read its own writes',
    `${stats.rywChecked} checked, ${stats.rywStale} stale`,
  );
  return counts;
}

// ---------------------------------------------------------------------------------------------------------------
// Jobs (placeholder)

// Both application servers work the PostgreSQL job queue (pg-boss, modules/jobs): the schedules (e-mail outbox every
// minute, reminders, council follow-ups) run once per slot whichever server picks them, and every attempt is a row
// of job_runs (docs/jobs.md). A slot or job run twice by the two servers (one killed meanwhile) would show here.
/** An administrator queues jobs through the proxy before the kills; the servers work them meanwhile. */
async function queueJobs(count = 8) {
  const cookies = await signIn('admin.mof', 'job queuer');
  const ids = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 2 ? 'council-follow-up-reminders' : 'email-outbox';
    const r = await send('write', 'POST', '/api/v1/jobs', { body: { kind }, cookies });
    r.rec.ok = r.status === 202;
    if (r.status === 202) ids.push(r.json.id);
  }
  return ids;
}

async function checkJobsRanOnce(queued) {
  const inList = queued.map((id) => `'${id}'`).join(',') || 'null';
  const ranCount = () =>
    Number(
      psql(
        PORTS.primary,
        `select count(distinct run_key) from job_runs where state = 'completed' and run_key in (${inList})`,
      ),
    );
  // A job the killed server held is taken once that server is silent (JOBS_SILENT_SECONDS) and retried after its
  // back-off: up to a minute.
  let ran = ranCount();
  for (let i = 0; i < 240 && ran < queued.length; i++) {
    await new Promise((r) => setTimeout(r, 500));
    ran = ranCount();
  }
  const runs = Number(psql(PORTS.primary, "select count(*) from job_runs where state = 'completed'"));
  // Run twice = completed twice for one job or schedule slot. An attempt cut short by the kill is 'interrupted'.
  const twice = Number(
    psql(
      PORTS.primary,
      "select count(*) from (select queue, run_key from job_runs where state = 'completed' group by 1, 2 having count(*) > 1) d",
    ),
  );
  const interrupted = Number(psql(PORTS.primary, "select count(*) from job_runs where state = 'interrupted'"));
  // Of those, taken from the killed server because it fell silent (modules/jobs/liveness.ts), not by the expiry.
  const taken = Number(
    psql(PORTS.primary, "select count(*) from job_runs where error = 'its server stopped answering'"),
  );
  const servers = Number(psql(PORTS.primary, 'select count(distinct server_id) from job_runs'));
  if (ran !== queued.length) {
    // What the queue holds, to tell a job never fetched from one fetched by a server and never finished.
    console.log(
      psql(
        PORTS.primary,
        `select id, name, state, retry_count, singleton_key, created_on, started_on, completed_on, left(output::text, 200)
           from pgboss.job order by created_on`,
      ),
    );
    console.log(
      psql(
        PORTS.primary,
        'select job_id, queue, run_key, state, server_id, started_at, finished_at, error from job_runs order by id',
      ),
    );
  }
  check(
    queued.length > 0 && ran === queued.length,
    'every job queued through the proxy ran',
    `${ran}/${queued.length}`,
  );
  check(
    twice === 0,
    'every job ran exactly once',
    `${runs} completed runs on ${servers} server(s), ${twice} run twice, ${interrupted} cut short by the kill and run again (${taken} taken from the silent server)`,
  );
  return {
    jobsQueued: queued.length,
    jobRuns: runs,
    jobsRunTwice: twice,
    jobsInterrupted: interrupted,
    jobsTakenFromSilent: taken,
    jobServers: servers,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Backup and point-in-time restore

/** Full backup, then a write, a named restore point, another write; restore to the point and look. */
function backupAndRestore() {
  psql(PORTS.primary, 'create table cluster_pitr (label text primary key)');
  let restoreArgs;
  if (pgbackrest) {
    const conf = path.join(dir, 'pgbackrest.conf');
    const br = (...args) => asPostgres(pgbackrest, [`--config=${conf}`, '--stanza=regionlink', ...args]);
    br('--type=full', 'backup');
    log('pgBackRest full backup taken');
    restoreArgs = (target) =>
      br(`--pg1-path=${target}`, '--type=name', '--target=cluster-stage', '--target-action=promote', 'restore');
  } else {
    const base = path.join(dir, 'basebackup');
    asPostgres('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(PORTS.primary),
      '-U',
      'postgres',
      '-D',
      base,
      '-X',
      'none',
      '-c',
      'fast',
      '--no-sync',
    ]);
    restoreArgs = (target) => {
      asPostgres('/bin/cp', ['-a', `${base}/.`, target]);
      fs.appendFileSync(
        path.join(target, 'postgresql.auto.conf'),
        `restore_command = 'cp ${dir}/wal-archive/%f %p'\nrecovery_target_name = 'cluster-stage'\nrecovery_target_action = 'promote'\n`,
      );
      asPostgres('/usr/bin/touch', [path.join(target, 'recovery.signal')]);
    };
  }
  psql(PORTS.primary, "insert into cluster_pitr values ('before the restore point')");
  psql(PORTS.primary, "select pg_create_restore_point('cluster-stage')");
  psql(PORTS.primary, "insert into cluster_pitr values ('after the restore point')");
  // Close the WAL segment holding the restore point and wait until it is archived.
  const segment = psql(PORTS.primary, 'select pg_walfile_name(pg_switch_wal())');
  for (let i = 0; ; i++) {
    const [done, failed] = psql(
      PORTS.primary,
      `select coalesce(last_archived_wal >= '${segment}', false), failed_count from pg_stat_archiver`,
    ).split('|');
    if (done === 't') break;
    if (Number(failed) > 0 || i === 300) throw new Error(`WAL segment ${segment} not archived; see primary.log`);
    spawnSync('sleep', ['0.2']);
  }
  const target = path.join(dir, 'restored');
  fs.mkdirSync(target, { mode: 0o700 });
  if (isRoot) spawnSync('chown', ['postgres:postgres', target]);
  restoreArgs(target);
  log('restored; replaying the archived WAL up to the restore point');
  const opts = `-p ${PORTS.restored} -c archive_mode=off -c hot_standby=on`;
  asPostgres('pg_ctl', ['-D', target, '-l', path.join(dir, 'restored.log'), '-o', opts, '-w', '-t', '60', 'start']);
  cleanups.push(() => asPostgres('pg_ctl', ['-D', target, '-m', 'immediate', 'stop'], { allowFail: true }));
  // Recovery to the target ends with a promotion; wait for it.
  for (let i = 0; i < 100 && psql(PORTS.restored, 'select pg_is_in_recovery()') === 't'; i++)
    spawnSync('sleep', ['0.2']);
  const labels = psql(PORTS.restored, 'select label from cluster_pitr order by label').split('\n').filter(Boolean);
  const units = Number(psql(PORTS.restored, "select count(*) from admin_units where level = 'province'"));
  check(
    labels.length === 1 && labels[0] === 'before the restore point',
    `point-in-time restore (${pgbackrest ? 'pgBackRest' : 'pg_basebackup + archived WAL, pgBackRest not installed'}) stops at the restore point`,
    JSON.stringify(labels),
  );
  check(units > 0, 'the restored database holds the application data', `${units} provinces`);
  return pgbackrest ? 'pgBackRest' : 'pg_basebackup';
}

// ---------------------------------------------------------------------------------------------------------------

async function main() {
  await preflight();
  startPrimary();
  // The first server migrates and loads the demo data; the second starts once that is done (docs/operations.md).
  // The replica is made meanwhile: the first server reads from the primary until its health check finds it.
  const a = startApp(PORTS.apps[0]);
  const stopReplica = startReplica();
  // Migrations are not locked across servers; loading the data is (an advisory lock per data set), so the second
  // server may start once the first has migrated.
  await waitForLog(PORTS.apps[0], a, /migrations applied|data already loaded|^loaded /m);
  log(`application server ${PORTS.apps[0]} has migrated the database`);
  const b = startApp(PORTS.apps[1]);
  await waitHealthy(PORTS.apps[0], a);
  log(`application server ${PORTS.apps[0]} healthy (reference and demo data loaded)`);
  const hb = await waitHealthy(PORTS.apps[1], b);
  check(hb.replica?.up === true, 'the application servers read from the replica', JSON.stringify(hb.replica));
  log('both application servers healthy');
  const accessLog = await startProxy();
  const queued = await queueJobs();
  const result = await driveAndKill([a, b], stopReplica);
  const health = await (await fetch(`http://127.0.0.1:${PORTS.apps[1]}/api/health`)).json();
  const counts = assessTraffic(result, accessLog, health);
  const jobs = await checkJobsRanOnce(queued);
  log('backup and point-in-time restore');
  const tool = backupAndRestore();
  return { ...counts, ...jobs, backup: tool };
}

/** The application servers' errors (unhandled 500s are logged with their stack), shown when a check failed. */
function printServerErrors() {
  for (const port of PORTS.apps) {
    const file = dir && path.join(dir, `app-${port}.log`);
    if (!file || !fs.existsSync(file)) continue;
    const lines = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => /"level":5\d|Error|error/.test(l));
    if (lines.length)
      console.log(`--- errors of application server ${port}\n${lines.slice(-20).join('\n').slice(-6000)}`);
  }
}

let code = 1;
try {
  const summary = await main();
  const failed = checks.filter((c) => !c.ok).length;
  if (failed) printServerErrors();
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(
    `\n[cluster] ${checks.length - failed} passed, ${failed} failed in ${seconds} s; ${JSON.stringify(summary)}`,
  );
  code = failed ? 1 : 0;
} catch (e) {
  console.error(`\n[cluster] stage failed: ${e.stack ?? e}`);
  printServerErrors();
  if (dir)
    for (const f of ['primary.log', 'replica.log', 'restored.log'])
      if (fs.existsSync(path.join(dir, f)))
        console.error(`--- ${f}\n${fs.readFileSync(path.join(dir, f), 'utf8').slice(-2000)}`);
} finally {
  await cleanup();
}
// The summary for scripts/test.mjs.
if (process.env.CLUSTER_RESULT_FILE)
  fs.writeFileSync(
    process.env.CLUSTER_RESULT_FILE,
    JSON.stringify({
      passed: checks.filter((c) => c.ok).length,
      failed: checks.filter((c) => !c.ok).length + (code && !checks.some((c) => !c.ok) ? 1 : 0),
    }),
  );
process.exit(code);
