import { z } from 'zod';
import { IsoDate } from './common';

/*
 * The contract of the plans module: regional plans, implementation plans and task groups; the project registry with
 * per-province roles, funding lines, milestones and progress updates; the results framework with versioned targets.
 * Amounts are in million VND. Province codes are GSO codes (strings with leading zeros) plus the date of their
 * geography (`vintage`): `2025-06-30` for the 63 provinces, `2025-07-01` for the 34.
 */

/** The date that pins the 63-province geography (last day in force) and the 34-province one (first day). */
export const VINTAGE_63 = '2025-06-30';
export const VINTAGE_34 = '2025-07-01';
export const Vintage = z.enum([VINTAGE_63, VINTAGE_34]);
export type Vintage = z.infer<typeof Vintage>;

const Label = z.object({ vi: z.string(), en: z.string() });

type NoDefaults<S extends z.ZodRawShape> = {
  [K in keyof S]: z.ZodOptional<S[K] extends z.ZodDefault<infer I> ? I : S[K]>;
};
/**
 * A PATCH schema from an input schema: every field optional and without its default, so a field the client did not
 * send stays absent instead of being reset to its default.
 */
export function patchSchema<S extends z.ZodRawShape>(schema: z.ZodObject<S>) {
  const shape: Record<string, z.ZodType> = {};
  for (const [k, v] of Object.entries(schema.shape))
    shape[k] = (v instanceof z.ZodDefault ? (v.unwrap() as z.ZodType) : (v as z.ZodType)).optional();
  return z.object(shape as unknown as NoDefaults<S>).strict();
}
export type Label = z.infer<typeof Label>;

/** Where money comes from. Central and local budgets and ODA/concessional loans together are public investment. */
export const FundingSource = z.enum(['central_budget', 'local_budget', 'oda', 'ppp', 'private', 'other']);
export type FundingSource = z.infer<typeof FundingSource>;
export const FUNDING_SOURCES: Record<FundingSource, Label> = {
  central_budget: { vi: 'Ngân sách trung ương', en: 'Central budget' },
  local_budget: { vi: 'Ngân sách địa phương', en: 'Local budget' },
  oda: { vi: 'Vốn ODA, vay ưu đãi nước ngoài', en: 'ODA and concessional loans' },
  ppp: { vi: 'Đối tác công tư (PPP)', en: 'Public–private partnership (PPP)' },
  private: { vi: 'Vốn tư nhân, doanh nghiệp', en: 'Private investment' },
  other: { vi: 'Nguồn khác', en: 'Other sources' },
};
/** Sources counted as public investment (vốn đầu tư công) under the Law on Public Investment. */
export const PUBLIC_INVESTMENT_SOURCES: readonly FundingSource[] = ['central_budget', 'local_budget', 'oda'];

/** What the plan text says about how a project is to be financed, before any funding line exists. */
export const FundingType = z.enum(['public_investment', 'non_public', 'mixed', 'unspecified']);
export type FundingType = z.infer<typeof FundingType>;
export const FUNDING_TYPES: Record<FundingType, Label> = {
  public_investment: { vi: 'Vốn đầu tư công', en: 'Public investment' },
  non_public: { vi: 'Ngoài vốn đầu tư công', en: 'Outside public investment' },
  mixed: { vi: 'Kết hợp', en: 'Mixed' },
  unspecified: { vi: 'Chưa xác định', en: 'Not stated' },
};

/** A project's state, set by its latest published progress update; `not_reported` until the first one. */
export const ProjectStatus = z.enum(['not_reported', 'preparing', 'under_way', 'completed', 'suspended']);
export type ProjectStatus = z.infer<typeof ProjectStatus>;
export const PROJECT_STATUSES: Record<ProjectStatus, Label> = {
  not_reported: { vi: 'Chưa có báo cáo', en: 'Not reported' },
  preparing: { vi: 'Đang chuẩn bị đầu tư', en: 'In preparation' },
  under_way: { vi: 'Đang triển khai', en: 'Under way' },
  completed: { vi: 'Đã hoàn thành', en: 'Completed' },
  suspended: { vi: 'Tạm dừng', en: 'Suspended' },
};
/** The status a progress update may report. */
export const ReportedStatus = z.enum(['preparing', 'under_way', 'completed', 'suspended']);
export type ReportedStatus = z.infer<typeof ReportedStatus>;

/** The phase of a project: one of the two plan phases, or both. */
export const Phase = z.enum(['2021-2025', '2026-2030', '2021-2030']);
export type Phase = z.infer<typeof Phase>;
/** A phase filter matches projects active in that phase (a 2021–2030 project is in both). */
export const PhaseFilter = z.enum(['2021-2025', '2026-2030', 'unspecified']);
export type PhaseFilter = z.infer<typeof PhaseFilter>;

export const ProvinceRole = z.enum(['located', 'affected']);
export type ProvinceRole = z.infer<typeof ProvinceRole>;

/** How a project is drawn on the map: a line through its provinces (corridors, roads, railways) or at each one. */
export const Geometry = z.enum(['line', 'point']);
export type Geometry = z.infer<typeof Geometry>;

/** The sector vocabulary; `dac` is the OECD DAC 5-digit purpose code used in the IATI export. */
export const Sector = z.enum([
  'economic_corridor',
  'road',
  'railway',
  'aviation',
  'inland_waterway',
  'logistics',
  'tourism',
  'ict',
  'industry',
  'agriculture',
  'border_economy',
  'spatial_development',
  'education',
  'labour',
  'governance',
  'environment',
  'water',
  'disaster',
  'forestry',
]);
export type Sector = z.infer<typeof Sector>;
export const SECTORS: Record<Sector, Label & { dac: string }> = {
  economic_corridor: { vi: 'Hành lang kinh tế', en: 'Economic corridor', dac: '21010' },
  road: { vi: 'Giao thông đường bộ', en: 'Roads', dac: '21020' },
  railway: { vi: 'Đường sắt', en: 'Railways', dac: '21030' },
  aviation: { vi: 'Hàng không', en: 'Aviation', dac: '21050' },
  inland_waterway: { vi: 'Đường thủy nội địa', en: 'Inland waterways', dac: '21040' },
  logistics: { vi: 'Logistics, cảng cạn', en: 'Logistics and dry ports', dac: '21061' },
  tourism: { vi: 'Du lịch', en: 'Tourism', dac: '33210' },
  ict: { vi: 'Hạ tầng thông tin, kinh tế số', en: 'ICT and digital economy', dac: '22040' },
  industry: { vi: 'Công nghiệp, đô thị, dịch vụ', en: 'Industry, urban and services', dac: '32110' },
  agriculture: { vi: 'Nông nghiệp, chế biến', en: 'Agriculture and processing', dac: '31110' },
  border_economy: { vi: 'Kinh tế cửa khẩu, thương mại', en: 'Border-gate economy and trade', dac: '33110' },
  spatial_development: { vi: 'Phát triển không gian, cực tăng trưởng', en: 'Spatial development', dac: '43030' },
  education: { vi: 'Giáo dục, đào tạo', en: 'Education and training', dac: '11420' },
  labour: { vi: 'Lao động, việc làm', en: 'Labour and employment', dac: '16020' },
  governance: { vi: 'Thể chế, cơ chế chính sách', en: 'Governance and policy', dac: '15110' },
  environment: { vi: 'Môi trường', en: 'Environment', dac: '41010' },
  water: { vi: 'Thủy lợi, cấp thoát nước, đê điều', en: 'Water, drainage and dikes', dac: '31140' },
  disaster: { vi: 'Khí tượng thủy văn, phòng chống thiên tai', en: 'Hydro-meteorology and disasters', dac: '74020' },
  forestry: { vi: 'Lâm nghiệp', en: 'Forestry', dac: '31210' },
};

/** How a location name was resolved to a province code. */
export const ResolvedVia = z.enum(['province_name', 'alias', 'place', 'manual']);
export type ResolvedVia = z.infer<typeof ResolvedVia>;
/** Why part of a location text names no province. */
export const UnresolvedReason = z.enum(['region_wide', 'spans_provinces', 'not_a_province', 'unknown_name']);
export type UnresolvedReason = z.infer<typeof UnresolvedReason>;

export const UnitName = z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() });
export type UnitName = z.infer<typeof UnitName>;

export const ProjectProvince = z.object({
  code: z.string(),
  vintage: Vintage,
  role: ProvinceRole,
  /** Position along the project's line (corridors are drawn in this order). */
  seq: z.number().int(),
  /** Share of the project's cost borne in this province, in percent; null when not known. */
  costShare: z.number().nullable(),
  nameVi: z.string(),
  nameEn: z.string(),
  /** The province of today's 34 that this code falls in (itself for a 34-unit code). */
  today: UnitName.nullable(),
  matchedText: z.string().nullable(),
  resolvedVia: ResolvedVia.nullable(),
  note: z.string().nullable(),
});
export type ProjectProvince = z.infer<typeof ProjectProvince>;

export const UnresolvedLocation = z.object({
  text: z.string(),
  /** The text in English; null when there is none (show the Vietnamese). */
  textEn: z.string().nullable(),
  reason: UnresolvedReason,
});
export type UnresolvedLocation = z.infer<typeof UnresolvedLocation>;

export const OrgRef = z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string(), isDemo: z.boolean() });

export const FundingTotals = z.object({
  planned: z.number(),
  allocated: z.number(),
  disbursed: z.number(),
  /** allocated / planned, null when nothing is planned. */
  allocationRate: z.number().nullable(),
  /** disbursed / allocated, null when nothing is allocated. */
  disbursementRate: z.number().nullable(),
  lineCount: z.number().int(),
  /** Lines where disbursed exceeds allocated, each carrying an explanation. */
  flaggedCount: z.number().int(),
});
export type FundingTotals = z.infer<typeof FundingTotals>;

export const ProjectListItem = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  planCode: z.string(),
  taskGroupCode: z.string().nullable(),
  sector: Sector,
  sectorDetail: z.string().nullable(),
  sectorDetailEn: z.string().nullable(),
  phase: Phase.nullable(),
  periodText: z.string().nullable(),
  status: ProjectStatus,
  fundingType: FundingType,
  intendedSources: z.array(FundingSource),
  fundingText: z.string().nullable(),
  leadAgencyText: z.string().nullable(),
  responsibleOrgs: z.array(OrgRef),
  geometry: Geometry,
  provinces: z.array(ProjectProvince),
  unresolved: z.array(UnresolvedLocation),
  /** Located in two or more provinces, or in one and affecting another (provinces as recorded). */
  interProvincial: z.boolean(),
  /** The same rule applied after mapping the provinces to today's 34. */
  interProvincialToday: z.boolean(),
  funding: FundingTotals,
  lateMilestones: z.number().int(),
  hasDemoData: z.boolean(),
  version: z.number().int(),
});
export type ProjectListItem = z.infer<typeof ProjectListItem>;

const booleanString = z.enum(['true', 'false']);

/** Registry filters. Every value is checked: an unknown code is a 400 naming the parameter. */
export const ProjectsQuery = z
  .object({
    region: z.string().min(1).max(20).optional(),
    province: z.string().min(1).max(10).optional(),
    /** Date of the geography in which `region` and `province` are read (default: today, the 34 provinces). */
    at: IsoDate.optional(),
    plan: z.string().min(1).max(60).optional(),
    taskGroup: z.string().min(1).max(20).optional(),
    sector: Sector.optional(),
    phase: PhaseFilter.optional(),
    status: ProjectStatus.optional(),
    funding: FundingSource.optional(),
    interProvincial: booleanString.optional(),
    late: booleanString.optional(),
    q: z.string().max(200).optional(),
    sort: z.enum(['plan', 'code', 'name', 'planned']).default('plan'),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).default(0),
    format: z.enum(['json', 'csv', 'xlsx', 'iati']).default('json'),
  })
  .strict();
export type ProjectsQuery = z.infer<typeof ProjectsQuery>;
/** The filters alone, as the summary and timeline endpoints take them. */
export const ProjectFilterQuery = ProjectsQuery.omit({ sort: true, limit: true, offset: true, format: true });
export type ProjectFilterQuery = z.infer<typeof ProjectFilterQuery>;

export const ProjectsResponse = z.object({
  items: z.array(ProjectListItem),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  at: z.string(),
});
export type ProjectsResponse = z.infer<typeof ProjectsResponse>;

export const FundingLine = z.object({
  id: z.number().int(),
  projectCode: z.string(),
  source: FundingSource,
  year: z.number().int(),
  planned: z.number(),
  allocated: z.number().nullable(),
  disbursed: z.number().nullable(),
  /** Required when disbursed exceeds allocated: why (advance, carry-over from an earlier year, …). */
  overDisbursementNote: z.string().nullable(),
  note: z.string().nullable(),
  sourceDocument: z.string().nullable(),
  isDemo: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type FundingLine = z.infer<typeof FundingLine>;

/** Money in million VND: finite, not negative, at most 10^12 (a quadrillion VND). */
const Amount = z.number().finite().min(0).max(1e12);
export const FundingLineInput = z
  .object({
    source: FundingSource,
    year: z.number().int().min(2000).max(2050),
    planned: Amount,
    allocated: Amount.nullable().default(null),
    disbursed: Amount.nullable().default(null),
    overDisbursementNote: z.string().max(2000).nullable().default(null),
    note: z.string().max(2000).nullable().default(null),
    sourceDocument: z.string().max(300).nullable().default(null),
  })
  .strict();
export type FundingLineInput = z.input<typeof FundingLineInput>;
export const FundingLinePatch = patchSchema(FundingLineInput);
export type FundingLinePatch = z.infer<typeof FundingLinePatch>;

export const MilestoneState = z.enum(['done', 'done_late', 'late', 'upcoming']);
export type MilestoneState = z.infer<typeof MilestoneState>;
export const Milestone = z.object({
  id: z.number().int(),
  projectCode: z.string(),
  nameVi: z.string(),
  nameEn: z.string().nullable(),
  plannedDate: z.string(),
  actualDate: z.string().nullable(),
  state: MilestoneState,
  /** Days past the planned date: still open (late) or completed after it (done_late). */
  daysLate: z.number().int().nullable(),
  note: z.string().nullable(),
  isDemo: z.boolean(),
  version: z.number().int(),
});
export type Milestone = z.infer<typeof Milestone>;
export const MilestoneInput = z
  .object({
    nameVi: z.string().min(1).max(300),
    nameEn: z.string().max(300).nullable().default(null),
    plannedDate: IsoDate,
    actualDate: IsoDate.nullable().default(null),
    note: z.string().max(2000).nullable().default(null),
  })
  .strict();
export type MilestoneInput = z.input<typeof MilestoneInput>;
export const MilestonePatch = patchSchema(MilestoneInput);
export type MilestonePatch = z.infer<typeof MilestonePatch>;

export const Evidence = z.object({
  id: z.number().int(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
});
export type Evidence = z.infer<typeof Evidence>;

export const ProgressState = z.enum(['draft', 'published']);
export const ProgressUpdate = z.object({
  id: z.number().int(),
  projectCode: z.string(),
  organisation: OrgRef.omit({ isDemo: true }),
  authorName: z.string(),
  asOf: z.string(),
  status: ReportedStatus,
  percent: z.number().int().nullable(),
  narrative: z.string(),
  state: ProgressState,
  publishedAt: z.string().nullable(),
  evidence: z.array(Evidence),
  isDemo: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProgressUpdate = z.infer<typeof ProgressUpdate>;
export const ProgressUpdateInput = z
  .object({
    asOf: IsoDate,
    status: ReportedStatus,
    percent: z.number().int().min(0).max(100).nullable().default(null),
    narrative: z.string().min(1).max(20000),
    publish: z.boolean().default(false),
  })
  .strict();
export type ProgressUpdateInput = z.input<typeof ProgressUpdateInput>;
export const ProgressUpdatePatch = patchSchema(ProgressUpdateInput.omit({ publish: true }));
export type ProgressUpdatePatch = z.infer<typeof ProgressUpdatePatch>;

export const FundingBySource = z.object({
  source: FundingSource,
  planned: z.number(),
  allocated: z.number(),
  disbursed: z.number(),
});
export const FundingByYear = z.object({
  year: z.number().int(),
  planned: z.number(),
  allocated: z.number(),
  disbursed: z.number(),
});
export const FundingFlag = z.object({
  projectCode: z.string(),
  year: z.number().int(),
  source: FundingSource,
  allocated: z.number(),
  disbursed: z.number(),
  note: z.string(),
});
export const PublicShareRow = z.object({
  regionCode: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  projectCount: z.number().int(),
  publicPlanned: z.number(),
  totalPlanned: z.number(),
  sharePlanned: z.number().nullable(),
  publicAllocated: z.number(),
  totalAllocated: z.number(),
  shareAllocated: z.number().nullable(),
});
export type PublicShareRow = z.infer<typeof PublicShareRow>;

export const FundingSummary = z.object({
  totals: FundingTotals,
  bySource: z.array(FundingBySource),
  byYear: z.array(FundingByYear),
  flagged: z.array(FundingFlag),
});
export type FundingSummary = z.infer<typeof FundingSummary>;

export const FundingSummaryResponse = FundingSummary.extend({
  at: z.string(),
  projectCount: z.number().int(),
  projectsWithFunding: z.number().int(),
  /** Public-investment share of inter-provincial projects, per region of the geography date. */
  publicShare: z.array(PublicShareRow),
  statusCounts: z.array(z.object({ status: ProjectStatus, count: z.number().int() })),
  includesDemo: z.boolean(),
  method: Label,
});
export type FundingSummaryResponse = z.infer<typeof FundingSummaryResponse>;

export const ProjectPermissions = z.object({ canEdit: z.boolean(), canAdmin: z.boolean() });

export const ProjectDetail = ProjectListItem.extend({
  scale: z.string().nullable(),
  locationText: z.string().nullable(),
  notes: z.string().nullable(),
  sourceSection: z.string().nullable(),
  source: z.string(),
  /** English of scale, location text, notes and source; null when there is none (show the Vietnamese). */
  scaleEn: z.string().nullable(),
  locationTextEn: z.string().nullable(),
  notesEn: z.string().nullable(),
  sourceEn: z.string().nullable(),
  planNameVi: z.string(),
  planNameEn: z.string(),
  taskGroup: z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() }).nullable(),
  fundingLines: z.array(FundingLine),
  fundingSummary: FundingSummary,
  milestones: z.array(Milestone),
  progressUpdates: z.array(ProgressUpdate),
  permissions: ProjectPermissions,
  updatedAt: z.string(),
});
export type ProjectDetail = z.infer<typeof ProjectDetail>;

export const ProjectProvinceInput = z
  .object({
    code: z.string().regex(/^\d{2}$/, 'expected a 2-digit province code'),
    vintage: Vintage,
    role: ProvinceRole,
    costShare: z.number().finite().min(0).max(100).nullable().default(null),
  })
  .strict();
export type ProjectProvinceInput = z.input<typeof ProjectProvinceInput>;

export const ProjectInput = z
  .object({
    code: z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/, 'upper-case letters, digits and hyphens, 2 to 40 characters'),
    planCode: z.string().min(1).max(60),
    taskGroupCode: z.string().max(20).nullable().default(null),
    nameVi: z.string().min(1).max(500),
    nameEn: z.string().min(1).max(500),
    sector: Sector,
    phase: Phase.nullable().default(null),
    fundingType: FundingType.default('unspecified'),
    intendedSources: z.array(FundingSource).max(6).default([]),
    geometry: Geometry.default('point'),
    leadAgencyText: z.string().max(500).nullable().default(null),
    responsibleOrgCodes: z.array(z.string().max(40)).max(40).default([]),
    provinces: z.array(ProjectProvinceInput).max(63).default([]),
    scale: z.string().max(1000).nullable().default(null),
    notes: z.string().max(5000).nullable().default(null),
  })
  .strict();
export type ProjectInput = z.input<typeof ProjectInput>;
export const ProjectPatch = patchSchema(ProjectInput.omit({ code: true }));
export type ProjectPatch = z.infer<typeof ProjectPatch>;

export const TargetStatusCode = z.enum(['on_track', 'at_risk', 'off_track', 'no_data', 'not_assessable']);
export type TargetStatusCode = z.infer<typeof TargetStatusCode>;
export const TARGET_STATUSES: Record<TargetStatusCode, Label> = {
  on_track: { vi: 'Đúng tiến độ', en: 'On track' },
  at_risk: { vi: 'Có nguy cơ chậm', en: 'At risk' },
  off_track: { vi: 'Chậm tiến độ', en: 'Off track' },
  no_data: { vi: 'Chưa có số liệu thực hiện', en: 'No actual yet' },
  not_assessable: { vi: 'Chưa đánh giá được', en: 'Cannot be assessed' },
};
export const Direction = z.enum(['increase', 'decrease']);
export type Direction = z.infer<typeof Direction>;

export const Target = z.object({
  id: z.number().int(),
  kind: z.enum(['period', 'end']),
  year: z.number().int().nullable(),
  value: z.number(),
  revision: z.number().int(),
  reason: z.string().nullable(),
  sourceDocument: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  /** False for a revision that a later one replaced (kept as history, never overwritten). */
  current: z.boolean(),
});
export type Target = z.infer<typeof Target>;

/** Where an actual read from the statistics database came from: the query engine's method, coverage and releases. */
export const ActualStatistics = z.object({
  indicator: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  /** The date of the geography the value was computed for (the plan's region of its time). */
  geoDate: z.string(),
  geographyVi: z.string(),
  geographyEn: z.string(),
  methodVi: z.string(),
  methodEn: z.string(),
  status: z.enum(['final', 'provisional', 'estimate']).nullable(),
  coverageWithData: z.number().int(),
  coverageTotal: z.number().int(),
  sources: z.array(
    z.object({
      datasetId: z.number().int().nullable(),
      dataset: z.string(),
      titleVi: z.string(),
      titleEn: z.string(),
      releaseId: z.number().int(),
      releaseNumber: z.number().int(),
      publishedAt: z.string(),
      publisher: z.string(),
      publisherEn: z.string(),
    }),
  ),
});
export type ActualStatistics = z.infer<typeof ActualStatistics>;

export const Actual = z.object({
  value: z.number(),
  year: z.number().int(),
  origin: z.enum(['statistics', 'reported']),
  sourceText: z.string(),
  isDemo: z.boolean(),
  /** Set when `origin` is `statistics`. */
  statistics: ActualStatistics.nullable(),
});
export type Actual = z.infer<typeof Actual>;

export const TargetAssessment = z.object({
  status: TargetStatusCode,
  /** The value expected in the actual's year on the straight line from the baseline (or last target) to the target. */
  expected: z.number().nullable(),
  /** Share of the expected progress achieved (1 = exactly on the line). */
  ratio: z.number().nullable(),
  targetYear: z.number().int().nullable(),
  targetValue: z.number().nullable(),
  explanationVi: z.string(),
  explanationEn: z.string(),
});
export type TargetAssessment = z.infer<typeof TargetAssessment>;

export const RfIndicator = z.object({
  id: z.number().int(),
  planCode: z.string(),
  code: z.string(),
  statsIndicatorCode: z.string().nullable(),
  nameVi: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  /** The unit in English; null when there is none (show the Vietnamese). */
  unitEn: z.string().nullable(),
  scopeKind: z.enum(['region', 'province']),
  scopeCode: z.string(),
  scopeName: z.string(),
  scopeNameEn: z.string(),
  direction: Direction,
  phase: Phase.nullable(),
  baselineValue: z.number().nullable(),
  baselineYear: z.number().int().nullable(),
  targets: z.array(Target),
  history: z.array(Target),
  /** The actual the status is computed from: the statistics database when it has a value, else the latest reported. */
  actual: Actual.nullable(),
  /** The latest reported actual, shown beside a statistics actual for comparison. */
  reportedActual: Actual.nullable(),
  actualNote: Label.nullable(),
  assessment: TargetAssessment,
  sourceDocument: z.string().nullable(),
  sourceSection: z.string().nullable(),
  sourceDocumentEn: z.string().nullable(),
  sourceSectionEn: z.string().nullable(),
  isDemo: z.boolean(),
  version: z.number().int(),
});
export type RfIndicator = z.infer<typeof RfIndicator>;

/** A new target, or a revision of one (same kind and year): a reason is then required and the old row is kept. */
export const TargetInput = z
  .object({
    kind: z.enum(['period', 'end']),
    year: z.number().int().min(1990).max(2060).nullable(),
    value: z.number().finite(),
    reason: z.string().max(2000).nullable().default(null),
    sourceDocument: z.string().max(300).nullable().default(null),
  })
  .strict();
export type TargetInput = z.input<typeof TargetInput>;

export const RfIndicatorInput = z
  .object({
    code: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, 'letters, digits, dot, hyphen or underscore'),
    statsIndicatorCode: z.string().max(60).nullable().default(null),
    nameVi: z.string().min(1).max(500),
    nameEn: z.string().min(1).max(500),
    unit: z.string().min(1).max(60),
    scopeKind: z.enum(['region', 'province']).default('region'),
    scopeCode: z.string().min(1).max(20),
    direction: Direction.default('increase'),
    phase: Phase.nullable().default(null),
    baselineValue: z.number().finite().nullable().default(null),
    baselineYear: z.number().int().min(1990).max(2050).nullable().default(null),
    sourceDocument: z.string().max(300).nullable().default(null),
    sourceSection: z.string().max(100).nullable().default(null),
    /** First targets, saved with the indicator (revision 1 each); later changes go through the targets route. */
    targets: z
      .array(TargetInput.omit({ reason: true }))
      .max(10)
      .default([]),
  })
  .strict();
export type RfIndicatorInput = z.input<typeof RfIndicatorInput>;

export const ActualInput = z
  .object({
    year: z.number().int().min(1990).max(2060),
    value: z.number().finite(),
    sourceText: z.string().min(1).max(500),
  })
  .strict();
export type ActualInput = z.input<typeof ActualInput>;

export const TaskGroup = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  descriptionVi: z.string().nullable(),
  descriptionEn: z.string().nullable(),
  projectCount: z.number().int(),
  sortOrder: z.number().int(),
});
export type TaskGroup = z.infer<typeof TaskGroup>;
export const TaskGroupInput = z
  .object({
    code: z.string().regex(/^[\p{L}0-9.()-]{1,20}$/u, 'a short code such as II.1.a'),
    nameVi: z.string().min(1).max(500),
    nameEn: z.string().min(1).max(500),
    descriptionVi: z.string().max(5000).nullable().default(null),
  })
  .strict();
export type TaskGroupInput = z.input<typeof TaskGroupInput>;

export const PlanKind = z.enum(['regional_plan', 'implementation_plan']);
export type PlanKind = z.infer<typeof PlanKind>;

export const RegionRef = z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() });
export const Plan = z.object({
  code: z.string(),
  kind: PlanKind,
  parentCode: z.string().nullable(),
  nameVi: z.string(),
  nameEn: z.string(),
  decisionNo: z.string().nullable(),
  decisionDate: z.string().nullable(),
  periodStart: z.number().int(),
  periodEnd: z.number().int(),
  visionYear: z.number().int().nullable(),
  /** The region as it was when the plan was approved (the 63-province geography for the 2021–2030 plans). */
  regionAtApproval: RegionRef.extend({ geoDate: z.string(), memberCount: z.number().int() }),
  /** Today's regions that the plan's territory now falls in, with the former provinces that went to each. */
  todayRegions: z.array(
    RegionRef.extend({ formerProvinces: z.array(z.object({ code: z.string(), nameVi: z.string() })) }),
  ),
  source: z.string(),
  note: z.string().nullable(),
  sourceEn: z.string().nullable(),
  noteEn: z.string().nullable(),
  projectCount: z.number().int(),
  taskGroupCount: z.number().int(),
  version: z.number().int(),
});
export type Plan = z.infer<typeof Plan>;
export const PlansResponse = z.object({ items: z.array(Plan) });
export type PlansResponse = z.infer<typeof PlansResponse>;
export const PlanDetail = Plan.extend({
  taskGroups: z.array(TaskGroup),
  implementationPlans: z.array(Plan),
  resultsFramework: z.array(RfIndicator),
  statusRule: Label,
});
export type PlanDetail = z.infer<typeof PlanDetail>;

export const PlanInput = z
  .object({
    code: z.string().regex(/^[a-z0-9][a-z0-9-]{2,59}$/, 'lower-case letters, digits and hyphens'),
    kind: PlanKind,
    parentCode: z.string().max(60).nullable().default(null),
    nameVi: z.string().min(1).max(500),
    nameEn: z.string().min(1).max(500),
    decisionNo: z.string().max(100).nullable().default(null),
    decisionDate: IsoDate.nullable().default(null),
    periodStart: z.number().int().min(2000).max(2060),
    periodEnd: z.number().int().min(2000).max(2060),
    visionYear: z.number().int().min(2000).max(2100).nullable().default(null),
    regionCode: z.string().min(1).max(20),
    regionGeoDate: IsoDate,
    source: z.string().min(1).max(1000),
    note: z.string().max(5000).nullable().default(null),
  })
  .strict();
export type PlanInput = z.input<typeof PlanInput>;
export const PlanPatch = patchSchema(PlanInput.omit({ code: true, kind: true, parentCode: true }));
export type PlanPatch = z.infer<typeof PlanPatch>;

export const TimelineResponse = z.object({
  today: z.string(),
  at: z.string(),
  items: z.array(
    z.object({
      projectCode: z.string(),
      nameVi: z.string(),
      nameEn: z.string(),
      status: ProjectStatus,
      late: z.boolean(),
      milestones: z.array(Milestone),
    }),
  ),
});
export type TimelineResponse = z.infer<typeof TimelineResponse>;

export const CodeParams = z.object({ code: z.string().min(1).max(60) });
export const RfFormatQuery = z.object({ format: z.enum(['json', 'csv', 'xlsx']).default('json') }).strict();
