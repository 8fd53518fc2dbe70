import { z } from 'zod';
import { AdminCode } from './common';

/** The components of the linkage scorecard (method 1.0); the method file on the server describes each. */
export const SCORECARD_COMPONENTS = [
  'reporting',
  'tasks',
  'projects',
  'disbursement',
  'follow_ups',
  'agreements',
  'outcomes',
] as const;
export const ScorecardComponentCode = z.enum(SCORECARD_COMPONENTS);
export type ScorecardComponentCode = z.infer<typeof ScorecardComponentCode>;

export const ScoreNormalisation = z.enum(['minmax', 'zscore']);
export type ScoreNormalisation = z.infer<typeof ScoreNormalisation>;

const Year = z.coerce.number().int().min(2000).max(2100);

/** `reporting:2,tasks:1,…` — weights by component, each 0–100; components left out keep weight 1. */
export const WeightsParam = z
  .string()
  .max(300)
  .regex(/^([a-z_]+:\d{1,3}(\.\d{1,2})?)(,[a-z_]+:\d{1,3}(\.\d{1,2})?)*$/, 'expected component:weight pairs')
  .refine(
    (s) => s.split(',').every((p) => (SCORECARD_COMPONENTS as readonly string[]).includes(p.split(':')[0])),
    'unknown component',
  )
  .refine((s) => s.split(',').every((p) => Number(p.split(':')[1]) <= 100), 'a weight is at most 100');

export const ScorecardQuery = z
  .object({
    year: Year,
    weights: WeightsParam.optional(),
    normalisation: ScoreNormalisation.optional(),
    /** `1`: compute now, even if the year was published. */
    live: z.enum(['0', '1']).optional(),
  })
  .strict();
export type ScorecardQuery = z.infer<typeof ScorecardQuery>;

export const ScorecardComponent = z.object({
  code: ScorecardComponentCode,
  nameVi: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  unitEn: z.string(),
  direction: z.enum(['higher_better', 'lower_better']),
  ruleVi: z.string(),
  ruleEn: z.string(),
  weight: z.number(),
});
export type ScorecardComponent = z.infer<typeof ScorecardComponent>;

const NumMap = z.record(z.string(), z.number().nullable());

export const ScorecardProvince = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  regionCode: z.string().nullable(),
  score: z.number().nullable(),
  rank: z.number().int().nullable(),
  /** Rank interval over the sensitivity variants. */
  best: z.number().int().nullable(),
  worst: z.number().int().nullable(),
  coverage: z.number(),
  values: NumMap,
  normalised: NumMap,
  lifts: NumMap,
  driver: z.object({ code: z.string(), lift: z.number() }).nullable(),
  previousRank: z.number().int().nullable(),
  previousScore: z.number().nullable(),
});
export type ScorecardProvince = z.infer<typeof ScorecardProvince>;

export const ScorecardEdition = z.object({
  edition: z.number().int(),
  methodVersion: z.string(),
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
  reason: z.string().nullable(),
});
export type ScorecardEdition = z.infer<typeof ScorecardEdition>;

export const Scorecard = z.object({
  year: z.number().int(),
  geographyDate: z.string(),
  methodVersion: z.string(),
  currentMethodVersion: z.string(),
  /** The edition shown, when the published one is shown; null when computed now. */
  published: ScorecardEdition.nullable(),
  editions: z.array(ScorecardEdition),
  normalisation: ScoreNormalisation,
  weights: z.record(z.string(), z.number()),
  components: z.array(ScorecardComponent),
  provinces: z.array(ScorecardProvince),
  variants: z.number().int(),
  minWeightShare: z.number(),
  methodVi: z.string(),
  methodEn: z.string(),
  source: z.string(),
  sourceEn: z.string(),
  computedAt: z.string(),
});
export type Scorecard = z.infer<typeof Scorecard>;

/** The years the scorecard has data for, newest first, and the year shown by default (the newest; null if none). */
export const ScorecardYears = z.object({ years: z.array(z.number().int()), defaultYear: z.number().int().nullable() });
export type ScorecardYears = z.infer<typeof ScorecardYears>;

export const ScorecardParams = z.object({ code: AdminCode });
export const ScorecardRecordsQuery = z.object({ year: Year }).strict();

export const ScorecardRecords = z.object({
  code: z.string(),
  nameVi: z.string(),
  year: z.number().int(),
  reporting: z.array(
    z.object({
      cycleId: z.number().int(),
      cycleNameVi: z.string(),
      deadline: z.string().nullable(),
      submissionId: z.number().int().nullable(),
      state: z.string(),
      firstSubmittedOn: z.string().nullable(),
      returns: z.number().int(),
      points: z.number(),
    }),
  ),
  tasks: z.array(z.object({ submissionId: z.number().int(), taskCode: z.string(), status: z.string().nullable() })),
  projects: z.array(
    z.object({
      projectCode: z.string(),
      nameVi: z.string(),
      role: z.string(),
      share: z.number(),
      allocated: z.number().nullable(),
      disbursed: z.number().nullable(),
      isDemo: z.boolean(),
    }),
  ),
  followUps: z.object({
    assigned: z.number().int(),
    done: z.number().int(),
    doneOnTime: z.number().int(),
    overdue: z.number().int(),
    open: z.number().int(),
  }),
  agreements: z.array(
    z.object({ id: z.number().int(), titleVi: z.string(), signedOn: z.string(), isDemo: z.boolean() }),
  ),
  outcomes: z.array(z.object({ indicator: z.string(), value: z.number().nullable(), method: z.string() })),
});
export type ScorecardRecords = z.infer<typeof ScorecardRecords>;

export const ScorecardPublishInput = z
  .object({ year: z.number().int().min(2000).max(2100), reason: z.string().max(2000).optional() })
  .strict();
export type ScorecardPublishInput = z.infer<typeof ScorecardPublishInput>;

// ----- duplicated or competing investments -----

export const DuplicatesQuery = z
  .object({
    region: z
      .string()
      .regex(/^[A-Z]{2,5}$/)
      .optional(),
    withinKm: z.coerce.number().int().min(1).max(1000).optional(),
  })
  .strict();
export type DuplicatesQuery = z.infer<typeof DuplicatesQuery>;

export const DuplicateProjectEvidence = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  sector: z.string(),
  type: z.string(),
  phaseText: z.string().nullable(),
  phaseFrom: z.number().int(),
  phaseTo: z.number().int(),
  phaseAssumed: z.boolean(),
  provinces: z.array(z.object({ code: z.string(), nameVi: z.string() })),
  scale: z.string().nullable(),
  /** The scale in English; null when there is none (show the Vietnamese). */
  scaleEn: z.string().nullable(),
  planned: z.number().nullable(),
  allocated: z.number().nullable(),
});
export type DuplicateProjectEvidence = z.infer<typeof DuplicateProjectEvidence>;

export const Dismissal = z.object({
  id: z.number().int(),
  pairKey: z.string(),
  reason: z.string(),
  dismissedBy: z.string().nullable(),
  dismissedAt: z.string(),
  reopenedAt: z.string().nullable(),
  reopenedBy: z.string().nullable(),
  reopenReason: z.string().nullable(),
  version: z.number().int(),
});
export type Dismissal = z.infer<typeof Dismissal>;

export const DuplicatePair = z.object({
  key: z.string(),
  a: z.string(),
  b: z.string(),
  provinceA: z.string(),
  provinceB: z.string(),
  adjacent: z.boolean(),
  distanceKm: z.number(),
  overlapFrom: z.number().int(),
  overlapTo: z.number().int(),
  regions: z.array(z.string()),
  dismissal: Dismissal.nullable(),
});
export type DuplicatePair = z.infer<typeof DuplicatePair>;

export const DuplicateGroup = z.object({
  sector: z.string(),
  type: z.string(),
  typeEn: z.string(),
  projects: z.array(DuplicateProjectEvidence),
  pairs: z.array(DuplicatePair),
});
export type DuplicateGroup = z.infer<typeof DuplicateGroup>;

export const DuplicatesResponse = z.object({
  geographyDate: z.string(),
  region: z.string().nullable(),
  withinKm: z.number().nullable(),
  regions: z.array(z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() })),
  rulesVi: z.array(z.string()),
  rulesEn: z.array(z.string()),
  groups: z.array(DuplicateGroup),
  counts: z.object({ pairs: z.number().int(), open: z.number().int(), dismissed: z.number().int() }),
  /** Past dismissals no longer matching a candidate (kept), and reopened ones. */
  history: z.array(Dismissal),
  source: z.string(),
  sourceEn: z.string(),
});
export type DuplicatesResponse = z.infer<typeof DuplicatesResponse>;

export const DismissInput = z
  .object({
    key: z
      .string()
      .max(100)
      .regex(/^[A-Za-z0-9._-]+\+[A-Za-z0-9._-]+$/, 'expected two project codes joined with +'),
    reason: z.string().min(1).max(2000),
  })
  .strict();
export type DismissInput = z.infer<typeof DismissInput>;

export const DismissalReopenInput = z.object({ reason: z.string().min(1).max(2000) }).strict();
export type DismissalReopenInput = z.infer<typeof DismissalReopenInput>;

export const DuplicatesMaterial = z.object({
  items: z.array(
    z.object({
      key: z.string(),
      sector: z.string(),
      textVi: z.string(),
      regions: z.array(z.string()),
    }),
  ),
  source: z.string(),
});
export type DuplicatesMaterial = z.infer<typeof DuplicatesMaterial>;
