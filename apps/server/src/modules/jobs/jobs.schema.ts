import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/** A job started by a person, with its progress (migration 1000_jobs.sql). */
export const userJobs = pgTable(
  'user_jobs',
  {
    jobId: uuid('job_id').primaryKey(),
    kind: text('kind').notNull(),
    userId: integer('user_id').notNull(),
    state: text('state').notNull().default('queued'),
    done: integer('done').notNull().default(0),
    total: integer('total'),
    result: jsonb('result'),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('user_jobs_user_idx').on(t.userId, t.createdAt)],
);

/** One execution attempt of a job by one server. */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    jobId: uuid('job_id').notNull(),
    queue: text('queue').notNull(),
    runKey: text('run_key').notNull(),
    attempt: integer('attempt').notNull(),
    serverId: text('server_id').notNull(),
    state: text('state').notNull().default('running'),
    error: text('error'),
    startedAt: ts('started_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
  },
  (t) => [index('job_runs_queue_idx').on(t.queue, t.startedAt), index('job_runs_job_idx').on(t.jobId)],
);

/** A server working the job queue, and when it last said it was alive (modules/jobs/liveness.ts). */
export const jobServers = pgTable('job_servers', {
  serverId: text('server_id').primaryKey(),
  startedAt: ts('started_at').notNull().defaultNow(),
  seenAt: ts('seen_at').notNull().defaultNow(),
});
