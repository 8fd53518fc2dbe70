import { z } from 'zod';
import { DbId, DbIdParam, IsoDate } from './common';
import { GroupingType } from './geo';
import { DataSourceRef, DatasetRef, IndicatorCode } from './statistics';

/**
 * The regional analytics contract (issue 5): shares, inequality, convergence, member comparison, peers and composite
 * indices over the statistics query engine, custom groupings and saved index definitions. Every response echoes its
 * inputs (`query`), names its methods (`methods`, vi + en, from the server's `METHODS`) and lists its sources
 * (`datasets`, `sources`), as the statistics `DataResponse` does.
 */

// ---------------------------------------------------------------------------------------------------------------
// Shared pieces

const codeList = (max: number) =>
  z
    .string()
    .regex(new RegExp(`^[0-9A-Za-z-]{1,20}(,[0-9A-Za-z-]{1,20}){0,${max - 1}}$`), 'unit codes separated by commas');
const indicatorList = (max: number) =>
  z
    .string()
    .regex(
      new RegExp(`^[a-z][a-z0-9_]{1,62}(,[a-z][a-z0-9_]{1,62}){0,${max - 1}}$`),
      `up to ${max} indicator codes separated by commas`,
    );
const year = z.coerce.number().int().min(1900).max(2100);
export const GroupingId = z.string().regex(/^[a-z0-9-]{1,80}$/, 'a grouping id such as region-2025-nmm');
const groupingList = z
  .string()
  .regex(/^[a-z0-9-]{1,80}(,[a-z0-9-]{1,80}){0,19}$/, 'up to 20 grouping ids separated by commas');
const format = z.enum(['json', 'csv']).default('json');
const lang = z.enum(['vi', 'en']).default('vi');

/** How a figure is computed: one entry of the server's `METHODS`, in Vietnamese and English. */
export const AnalyticsMethod = z.object({
  id: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  formula: z.string(),
  formulaEn: z.string(),
  vi: z.string(),
  en: z.string(),
});
export type AnalyticsMethod = z.infer<typeof AnalyticsMethod>;

/** An indicator as the analytics responses name it (the full entry is at `/indicators/by-code/{code}`). */
export const AnalyticsIndicatorRef = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  unitVi: z.string(),
  unitEn: z.string(),
  decimals: z.number().int(),
  /** True for a total derived by the analytics module (GRDP = GRDP per capita × population), not in the catalogue. */
  derived: z.boolean(),
});
export type AnalyticsIndicatorRef = z.infer<typeof AnalyticsIndicatorRef>;

/** The geography the figures are in, as resolved by the query engine. */
export const AnalyticsGeography = z.object({
  at: z.string(),
  geographyVi: z.string(),
  geographyEn: z.string(),
});

/** Provenance and notes carried by every analytics response. */
const provenance = {
  methods: z.array(AnalyticsMethod),
  indicators: z.array(AnalyticsIndicatorRef),
  datasets: z.array(DatasetRef),
  sources: z.array(DataSourceRef),
  notesVi: z.array(z.string()),
  notesEn: z.array(z.string()),
};

/** A province (or unit) as listed in a result. */
export const AnalyticsUnit = z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() });
export type AnalyticsUnit = z.infer<typeof AnalyticsUnit>;

/** A grouping used by a result: a stored grouping, a region, or an ad-hoc list of members. */
export const AnalyticsGroup = z.object({
  /** Stored grouping id, or `custom` for `members=`. */
  id: z.string(),
  kind: z.enum(['grouping', 'members']),
  type: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  memberCodes: z.array(z.string()),
  /** Members counted whole although only part of them belongs to the grouping (coastal areas of a province). */
  partialMembers: z.array(z.string()),
});
export type AnalyticsGroup = z.infer<typeof AnalyticsGroup>;

// ---------------------------------------------------------------------------------------------------------------
// GET /api/v1/analytics/shares

/**
 * Shares of the national total held by groupings. Exactly one of `type` (every grouping of that type in force:
 * `region` = the 6 regions of the geography's date), `grouping` (one or more ids) or `members` (an ad-hoc grouping).
 * `indicator`: additive indicators (default `population,area,grdp`); `grdp` is derived as GRDP per capita × population.
 */
export const SharesQuery = z
  .object({
    indicator: indicatorList(10).default('population,area,grdp'),
    type: GroupingType.optional(),
    grouping: groupingList.optional(),
    members: codeList(200).optional(),
    name: z.string().trim().min(1).max(120).optional(),
    level: z.literal('province').default('province'),
    at: IsoDate.optional(),
    period: year.optional(),
    format,
    lang,
  })
  .strict();
export type SharesQueryInput = z.input<typeof SharesQuery>;

export const ShareFigure = z.object({
  indicator: z.string(),
  /** Sum of the members' values (in the indicator's unit). */
  value: z.number(),
  /** value / national total, 0–1. */
  share: z.number(),
  /** Members without a value: the share is then a lower bound. */
  missing: z.array(z.string()),
  /** Members whose value was derived (GRDP per capita × population). */
  derived: z.array(z.string()),
});
export type ShareFigure = z.infer<typeof ShareFigure>;

export const SharesResponse = z.object({
  query: AnalyticsGeography.extend({
    indicators: z.array(z.string()),
    level: z.literal('province'),
    period: z.number().int(),
    type: z.string().nullable(),
    groupings: z.array(z.string()),
    members: z.array(z.string()),
  }),
  groups: z.array(AnalyticsGroup.extend({ figures: z.array(ShareFigure) })),
  /** All groupings together, each province counted once. */
  combined: z.array(z.object({ indicator: z.string(), value: z.number(), share: z.number(), memberCount: z.number() })),
  /** The national totals (denominators): sum over every province with a value. */
  totals: z.array(
    z.object({
      indicator: z.string(),
      total: z.number(),
      unitCount: z.number().int(),
      missing: z.array(z.string()),
      complete: z.boolean(),
      derivedCount: z.number().int(),
      /** How concentrated the indicator is across provinces (HHI, CRₖ); null when the total is 0. */
      concentration: z
        .object({
          n: z.number().int(),
          hhi: z.number(),
          equivalentUnits: z.number(),
          cr1: z.number(),
          cr3: z.number(),
          cr5: z.number(),
          top: z.array(
            z.object({
              code: z.string(),
              nameVi: z.string(),
              nameEn: z.string(),
              value: z.number(),
              share: z.number(),
            }),
          ),
        })
        .nullable(),
    }),
  ),
  ...provenance,
});
export type SharesResponse = z.infer<typeof SharesResponse>;

// ---------------------------------------------------------------------------------------------------------------
// GET /api/v1/analytics/inequality

/** `groups`: `region` (the 6 regions of the date) or a grouping id (its members against the rest) for the Theil decomposition. */
export const InequalityQuery = z
  .object({
    indicator: IndicatorCode,
    level: z.literal('province').default('province'),
    at: IsoDate.optional(),
    period: year.optional(),
    weight: z.enum(['population', 'none']).default('population'),
    groups: z.union([z.literal('region'), GroupingId]).default('region'),
    format,
    lang,
  })
  .strict();
export type InequalityQueryInput = z.input<typeof InequalityQuery>;

export const InequalityGroup = z.object({
  id: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  n: z.number().int(),
  weightShare: z.number(),
  valueShare: z.number(),
  mean: z.number(),
  theilT: z.number(),
  theilL: z.number(),
  betweenTContribution: z.number(),
  withinTContribution: z.number(),
  betweenLContribution: z.number(),
  withinLContribution: z.number(),
});

export const InequalityResponse = z.object({
  query: AnalyticsGeography.extend({
    indicator: z.string(),
    level: z.literal('province'),
    period: z.number().int(),
    weight: z.enum(['population', 'none']),
    groups: z.string(),
  }),
  gini: z.number(),
  giniWeighted: z.number().nullable(),
  theilT: z.number().nullable(),
  theilL: z.number().nullable(),
  theilTBetween: z.number().nullable(),
  theilTWithin: z.number().nullable(),
  theilLBetween: z.number().nullable(),
  theilLWithin: z.number().nullable(),
  cv: z.number(),
  cvWeighted: z.number().nullable(),
  maxMinRatio: z.number().nullable(),
  n: z.number().int(),
  mean: z.number(),
  meanWeighted: z.number().nullable(),
  max: AnalyticsUnit.extend({ value: z.number() }),
  min: AnalyticsUnit.extend({ value: z.number() }),
  /** Whether the Theil indices are population-weighted or count each province once. */
  theilWeighting: z.enum(['weighted', 'equal']),
  /** theilTBetween / theilT (0–1), for "61 % of it lies between regions". */
  theilTBetweenShare: z.number().nullable(),
  theilLBetweenShare: z.number().nullable(),
  decomposition: z.array(InequalityGroup),
  units: z.array(AnalyticsUnit.extend({ value: z.number(), weight: z.number().nullable(), group: z.string() })),
  /** Provinces left out (no value, or no weight when weighting), with the reason. */
  excluded: z.array(z.object({ code: z.string(), reasonVi: z.string(), reasonEn: z.string() })),
  ...provenance,
});
export type InequalityResponse = z.infer<typeof InequalityResponse>;

// ---------------------------------------------------------------------------------------------------------------
// GET /api/v1/analytics/convergence

export const ConvergenceQuery = z
  .object({
    indicator: IndicatorCode,
    level: z.literal('province').default('province'),
    at: IsoDate.optional(),
    from: year,
    to: year,
    /** σ on a balanced panel (default) or on every province with a value in each year. */
    balanced: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .default(true),
    /**
     * Leave out years in which fewer than this share of the best-covered year's provinces have a value (PCI 2013: 13 of
     * 63), before balancing the panel; 0 keeps every year.
     */
    minCoverage: z.coerce.number().min(0).max(1).default(0.5),
    format,
    lang,
  })
  .strict();
export type ConvergenceQueryInput = z.input<typeof ConvergenceQuery>;

export const ConvergenceResponse = z.object({
  query: AnalyticsGeography.extend({
    indicator: z.string(),
    level: z.literal('province'),
    from: z.number().int(),
    to: z.number().int(),
    balanced: z.boolean(),
    minCoverage: z.number(),
    periods: z.array(z.number().int()),
  }),
  sigma: z.array(
    z.object({ period: z.number().int(), n: z.number().int(), sdLog: z.number(), cv: z.number(), mean: z.number() }),
  ),
  /** OLS trend of sdLog on the year (per year); null with fewer than 3 periods. */
  sigmaTrend: z.object({ slope: z.number(), stdError: z.number(), pValue: z.number().nullable() }).nullable(),
  sigmaChange: z.number(),
  beta: z.object({
    coefficient: z.number(),
    stdError: z.number(),
    tStat: z.number().nullable(),
    pValue: z.number(),
    intercept: z.number(),
    r2: z.number(),
    speed: z.number().nullable(),
    halfLife: z.number().nullable(),
    n: z.number().int(),
    years: z.number(),
    /** First and last period that have data: β runs from `startPeriod` to `endPeriod`. */
    startPeriod: z.number().int(),
    endPeriod: z.number().int(),
    points: z.array(AnalyticsUnit.extend({ logInitial: z.number(), growth: z.number() })),
  }),
  /** Provinces dropped from the balanced panel or from β (a value missing in some year). */
  dropped: z.array(z.string()),
  /** Years left out because too few provinces have a value (`minCoverage`). */
  sparsePeriods: z.array(z.number().int()),
  /** True when values were carried across the 2025 boundary change through the crosswalk by the query engine. */
  crosswalk: z.boolean(),
  ...provenance,
});
export type ConvergenceResponse = z.infer<typeof ConvergenceResponse>;

// ---------------------------------------------------------------------------------------------------------------
// GET /api/v1/analytics/compare

/**
 * Members of a grouping against the other provinces: level in `period`, or annual growth between `from` and `to`
 * when both are given (then `period` is not). One of `grouping` or `members`.
 */
export const CompareQuery = z
  .object({
    indicator: IndicatorCode,
    grouping: groupingList.optional(),
    members: codeList(200).optional(),
    name: z.string().trim().min(1).max(120).optional(),
    level: z.literal('province').default('province'),
    at: IsoDate.optional(),
    period: year.optional(),
    from: year.optional(),
    to: year.optional(),
    draws: z.coerce.number().int().min(99).max(100_000).default(9999),
    seed: z.coerce.number().int().min(0).max(2_147_483_647).default(1),
    format,
    lang,
  })
  .strict();
export type CompareQueryInput = z.input<typeof CompareQuery>;

const GroupSummary = z.object({
  n: z.number().int(),
  mean: z.number().nullable(),
  median: z.number().nullable(),
  sd: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
});

export const CompareResponse = z.object({
  query: AnalyticsGeography.extend({
    indicator: z.string(),
    level: z.literal('province'),
    /** `level`: the indicator's value in `period`; `growth`: compound annual growth (%/year) from `from` to `to`. */
    measure: z.enum(['level', 'growth']),
    period: z.number().int().nullable(),
    from: z.number().int().nullable(),
    to: z.number().int().nullable(),
    draws: z.number().int(),
    seed: z.number().int(),
  }),
  group: AnalyticsGroup,
  members: GroupSummary,
  others: GroupSummary,
  differenceMean: z.number().nullable(),
  differenceMedian: z.number().nullable(),
  ratioMean: z.number().nullable(),
  test: z
    .object({
      method: z.enum(['exact', 'monte-carlo']),
      draws: z.number().int(),
      seed: z.number().int().nullable(),
      pValue: z.number(),
      pValueMedian: z.number(),
      nullSd: z.number(),
      nullLow: z.number(),
      nullHigh: z.number(),
    })
    .nullable(),
  membersWithoutValue: z.array(z.string()),
  units: z.array(AnalyticsUnit.extend({ value: z.number().nullable(), member: z.boolean() })),
  ...provenance,
});
export type CompareResponse = z.infer<typeof CompareResponse>;

// ---------------------------------------------------------------------------------------------------------------
// GET /api/v1/analytics/peers

export const PeersQuery = z
  .object({
    unit: z.string().regex(/^\d{2}$/, 'a province code of 2 digits'),
    indicators: indicatorList(10),
    /** Indicators compared on a log scale (skewed positive figures: population, GRDP per capita). */
    log: indicatorList(10).optional(),
    at: IsoDate.optional(),
    period: year.optional(),
    limit: z.coerce.number().int().min(1).max(62).default(5),
    format,
    lang,
  })
  .strict();
export type PeersQueryInput = z.input<typeof PeersQuery>;

export const PeersResponse = z.object({
  query: AnalyticsGeography.extend({
    unit: z.string(),
    indicators: z.array(z.string()),
    log: z.array(z.string()),
    period: z.number().int(),
    limit: z.number().int(),
  }),
  target: AnalyticsUnit.extend({
    values: z.array(z.object({ indicator: z.string(), value: z.number(), z: z.number() })),
  }),
  scales: z.array(
    z.object({
      code: z.string(),
      log: z.boolean(),
      weight: z.number(),
      mean: z.number(),
      sd: z.number(),
      constant: z.boolean(),
    }),
  ),
  peers: z.array(
    AnalyticsUnit.extend({
      distance: z.number(),
      rank: z.number().int(),
      differences: z.array(
        z.object({ indicator: z.string(), value: z.number(), z: z.number(), zDifference: z.number() }),
      ),
    }),
  ),
  excluded: z.array(z.string()),
  compared: z.number().int(),
  ...provenance,
});
export type PeersResponse = z.infer<typeof PeersResponse>;

// ---------------------------------------------------------------------------------------------------------------
// GET /api/v1/analytics/ranks (for profiles: "3rd of 11 in the region, 6th of 63 nationally")

/**
 * Ranks of every province on one or more indicators, nationally and within its region of the date. `period`: one
 * year for all, or (default) each indicator's latest year with data. `lower`: indicators where lower is better.
 */
export const RanksQuery = z
  .object({
    indicator: indicatorList(20),
    lower: indicatorList(20).optional(),
    at: IsoDate.optional(),
    period: year.optional(),
    unit: codeList(63).optional(),
    format,
    lang,
  })
  .strict();
export type RanksQueryInput = z.input<typeof RanksQuery>;

export const RanksResponse = z.object({
  query: AnalyticsGeography.extend({
    indicators: z.array(z.string()),
    lower: z.array(z.string()),
    period: z.number().int().nullable(),
    units: z.array(z.string()),
  }),
  items: z.array(
    z.object({
      indicator: z.string(),
      period: z.number().int(),
      direction: z.enum(['higher_better', 'lower_better']),
      /** Provinces with a value (all of them, or those of `unit=`), best first. */
      units: z.array(
        AnalyticsUnit.extend({
          value: z.number(),
          nationalRank: z.number().int(),
          nationalOf: z.number().int(),
          region: z.object({ id: z.string(), nameVi: z.string(), nameEn: z.string() }).nullable(),
          regionRank: z.number().int().nullable(),
          regionOf: z.number().int().nullable(),
        }),
      ),
      /** Provinces without a value in that year. */
      missing: z.array(z.string()),
    }),
  ),
  ...provenance,
});
export type RanksResponse = z.infer<typeof RanksResponse>;

// ---------------------------------------------------------------------------------------------------------------
// Composite index: definition, POST /api/v1/analytics/index, saved definitions /api/v1/analytics/indices

export const IndexDirection = z.enum(['higher_better', 'lower_better']);
export type IndexDirection = z.infer<typeof IndexDirection>;

/** A composite-index definition: indicators with direction and weight, a year and a geography date. */
export const IndexDefinition = z
  .object({
    nameVi: z.string().trim().min(1).max(200),
    nameEn: z.string().trim().max(200).default(''),
    descriptionVi: z.string().max(4000).default(''),
    descriptionEn: z.string().max(4000).default(''),
    indicators: z
      .array(
        z
          .object({
            code: IndicatorCode,
            direction: IndexDirection.default('higher_better'),
            weight: z.number().min(0).max(1000).default(1),
          })
          .strict(),
      )
      .min(1)
      .max(20),
    period: z.number().int().min(1900).max(2100),
    at: IsoDate.optional(),
    /** `exclude` (default): a province missing an indicator is not ranked; `reweight`: scored on what it has. */
    missing: z.enum(['exclude', 'reweight']).default('exclude'),
    /**
     * An indicator without data in `period` takes its latest year before it (PCI 2022 in an index of 2024), said per
     * component; `false` (default): every indicator must have `period`.
     */
    latestYear: z.boolean().default(false),
  })
  .strict();
export type IndexDefinition = z.infer<typeof IndexDefinition>;
export type IndexDefinitionInput = z.input<typeof IndexDefinition>;

/** Body of `POST /analytics/index`: an inline definition, or the id of a saved one (optionally another year). */
export const IndexRequest = z.union([
  z.object({ definition: IndexDefinition, format, lang }).strict(),
  z
    .object({
      id: DbId,
      period: z.number().int().min(1900).max(2100).optional(),
      at: IsoDate.optional(),
      format,
      lang,
    })
    .strict(),
]);
export type IndexRequest = z.input<typeof IndexRequest>;

export const IndexResponse = z.object({
  query: AnalyticsGeography.extend({
    /** Saved definition id, or null for an inline definition. */
    id: z.number().int().nullable(),
    definition: IndexDefinition,
  }),
  components: z.array(
    z.object({
      code: z.string(),
      /** The year of this indicator's values: the index year, or its latest year before it (`latestYear`). */
      period: z.number().int(),
      direction: IndexDirection,
      weight: z.number(),
      normalisedWeight: z.number(),
      n: z.number().int(),
      min: z.number().nullable(),
      max: z.number().nullable(),
      worstUnit: z.string().nullable(),
      bestUnit: z.string().nullable(),
      constant: z.boolean(),
    }),
  ),
  /** Provinces ranked best first, then those without a score. */
  units: z.array(
    AnalyticsUnit.extend({
      score: z.number().nullable(),
      rank: z.number().int().nullable(),
      complete: z.boolean(),
      components: z.array(
        z.object({
          indicator: z.string(),
          value: z.number().nullable(),
          score: z.number().nullable(),
          weight: z.number(),
          contribution: z.number().nullable(),
        }),
      ),
    }),
  ),
  ranked: z.number().int(),
  ...provenance,
});
export type IndexResponse = z.infer<typeof IndexResponse>;

/** A saved index definition (public by id, so a URL shares it). `version` is the ETag. */
export const SavedIndex = z.object({
  id: z.number().int(),
  definition: IndexDefinition,
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type SavedIndex = z.infer<typeof SavedIndex>;

export const SavedIndexParams = z.object({ id: DbIdParam });
export const SavedIndicesResponse = z.object({ items: z.array(SavedIndex) });
export type SavedIndicesResponse = z.infer<typeof SavedIndicesResponse>;

// ---------------------------------------------------------------------------------------------------------------
// Custom groupings (stored with the geo module's groupings, usable as `grouping=ID` everywhere)

export const CreateGroupingInput = z
  .object({
    nameVi: z.string().trim().min(1).max(200),
    nameEn: z.string().trim().max(200).default(''),
    note: z.string().max(2000).default(''),
    /** Province codes of the geography in force on `at`. */
    members: z
      .array(z.string().regex(/^\d{2}$/, 'a province code of 2 digits'))
      .min(1)
      .max(63),
    at: IsoDate.optional(),
  })
  .strict();
export type CreateGroupingInput = z.input<typeof CreateGroupingInput>;
/** `POST /analytics/groupings` answers with the geo module's `Grouping` (type `custom`, id `custom-N`). */
