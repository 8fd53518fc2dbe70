import {
  type AnyPgColumn,
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
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** The indicator catalogue: names, unit, decimals, provenance and the aggregation rule the engine enforces. */
export const indicators = pgTable('indicators', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en').notNull(),
  definitionVi: text('definition_vi').notNull().default(''),
  definitionEn: text('definition_en').notNull().default(''),
  topic: text('topic').notNull().default('other'),
  unitVi: text('unit_vi').notNull(),
  unitEn: text('unit_en').notNull(),
  decimals: integer('decimals').notNull().default(0),
  aggregation: text('aggregation').notNull(),
  weightIndicatorId: integer('weight_indicator_id').references((): AnyPgColumn => indicators.id),
  numeratorIndicatorId: integer('numerator_indicator_id').references((): AnyPgColumn => indicators.id),
  denominatorIndicatorId: integer('denominator_indicator_id').references((): AnyPgColumn => indicators.id),
  ratioFactor: doublePrecision('ratio_factor'),
  measure: text('measure').notNull(),
  periodicity: text('periodicity').notNull(),
  minValue: doublePrecision('min_value'),
  maxValue: doublePrecision('max_value'),
  minPeriod: integer('min_period'),
  maxPeriod: integer('max_period'),
  sourceVi: text('source_vi').notNull().default(''),
  sourceEn: text('source_en').notNull().default(''),
  licence: text('licence').notNull().default(''),
  licenceEn: text('licence_en').notNull().default(''),
  sortOrder: integer('sort_order').notNull().default(0),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/** A published collection of observations (one source file, or one organisation's uploads) with its provenance. */
export const datasets = pgTable('datasets', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  titleVi: text('title_vi').notNull(),
  titleEn: text('title_en').notNull(),
  publisher: text('publisher').notNull(),
  publisherEn: text('publisher_en').notNull().default(''),
  originalSource: text('original_source').notNull().default(''),
  originalSourceEn: text('original_source_en').notNull().default(''),
  licence: text('licence').notNull().default(''),
  licenceEn: text('licence_en').notNull().default(''),
  url: text('url'),
  caveatsVi: text('caveats_vi').notNull().default(''),
  caveatsEn: text('caveats_en').notNull().default(''),
  geographyNoteVi: text('geography_note_vi').notNull().default(''),
  geographyNoteEn: text('geography_note_en').notNull().default(''),
  ownerOrganisationId: integer('owner_organisation_id'),
  accessLevel: text('access_level').notNull().default('public'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/** One committed import into a dataset. Release ids grow in commit order (imports are serialised). */
export const releases = pgTable(
  'releases',
  {
    id: serial('id').primaryKey(),
    datasetId: integer('dataset_id')
      .notNull()
      .references(() => datasets.id),
    number: integer('number').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    noteVi: text('note_vi').notNull().default(''),
    noteEn: text('note_en').notNull().default(''),
    fileName: text('file_name'),
    fileSha256: text('file_sha256'),
    importedBy: integer('imported_by'),
    importerLabel: text('importer_label'),
    rowsInFile: integer('rows_in_file').notNull().default(0),
    added: integer('added').notNull().default(0),
    changed: integer('changed').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    indicators: text('indicators').array().notNull().default([]),
    periodFrom: integer('period_from'),
    periodTo: integer('period_to'),
  },
  (t) => [uniqueIndex('releases_dataset_number_uq').on(t.datasetId, t.number)],
);

/** Current values, keyed by (indicator, unit code, geography date, period). */
export const observations = pgTable(
  'observations',
  {
    indicatorId: integer('indicator_id').notNull(),
    unitCode: text('unit_code').notNull(),
    geoDate: date('geo_date', { mode: 'string' }).notNull(),
    period: integer('period').notNull(),
    value: doublePrecision('value').notNull(),
    status: text('status').notNull().default('final'),
    releaseId: integer('release_id').notNull(),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.indicatorId, t.unitCode, t.geoDate, t.period] }),
    index('observations_indicator_period_idx').on(t.indicatorId, t.period),
  ],
);

/** Values replaced by a later release, kept so that earlier releases stay queryable. */
export const observationRevisions = pgTable(
  'observation_revisions',
  {
    indicatorId: integer('indicator_id').notNull(),
    unitCode: text('unit_code').notNull(),
    geoDate: date('geo_date', { mode: 'string' }).notNull(),
    period: integer('period').notNull(),
    value: doublePrecision('value').notNull(),
    status: text('status').notNull(),
    releaseId: integer('release_id').notNull(),
    supersededBy: integer('superseded_by').notNull(),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.indicatorId, t.unitCode, t.geoDate, t.period, t.releaseId] }),
    index('observation_revisions_superseded_idx').on(t.supersededBy),
    index('observation_revisions_release_idx').on(t.releaseId),
  ],
);

/** The statistics module's read model of every unit of every geography, built from the geo module's services. */
export const statUnits = pgTable(
  'stat_units',
  {
    code: text('code').notNull(),
    geoDate: date('geo_date', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    level: text('level').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull(),
    parentCode: text('parent_code'),
    parentGeoDate: date('parent_geo_date', { mode: 'string' }),
  },
  (t) => [
    primaryKey({ columns: [t.code, t.geoDate] }),
    index('stat_units_parent_idx').on(t.level, t.parentCode, t.geoDate),
  ],
);

/** Small key/value facts of the module (the fingerprint of the geography read model). */
export const statMeta = pgTable('stat_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/** Province-level sums of commune observations (n, Σv, Σvw, Σw), refreshed per imported (indicator, period). */
export const statProvinceAgg = pgTable(
  'stat_province_agg',
  {
    indicatorId: integer('indicator_id').notNull(),
    period: integer('period').notNull(),
    provinceCode: text('province_code').notNull(),
    geoDate: date('geo_date', { mode: 'string' }).notNull(),
    n: integer('n').notNull(),
    sumV: doublePrecision('sum_v').notNull(),
    sumVw: doublePrecision('sum_vw'),
    sumW: doublePrecision('sum_w'),
    nW: integer('n_w').notNull().default(0),
    nProvisional: integer('n_provisional').notNull().default(0),
    releases: integer('releases').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.period, t.provinceCode, t.geoDate] })],
);

/** Periods with data per indicator and geography, maintained by the importer. */
export const indicatorPeriods = pgTable(
  'indicator_periods',
  {
    indicatorId: integer('indicator_id').notNull(),
    period: integer('period').notNull(),
    geoDate: date('geo_date', { mode: 'string' }).notNull(),
    level: text('level').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.period, t.geoDate, t.level] })],
);

/** Every import attempt, whatever its outcome. */
export const statImports = pgTable(
  'stat_imports',
  {
    id: serial('id').primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    userId: integer('user_id'),
    actor: text('actor'),
    datasetId: integer('dataset_id'),
    datasetCode: text('dataset_code').notNull(),
    fileName: text('file_name'),
    fileSha256: text('file_sha256'),
    fileType: text('file_type'),
    status: text('status').notNull(),
    rowsRead: integer('rows_read').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    releaseId: integer('release_id'),
    detail: jsonb('detail'),
  },
  (t) => [index('stat_imports_at_idx').on(t.at)],
);
