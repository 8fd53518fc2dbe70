import type { Database } from '../../db/client';
import { runFollowUpReminders } from '../councils/follow-ups.service';
import { REPORT_PACKAGE_JOB, type ReportPackageJobData, runPackageJob } from '../documents/report-package-job';
import { processOutbox, runReminders, smtpSender } from '../reporting/notifications.service';
import { IMPORT_JOB, type ImportJobData, runImportJob } from '../statistics/import-job';
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
    // One at a time: a job held by a server that died blocks the queue until it expires, so not 15 min.
    expireInSeconds: 10 * 60,
    run: async (database: Database, _data: object, ctx) =>
      runReminders(database.db, undefined, (done, total) => ctx.progress(done, total)),
  } satisfies JobDefinition<object>,
  /** The e-mail outbox when SMTP is configured: every minute; one sender at a time on the whole cluster. */
  emailOutbox: {
    name: 'email-outbox',
    cron: '* * * * *',
    oneAtATime: true,
    retryLimit: 2,
    expireInSeconds: 5 * 60,
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
    expireInSeconds: 10 * 60,
    run: async (database: Database) => ({ sent: await runFollowUpReminders(database.db) }),
  } satisfies JobDefinition<object>,
  /**
   * A statistics import queued by a person (POST /api/v1/import-jobs): exactly once (the import records its job's
   * upload in its own transaction); a refused file fails at once; a dead server's import is taken by another a
   * minute after it fell silent (liveness.ts), and the 30-minute expiry stays as the backstop.
   */
  statisticsImport: {
    name: IMPORT_JOB,
    retryLimit: 2,
    retryDelay: 30,
    expireInSeconds: 30 * 60,
    run: (database: Database, data: ImportJobData, ctx) => runImportJob(database, data, ctx),
  } satisfies JobDefinition<ImportJobData>,
  /**
   * A cycle's report package queued by an administrator (POST /api/v1/cycles/{id}/report/package-jobs): stored once
   * per job (keyed by its id in one transaction); a refusal fails at once; a failed render (LibreOffice) is retried
   * twice after 15 s and 30 s; a render takes seconds, so a job still active after 10 min is taken as lost.
   */
  reportPackage: {
    name: REPORT_PACKAGE_JOB,
    retryLimit: 2,
    retryDelay: 15,
    expireInSeconds: 10 * 60,
    run: (database: Database, data: ReportPackageJobData, ctx) => runPackageJob(database, data, ctx),
  } satisfies JobDefinition<ReportPackageJobData>,
} as const;

/** Kinds a person may start through POST /api/v1/jobs (administrators; the service checks again). */
export const STARTABLE = [JOBS.reportingReminders.name, JOBS.councilFollowUps.name, JOBS.emailOutbox.name] as const;

export function defineJobs(queue: JobQueue) {
  for (const def of Object.values(JOBS)) queue.define(def as JobDefinition<object>);
}
