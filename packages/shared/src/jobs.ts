import { z } from 'zod';

/** Background jobs a person may start (administrators): the same code the schedules run. */
export const JobKind = z.enum(['reporting-reminders', 'council-follow-up-reminders', 'email-outbox']);
export type JobKind = z.infer<typeof JobKind>;

export const StartJobInput = z.object({ kind: JobKind }).strict();
export type StartJobInput = z.infer<typeof StartJobInput>;

/** A job the caller started, with its progress (`done` of `total` steps) and outcome. */
export const UserJob = z.object({
  id: z.uuid(),
  kind: z.string(),
  state: z.enum(['queued', 'running', 'completed', 'failed']),
  done: z.number().int(),
  total: z.number().int().nullable(),
  attempts: z.number().int(),
  result: z.unknown().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UserJob = z.infer<typeof UserJob>;

export const UserJobsResponse = z.object({ items: z.array(UserJob) });
export type UserJobsResponse = z.infer<typeof UserJobsResponse>;

export const JobIdParams = z.object({ id: z.uuid() });
