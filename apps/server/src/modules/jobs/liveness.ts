import { createRequire } from 'node:module';
import type { Database } from '../../db/client';

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

/** A positive number of seconds from the environment, else `fallback`. */
function envSeconds(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

export const heartbeatSeconds = () => envSeconds('JOBS_HEARTBEAT_SECONDS', 10);
export const silentSeconds = () => envSeconds('JOBS_SILENT_SECONDS', 60);

/**
 * pg-boss's own SQL for failing the jobs active past their expiry (what its maintenance runs every 2 min), under its
 * lock: run at once after jobs were taken. From the library's plans module (pg-boss 10.4 pinned), not copied.
 */
const pgBossPlans = createRequire(import.meta.url)('pg-boss/src/plans.js') as {
  locked(schema: string, query: string): string;
  failJobsByTimeout(schema: string): string;
};
export const EXPIRE_NOW = pgBossPlans.locked('pgboss', pgBossPlans.failJobsByTimeout('pgboss'));

/** Say that `serverId` is alive. */
export async function beat(database: Database, serverId: string) {
  await database.query(
    `insert into job_servers (server_id) values ($1)
       on conflict (server_id) do update set seen_at = now()`,
    [serverId],
  );
}

/** Forget the servers not heard from for a day (their jobs were taken long ago). */
export async function forgetOldServers(database: Database) {
  await database.query(`delete from job_servers where seen_at < now() - interval '1 day'`);
}

export interface TakenJob {
  jobId: string;
  queue: string;
  serverId: string;
}

/**
 * Take from silent servers (other than `me`) the active jobs of `queues`: each attempt is dated back past its expiry
 * and marked `interrupted`, and its person sees it queued again. The caller then runs `EXPIRE_NOW`.
 */
export async function takeSilentServersJobs(
  database: Database,
  me: string,
  queues: string[],
  silent = silentSeconds(),
): Promise<TakenJob[]> {
  if (queues.length === 0) return [];
  const taken = await database.query<{ job_id: string; queue: string; server_id: string }>(
    `with lost as (
       select j.id, j.name, r.id as run_id, r.server_id
         from pgboss.job j
         join job_runs r on r.job_id = j.id and r.state = 'running' and r.attempt = j.retry_count
         join job_servers s on s.server_id = r.server_id
        where j.state = 'active' and j.name = any($2::text[]) and r.server_id <> $1
          and s.seen_at < now() - make_interval(secs => $3)
          for update of j skip locked
     ), dated as (
       update pgboss.job j set started_on = now() - j.expire_in - interval '1 second'
         from lost where j.name = lost.name and j.id = lost.id
     ), marked as (
       update job_runs r set state = 'interrupted', finished_at = now(),
              error = 'its server stopped answering'
         from lost where r.id = lost.run_id
     ), told as (
       update user_jobs u set state = 'queued', updated_at = now(),
              error = 'its server stopped; it will be run again'
         from lost where u.job_id = lost.id and u.state = 'running'
     )
     select id::text as job_id, name as queue, server_id from lost`,
    [me, queues, silent],
  );
  return taken.map((r) => ({ jobId: r.job_id, queue: r.queue, serverId: r.server_id }));
}
