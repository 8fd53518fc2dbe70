import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

/** Issue 15: who may read a restricted dataset, who may contribute, contributed releases, agreements and requests. */

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

export const datasetAccessOrgs = pgTable(
  'dataset_access_orgs',
  { datasetId: integer('dataset_id').notNull(), organisationId: integer('organisation_id').notNull() },
  (t) => [primaryKey({ columns: [t.datasetId, t.organisationId] })],
);

export const datasetContributors = pgTable(
  'dataset_contributors',
  {
    datasetId: integer('dataset_id').notNull(),
    organisationId: integer('organisation_id').notNull(),
    indicators: text('indicators').array(),
  },
  (t) => [primaryKey({ columns: [t.datasetId, t.organisationId] })],
);

export const releaseDrafts = pgTable(
  'release_drafts',
  {
    id: serial('id').primaryKey(),
    datasetId: integer('dataset_id').notNull(),
    organisationId: integer('organisation_id').notNull(),
    createdBy: integer('created_by').notNull(),
    status: text('status').notNull().default('draft'),
    note: text('note').notNull().default(''),
    reviewNote: text('review_note').notNull().default(''),
    fileName: text('file_name'),
    rowsInFile: integer('rows_in_file').notNull().default(0),
    added: integer('added').notNull().default(0),
    changed: integer('changed').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    indicators: text('indicators').array().notNull().default([]),
    periods: integer('periods').array().notNull().default([]),
    warnings: jsonb('warnings').notNull().default([]),
    warningsConfirmed: boolean('warnings_confirmed').notNull().default(false),
    releaseId: integer('release_id'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    submittedAt: ts('submitted_at'),
    decidedAt: ts('decided_at'),
    decidedBy: integer('decided_by'),
  },
  (t) => [index('release_drafts_dataset_idx').on(t.datasetId, t.status)],
);

export const releaseDraftValues = pgTable(
  'release_draft_values',
  {
    draftId: integer('draft_id').notNull(),
    line: integer('line').notNull(),
    indicatorId: integer('indicator_id').notNull(),
    unitCode: text('unit_code').notNull(),
    geoDate: date('geo_date', { mode: 'string' }).notNull(),
    period: integer('period').notNull(),
    value: doublePrecision('value').notNull(),
    status: text('status').notNull(),
    note: text('note'),
    oldValue: doublePrecision('old_value'),
  },
  (t) => [primaryKey({ columns: [t.draftId, t.indicatorId, t.unitCode, t.geoDate, t.period] })],
);

export const sharingAgreements = pgTable('sharing_agreements', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  titleVi: text('title_vi').notNull(),
  titleEn: text('title_en').notNull().default(''),
  legalBasis: text('legal_basis').notNull().default(''),
  documentRef: text('document_ref').notNull().default(''),
  level: text('level').notNull().default('restricted'),
  validFrom: date('valid_from', { mode: 'string' }).notNull(),
  validTo: date('valid_to', { mode: 'string' }).notNull(),
  createdBy: integer('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const sharingAgreementParties = pgTable(
  'sharing_agreement_parties',
  { agreementId: integer('agreement_id').notNull(), organisationId: integer('organisation_id').notNull() },
  (t) => [primaryKey({ columns: [t.agreementId, t.organisationId] })],
);

export const sharingAgreementDatasets = pgTable(
  'sharing_agreement_datasets',
  { agreementId: integer('agreement_id').notNull(), datasetId: integer('dataset_id').notNull() },
  (t) => [primaryKey({ columns: [t.agreementId, t.datasetId] })],
);

export const dataRequests = pgTable(
  'data_requests',
  {
    id: serial('id').primaryKey(),
    datasetId: integer('dataset_id').notNull(),
    requesterOrgId: integer('requester_org_id').notNull(),
    requestedBy: integer('requested_by').notNull(),
    purpose: text('purpose').notNull(),
    wantedFrom: date('wanted_from', { mode: 'string' }).notNull(),
    wantedTo: date('wanted_to', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('pending'),
    decisionReason: text('decision_reason').notNull().default(''),
    decidedBy: integer('decided_by'),
    decidedAt: ts('decided_at'),
    grantedFrom: date('granted_from', { mode: 'string' }),
    grantedTo: date('granted_to', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('data_requests_dataset_idx').on(t.datasetId)],
);

export const datasetGrants = pgTable(
  'dataset_grants',
  {
    id: serial('id').primaryKey(),
    datasetId: integer('dataset_id').notNull(),
    organisationId: integer('organisation_id').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }).notNull(),
    agreementId: integer('agreement_id'),
    requestId: integer('request_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('dataset_grants_lookup_idx').on(t.datasetId, t.organisationId)],
);
