import type { IndexDefinition } from '@regionlink/shared';
import { integer, jsonb, pgTable, serial, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../access/access.schema';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/**
 * Saved composite-index definitions (issue 5). Readable by anyone who has the id (a shared URL); only the creator or
 * an administrator edits one, with If-Match on `version`. Custom groupings live in the geo module's `groupings` table.
 */
export const analyticsIndices = pgTable('analytics_indices', {
  id: serial('id').primaryKey(),
  definition: jsonb('definition').$type<IndexDefinition>().notNull(),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  createdBy: integer('created_by').references(() => users.id),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: integer('updated_by').references(() => users.id),
});
