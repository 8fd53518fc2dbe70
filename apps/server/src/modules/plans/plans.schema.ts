import {
  boolean,
  customType,
  date,
  integer,
  numeric,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { organisations, users } from '../access/access.schema';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });
const money = (name: string) => numeric(name, { precision: 20, scale: 3, mode: 'number' });
const measure = (name: string) => numeric(name, { precision: 24, scale: 6, mode: 'number' });

/** Binary file content; PGlite returns Uint8Array and node-postgres Buffer, both normalised to Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** Regional plans 2021–2030 (one per region of their time) and the implementation plans attached to them. */
export const regionalPlans = pgTable('regional_plans', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  kind: text('kind').notNull(),
  parentId: integer('parent_id'),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en').notNull(),
  decisionNo: text('decision_no'),
  decisionDate: date('decision_date', { mode: 'string' }),
  periodStart: integer('period_start').notNull(),
  periodEnd: integer('period_end').notNull(),
  visionYear: integer('vision_year'),
  /** Region code as a grouping in force on `regionGeoDate` (the GSO regions of the 63 provinces for 2021–2030). */
  regionCode: text('region_code').notNull(),
  regionGeoDate: date('region_geo_date', { mode: 'string' }).notNull(),
  source: text('source').notNull(),
  note: text('note'),
  sourceEn: text('source_en'),
  noteEn: text('note_en'),
  sortOrder: integer('sort_order').notNull().default(0),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Task groups of an implementation plan (II.1.a–e of the Northern Midlands and Mountains plan). */
export const planTaskGroups = pgTable('plan_task_groups', {
  id: serial('id').primaryKey(),
  planId: integer('plan_id')
    .notNull()
    .references(() => regionalPlans.id),
  code: text('code').notNull(),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en').notNull(),
  descriptionVi: text('description_vi'),
  descriptionEn: text('description_en'),
  sortOrder: integer('sort_order').notNull().default(0),
});

/** The project registry: projects, programmes and corridors named in a plan. */
export const projects = pgTable('projects', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  planId: integer('plan_id')
    .notNull()
    .references(() => regionalPlans.id),
  taskGroupId: integer('task_group_id').references(() => planTaskGroups.id),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en').notNull(),
  sector: text('sector').notNull(),
  sectorDetail: text('sector_detail'),
  sectorDetailEn: text('sector_detail_en'),
  phase: text('phase'),
  periodText: text('period_text'),
  status: text('status').notNull().default('not_reported'),
  fundingType: text('funding_type').notNull().default('unspecified'),
  intendedSources: text('intended_sources').array().notNull().default([]),
  fundingText: text('funding_text'),
  leadAgencyText: text('lead_agency_text'),
  geometry: text('geometry').notNull().default('point'),
  scale: text('scale'),
  locationText: text('location_text'),
  notes: text('notes'),
  sourceSection: text('source_section'),
  source: text('source').notNull(),
  scaleEn: text('scale_en'),
  locationTextEn: text('location_text_en'),
  notesEn: text('notes_en'),
  sourceEn: text('source_en'),
  sortOrder: integer('sort_order').notNull().default(0),
  version: integer('version').notNull().default(1),
  createdBy: integer('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Provinces a project touches: (code, vintage) with the role, the order along a line and an optional cost share. */
export const projectProvinces = pgTable(
  'project_provinces',
  {
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    unitCode: text('unit_code').notNull(),
    vintage: date('vintage', { mode: 'string' }).notNull(),
    role: text('role').notNull(),
    seq: integer('seq').notNull().default(0),
    costShare: numeric('cost_share', { precision: 7, scale: 4, mode: 'number' }),
    matchedText: text('matched_text'),
    resolvedVia: text('resolved_via'),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.unitCode, t.vintage] })],
);

/** Location text that names no province (a river, the whole region, a facility spanning provinces). */
export const projectUnresolvedLocations = pgTable('project_unresolved_locations', {
  id: serial('id').primaryKey(),
  projectId: integer('project_id')
    .notNull()
    .references(() => projects.id, { onDelete: 'cascade' }),
  text: text('text').notNull(),
  textEn: text('text_en'),
  reason: text('reason').notNull(),
  seq: integer('seq').notNull().default(0),
});

/** Organisations responsible for a project besides the provinces it is located in. */
export const projectOrganisations = pgTable(
  'project_organisations',
  {
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.organisationId] })],
);

/** Funding per project, source and year, in million VND: planned, allocated, disbursed. */
export const fundingLines = pgTable('funding_lines', {
  id: serial('id').primaryKey(),
  projectId: integer('project_id')
    .notNull()
    .references(() => projects.id, { onDelete: 'cascade' }),
  source: text('source').notNull(),
  year: integer('year').notNull(),
  planned: money('planned').notNull(),
  allocated: money('allocated'),
  disbursed: money('disbursed'),
  overDisbursementNote: text('over_disbursement_note'),
  note: text('note'),
  sourceDocument: text('source_document'),
  isDemo: boolean('is_demo').notNull().default(false),
  version: integer('version').notNull().default(1),
  createdBy: integer('created_by'),
  updatedBy: integer('updated_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const milestones = pgTable('milestones', {
  id: serial('id').primaryKey(),
  projectId: integer('project_id')
    .notNull()
    .references(() => projects.id, { onDelete: 'cascade' }),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en'),
  plannedDate: date('planned_date', { mode: 'string' }).notNull(),
  actualDate: date('actual_date', { mode: 'string' }),
  note: text('note'),
  isDemo: boolean('is_demo').notNull().default(false),
  version: integer('version').notNull().default(1),
  createdBy: integer('created_by'),
  updatedBy: integer('updated_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Progress updates posted by a responsible organisation; drafts are seen only by editors, admin and councils. */
export const progressUpdates = pgTable('progress_updates', {
  id: serial('id').primaryKey(),
  projectId: integer('project_id')
    .notNull()
    .references(() => projects.id, { onDelete: 'cascade' }),
  organisationId: integer('organisation_id')
    .notNull()
    .references(() => organisations.id),
  authorId: integer('author_id').references(() => users.id),
  authorName: text('author_name').notNull(),
  asOf: date('as_of', { mode: 'string' }).notNull(),
  status: text('status').notNull(),
  percent: integer('percent'),
  narrative: text('narrative').notNull(),
  state: text('state').notNull().default('draft'),
  publishedAt: ts('published_at'),
  isDemo: boolean('is_demo').notNull().default(false),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const progressEvidence = pgTable('progress_evidence', {
  id: serial('id').primaryKey(),
  updateId: integer('update_id')
    .notNull()
    .references(() => progressUpdates.id, { onDelete: 'cascade' }),
  fileName: text('file_name').notNull(),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  data: bytea('data').notNull(),
  uploadedBy: integer('uploaded_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Results-framework indicators of a plan, with baseline; `statsIndicatorCode` links to the statistics database. */
export const rfIndicators = pgTable('rf_indicators', {
  id: serial('id').primaryKey(),
  planId: integer('plan_id')
    .notNull()
    .references(() => regionalPlans.id),
  code: text('code').notNull(),
  statsIndicatorCode: text('stats_indicator_code'),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en').notNull(),
  unit: text('unit').notNull(),
  unitEn: text('unit_en'),
  scopeKind: text('scope_kind').notNull(),
  scopeCode: text('scope_code').notNull(),
  scopeGeoDate: date('scope_geo_date', { mode: 'string' }).notNull(),
  direction: text('direction').notNull().default('increase'),
  phase: text('phase'),
  baselineValue: measure('baseline_value'),
  baselineYear: integer('baseline_year'),
  sourceDocument: text('source_document'),
  sourceSection: text('source_section'),
  sourceDocumentEn: text('source_document_en'),
  sourceSectionEn: text('source_section_en'),
  isDemo: boolean('is_demo').notNull().default(false),
  sortOrder: integer('sort_order').notNull().default(0),
  version: integer('version').notNull().default(1),
  createdBy: integer('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Targets, append-only: a change is a new revision with a reason; a trigger refuses UPDATE and DELETE. */
export const rfTargets = pgTable('rf_targets', {
  id: serial('id').primaryKey(),
  indicatorId: integer('indicator_id')
    .notNull()
    .references(() => rfIndicators.id),
  kind: text('kind').notNull(),
  year: integer('year'),
  value: measure('value').notNull(),
  revision: integer('revision').notNull(),
  reason: text('reason'),
  sourceDocument: text('source_document'),
  createdBy: integer('created_by'),
  createdByName: text('created_by_name'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Actuals reported by staff for indicators the statistics database does not hold; append-only. */
export const rfActuals = pgTable('rf_actuals', {
  id: serial('id').primaryKey(),
  indicatorId: integer('indicator_id')
    .notNull()
    .references(() => rfIndicators.id),
  year: integer('year').notNull(),
  value: measure('value').notNull(),
  sourceText: text('source_text').notNull(),
  isDemo: boolean('is_demo').notNull().default(false),
  createdBy: integer('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});
