import { z } from 'zod';
import { AdminCode, IsoDate } from './common';

export const AdminLevel = z.enum(['province', 'commune']);
export type AdminLevel = z.infer<typeof AdminLevel>;

export const GroupingType = z.enum(['region', 'subregion', 'growth_pole', 'council_area', 'custom']);
export type GroupingType = z.infer<typeof GroupingType>;

export const AdminUnit = z.object({
  code: z.string(),
  level: AdminLevel,
  nameVi: z.string(),
  nameEn: z.string(),
  fullNameVi: z.string(),
  fullNameEn: z.string(),
  type: z.string(),
  areaKm2: z.number().nullable(),
  parentCode: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});
export type AdminUnit = z.infer<typeof AdminUnit>;

export const UnitRef = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  weight: z.number(),
});
export type UnitRef = z.infer<typeof UnitRef>;

export const GroupingRef = z.object({ id: z.string(), type: GroupingType, nameVi: z.string(), nameEn: z.string() });

export const AdminUnitDetail = AdminUnit.extend({
  seatVi: z.string().nullable(),
  seatFormerProvinceCode: z.string().nullable(),
  iso3166: z.string().nullable(),
  predecessors: z.array(UnitRef),
  successors: z.array(UnitRef),
  groupings: z.array(GroupingRef),
  communeCount: z.number().int(),
  source: z.string(),
  /** The source line in English; null when the stored one needs none (show it as stored). */
  sourceEn: z.string().nullable(),
});
export type AdminUnitDetail = z.infer<typeof AdminUnitDetail>;

export const UnitsQuery = z.object({
  level: AdminLevel.default('province'),
  at: IsoDate.optional(),
  parent: AdminCode.optional(),
});

export const UnitParams = z.object({ code: AdminCode });
export const AtQuery = z.object({ at: IsoDate.optional() });

export const UnitsResponse = z.object({ at: z.string(), level: AdminLevel, items: z.array(AdminUnit) });
export type UnitsResponse = z.infer<typeof UnitsResponse>;

export const GroupingMember = z.object({
  code: z.string(),
  nameVi: z.string(),
  partial: z.boolean(),
  note: z.string().nullable(),
});

export const Grouping = z.object({
  id: z.string(),
  code: z.string(),
  type: GroupingType,
  nameVi: z.string(),
  nameEn: z.string(),
  parentId: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  source: z.string().nullable(),
  note: z.string().nullable(),
  memberCodes: z.array(z.string()),
  members: z.array(GroupingMember),
});
export type Grouping = z.infer<typeof Grouping>;

export const GroupingsQuery = z.object({ type: GroupingType.optional(), at: IsoDate.optional() });
export const GroupingsResponse = z.object({ at: z.string(), items: z.array(Grouping) });
export type GroupingsResponse = z.infer<typeof GroupingsResponse>;

export const CrosswalkQuery = z.object({ from: IsoDate, to: IsoDate });
export const CrosswalkRow = z.object({
  fromCode: z.string(),
  fromNameVi: z.string(),
  toCode: z.string(),
  toNameVi: z.string(),
  weight: z.number(),
});
export const CrosswalkResponse = z.object({ from: z.string(), to: z.string(), rows: z.array(CrosswalkRow) });
export type CrosswalkResponse = z.infer<typeof CrosswalkResponse>;

export const BoundariesQuery = z.object({
  at: IsoDate.optional(),
  format: z.enum(['topojson', 'geojson']).default('topojson'),
  /**
   * `full`: the boundaries as stored. `country`: simplified for a map of the whole country (lines within 0.005°, about
   * half a screen pixel on a 640-pixel map), about 40 % of the size; for maps zoomed on a few provinces use `full`.
   */
  detail: z.enum(['full', 'country']).default('full'),
});
