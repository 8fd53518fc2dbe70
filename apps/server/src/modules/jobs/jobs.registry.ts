import type { Database } from '../../db/client';
import { runFollowUpReminders } from '../councils/follow-ups.service';
import { processOutbox, runReminders, smtpSender } from '../reporting/notifications.service';
import type { JobDefinition, JobQueue } from './queue';

/**
 * Every kind of background job, with its schedule (Asia/Ho_Chi_Minh). The work itself stays in its module; what a
 * job adds is that it runs once whichever server picks it, is retried with back-off, and survives a restart.
 * Each is idempotent as well (dedupe keys on notifications and e-mails), so a retry after a crash is harmless.
 */
export const JOBS = {
  /** Deadline reminders of the reporting cycles: hourly (was setInterval in notifications.service.ts). */
  reportingReminders: {
    name: 'reporting-reminders',
    cron: '5 * * * *',
    oneAtATime: true,
    run: async (database: Database, _data: object, ctx) =>
      runReminders(database.db, undefined, (done, total) => ctx.progress(done, total)),
  } satisfies JobDefinition<object>,
  /** The e-mail outbox when SMTP is configured: every minute; one sender at a time on the whole cluster. */
  emailOutbox: {
    name: 'email-outbox',
    cron: '* * * * *',
    oneAtATime: true,
    retryLimit: 2,
    run: async (database: Database) => {
      const send = smtpSender();
      if (!send) return { sent: 0, failed: 0, smtpConfigured: false };
      return { ...(await processOutbox(database.db, send)), smtpConfigured: true };
    },
  } satisfies JobDefinition<object>,
  /** Overdue follow-ups of council conclusions: daily at 07:10 (deduplicated per week). */
  councilFollowUps: {
    name: 'council-follow-up-reminders',
    cron: '10 7 * * *',
    oneAtATime: true,
    run: async (database: Database) => ({ sent: await runFollowUpReminders(database.db) }),
  } satisfies JobDefinition<object>,
} as const;

/** Kinds a person may start through POST /api/v1/jobs (administrators; the service checks again). */
export const STARTABLE = [JOBS.reportingReminders.name, JOBS.councilFollowUps.name, JOBS.emailOutbox.name] as const;

export function defineJobs(queue: JobQueue) {
  for (const def of Object.values(JOBS)) queue.define(def as JobDefinition<object>);
}
