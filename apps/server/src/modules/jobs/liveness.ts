import { createRequire } from 'node:module';
import pg from 'pg';
import type { Database } from '../../db/client';
import { envSeconds } from './env';

/**
 * Which servers are alive, so that the job of a server that died is handed to another one within a minute.
 *
 * pg-boss 10 cannot tell a dead server from a slow job: an active job waits for its expiry (30 min for an import,
 * 5–10 min for a "one at a time" schedule, which blocks its queue meanwhile). Each server working the queue therefore
 * writes `job_servers.seen_at` every `JOBS_HEARTBEAT_SECONDS` (10 s), and each of them, at the same beat, looks for
 * active jobs whose running attempt (`job_runs`) belongs to a server silent for `JOBS_SILENT_SECONDS` (60 s). Such a
 * job's attempt is dated back past its expiry and pg-boss's own expiry is run at once, so pg-boss fails it and retries
 * it after its back-off, as it would have after the expiry. Times are the database's `now()`, so the servers' clocks
 * do not matter.
 *
 * What keeps a live attempt from being taken:
 * - a server never takes its own jobs, and a server whose beat is late only by a slow database is not silent for a
 *   minute;
 * - the attempt is named exactly: the job is still `active` and its retry count is the attempt's, so an attempt
 *   started again meanwhile (by another server's take) is not touched;
 * - only servers that beat are judged: a job whose server has no `job_servers` row (an older release during a rolling
 *   upgrade, or a server forgotten after a day) waits for its expiry as before.
 *
 * One case it cannot tell: a server that is alive but cannot reach the database for a minute while its job runs
 * elsewhere. Its job is then run again; the jobs are written to tolerate that (an import commits its upload once,
 * a report package is stored once per job, reminders and e-mails are deduplicated).
 */

const heartbeatSeconds = () => envSeconds('JOBS_HEARTBEAT_SECONDS', 10);
const silentSeconds = () => envSeconds('JOBS_SILENT_SECONDS', 60);

/**
 * pg-boss's own SQL for failing the jobs active past their expiry (what its maintenance runs every 2 min), under its
 * lock: run at once after jobs were taken. From the library's plans module (pg-boss pinned to 10.4.2), not copied.
 */
const pgBossPlans = createRequire(import.meta.url)('pg-boss/src/plans.js') as {
  locked(schema: string, query: string): string;
  failJobsByTimeout(schema: string): string;
};
export const EXPIRE_NOW = pgBossPlans.locked('pgboss', pgBossPlans.failJobsByTimeout('pgboss'));

/** Say that `serverId` is alive. */
async function beat(run: Run, serverId: string) {
  await run(
    `insert into job_servers (server_id) values ($1)
       on conflict (server_id) do update set seen_at = now()`,
    [serverId],
  );
}

type Run = (sql: string, params?: unknown[]) => Promise<unknown>;

interface TakenJob {
  jobId: string;
  queue: string;
  serverId: string;
}

/**
 * Take from silent servers (other than `me`) the active jobs of `queues`: each attempt is dated back past its expiry
 * and marked `interrupted`, and its person sees it queued again (or failed, when it was the last attempt). The caller
 * then runs `EXPIRE_NOW`. Both rows are locked, so two servers taking at once take each job once.
 */
async function takeSilentServersJobs(
  database: Database,
  me: string,
  queues: string[],
  silent = silentSeconds(),
): Promise<TakenJob[]> {
  if (queues.length === 0) return [];
  const taken = await database.query<{ job_id: string; queue: string; server_id: string }>(
    `with lost as (
       select j.id, j.name, j.retry_count < j.retry_limit as again, r.id as run_id, r.server_id
         from pgboss.job j
         join job_runs r on r.job_id = j.id and r.state = 'running' and r.attempt = j.retry_count
         join job_servers s on s.server_id = r.server_id
        where j.state = 'active' and j.name = any($2::text[]) and r.server_id <> $1
          and s.seen_at < now() - make_interval(secs => $3)
          for update of j, r skip locked
     ), dated as (
       update pgboss.job j set started_on = now() - j.expire_in - interval '1 second'
         from lost where j.name = lost.name and j.id = lost.id
     ), marked as (
       update job_runs r set state = 'interrupted', finished_at = now(), error = 'its server stopped answering'
         from lost where r.id = lost.run_id
     ), told as (
       update user_jobs u set updated_at = now(),
              state = case when lost.again then 'queued' else 'failed' end,
              error = case when lost.again then 'its server stopped; it will be run again'
                           else 'its server stopped during its last attempt' end
         from lost where u.job_id = lost.id and u.state = 'running'
     )
     select id::text as job_id, name as queue, server_id from lost`,
    [me, queues, silent],
  );
  return taken.map((r) => ({ jobId: r.job_id, queue: r.queue, serverId: r.server_id }));
}

/**
 * A server's heartbeat and its take of silent servers' jobs, each at every beat and each waiting for its own previous
 * round (on PGlite a long import holds the engine: rounds wait for it and do not pile up). On PostgreSQL the beat has
 * a connection of its own, so a server whose pool is busy is not taken for dead.
 */
export class Heartbeat {
  #own: pg.Pool | null = null;
  #timer: NodeJS.Timeout | null = null;
  #beating: Promise<void> | null = null;
  #taking: Promise<void> | null = null;
  /** Jobs were taken and pg-boss's expiry has not yet run for them (it failed): run it at the next round. */
  #expiryDue = false;
  #stopped = false;
  /** Jobs taken from silent servers by this one. */
  taken = 0;

  constructor(
    private readonly database: Database,
    private readonly serverId: string,
    private readonly queues: () => string[],
    private readonly expire: () => Promise<unknown>,
  ) {}

  /** The first beat (before any job is fetched, so that a job of ours always has our row), then one per period. */
  async start() {
    this.#stopped = false;
    const pool = this.database.pool;
    this.#own = pool ? new pg.Pool({ ...(pool.options as pg.PoolConfig), max: 1 }) : null;
    this.#own?.on('error', () => undefined);
    await beat(this.#run, this.serverId);
    await this.database.query(`delete from job_servers where seen_at < now() - interval '1 day'`);
    if (this.#stopped) return;
    this.#timer = setInterval(() => this.#round(), heartbeatSeconds() * 1000).unref();
  }

  async stop() {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await Promise.all([this.#beating, this.#taking]);
    await this.#own?.end().catch(() => undefined);
    this.#own = null;
  }

  #run: Run = (sql, params) => (this.#own ? this.#own.query(sql, params) : this.database.query(sql, params));

  #round() {
    if (this.#stopped) return;
    // A beat that fails (the database restarting) is tried again at the next round.
    this.#beating ??= beat(this.#run, this.serverId)
      .catch((e) => console.error('job queue: heartbeat:', (e as Error).message))
      .finally(() => {
        this.#beating = null;
      });
    this.#taking ??= this.#take()
      .catch((e) => console.error('job queue: taking the jobs of silent servers:', (e as Error).message))
      .finally(() => {
        this.#taking = null;
      });
  }

  async #take() {
    const taken = await takeSilentServersJobs(this.database, this.serverId, this.queues());
    this.taken += taken.length;
    for (const j of taken)
      console.warn(`job queue: ${j.queue} job ${j.jobId} taken from silent server ${j.serverId}; retried`);
    if (taken.length > 0) this.#expiryDue = true;
    if (!this.#expiryDue || this.#stopped) return;
    await this.expire();
    this.#expiryDue = false;
  }
}
