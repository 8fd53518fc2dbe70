import { and, asc, desc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { formatDateVi } from '@regionlink/shared';
import type { Db } from '../../db/client';
import type { SessionUser } from '../access/access.service';
import { actorOf, organisationsById, REPORTING_OWNER_CODE, requireAdmin, today } from './reporting.context';
import { daysBetween } from './progress';
import {
  cycleOrganisations,
  emailOutbox,
  reportingContacts,
  reportingCycles,
  reportingNotificationReads,
  reportingNotifications,
  submissions,
} from './reporting.schema';

/**
 * In-app notifications and e-mail. A notification is written in the same transaction as the event that causes it
 * (a return, an acceptance, a new cycle, a deadline), and so is the e-mail for the organisation's reporting contact:
 * into an outbox table, sent later over SMTP when `SMTP_URL` is set. Mail being down loses nothing; a dedupe key
 * makes reminders idempotent.
 */

export interface NotificationInput {
  organisationId: number | null;
  userId?: number | null;
  /** Only this role within the organisation sees it: submission content goes to MoF admins or the reporters only. */
  audienceRole?: 'admin' | 'reporter' | null;
  kind: string;
  titleVi: string;
  titleEn: string;
  bodyVi: string;
  bodyEn: string;
  link: string | null;
  dedupeKey?: string | null;
  /** Also queue an e-mail to the organisation's reporting contact (or the cycle's contact address). */
  email?: { cycleId?: number } | false;
}

const publicUrl = () => (process.env.PUBLIC_URL ?? '').replace(/\/$/, '');

/** Create a notification (and queue its e-mail). Returns false when a notification with the same dedupe key exists. */
export async function notify(tx: Db, n: NotificationInput): Promise<boolean> {
  const inserted = await tx
    .insert(reportingNotifications)
    .values({
      organisationId: n.organisationId,
      userId: n.userId ?? null,
      audienceRole: n.audienceRole ?? null,
      kind: n.kind,
      titleVi: n.titleVi,
      titleEn: n.titleEn,
      bodyVi: n.bodyVi,
      bodyEn: n.bodyEn,
      link: n.link,
      dedupeKey: n.dedupeKey ?? null,
    })
    .onConflictDoNothing({ target: reportingNotifications.dedupeKey })
    .returning({ id: reportingNotifications.id });
  if (inserted.length === 0) return false;
  if (n.email && n.organisationId !== null) {
    const to = await contactEmail(tx, n.organisationId, n.email.cycleId);
    if (to) {
      const link = n.link ? `${publicUrl()}${n.link}` : '';
      await tx
        .insert(emailOutbox)
        .values({
          toAddress: to,
          subject: `[RegionLink] ${n.titleVi}`,
          bodyText: `${n.bodyVi}\n${link ? `\nXem chi tiết: ${link}\n` : ''}\n---\n${n.titleEn}\n${n.bodyEn}\n${link ? `\nDetails: ${link}\n` : ''}\nHệ thống thông tin liên kết vùng (RegionLink) — thư tự động, vui lòng không trả lời.`,
          kind: n.kind,
          dedupeKey: n.dedupeKey ?? null,
        })
        .onConflictDoNothing({ target: emailOutbox.dedupeKey });
    }
  }
  return true;
}

async function contactEmail(tx: Db, organisationId: number, cycleId?: number): Promise<string | null> {
  if (cycleId !== undefined) {
    const [c] = await tx
      .select({ email: cycleOrganisations.contactEmail })
      .from(cycleOrganisations)
      .where(and(eq(cycleOrganisations.cycleId, cycleId), eq(cycleOrganisations.organisationId, organisationId)));
    if (c?.email) return c.email;
  }
  const [r] = await tx.select().from(reportingContacts).where(eq(reportingContacts.organisationId, organisationId));
  return r?.email ?? null;
}

/** Notifications addressed to the user, or to their organisation for everyone or for their role. */
const addressedTo = (user: SessionUser) =>
  or(
    eq(reportingNotifications.userId, user.id),
    and(
      eq(reportingNotifications.organisationId, user.organisation.id),
      or(isNull(reportingNotifications.audienceRole), eq(reportingNotifications.audienceRole, user.role)),
    ),
  );

/** The caller's notifications (their organisation's and their own), newest first, with the unread count. */
export async function listNotifications(db: Db, user: SessionUser) {
  const rows = await db
    .select({ n: reportingNotifications, readAt: reportingNotificationReads.readAt })
    .from(reportingNotifications)
    .leftJoin(
      reportingNotificationReads,
      and(
        eq(reportingNotificationReads.notificationId, reportingNotifications.id),
        eq(reportingNotificationReads.userId, user.id),
      ),
    )
    .where(addressedTo(user))
    .orderBy(desc(reportingNotifications.createdAt), desc(reportingNotifications.id))
    .limit(200);
  const items = rows.map(({ n, readAt }) => ({
    id: n.id,
    kind: n.kind,
    titleVi: n.titleVi,
    titleEn: n.titleEn,
    bodyVi: n.bodyVi,
    bodyEn: n.bodyEn,
    link: n.link,
    createdAt: n.createdAt,
    read: readAt !== null,
  }));
  return { items, unread: items.filter((i) => !i.read).length };
}

/** Mark notifications read for the caller; ids that are not theirs are ignored. */
export async function markNotificationsRead(db: Db, user: SessionUser, ids: number[]) {
  if (ids.length === 0) return listNotifications(db, user);
  const mine = await db
    .select({ id: reportingNotifications.id })
    .from(reportingNotifications)
    .where(and(inArray(reportingNotifications.id, ids), addressedTo(user)));
  if (mine.length)
    await db
      .insert(reportingNotificationReads)
      .values(mine.map((m) => ({ notificationId: m.id, userId: user.id })))
      .onConflictDoNothing();
  return listNotifications(db, user);
}

/**
 * Reminders for open cycles with a deadline: "due soon" within 7 days of the deadline, "overdue" after it, for each
 * expected organisation whose report has not been received, except MoF itself. Idempotent (one of each per cycle, organisation and
 * deadline). Returns how many notifications and e-mails were created.
 */
export async function runReminders(
  db: Db,
  now: string = today(),
  onProgress?: (done: number, total: number) => Promise<void>,
) {
  const cycles = await db.select().from(reportingCycles).where(eq(reportingCycles.status, 'open'));
  // MoF runs the cycles: it is never reminded by itself.
  const owner = [...(await organisationsById(db)).values()].find((o) => o.code === REPORTING_OWNER_CODE)?.id;
  let notifications = 0;
  const before = await outboxCount(db);
  for (const [i, c] of cycles.entries()) {
    await onProgress?.(i, cycles.length);
    if (!c.deadline) continue;
    const daysLeft = daysBetween(now, c.deadline);
    if (daysLeft > 7) continue;
    const expected = await db.select().from(cycleOrganisations).where(eq(cycleOrganisations.cycleId, c.id));
    const subs = await db
      .select({ organisationId: submissions.organisationId, state: submissions.state })
      .from(submissions)
      .where(eq(submissions.cycleId, c.id));
    const received = new Set(subs.filter((s) => s.state !== 'draft').map((s) => s.organisationId));
    await db.transaction(async (tx) => {
      for (const e of expected) {
        if (received.has(e.organisationId) || e.organisationId === owner) continue;
        const overdue = daysLeft < 0;
        const created = await notify(tx as unknown as Db, {
          organisationId: e.organisationId,
          kind: overdue ? 'deadline_missed' : 'deadline_upcoming',
          titleVi: overdue ? `Quá hạn báo cáo: ${c.nameVi}` : `Sắp đến hạn báo cáo: ${c.nameVi}`,
          titleEn: overdue ? `Report overdue: ${c.nameEn}` : `Report due soon: ${c.nameEn}`,
          bodyVi: overdue
            ? `Hạn gửi báo cáo là ${formatDateVi(c.deadline)}; Bộ Tài chính chưa nhận được báo cáo của đơn vị.`
            : `Hạn gửi báo cáo là ${formatDateVi(c.deadline)} (còn ${daysLeft} ngày).`,
          bodyEn: overdue
            ? `The deadline was ${formatDateVi(c.deadline)}; the Ministry of Finance has not received your report.`
            : `The deadline is ${formatDateVi(c.deadline)} (${daysLeft} days left).`,
          link: `/reporting/cycles/${c.id}`,
          dedupeKey: `${overdue ? 'missed' : 'upcoming'}:${c.id}:${e.organisationId}:${c.deadline}`,
          email: { cycleId: c.id },
        });
        if (created) notifications++;
      }
    });
  }
  await onProgress?.(cycles.length, cycles.length);
  return { notifications, emails: (await outboxCount(db)) - before };
}

async function outboxCount(db: Db) {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(emailOutbox);
  return Number(r.n);
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/**
 * Send pending e-mails through `send`, oldest first. A failure is recorded with its error and retried later with
 * a growing delay; after 5 attempts the message is marked failed (and stays visible to admins).
 */
export async function processOutbox(db: Db, send: (m: MailMessage) => Promise<void>, limit = 20) {
  const due = await db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.status, 'pending'), lte(emailOutbox.nextAttemptAt, sql`now()`)))
    .orderBy(asc(emailOutbox.id))
    .limit(limit);
  let sent = 0;
  let failed = 0;
  for (const m of due) {
    try {
      await send({ to: m.toAddress, subject: m.subject, text: m.bodyText });
      await db
        .update(emailOutbox)
        .set({ status: 'sent', sentAt: sql`now()`, attempts: m.attempts + 1, lastError: null })
        .where(and(eq(emailOutbox.id, m.id), eq(emailOutbox.status, 'pending')));
      sent++;
    } catch (e) {
      const attempts = m.attempts + 1;
      await db
        .update(emailOutbox)
        .set({
          attempts,
          lastError: String((e as Error).message ?? e).slice(0, 500),
          status: attempts >= 5 ? 'failed' : 'pending',
          nextAttemptAt: sql`now() + make_interval(mins => ${2 ** attempts})`,
        })
        .where(eq(emailOutbox.id, m.id));
      failed++;
    }
  }
  return { sent, failed };
}

/** An SMTP sender for `SMTP_URL` (e.g. smtp://user:pass@mail.example.gov.vn:587), or null when not configured. */
export function smtpSender(url = process.env.SMTP_URL, from = process.env.SMTP_FROM) {
  if (!url) return null;
  const transport = nodemailer.createTransport(url);
  const sender = from ?? 'RegionLink <no-reply@regionlink.invalid>';
  return async (m: MailMessage) => {
    await transport.sendMail({ from: sender, to: m.to, subject: m.subject, text: m.text });
  };
}

/** The outbox for administrators (what was sent, what waits, what failed). */
export async function listOutbox(db: Db, user: SessionUser | null) {
  const actor = actorOf(user);
  await requireAdmin(db, actor, { entity: 'email_outbox', id: 'all', action: 'list' });
  const rows = await db.select().from(emailOutbox).orderBy(desc(emailOutbox.id)).limit(500);
  return {
    items: rows.map((r) => ({
      id: r.id,
      toAddress: r.toAddress,
      subject: r.subject,
      kind: r.kind,
      status: r.status as 'pending' | 'sent' | 'failed',
      attempts: r.attempts,
      lastError: r.lastError,
      createdAt: r.createdAt,
      sentAt: r.sentAt,
    })),
    smtpConfigured: !!process.env.SMTP_URL,
  };
}

/** Run the reminders now (admin). */
export async function runRemindersAs(db: Db, user: SessionUser | null) {
  const actor = actorOf(user);
  await requireAdmin(db, actor, { entity: 'reminders', id: 'all', action: 'run' });
  return runReminders(db);
}
