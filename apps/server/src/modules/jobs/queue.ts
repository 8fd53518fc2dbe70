import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { and, eq, sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import { runAs } from '../../db/actor';
import type { Database } from '../../db/client';
import { jobRuns, userJobs } from './jobs.schema';
import { envSeconds } from './env';
import { EXPIRE_NOW, Heartbeat } from './liveness';

/**
 * Background work through pg-boss, a maintained PostgreSQL-backed job queue (its tables in the schema `pgboss`).
 * On PostgreSQL every server runs the same queue: a job is fetched with FOR UPDATE SKIP LOCKED by exactly one of
 * them, a scheduled job is created once per slot (pg-boss's singleton slot and its cron lock), a failed job is retried
 * with exponential back-off, and jobs survive a restart because they are rows. On the embedded PGlite the same
 * library runs over the engine's worker thread (`pgBossDb` below): the job code and the tests are the same.
 *
 * Ours on top: every execution is a row of `job_runs` (queue, slot, server, outcome), and a job started by a person
 * has a row of `user_jobs` with its progress, which that person reads through GET /api/v1/jobs.
 */

/** What a job's code gets besides its data. */
export interface JobContext {
  jobId: string;
  /** 0 for the first attempt. */
  attempt: number;
  /** The person who started it (null for scheduled work). */
  userId: number | null;
  /**
   * Report progress to the person who started the job (a no-op for scheduled work). Resolves at once: the row is
   * written in the background, at most once a second, and before the job's outcome (safe inside a transaction).
   */
  progress(done: number, total?: number): Promise<void>;
}

export interface JobDefinition<T extends object = Record<string, never>> {
  name: string;
  run(database: Database, data: T, ctx: JobContext): Promise<unknown>;
  /** A cron expression (Asia/Ho_Chi_Minh) for scheduled work; overridable by JOBS_CRON_<NAME> (e.g. in tests). */
  cron?: string;
  /** Only one job of this queue active at a time, on any server (pg-boss's `singleton` policy). */
  oneAtATime?: boolean;
  retryLimit?: number;
  /** Seconds before the first retry; doubled at each attempt (pg-boss's retryBackoff). */
  retryDelay?: number;
  /** A job still active after this long is taken as lost (its server died) and retried. */
  expireInSeconds?: number;
}

/**
 * A failure that another attempt would only repeat (a refused file, a permission refusal): the job fails at once,
 * without the back-off retries, and `result` (e.g. the refused rows) is kept for the person who started it.
 */
export class JobFailure extends Error {
  constructor(
    message: string,
    readonly result: unknown,
  ) {
    super(message);
  }
}

/**
 * A job's progress for its person: the latest value is written at most once a second, one write at a time, and
 * never awaited by the job's code. That matters on PGlite, where a job inside a long transaction holds the engine:
 * a write awaited there would wait for that transaction, i.e. forever; queued, it lands when the transaction ends.
 */
class ProgressSink {
  #latest: { done: number; total?: number } | null = null;
  #flight: Promise<void> | null = null;
  #timer: NodeJS.Timeout | null = null;
  #last = 0;

  constructor(
    private readonly write: (p: { done: number; total?: number }) => Promise<unknown>,
    private readonly everyMs = 1000,
  ) {}

  report(done: number, total?: number) {
    this.#latest = { done, ...(total === undefined ? {} : { total }) };
    if (this.#flight || this.#timer) return;
    const wait = this.#last + this.everyMs - Date.now();
    if (wait <= 0) this.#start();
    else this.#timer = setTimeout(() => this.#start(), wait).unref();
  }

  #start() {
    this.#timer = null;
    const p = this.#latest;
    if (!p) return;
    this.#latest = null;
    this.#last = Date.now();
    this.#flight = this.write(p)
      .then(() => undefined)
      .catch(() => undefined)
      .finally(() => {
        this.#flight = null;
        if (this.#latest) this.report(this.#latest.done, this.#latest.total);
      });
  }

  /** Write what is pending now (before the job's outcome is recorded). */
  async flush() {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    while (this.#flight) await this.#flight;
    if (this.#latest) {
      const p = this.#latest;
      this.#latest = null;
      await this.write(p).catch(() => undefined);
    }
  }
}

/** Data every queued job carries besides its own. */
interface Envelope {
  userId?: number | null;
}

/** pg-boss's database interface over our open database (node-postgres pool, or PGlite's worker thread). */
export function pgBossDb(database: Database): PgBoss.Db {
  if (database.pool) {
    const pool = database.pool;
    return { executeSql: (text, values) => pool.query(text, values) };
  }
  const pglite = database.pglite!;
  return {
    async executeSql(text, values) {
      // pg-boss sends its migrations as one parameterless text of several statements: the simple protocol.
      if (!values || values.length === 0) {
        const results = await pglite.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      }
      return pglite.query(text, values);
    },
  };
}

const envName = (name: string) => `JOBS_CRON_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

/**
 * How long a job may stay active before it is taken as lost (its server died) and retried elsewhere: the job's own
 * `expireInSeconds`, 15 min by default; `JOBS_EXPIRE_SECONDS` overrides every queue's (the cluster stage shortens it).
 */
const expiryOf = (d: JobDefinition<never>) =>
  envSeconds('JOBS_EXPIRE_SECONDS', d.expireInSeconds ?? 15 * 60, { whole: true });

/**
 * This server's name in `job_runs` and `job_servers`: host, process id and a random part (a container restarted in
 * place keeps its host name and often its process id, and must not take the dead process's jobs for its own).
 */
export const SERVER_ID = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export class JobQueue {
  readonly boss: PgBoss;
  readonly #defs = new Map<string, JobDefinition<never>>();
  #started: Promise<void> | null = null;
  #working = false;
  readonly #heartbeat: Heartbeat;

  constructor(
    readonly database: Database,
    opts: { pollingIntervalSeconds?: number; serverId?: string } = {},
  ) {
    this.serverId = opts.serverId ?? SERVER_ID;
    this.boss = new PgBoss({
      db: pgBossDb(database),
      schema: 'pgboss',
      // PGlite serves one statement at a time: poll less often there.
      pollingIntervalSeconds: opts.pollingIntervalSeconds ?? (database.engine === 'pglite' ? 5 : 2),
      cronWorkerIntervalSeconds: 5,
      cronMonitorIntervalSeconds: 15,
      // Maintenance expires the jobs of a server that died (and archives): pg-boss's 2 minutes unless overridden.
      maintenanceIntervalSeconds: envSeconds('JOBS_MAINTENANCE_SECONDS', 120, { whole: true }),
    });
    this.boss.on('error', (e) => console.error('job queue:', e));
    this.#heartbeat = new Heartbeat(
      database,
      this.serverId,
      () => [...this.#defs.keys()],
      () => pgBossDb(database).executeSql(EXPIRE_NOW, []),
    );
  }

  /** Jobs this server has taken from silent servers (for /api/metrics). */
  get takenFromSilent() {
    return this.#heartbeat.taken;
  }

  readonly serverId: string;

  /** Register a kind of job (before `start`). */
  define<T extends object>(def: JobDefinition<T>) {
    this.#defs.set(def.name, def as unknown as JobDefinition<never>);
  }

  definition(name: string) {
    return this.#defs.get(name);
  }

  /**
   * Install pg-boss's schema (idempotent, under its advisory lock) and create the queues; no workers yet. A failed
   * attempt (e.g. another server creating the same queues at that moment) is not kept: the next call tries again.
   */
  ready(): Promise<void> {
    this.#started ??= this.#install().catch((e) => {
      this.#started = null;
      throw e;
    });
    return this.#started;
  }

  async #install() {
    await this.boss.start();
    for (const d of this.#defs.values()) {
      const queue = {
        name: d.name,
        policy: d.oneAtATime ? ('singleton' as const) : ('standard' as const),
        retryLimit: d.retryLimit ?? 5,
        retryDelay: d.retryDelay ?? 30,
        retryBackoff: true,
        expireInSeconds: expiryOf(d),
      };
      if (await this.boss.getQueue(d.name)) await this.boss.updateQueue(d.name, queue);
      else await this.boss.createQueue(d.name, queue).catch(() => this.boss.updateQueue(d.name, queue));
    }
  }

  /**
   * Start working: a worker per queue and the schedules (pg-boss's maintenance, the expiry of lost jobs and the
   * archiving, runs from `ready`). Another server process does the same; pg-boss hands each job to one of them.
   */
  async work() {
    await this.ready();
    if (this.#working) return;
    this.#working = true;
    try {
      // Alive before fetching anything: a job of ours always has our row (modules/jobs/liveness.ts).
      await this.#heartbeat.start();
    } catch (e) {
      this.#working = false;
      throw e;
    }
    for (const d of this.#defs.values()) {
      await this.boss.work<Envelope>(d.name, { includeMetadata: true }, async ([job]) => this.#execute(d, job));
      const cron = process.env[envName(d.name)] ?? d.cron;
      // The slot (the minute) goes on the job itself: a second job for the same slot is refused by pg-boss's
      // unique index, and job_runs.run_key names the slot.
      if (cron)
        await this.boss.schedule(
          d.name,
          cron,
          {},
          { tz: 'Asia/Ho_Chi_Minh', singletonKey: 'cron', singletonSeconds: 60 },
        );
    }
  }

  /** Queue a job; with `userId`, the person can follow it. Returns the job id. */
  async send<T extends object>(name: string, data: T, opts: { userId?: number } = {}): Promise<string> {
    if (!this.#defs.has(name)) throw new Error(`job queue: unknown job ${name}`);
    await this.ready();
    const id = await this.boss.send(name, { ...data, userId: opts.userId ?? null });
    if (!id) throw new Error(`job queue: ${name} was not queued`);
    if (opts.userId)
      await this.database.db
        .insert(userJobs)
        .values({ jobId: id, kind: name, userId: opts.userId })
        .onConflictDoNothing();
    return id;
  }

  /** Jobs waiting (created or to be retried) per queue, for /api/metrics. */
  async depth(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const d of this.#defs.keys()) out[d] = 0;
    // Before any server has started the queue, pg-boss's tables do not exist yet: nothing waits.
    const [installed] = await this.database.query<{ t: string | null }>(`select to_regclass('pgboss.job')::text as t`);
    if (!installed?.t) return out;
    const rows = await this.database.query<{ name: string; state: string; n: number }>(
      `select name, state::text as state, count(*)::int as n from pgboss.job
        where state in ('created', 'retry', 'active') group by name, state`,
    );
    for (const r of rows) if (r.state !== 'active' && r.name in out) out[r.name] += Number(r.n);
    return out;
  }

  async stop() {
    await this.#heartbeat.stop();
    if (!this.#started) return;
    await this.#started.catch(() => undefined);
    await this.boss.stop({ graceful: true, wait: true, close: false, timeout: 10_000 });
    this.#started = null;
    this.#working = false;
  }

  /** One attempt of one job: a `job_runs` row around the job's code, progress and outcome for its person. */
  async #execute(def: JobDefinition<never>, job: PgBoss.JobWithMetadata<Envelope>) {
    const db = this.database.db;
    const userId = job.data.userId ?? null;
    const runKey = job.singletonOn ? `${new Date(job.singletonOn).toISOString()}` : job.id;
    // An earlier attempt still "running" never finished: its server died (or it outlived its expiry) and pg-boss
    // handed the job out again. It is recorded as interrupted, so that "ran once" counts completed runs truthfully.
    await db
      .update(jobRuns)
      .set({
        state: 'interrupted',
        error: 'expired: its server stopped or it ran past its expiry',
        finishedAt: sql`now()`,
      })
      .where(and(eq(jobRuns.jobId, job.id), eq(jobRuns.state, 'running')));
    const [run] = await db
      .insert(jobRuns)
      .values({ jobId: job.id, queue: def.name, runKey, attempt: job.retryCount, serverId: this.serverId })
      .returning({ id: jobRuns.id });
    const mine = eq(userJobs.jobId, job.id);
    const setUserJob = (v: Partial<typeof userJobs.$inferInsert>) =>
      userId
        ? db
            .update(userJobs)
            .set({ ...v, updatedAt: sql`now()` })
            .where(mine)
        : Promise.resolve();
    await setUserJob({ state: 'running', attempts: job.retryCount + 1 });
    const sink = new ProgressSink((p) => setUserJob(p));
    const ctx: JobContext = {
      jobId: job.id,
      attempt: job.retryCount,
      userId,
      progress: async (done, total) => sink.report(done, total),
    };
    const actor = { userId, organisationId: null, requestId: `job:${job.id}`, source: 'job' };
    try {
      const result = await runAs(actor, () => def.run(this.database, job.data as never, ctx));
      await sink.flush();
      await db.update(jobRuns).set({ state: 'completed', finishedAt: sql`now()` }).where(eq(jobRuns.id, run.id));
      await setUserJob({ state: 'completed', result: (result ?? null) as never, error: null });
      return result;
    } catch (e) {
      await sink.flush();
      const message = String((e as Error).message ?? e).slice(0, 500);
      const final = e instanceof JobFailure;
      // No retry for a failure another attempt would repeat: pg-boss retries while retry_count < retry_limit.
      if (final)
        await this.database.query('update pgboss.job set retry_limit = retry_count where name = $1 and id = $2', [
          def.name,
          job.id,
        ]);
      await db
        .update(jobRuns)
        .set({ state: 'failed', error: message, finishedAt: sql`now()` })
        .where(eq(jobRuns.id, run.id));
      const last = final || job.retryCount >= job.retryLimit;
      await setUserJob({
        state: last ? 'failed' : 'queued',
        error: message,
        ...(final ? { result: (e.result ?? null) as never } : {}),
      });
      throw e;
    }
  }
}
