import type { JobKind, UserJob } from '@regionlink/shared';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { notFound } from '../../lib/errors';
import type { SessionUser } from '../access/access.service';
import { userJobs } from './jobs.schema';
import type { JobQueue } from './queue';

const toApi = (r: typeof userJobs.$inferSelect): UserJob => ({
  id: r.jobId,
  kind: r.kind,
  state: r.state as UserJob['state'],
  done: r.done,
  total: r.total,
  attempts: r.attempts,
  result: r.result ?? null,
  error: r.error,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

/** The jobs the caller started, newest first (never anyone else's). */
export async function listMyJobs(db: Db, user: SessionUser) {
  const rows = await db
    .select()
    .from(userJobs)
    .where(eq(userJobs.userId, user.id))
    .orderBy(desc(userJobs.createdAt))
    .limit(100);
  return { items: rows.map(toApi) };
}

/** One job the caller started; another person's job does not exist for them (404). */
export async function getMyJob(db: Db, user: Pick<SessionUser, 'id'>, id: string) {
  const [r] = await db
    .select()
    .from(userJobs)
    .where(and(eq(userJobs.jobId, id), eq(userJobs.userId, user.id)));
  if (!r) throw notFound('Job', 'công việc');
  return toApi(r);
}

/** Queue a job for the caller (the route's gate admits administrators only) and return its status row. */
export async function startJob(db: Db, queue: JobQueue, user: SessionUser, kind: JobKind) {
  const id = await queue.send(kind, {}, { userId: user.id });
  return getMyJob(db, user, id);
}
