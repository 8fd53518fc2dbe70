import {
  boolean,
  customType,
  date,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { organisations, users } from '../access/access.schema';

/** Tables of the councils module (migration `0600_councils.sql`). Other modules call the services, never these. */

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });
const day = (name: string) => date(name, { mode: 'string' });

/** Binary file content; PGlite returns Uint8Array and node-postgres Buffer, both normalised to Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** Columns of a stored file (meeting documents, follow-up evidence): name, checked type, size, hash, bytes, who. */
const fileColumns = () => ({
  fileName: text('file_name').notNull(),
  contentType: text('content_type').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text('sha256').notNull(),
  data: bytea('data').notNull(),
  uploadedBy: integer('uploaded_by').references(() => users.id),
  uploadedAt: ts('uploaded_at').notNull().defaultNow(),
});

/** Columns of one step of a workflow's history: when, who (user and organisation), what, from and to which state. */
const eventColumns = () => ({
  id: serial('id').primaryKey(),
  at: ts('at').notNull().defaultNow(),
  onDate: day('on_date').notNull(),
  userId: integer('user_id').references(() => users.id),
  organisationId: integer('organisation_id').references(() => organisations.id),
  action: text('action').notNull(),
  fromState: text('from_state'),
  toState: text('to_state').notNull(),
  note: text('note'),
});

/** Demo flag, optimistic-lock version and timestamps of an editable record. */
const recordColumns = () => ({
  isDemo: boolean('is_demo').notNull().default(false),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** A Regional Coordination Council over its life: founded for a region of its time, replaced on consolidation. */
export const councils = pgTable('councils', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en').notNull(),
  regionCode: text('region_code').notNull(),
  regionGroupingId: text('region_grouping_id').notNull(),
  organisationId: integer('organisation_id').references(() => organisations.id),
  foundingDecision: text('founding_decision').notNull(),
  foundingDecisionEn: text('founding_decision_en'),
  foundingDecisionAsWritten: text('founding_decision_as_written'),
  foundedOn: day('founded_on').notNull(),
  validFrom: day('valid_from').notNull(),
  validTo: day('valid_to'),
  chairVi: text('chair_vi').notNull(),
  chairEn: text('chair_en').notNull(),
  source: text('source').notNull(),
  sourceEn: text('source_en'),
  note: text('note'),
  noteEn: text('note_en'),
  sortOrder: integer('sort_order').notNull().default(0),
});

/** Dated changes of the councils: founding, and the consolidation of an old council into a new one. */
export const councilChanges = pgTable('council_changes', {
  id: serial('id').primaryKey(),
  kind: text('kind').notNull(),
  effectiveOn: day('effective_on').notNull(),
  fromCouncilId: integer('from_council_id').references(() => councils.id),
  toCouncilId: integer('to_council_id')
    .notNull()
    .references(() => councils.id),
  basis: text('basis').notNull(),
  basisEn: text('basis_en'),
  note: text('note'),
  noteEn: text('note_en'),
});

/** Member organisations named over time (the Office, ministries); member provinces come from the region grouping. */
export const councilMembers = pgTable('council_members', {
  id: serial('id').primaryKey(),
  councilId: integer('council_id')
    .notNull()
    .references(() => councils.id),
  organisationId: integer('organisation_id')
    .notNull()
    .references(() => organisations.id),
  role: text('role').notNull(),
  validFrom: day('valid_from').notNull(),
  validTo: day('valid_to'),
  source: text('source').notNull(),
  sourceEn: text('source_en'),
  isDemo: boolean('is_demo').notNull().default(false),
});

/** Each province's coordination team (Tổ điều phối vùng tại tỉnh) and its standing body. */
export const coordinationTeams = pgTable('coordination_teams', {
  id: serial('id').primaryKey(),
  provinceCode: text('province_code').notNull(),
  geoDate: day('geo_date').notNull(),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en'),
  standingBodyVi: text('standing_body_vi').notNull(),
  standingBodyEn: text('standing_body_en').notNull(),
  decision: text('decision'),
  status: text('status').notNull(),
  source: text('source').notNull(),
  sourceEn: text('source_en'),
  isDemo: boolean('is_demo').notNull().default(false),
});

export const councilMeetings = pgTable('council_meetings', {
  id: serial('id').primaryKey(),
  councilId: integer('council_id')
    .notNull()
    .references(() => councils.id),
  titleVi: text('title_vi').notNull(),
  heldOn: day('held_on').notNull(),
  startsAt: text('starts_at'),
  mode: text('mode').notNull(),
  place: text('place'),
  chairVi: text('chair_vi').notNull(),
  status: text('status').notNull().default('scheduled'),
  minutes: text('minutes'),
  noticeNumber: text('notice_number'),
  noticeDate: day('notice_date'),
  signerTitle: text('signer_title'),
  signerName: text('signer_name'),
  createdBy: integer('created_by').references(() => users.id),
  ...recordColumns(),
});

export const councilAgendaItems = pgTable('council_agenda_items', {
  id: serial('id').primaryKey(),
  meetingId: integer('meeting_id')
    .notNull()
    .references(() => councilMeetings.id, { onDelete: 'cascade' }),
  seq: integer('seq').notNull(),
  titleVi: text('title_vi').notNull(),
  kind: text('kind').notNull(),
  ref: text('ref'),
  presenterVi: text('presenter_vi'),
});

export const councilMeetingDocuments = pgTable('council_meeting_documents', {
  id: serial('id').primaryKey(),
  meetingId: integer('meeting_id')
    .notNull()
    .references(() => councilMeetings.id, { onDelete: 'cascade' }),
  ...fileColumns(),
});

export const councilAttendees = pgTable(
  'council_attendees',
  {
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => councilMeetings.id, { onDelete: 'cascade' }),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    invitedAt: ts('invited_at'),
    attendance: text('attendance').notNull().default('invited'),
    representative: text('representative'),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.organisationId] })],
);

export const councilConclusions = pgTable('council_conclusions', {
  id: serial('id').primaryKey(),
  meetingId: integer('meeting_id')
    .notNull()
    .references(() => councilMeetings.id, { onDelete: 'cascade' }),
  seq: integer('seq').notNull(),
  textVi: text('text_vi').notNull(),
  draftAssignments: jsonb('draft_assignments').$type<DraftAssignment[]>().notNull().default([]),
});

/** An assignment of a conclusion before the notice is issued (organisation ids, due date, what it concerns). */
export interface DraftAssignment {
  assigneeOrgId: number;
  partnerOrgIds: number[];
  dueOn: string;
  projectCode: string | null;
  planTaskRef: string | null;
  reportingTaskCode: string | null;
}

export const councilFollowUps = pgTable('council_follow_ups', {
  id: serial('id').primaryKey(),
  conclusionId: integer('conclusion_id')
    .notNull()
    .references(() => councilConclusions.id),
  assigneeOrgId: integer('assignee_org_id')
    .notNull()
    .references(() => organisations.id),
  partnerOrgIds: integer('partner_org_ids').array().notNull().default([]),
  dueOn: day('due_on').notNull(),
  projectCode: text('project_code'),
  planTaskRef: text('plan_task_ref'),
  reportingTaskCode: text('reporting_task_code'),
  state: text('state').notNull().default('open'),
  percent: integer('percent'),
  doneOn: day('done_on'),
  ...recordColumns(),
});

export const councilFollowUpEvents = pgTable('council_follow_up_events', {
  ...eventColumns(),
  followUpId: integer('follow_up_id')
    .notNull()
    .references(() => councilFollowUps.id, { onDelete: 'cascade' }),
  percent: integer('percent'),
});

export const councilFollowUpEvidence = pgTable('council_follow_up_evidence', {
  id: serial('id').primaryKey(),
  followUpId: integer('follow_up_id')
    .notNull()
    .references(() => councilFollowUps.id, { onDelete: 'cascade' }),
  ...fileColumns(),
});

export const councilBottlenecks = pgTable('council_bottlenecks', {
  id: serial('id').primaryKey(),
  councilId: integer('council_id')
    .notNull()
    .references(() => councils.id),
  titleVi: text('title_vi').notNull(),
  descriptionVi: text('description_vi').notNull(),
  subject: text('subject').notNull(),
  projectCode: text('project_code'),
  planTaskRef: text('plan_task_ref'),
  policyText: text('policy_text'),
  field: text('field').notNull(),
  raisedByOrgId: integer('raised_by_org_id')
    .notNull()
    .references(() => organisations.id),
  raisedByUserId: integer('raised_by_user_id').references(() => users.id),
  raisedOn: day('raised_on').notNull(),
  state: text('state').notNull().default('raised'),
  meetingId: integer('meeting_id').references(() => councilMeetings.id),
  outcomeVi: text('outcome_vi'),
  closedOn: day('closed_on'),
  ...recordColumns(),
});

export const councilBottleneckEvents = pgTable('council_bottleneck_events', {
  ...eventColumns(),
  bottleneckId: integer('bottleneck_id')
    .notNull()
    .references(() => councilBottlenecks.id, { onDelete: 'cascade' }),
  meetingId: integer('meeting_id').references(() => councilMeetings.id),
});

export const cooperationAgreements = pgTable('cooperation_agreements', {
  id: serial('id').primaryKey(),
  titleVi: text('title_vi').notNull(),
  signedOn: day('signed_on').notNull(),
  validUntil: day('valid_until'),
  fields: text('fields').array().notNull().default([]),
  documentRef: text('document_ref'),
  status: text('status').notNull().default('signed'),
  implementationNote: text('implementation_note'),
  createdBy: integer('created_by').references(() => users.id),
  ...recordColumns(),
});

export const cooperationAgreementParties = pgTable(
  'cooperation_agreement_parties',
  {
    agreementId: integer('agreement_id')
      .notNull()
      .references(() => cooperationAgreements.id, { onDelete: 'cascade' }),
    provinceCode: text('province_code').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.provinceCode] })],
);
