import { z } from 'zod';

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
  })
  .strict();
export type LoginInput = z.infer<typeof LoginInput>;

export const Me = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  organisation: Organisation,
});
export type Me = z.infer<typeof Me>;

export const OrganisationsResponse = z.object({ items: z.array(Organisation) });
