import { z } from 'zod';
import { DbId, IsoDate } from './common';
import { AccessLevel, ImportError, ImportResult } from './statistics';

/** Issue 15: contributed releases and their review, access levels, sharing agreements and requests, API tokens. */

export const ContributionStatus = z.enum(['draft', 'submitted', 'returned', 'published']);
export type ContributionStatus = z.infer<typeof ContributionStatus>;

export const ContributeQuery = z
  .object({
    dataset: z.string().regex(/^[a-z0-9][a-z0-9_-]{1,80}$/),
    dryRun: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    at: IsoDate.optional(),
    decimal: z.enum(['dot', 'comma']).default('dot'),
    sheet: z.string().max(100).optional(),
    note: z.string().max(2000).optional(),
  })
  .strict();

export const ContributionSummary = z.object({
  id: DbId,
  dataset: z.object({ id: DbId, code: z.string(), titleVi: z.string(), titleEn: z.string() }),
  organisation: z.object({ id: DbId, code: z.string(), nameVi: z.string(), nameEn: z.string() }),
  createdBy: z.string(),
  status: ContributionStatus,
  note: z.string(),
  reviewNote: z.string(),
  fileName: z.string().nullable(),
  rowsInFile: z.number().int(),
  added: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  indicators: z.array(z.string()),
  periods: z.array(z.number().int()),
  warningCount: z.number().int(),
  warningsConfirmed: z.boolean(),
  releaseId: z.number().int().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  /** What the caller may do now. */
  can: z.object({ submit: z.boolean(), review: z.boolean() }),
});
export type ContributionSummary = z.infer<typeof ContributionSummary>;

export const ContributionChange = z.object({
  indicator: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  geoDate: z.string(),
  period: z.number().int(),
  value: z.number(),
  before: z.number().nullable(),
  status: z.string(),
});
export const Contribution = ContributionSummary.extend({
  warnings: z.array(ImportError),
  /** Values added or changed against the published ones (first 500). */
  changes: z.array(ContributionChange),
});
export type Contribution = z.infer<typeof Contribution>;
export const ContributionsResponse = z.object({ items: z.array(ContributionSummary) });
export type ContributionsResponse = z.infer<typeof ContributionsResponse>;
export const ContributeResult = z.object({ import: ImportResult, contribution: Contribution.nullable() });
export type ContributeResult = z.infer<typeof ContributeResult>;

export const SubmitContributionInput = z.object({ confirmWarnings: z.boolean().default(false) }).strict();
export const ReturnContributionInput = z.object({ reasons: z.string().trim().min(3).max(4000) }).strict();
export const PublishContributionInput = z.object({ note: z.string().trim().max(2000).default('') }).strict();

export const ContributableDataset = z.object({
  id: DbId,
  code: z.string(),
  titleVi: z.string(),
  titleEn: z.string(),
  accessLevel: AccessLevel,
  /** Indicators the caller's organisation may supply (null: any). */
  indicators: z.array(z.string()).nullable(),
  /** Limited to the caller's province (and its communes). */
  territory: z.string().nullable(),
});
export const ContributableResponse = z.object({ items: z.array(ContributableDataset) });
export type ContributableResponse = z.infer<typeof ContributableResponse>;

export const DatasetAccessInput = z
  .object({
    level: AccessLevel,
    /** Organisation codes that may read a restricted dataset besides its owner. */
    organisations: z.array(z.string().min(1).max(40)).max(100).default([]),
  })
  .strict();
export const DatasetAccess = z.object({
  datasetId: DbId,
  level: AccessLevel,
  owner: z.string().nullable(),
  organisations: z.array(z.string()),
  version: z.number().int(),
});
export type DatasetAccess = z.infer<typeof DatasetAccess>;

// --- Sharing agreements and requests ---

export const SharingAgreementInput = z
  .object({
    code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,60}$/, 'letters, digits, - and _'),
    titleVi: z.string().trim().min(1).max(500),
    titleEn: z.string().trim().max(500).default(''),
    legalBasis: z.string().trim().max(2000).default(''),
    documentRef: z.string().trim().max(500).default(''),
    level: z.enum(['government', 'restricted']).default('restricted'),
    validFrom: IsoDate,
    validTo: IsoDate,
    parties: z.array(z.string().min(1).max(40)).min(2).max(50),
    datasets: z
      .array(z.string().regex(/^[a-z0-9][a-z0-9_-]{1,80}$/))
      .min(1)
      .max(50),
  })
  .strict();
export type SharingAgreementInput = z.infer<typeof SharingAgreementInput>;
export const SharingAgreement = z.object({
  id: DbId,
  code: z.string(),
  titleVi: z.string(),
  titleEn: z.string(),
  legalBasis: z.string(),
  documentRef: z.string(),
  level: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  state: z.enum(['upcoming', 'in_force', 'expired']),
  parties: z.array(z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() })),
  datasets: z.array(z.object({ code: z.string(), titleVi: z.string() })),
});
export type SharingAgreement = z.infer<typeof SharingAgreement>;
export const SharingAgreementsResponse = z.object({ items: z.array(SharingAgreement) });
export type SharingAgreementsResponse = z.infer<typeof SharingAgreementsResponse>;

export const DataRequestInput = z
  .object({
    dataset: z.string().regex(/^[a-z0-9][a-z0-9_-]{1,80}$/),
    purpose: z.string().trim().min(1).max(4000),
    wantedFrom: IsoDate,
    wantedTo: IsoDate,
  })
  .strict();
export const DecideRequestInput = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('grant'), grantedFrom: IsoDate, grantedTo: IsoDate }).strict(),
  z.object({ decision: z.literal('refuse'), reason: z.string().trim().min(3).max(4000) }).strict(),
]);
export const DataRequest = z.object({
  id: DbId,
  dataset: z.object({ code: z.string(), titleVi: z.string(), titleEn: z.string(), owner: z.string().nullable() }),
  requester: z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() }),
  requestedBy: z.string(),
  purpose: z.string(),
  wantedFrom: z.string(),
  wantedTo: z.string(),
  /** `expired`: granted, and the granted period has ended. */
  status: z.enum(['pending', 'granted', 'refused', 'expired']),
  decisionReason: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  grantedFrom: z.string().nullable(),
  grantedTo: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  can: z.object({ decide: z.boolean() }),
});
export type DataRequest = z.infer<typeof DataRequest>;
export const DataRequestsResponse = z.object({ items: z.array(DataRequest) });
export type DataRequestsResponse = z.infer<typeof DataRequestsResponse>;

// --- API tokens ---

export const TokenScope = z.enum(['read_public', 'read_entitled', 'contribute']);
export type TokenScope = z.infer<typeof TokenScope>;
export const CreateTokenInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    scope: TokenScope,
    /** `organisation`: a token of the caller's organisation (administrators of it, or MoF). */
    owner: z.enum(['personal', 'organisation']).default('personal'),
    expiresAt: IsoDate.optional(),
  })
  .strict();
export const ApiToken = z.object({
  id: DbId,
  name: z.string(),
  scope: TokenScope,
  owner: z.enum(['personal', 'organisation']),
  prefix: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;
export const ApiTokensResponse = z.object({ items: z.array(ApiToken) });
export type ApiTokensResponse = z.infer<typeof ApiTokensResponse>;
/** Shown once: the secret is never stored or shown again. */
export const CreatedToken = ApiToken.extend({ token: z.string() });
export type CreatedToken = z.infer<typeof CreatedToken>;
