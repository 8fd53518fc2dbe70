import { z } from 'zod';
import { DbId, DbIdParam, IsoDate } from './common';

/**
 * The regional statistics contract: indicator catalogue, datasets and releases, the query engine's rows, imports.
 * Both the server (route schemas) and the web app (typed hooks) import these.
 */

/** How an indicator may be aggregated over units. The engine enforces it; nothing else decides. */
export const AggregationRule = z.enum(['sum', 'weighted_mean', 'ratio', 'none']);
export type AggregationRule = z.infer<typeof AggregationRule>;

/** Stock (a level at a moment: population) or flow (an amount over the period: revenue). */
export const Measure = z.enum(['stock', 'flow']);
export type Measure = z.infer<typeof Measure>;

/** Periodic (the value of one period) or cumulative (accumulated since some start: FDI projects in effect). */
export const Periodicity = z.enum(['periodic', 'cumulative']);
export type Periodicity = z.infer<typeof Periodicity>;

export const ObservationStatus = z.enum(['final', 'provisional', 'estimate']);
export type ObservationStatus = z.infer<typeof ObservationStatus>;

/** The geographic level a query returns rows for. `grouping` is implied when `grouping=ID` is given. */
export const DataLevel = z.enum(['province', 'region', 'national', 'commune', 'grouping']);
export type DataLevel = z.infer<typeof DataLevel>;

/** Indicator codes: lower-case ASCII, digits and underscores (`population`, `pci_entry`). */
export const IndicatorCode = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,62}$/, 'expected lower-case letters, digits and underscores, starting with a letter');

export const Indicator = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  definitionVi: z.string(),
  definitionEn: z.string(),
  topic: z.string(),
  unit: z.string(),
  unitVi: z.string(),
  unitEn: z.string(),
  decimals: z.number().int(),
  aggregation: AggregationRule,
  /** For `weighted_mean`: the indicator whose values weight the mean (population). */
  weightIndicator: z.string().nullable(),
  /** For `ratio`: value = factor × Σ numerator / Σ denominator. */
  numeratorIndicator: z.string().nullable(),
  denominatorIndicator: z.string().nullable(),
  ratioFactor: z.number().nullable(),
  /** The rule in words ("Bình quân gia quyền theo dân số trung bình"). */
  ruleVi: z.string(),
  ruleEn: z.string(),
  measure: Measure,
  periodicity: Periodicity,
  minValue: z.number().nullable(),
  maxValue: z.number().nullable(),
  minPeriod: z.number().int().nullable(),
  maxPeriod: z.number().int().nullable(),
  sourceVi: z.string(),
  sourceEn: z.string(),
  licence: z.string(),
  /** The licence in English; empty when only the Vietnamese text exists. */
  licenceEn: z.string(),
  /** Periods for which observations exist, and in which geographies (unit-set start dates). */
  periods: z.array(z.number().int()),
  geographies: z.array(z.string()),
  observationCount: z.number().int(),
  version: z.number().int(),
});
export type Indicator = z.infer<typeof Indicator>;

export const IndicatorsResponse = z.object({ items: z.array(Indicator) });
export type IndicatorsResponse = z.infer<typeof IndicatorsResponse>;

export const IndicatorParams = z.object({ code: IndicatorCode });

const text = (max: number) => z.string().trim().min(1).max(max);

/** Create an indicator (admin). Rule fields must be consistent with the rule; the server checks it. */
export const CreateIndicatorInput = z
  .object({
    code: IndicatorCode,
    nameVi: text(200),
    nameEn: text(200),
    definitionVi: z.string().max(4000).default(''),
    definitionEn: z.string().max(4000).default(''),
    topic: text(60).default('other'),
    unitVi: text(60),
    unitEn: text(60),
    decimals: z.number().int().min(0).max(6).default(0),
    aggregation: AggregationRule,
    weightIndicator: IndicatorCode.nullable().default(null),
    numeratorIndicator: IndicatorCode.nullable().default(null),
    denominatorIndicator: IndicatorCode.nullable().default(null),
    ratioFactor: z.number().positive().nullable().default(null),
    measure: Measure.default('stock'),
    periodicity: Periodicity.default('periodic'),
    minValue: z.number().nullable().default(null),
    maxValue: z.number().nullable().default(null),
    minPeriod: z.number().int().min(1900).max(2100).nullable().default(null),
    maxPeriod: z.number().int().min(1900).max(2100).nullable().default(null),
    sourceVi: z.string().max(1000).default(''),
    sourceEn: z.string().max(1000).default(''),
    licence: z.string().max(300).default(''),
  })
  .strict();
export type CreateIndicatorInput = z.infer<typeof CreateIndicatorInput>;

/** Edit an indicator's metadata (admin, with If-Match). The code cannot change; absent fields stay as they are. */
export const UpdateIndicatorInput = z
  .object({
    nameVi: text(200),
    nameEn: text(200),
    definitionVi: z.string().max(4000),
    definitionEn: z.string().max(4000),
    topic: text(60),
    unitVi: text(60),
    unitEn: text(60),
    decimals: z.number().int().min(0).max(6),
    aggregation: AggregationRule,
    weightIndicator: IndicatorCode.nullable(),
    numeratorIndicator: IndicatorCode.nullable(),
    denominatorIndicator: IndicatorCode.nullable(),
    ratioFactor: z.number().positive().nullable(),
    measure: Measure,
    periodicity: Periodicity,
    minValue: z.number().nullable(),
    maxValue: z.number().nullable(),
    minPeriod: z.number().int().min(1900).max(2100).nullable(),
    maxPeriod: z.number().int().min(1900).max(2100).nullable(),
    sourceVi: z.string().max(1000),
    sourceEn: z.string().max(1000),
    licence: z.string().max(300),
  })
  .partial()
  .strict();
export type UpdateIndicatorInput = z.infer<typeof UpdateIndicatorInput>;

// ---------------------------------------------------------------------------------------------------------------
// Query engine

/** Query of `GET /api/v1/data`. Either `period` or a `from`–`to` range (both optional: all periods with data). */
export const DataQuery = z
  .object({
    indicator: z
      .string()
      .regex(
        /^[a-z][a-z0-9_]{1,62}(,[a-z][a-z0-9_]{1,62}){0,199}$/,
        'one indicator code, or up to 200 separated by commas',
      ),
    level: DataLevel.optional(),
    grouping: z
      .string()
      .regex(/^[a-z0-9-]{1,80}$/, 'a grouping id such as region-2025-NMM')
      .optional(),
    at: IsoDate.optional(),
    period: z.coerce.number().int().min(1900).max(2100).optional(),
    from: z.coerce.number().int().min(1900).max(2100).optional(),
    to: z.coerce.number().int().min(1900).max(2100).optional(),
    /** Only these units (codes of the level asked for), comma-separated. */
    unit: z
      .string()
      .regex(/^[0-9A-Za-z-]{1,20}(,[0-9A-Za-z-]{1,20}){0,499}$/, 'unit codes separated by commas')
      .optional(),
    /** A past release: the data as published right after that release was committed. */
    release: DbIdParam.optional(),
    /** Combine the periods of the range into one value per unit (refused for stocks and cumulative indicators). */
    combine: z.enum(['sum', 'mean']).optional(),
    /** Add per-period distribution figures across the returned units (mean, median, CV, Gini, Theil). */
    summary: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    format: z.enum(['json', 'csv', 'xlsx']).default('json'),
    /** CSV flavour: RFC 4180 (comma, decimal point; default) or vi-VN (semicolon, decimal comma, for Excel in Vietnamese). */
    dialect: z.enum(['rfc4180', 'vi-VN']).default('rfc4180'),
    lang: z.enum(['vi', 'en']).default('vi'),
  })
  .strict();
export type DataQueryInput = z.input<typeof DataQuery>;

export const DataMethod = z.object({
  /** What was done: the recorded value, or the rule applied. */
  rule: z.enum(['recorded', 'sum', 'weighted_mean', 'ratio', 'mean', 'unavailable']),
  /** Where the inputs came from: the unit itself, its communes, former units through the crosswalk, or members. */
  via: z.enum(['direct', 'communes', 'crosswalk', 'members', 'none']),
  textVi: z.string(),
  textEn: z.string(),
});
export type DataMethod = z.infer<typeof DataMethod>;

export const DataCoverage = z.object({
  withData: z.number().int(),
  total: z.number().int(),
  complete: z.boolean(),
  /** Codes of the members (or former units, or communes when few) that have no value. */
  missing: z.array(z.string()),
});
export type DataCoverage = z.infer<typeof DataCoverage>;

export const DataSourceRef = z.object({
  releaseId: z.number().int(),
  dataset: z.string(),
  releaseNumber: z.number().int(),
  publishedAt: z.string(),
  publisher: z.string(),
  publisherEn: z.string(),
});
export type DataSourceRef = z.infer<typeof DataSourceRef>;

export const DataAlternative = z.object({
  value: z.number(),
  method: DataMethod,
  sources: z.array(DataSourceRef),
  differencePct: z.number(),
});

export const DataRow = z.object({
  indicator: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  unitNameEn: z.string(),
  period: z.union([z.number().int(), z.string()]),
  value: z.number().nullable(),
  /** Sum or mean over the members that have data, when coverage is incomplete and `value` is therefore null. */
  partialValue: z.number().nullable(),
  /** For `none` indicators aggregated over members: the median beside the mean shown as value. */
  median: z.number().nullable(),
  status: ObservationStatus.nullable(),
  method: DataMethod,
  coverage: DataCoverage,
  sources: z.array(DataSourceRef),
  /** Other complete computations of the same figure that differ from `value` (e.g. a third-party estimate). */
  alternatives: z.array(DataAlternative),
});
export type DataRow = z.infer<typeof DataRow>;

export const PeriodSummary = z.object({
  indicator: z.string(),
  period: z.union([z.number().int(), z.string()]),
  n: z.number().int(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  mean: z.number().nullable(),
  median: z.number().nullable(),
  cv: z.number().nullable(),
  gini: z.number().nullable(),
  theil: z.number().nullable(),
});
export type PeriodSummary = z.infer<typeof PeriodSummary>;

export const DatasetRef = z.object({
  id: z.number().int(),
  code: z.string(),
  titleVi: z.string(),
  titleEn: z.string(),
  publisher: z.string(),
  /** English texts of the provenance; empty when only the Vietnamese text exists. */
  publisherEn: z.string(),
  originalSource: z.string(),
  originalSourceEn: z.string(),
  licence: z.string(),
  licenceEn: z.string(),
  caveatsVi: z.string(),
  caveatsEn: z.string(),
});
export type DatasetRef = z.infer<typeof DatasetRef>;

export const DataResponse = z.object({
  query: z.object({
    indicators: z.array(z.string()),
    level: DataLevel,
    grouping: z.string().nullable(),
    at: z.string(),
    geographyVi: z.string(),
    geographyEn: z.string(),
    periods: z.array(z.union([z.number().int(), z.string()])),
    release: z.number().int().nullable(),
    combine: z.enum(['sum', 'mean']).nullable(),
  }),
  indicators: z.array(Indicator),
  rows: z.array(DataRow),
  datasets: z.array(DatasetRef),
  summary: z.array(PeriodSummary).nullable(),
  notesVi: z.array(z.string()),
  notesEn: z.array(z.string()),
});
export type DataResponse = z.infer<typeof DataResponse>;

// ---------------------------------------------------------------------------------------------------------------
// Datasets and releases

export const Release = z.object({
  id: z.number().int(),
  datasetId: z.number().int(),
  number: z.number().int(),
  publishedAt: z.string(),
  noteVi: z.string(),
  noteEn: z.string(),
  fileName: z.string().nullable(),
  fileSha256: z.string().nullable(),
  importedBy: z.string().nullable(),
  rowsInFile: z.number().int(),
  added: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
});
export type Release = z.infer<typeof Release>;

/** Who may read a dataset (issue 15): everyone, government bodies' signed-in users, or named organisations. */
export const AccessLevel = z.enum(['public', 'government', 'restricted']);
export type AccessLevel = z.infer<typeof AccessLevel>;

export const Dataset = DatasetRef.extend({
  url: z.string().nullable(),
  geographyNoteVi: z.string(),
  geographyNoteEn: z.string(),
  ownerOrganisation: z.string().nullable(),
  accessLevel: AccessLevel,
  indicators: z.array(z.string()),
  periodFrom: z.number().int().nullable(),
  periodTo: z.number().int().nullable(),
  observationCount: z.number().int(),
  latestRelease: Release.nullable(),
  releaseCount: z.number().int(),
});
export type Dataset = z.infer<typeof Dataset>;

export const DatasetsResponse = z.object({ items: z.array(Dataset) });
export type DatasetsResponse = z.infer<typeof DatasetsResponse>;
export const DatasetParams = z.object({ id: DbIdParam });
export const ReleasesResponse = z.object({ dataset: Dataset, items: z.array(Release) });
export type ReleasesResponse = z.infer<typeof ReleasesResponse>;

export const DiffQuery = z
  .object({
    from: DbIdParam,
    to: DbIdParam,
    limit: z.coerce.number().int().min(1).max(5000).default(500),
  })
  .strict();

export const DiffRow = z.object({
  indicator: z.string(),
  unitCode: z.string(),
  geoDate: z.string(),
  period: z.number().int(),
  before: z.number().nullable(),
  after: z.number().nullable(),
  change: z.enum(['added', 'changed']),
});
export type DiffRow = z.infer<typeof DiffRow>;

export const DiffResponse = z.object({
  datasetId: z.number().int(),
  from: z.number().int(),
  to: z.number().int(),
  added: z.number().int(),
  changed: z.number().int(),
  rows: z.array(DiffRow),
  truncated: z.boolean(),
});
export type DiffResponse = z.infer<typeof DiffResponse>;

export const DatasetExportQuery = z
  .object({ format: z.enum(['csv']).default('csv'), release: DbIdParam.optional() })
  .strict();

// ---------------------------------------------------------------------------------------------------------------
// Imports

export const ImportQuery = z
  .object({
    dryRun: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    /** Dataset code to add a release to; default: the uploader organisation's own dataset. */
    dataset: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{1,80}$/)
      .optional(),
    /** Geography date for rows without a `vintage`/`date` column; default: the end of each row's period. */
    at: IsoDate.optional(),
    /** `comma` accepts Vietnamese numbers such as `1.234,5`; the default refuses a decimal comma. */
    decimal: z.enum(['dot', 'comma']).default('dot'),
    sheet: z.string().max(100).optional(),
    note: z.string().max(500).optional(),
    /** Provenance of a dataset created by this import (administrators; when `dataset` does not exist yet). */
    title: z.string().trim().min(1).max(300).optional(),
    publisher: z.string().trim().min(1).max(300).optional(),
    source: z.string().trim().max(1000).optional(),
    licence: z.string().trim().max(300).optional(),
    /** A client-chosen id under which progress can be polled while the import runs. */
    progressId: z
      .string()
      .regex(/^[A-Za-z0-9-]{8,64}$/)
      .optional(),
  })
  .strict();
export type ImportQueryInput = z.input<typeof ImportQuery>;

export const ImportError = z.object({
  /** 1-based line of the file (the header is row 1); 0 for file-level problems. */
  row: z.number().int(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  code: z.string(),
  message: z.string(),
  messageVi: z.string(),
});
export type ImportError = z.infer<typeof ImportError>;

export const ImportResult = z.object({
  importId: z.number().int().nullable(),
  dryRun: z.boolean(),
  dataset: z.string(),
  format: z.enum(['long', 'wide']),
  fileType: z.enum(['csv', 'xlsx']),
  rowsRead: z.number().int(),
  observations: z.number().int(),
  added: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  indicators: z.array(z.string()),
  periods: z.array(z.number().int()),
  units: z.number().int(),
  releaseId: z.number().int().nullable(),
  releaseNumber: z.number().int().nullable(),
  preview: z.array(
    z.object({
      row: z.number().int(),
      indicator: z.string(),
      unitCode: z.string(),
      unitName: z.string(),
      geoDate: z.string(),
      period: z.number().int(),
      value: z.number(),
      before: z.number().nullable(),
      status: ObservationStatus,
    }),
  ),
  warnings: z.array(ImportError),
  elapsedMs: z.number(),
  /** Milliseconds spent in each phase (read and check, write, index, refresh derived tables, analyze). */
  phases: z.record(z.string(), z.number()),
});
export type ImportResult = z.infer<typeof ImportResult>;

/** Options of a queued import (POST /api/v1/import-jobs): those of an import, less the dry run and the progress id. */
export const ImportJobQuery = ImportQuery.omit({ dryRun: true, progressId: true });
export type ImportJobQuery = z.infer<typeof ImportJobQuery>;

/**
 * The `result` of a failed `statistics-import` job: why the file was refused, with its row and field problems in both
 * languages (the first 1,000; `errorCount` counts them all). Nothing of the file was saved.
 */
export const ImportJobFailure = z.object({
  status: z.number().int(),
  code: z.string(),
  message: z.string(),
  messageVi: z.string(),
  errors: z.array(ImportError),
  errorCount: z.number().int(),
  rowsRead: z.number().int(),
});
export type ImportJobFailure = z.infer<typeof ImportJobFailure>;

export const ImportProgress = z.object({
  phase: z.enum(['reading', 'checking', 'writing', 'refreshing', 'done', 'failed']),
  rowsRead: z.number().int(),
  rowsValid: z.number().int(),
  rowsWritten: z.number().int(),
  errors: z.number().int(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

export const ImportLogEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  user: z.string().nullable(),
  dataset: z.string(),
  fileName: z.string().nullable(),
  status: z.enum(['committed', 'dry_run', 'rejected', 'failed']),
  rowsRead: z.number().int(),
  errorCount: z.number().int(),
  releaseId: z.number().int().nullable(),
  detail: z.string().nullable(),
});
export const ImportLogResponse = z.object({ items: z.array(ImportLogEntry) });
export type ImportLogResponse = z.infer<typeof ImportLogResponse>;

/** Column names of the long import format, in the order of the template. */
export const LONG_COLUMNS = ['indicator', 'unitCode', 'period', 'value', 'date', 'status', 'note'] as const;

// Map classes live in their own file (no zod): see map-classes.ts.
export { classBreaks, classOf, niceRound } from './map-classes';
