import {
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { Flag, FigureDef, GeneralSection } from '@regionlink/shared';
import { organisations, users } from '../access/access.schema';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });
const day = (name: string) => date(name, { mode: 'string' });

/** Binary file content; PGlite and node-postgres both return a Uint8Array/Buffer for bytea. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
  toDriver: (v) => v,
});

/** A policy document whose tasks are reported on (Resolution 57/NQ-CP of 21/4/2022). */
export const policyDocuments = pgTable('policy_documents', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  titleVi: text('title_vi').notNull(),
  titleEn: text('title_en').notNull(),
  issuerVi: text('issuer_vi').notNull(),
  issuerEn: text('issuer_en').notNull().default(''),
  issuedOn: day('issued_on').notNull(),
  summaryVi: text('summary_vi'),
  summaryEn: text('summary_en'),
  source: text('source'),
  sourceEn: text('source_en'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** A task of a policy document, numbered as the annual report numbers it (1.1.a … 1.3.đ). */
export const policyTasks = pgTable(
  'policy_tasks',
  {
    id: serial('id').primaryKey(),
    documentId: integer('document_id')
      .notNull()
      .references(() => policyDocuments.id),
    code: text('code').notNull(),
    section: text('section').notNull(),
    groupCode: text('group_code'),
    groupTitleVi: text('group_title_vi'),
    groupTitleEn: text('group_title_en'),
    titleVi: text('title_vi').notNull(),
    shortTitleVi: text('short_title_vi').notNull(),
    titleEn: text('title_en').notNull(),
    leadAsReported: text('lead_as_reported'),
    deadlineNote: text('deadline_note'),
    deadlineNoteEn: text('deadline_note_en'),
    recurring: boolean('recurring').notNull().default(false),
    note: text('note'),
    noteEn: text('note_en'),
    sortOrder: integer('sort_order').notNull().default(0),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('policy_tasks_doc_code_uq').on(t.documentId, t.code)],
);

/** Which organisations carry a task, as lead or co-operating. */
export const taskAssignments = pgTable(
  'task_assignments',
  {
    taskId: integer('task_id')
      .notNull()
      .references(() => policyTasks.id, { onDelete: 'cascade' }),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    role: text('role').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.organisationId] }),
    index('task_assignments_org_idx').on(t.organisationId),
  ],
);

/** A reporting round (e.g. the 2025 annual report requested by letter 17432/BTC-VCL). */
export const reportingCycles = pgTable(
  'reporting_cycles',
  {
    id: serial('id').primaryKey(),
    documentId: integer('document_id')
      .notNull()
      .references(() => policyDocuments.id),
    year: integer('year').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull(),
    requestNumber: text('request_number'),
    requestDate: day('request_date'),
    deadline: day('deadline'),
    cutoff: day('cutoff'),
    status: text('status').notNull().default('draft'),
    publishedAt: ts('published_at'),
    publishedBy: integer('published_by').references(() => users.id),
    publicationRef: text('publication_ref'),
    sections: jsonb('sections').$type<GeneralSection[]>().notNull().default([]),
    noteVi: text('note_vi'),
    noteEn: text('note_en'),
    source: text('source'),
    flags: jsonb('flags').$type<Flag[]>().notNull().default([]),
    demo: boolean('demo').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    createdBy: integer('created_by').references(() => users.id),
  },
  (t) => [index('reporting_cycles_doc_year_idx').on(t.documentId, t.year)],
);

/** The organisations expected to report in a cycle. */
export const cycleOrganisations = pgTable(
  'cycle_organisations',
  {
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => reportingCycles.id, { onDelete: 'cascade' }),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    contactEmail: text('contact_email'),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.organisationId] })],
);

/** The outline: the tasks a cycle asks about, the figures it asks for, and MoF's consolidated assessment. */
export const cycleTasks = pgTable(
  'cycle_tasks',
  {
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => reportingCycles.id, { onDelete: 'cascade' }),
    taskId: integer('task_id')
      .notNull()
      .references(() => policyTasks.id),
    sortOrder: integer('sort_order').notNull().default(0),
    figures: jsonb('figures').$type<FigureDef[]>().notNull().default([]),
    assessmentStatus: text('assessment_status'),
    assessmentNote: text('assessment_note'),
    assessmentHtml: text('assessment_html'),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.taskId] })],
);

/** One organisation's report in one cycle; `version` is the optimistic-locking counter behind the ETag. */
export const submissions = pgTable(
  'submissions',
  {
    id: serial('id').primaryKey(),
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => reportingCycles.id),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    state: text('state').notNull().default('draft'),
    version: integer('version').notNull().default(1),
    docNumber: text('doc_number'),
    docDate: day('doc_date'),
    receivedOn: day('received_on'),
    /** Position in the cycle's register of received reports, per group (the order of the report's appendix). */
    registerNo: integer('register_no'),
    reportingBodyVi: text('reporting_body_vi'),
    sections: jsonb('sections').$type<Record<string, string>>().notNull().default({}),
    flags: jsonb('flags').$type<Flag[]>().notNull().default([]),
    source: text('source'),
    sourceEn: text('source_en'),
    returnReason: text('return_reason'),
    copiedFromId: integer('copied_from_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    createdBy: integer('created_by').references(() => users.id),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    updatedBy: integer('updated_by').references(() => users.id),
    firstSubmittedAt: ts('first_submitted_at'),
    submittedAt: ts('submitted_at'),
    submittedBy: integer('submitted_by').references(() => users.id),
    acceptedAt: ts('accepted_at'),
    acceptedBy: integer('accepted_by').references(() => users.id),
    lockedAt: ts('locked_at'),
  },
  (t) => [
    uniqueIndex('submissions_cycle_org_uq').on(t.cycleId, t.organisationId),
    index('submissions_org_idx').on(t.organisationId),
  ],
);

/** Per-task content of a submission. `narrative_text` is the plain text of the narrative, for search. */
export const submissionTasks = pgTable(
  'submission_tasks',
  {
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    taskId: integer('task_id')
      .notNull()
      .references(() => policyTasks.id),
    status: text('status'),
    narrativeHtml: text('narrative_html').notNull().default(''),
    narrativeText: text('narrative_text').notNull().default(''),
    /** `foldVi(narrative_text)`: what search matches against. */
    narrativeFolded: text('narrative_folded').notNull().default(''),
    figures: jsonb('figures').$type<Record<string, number | null>>().notNull().default({}),
    sourceNote: text('source_note'),
    returnComment: text('return_comment'),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.taskId] })],
);

/** Evidence files: metadata here, bytes in `submission_file_contents` so lists stay cheap. */
export const submissionFiles = pgTable(
  'submission_files',
  {
    id: serial('id').primaryKey(),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    taskId: integer('task_id').references(() => policyTasks.id),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    kind: text('kind').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id),
    uploadedAt: ts('uploaded_at').notNull().defaultNow(),
  },
  (t) => [index('submission_files_submission_idx').on(t.submissionId)],
);

export const submissionFileContents = pgTable('submission_file_contents', {
  fileId: integer('file_id')
    .primaryKey()
    .references(() => submissionFiles.id, { onDelete: 'cascade' }),
  content: bytea('content').notNull(),
});

/** Reviewers' comments on one task of a submission. */
export const taskComments = pgTable(
  'task_comments',
  {
    id: serial('id').primaryKey(),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    taskId: integer('task_id')
      .notNull()
      .references(() => policyTasks.id),
    userId: integer('user_id').references(() => users.id),
    /** The author's display name when the comment was made (kept with the comment, like a signature). */
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('task_comments_submission_idx').on(t.submissionId)],
);

/** Every transition and edit of a submission: who, when, from which state to which, and why. */
export const submissionEvents = pgTable(
  'submission_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    at: ts('at').notNull().defaultNow(),
    userId: integer('user_id').references(() => users.id),
    actorName: text('actor_name'),
    actorNameEn: text('actor_name_en'),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    reason: text('reason'),
    reasonEn: text('reason_en'),
    detail: jsonb('detail'),
  },
  (t) => [index('submission_events_submission_idx').on(t.submissionId)],
);

/** In-app notifications, addressed to an organisation (all its users) or to one user. */
export const reportingNotifications = pgTable(
  'reporting_notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    organisationId: integer('organisation_id').references(() => organisations.id),
    userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** Only users of this role in the organisation see it (null: every user of the organisation). */
    audienceRole: text('audience_role'),
    kind: text('kind').notNull(),
    titleVi: text('title_vi').notNull(),
    titleEn: text('title_en').notNull(),
    bodyVi: text('body_vi').notNull(),
    bodyEn: text('body_en').notNull(),
    link: text('link'),
    dedupeKey: text('dedupe_key').unique(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('reporting_notifications_org_idx').on(t.organisationId)],
);

export const reportingNotificationReads = pgTable(
  'reporting_notification_reads',
  {
    notificationId: bigint('notification_id', { mode: 'number' })
      .notNull()
      .references(() => reportingNotifications.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    readAt: ts('read_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.userId] })],
);

/** The reporting focal point's e-mail address of an organisation, for reminders. */
export const reportingContacts = pgTable('reporting_contacts', {
  organisationId: integer('organisation_id')
    .primaryKey()
    .references(() => organisations.id),
  email: text('email').notNull(),
  nameVi: text('name_vi'),
});

/** E-mails waiting to be sent: written in the same transaction as the event, sent when SMTP is configured. */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    kind: text('kind').notNull(),
    dedupeKey: text('dedupe_key').unique(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    createdAt: ts('created_at').notNull().defaultNow(),
    sentAt: ts('sent_at'),
  },
  (t) => [index('email_outbox_pending_idx').on(t.status, t.nextAttemptAt)],
);
