import { integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from '../access/access.schema';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/** A published edition of a year's linkage scorecard, frozen with its method version. */
export const scorecardEditions = pgTable(
  'monitoring_scorecard_editions',
  {
    id: serial('id').primaryKey(),
    year: integer('year').notNull(),
    edition: integer('edition').notNull(),
    methodVersion: text('method_version').notNull(),
    payload: jsonb('payload').notNull(),
    reason: text('reason'),
    publishedAt: ts('published_at').notNull().defaultNow(),
    publishedBy: integer('published_by').references(() => users.id),
  },
  (t) => [uniqueIndex('monitoring_scorecard_editions_year_edition_key').on(t.year, t.edition)],
);

/** A dismissed candidate duplicate pair; kept when reopened. */
export const dismissals = pgTable(
  'monitoring_dismissals',
  {
    id: serial('id').primaryKey(),
    pairKey: text('pair_key').notNull(),
    reason: text('reason').notNull(),
    dismissedAt: ts('dismissed_at').notNull().defaultNow(),
    dismissedBy: integer('dismissed_by').references(() => users.id),
    reopenedAt: ts('reopened_at'),
    reopenedBy: integer('reopened_by').references(() => users.id),
    reopenReason: text('reopen_reason'),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('monitoring_dismissals_open_uq').on(t.pairKey).where(sql`reopened_at is null`)],
);
