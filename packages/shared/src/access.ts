import { z } from 'zod';
import { DbId, DbIdParam, IsoDate } from './common';

export const Role = z.enum(['admin', 'reporter', 'council', 'viewer']);
export type Role = z.infer<typeof Role>;

export const OrganisationKind = z.enum(['ministry', 'agency', 'province', 'council', 'other']);
export type OrganisationKind = z.infer<typeof OrganisationKind>;

export const Organisation = z.object({
  id: z.number().int(),
  code: z.string(),
  kind: OrganisationKind,
  nameVi: z.string(),
  nameEn: z.string(),
  provinceCode: z.string().nullable(),
  regionCode: z.string().nullable(),
});
export type Organisation = z.infer<typeof Organisation>;

export const LoginInput = z
  .object({
    username: z.string().trim().min(1).max(100),
    password: z.string().min(1).max(1024),
    /** The 6-digit code of the authenticator app, or a recovery code, for accounts with two-factor sign-in. */
    otp: z.string().trim().min(1).max(20).optional(),
  })
  .strict();
export type LoginInput = z.infer<typeof LoginInput>;

export const Me = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  organisation: Organisation,
  email: z.string().nullable().optional(),
  totpEnabled: z.boolean().optional(),
  /** Delegated by MoF to administer the accounts of their own organisation. */
  managesOrganisation: z.boolean().optional(),
});
export type Me = z.infer<typeof Me>;

export const OrganisationsResponse = z.object({ items: z.array(Organisation) });

/** A password as typed: the policy (length 12–128, not common or breached) is checked on the server. */
const NewPassword = z.string().min(1).max(1024);

export const PasswordChangeInput = z
  .object({ currentPassword: z.string().min(1).max(1024), newPassword: NewPassword })
  .strict();
export type PasswordChangeInput = z.infer<typeof PasswordChangeInput>;

/** A one-time link's token (from the e-mail) and, to use it, the new password. */
export const TokenInput = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{32,64}$/) }).strict();
export const TokenPasswordInput = z
  .object({ token: z.string().regex(/^[A-Za-z0-9_-]{32,64}$/), newPassword: NewPassword })
  .strict();
export const TokenInfo = z.object({
  purpose: z.enum(['invite', 'reset']),
  username: z.string(),
  displayName: z.string(),
  organisation: z.string(),
  expiresAt: z.string(),
});
export type TokenInfo = z.infer<typeof TokenInfo>;

/** One of the caller's sessions. */
export const SessionInfo = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export const SessionsResponse = z.object({ items: z.array(SessionInfo) });
export const SessionParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) });

export const TotpEnrolment = z.object({ secret: z.string(), uri: z.string() });
export const TotpConfirmInput = z.object({ code: z.string().regex(/^\d{6}$/) }).strict();
export const RecoveryCodes = z.object({ codes: z.array(z.string()) });
export const TotpDisableInput = z.object({ password: z.string().min(1).max(1024) }).strict();

const name = z.string().trim().min(1).max(200);
const username = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dot, dash, underscore');
const email = z.string().trim().max(254).email();

/** An account as administrators see it. */
export const AdminUser = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  role: Role,
  organisation: Organisation,
  managesOrganisation: z.boolean(),
  disabledAt: z.string().nullable(),
  createdAt: z.string(),
  passwordSet: z.boolean(),
  totpEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  activeSessions: z.number().int(),
  locked: z.boolean(),
  version: z.number().int(),
});
export type AdminUser = z.infer<typeof AdminUser>;
export const AdminUsersResponse = z.object({ items: z.array(AdminUser) });
export const AdminUsersQuery = z
  .object({
    q: z.string().trim().max(100).optional(),
    organisationId: DbIdParam.optional(),
    role: Role.optional(),
    status: z.enum(['active', 'disabled', 'all']).default('all'),
  })
  .strict();

export const CreateUserInput = z
  .object({
    username,
    displayName: name,
    email,
    role: Role,
    organisationId: DbId,
    managesOrganisation: z.boolean().default(false),
  })
  .strict();
export type CreateUserInput = z.input<typeof CreateUserInput>;
export const UpdateUserInput = z
  .object({
    displayName: name.optional(),
    email: email.optional(),
    role: Role.optional(),
    organisationId: DbId.optional(),
    managesOrganisation: z.boolean().optional(),
  })
  .strict();
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;
export const UserParams = z.object({ id: DbIdParam });
/** What creating an account or sending a link did: the e-mail queued, and when the link expires. */
export const LinkSent = z.object({ user: AdminUser, emailQueued: z.boolean(), expiresAt: z.string() });

/** An organisation as administrators see it. */
export const AdminOrganisation = Organisation.extend({
  disabledAt: z.string().nullable(),
  users: z.number().int(),
  version: z.number().int(),
});
export const AdminOrganisationsResponse = z.object({ items: z.array(AdminOrganisation) });
const orgCode = z
  .string()
  .trim()
  .min(2)
  .max(32)
  .regex(/^[A-Z0-9][A-Z0-9_-]*$/, 'upper-case letters, digits, dash, underscore');
export const CreateOrganisationInput = z
  .object({
    code: orgCode,
    kind: OrganisationKind,
    nameVi: name,
    nameEn: name,
    provinceCode: z
      .string()
      .regex(/^\d{2}$/)
      .nullable()
      .default(null),
    regionCode: z
      .string()
      .regex(/^[A-Z]{2,4}$/)
      .nullable()
      .default(null),
  })
  .strict();
export const UpdateOrganisationInput = z
  .object({
    nameVi: name.optional(),
    nameEn: name.optional(),
    kind: OrganisationKind.optional(),
    provinceCode: z
      .string()
      .regex(/^\d{2}$/)
      .nullable()
      .optional(),
    regionCode: z
      .string()
      .regex(/^[A-Z]{2,4}$/)
      .nullable()
      .optional(),
  })
  .strict();
export const OrganisationParams = z.object({ id: DbIdParam });

/** One row of the audit trail. */
export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  organisationId: z.number().int().nullable(),
  source: z.string(),
  tableName: z.string(),
  operation: z.string(),
  objectId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export const AuditQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    table: z
      .string()
      .regex(/^[a-z_]{1,63}$/)
      .optional(),
    actorId: DbIdParam.optional(),
    organisationId: DbIdParam.optional(),
    objectId: z.string().max(100).optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict();
export const AuditResponse = z.object({ items: z.array(AuditEntry), nextBefore: z.number().int().nullable() });
export const ChainReport = z.object({
  rows: z.number().int(),
  head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  ok: z.boolean(),
  broken: z.object({ seq: z.number().int(), id: z.number().int().nullable(), reason: z.string() }).optional(),
});
export type ChainReport = z.infer<typeof ChainReport>;

/** Identity providers offered on the sign-in page. */
export const SsoProvidersResponse = z.object({
  items: z.array(z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() })),
});
export const SsoProviderParams = z.object({ code: z.string().regex(/^[a-z0-9-]{2,40}$/) });
export const SsoStartQuery = z.object({ next: z.string().max(500).optional() }).strict();
export const SsoCallbackQuery = z
  .object({
    code: z.string().max(2000).optional(),
    state: z.string().max(200).optional(),
    error: z.string().max(200).optional(),
    error_description: z.string().max(2000).optional(),
    iss: z.string().max(500).optional(),
  })
  .strict();

/** An OpenID Connect provider of an organisation, as MoF administrators register it. */
/**
 * An OpenID issuer: an https URL (OpenID Connect Discovery §3), or http on the loopback address for a provider run
 * beside the server (tests, development). Anything else — `javascript:`, `file:`, http to another host — is refused,
 * since the server fetches the issuer's discovery document.
 */
export const OidcIssuer = z
  .string()
  .max(500)
  .url()
  .refine((u) => /^https:\/\/[^/?#]+/i.test(u) || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/i.test(u), {
    message: 'an https URL (http only on the loopback address)',
  });
export const IdentityProviderInput = z
  .object({
    code: z.string().regex(/^[a-z0-9-]{2,40}$/),
    nameVi: z.string().trim().min(1).max(200),
    nameEn: z.string().trim().min(1).max(200),
    issuer: OidcIssuer,
    clientId: z.string().min(1).max(200),
    clientSecret: z.string().min(1).max(500),
    organisationId: DbId,
    defaultRole: z.enum(['reporter', 'council', 'viewer']).default('viewer'),
  })
  .strict();
export const AdminIdentityProvider = z.object({
  id: z.number().int(),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  organisationId: z.number().int(),
  defaultRole: z.enum(['reporter', 'council', 'viewer']),
  enabled: z.boolean(),
});
export const AdminIdentityProvidersResponse = z.object({ items: z.array(AdminIdentityProvider) });
