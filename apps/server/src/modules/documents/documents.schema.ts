import type { ReportModel } from '@regionlink/shared';
import {
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../access/access.schema';
import { reportingCycles } from '../reporting/reporting.schema';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/** Binary file content; PGlite and node-postgres both return a Uint8Array/Buffer for bytea. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
  toDriver: (v) => v,
});

/**
 * The national report's draft of a reporting cycle (one per cycle): the report model staff edit, the seed it was
 * last synchronised from (`base`, for the three-way merge of a re-sync), offers of newer submission text for units
 * staff edited (`pending`), who last changed each unit (`unitMeta`), and the version for ETag / If-Match.
 */
export const reportDrafts = pgTable('report_drafts', {
  id: serial('id').primaryKey(),
  cycleId: integer('cycle_id')
    .notNull()
    .unique()
    .references(() => reportingCycles.id, { onDelete: 'cascade' }),
  status: text('status').notNull().default('draft'),
  version: integer('version').notNull().default(1),
  model: jsonb('model').$type<ReportModel>().notNull(),
  base: jsonb('base').$type<ReportModel>().notNull(),
  pending: jsonb('pending').$type<Record<string, unknown>>().notNull().default({}),
  unitMeta: jsonb('unit_meta').$type<Record<string, { by: string; at: string }>>().notNull().default({}),
  sourceDigest: text('source_digest').notNull(),
  syncedAt: ts('synced_at').notNull().defaultNow(),
  syncedBy: integer('synced_by').references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
  createdBy: integer('created_by').references(() => users.id),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: integer('updated_by').references(() => users.id),
});

/** Every change to a draft: who, when, which unit, and the full value before and after (nothing is lost). */
export const reportDraftEvents = pgTable(
  'report_draft_events',
  {
    id: serial('id').primaryKey(),
    draftId: integer('draft_id')
      .notNull()
      .references(() => reportDrafts.id, { onDelete: 'cascade' }),
    draftVersion: integer('draft_version').notNull(),
    at: ts('at').notNull().defaultNow(),
    userId: integer('user_id').references(() => users.id),
    action: text('action').notNull(),
    unit: text('unit'),
    labelVi: text('label_vi').notNull(),
    labelEn: text('label_en').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    note: text('note'),
  },
  (t) => [index('report_draft_events_draft_idx').on(t.draftId, t.id)],
);

/** A numbered version of the package, kept when a draft is accepted as final: "the report as sent". */
export const reportVersions = pgTable(
  'report_versions',
  {
    id: serial('id').primaryKey(),
    draftId: integer('draft_id')
      .notNull()
      .references(() => reportDrafts.id, { onDelete: 'cascade' }),
    cycleId: integer('cycle_id').notNull(),
    number: integer('number').notNull(),
    draftVersion: integer('draft_version').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    createdBy: integer('created_by').references(() => users.id),
    letterNumber: text('letter_number').notNull(),
    letterDate: text('letter_date').notNull(),
    manifest: jsonb('manifest').notNull(),
    model: jsonb('model').$type<ReportModel>().notNull(),
    zip: bytea('zip').notNull(),
  },
  (t) => [uniqueIndex('report_versions_cycle_number_idx').on(t.cycleId, t.number)],
);

/** A report package prepared by a background job, one per job (migration 1350_report_files.sql). */
export const reportFiles = pgTable(
  'report_files',
  {
    id: serial('id').primaryKey(),
    jobId: uuid('job_id').notNull().unique(),
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => reportingCycles.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    content: bytea('content').notNull(),
    byteSize: integer('byte_size').notNull(),
    sha256: text('sha256').notNull(),
    draftVersion: integer('draft_version').notNull(),
    draftStatus: text('draft_status').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('report_files_cycle_idx').on(t.cycleId, t.createdAt)],
);
