import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * Administrative units with validity dates. A unit is identified by (level, code, validFrom): the same code can mean
 * different territory in different vintages (24 was Bắc Giang, and is Bắc Ninh + Bắc Giang from 2025-07-01).
 */
export const adminUnits = pgTable(
  'admin_units',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    level: text('level').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull(),
    fullNameVi: text('full_name_vi').notNull(),
    fullNameEn: text('full_name_en').notNull(),
    nameFolded: text('name_folded').notNull(),
    type: text('type').notNull(),
    areaKm2: doublePrecision('area_km2'),
    parentCode: text('parent_code'),
    iso3166: text('iso_3166'),
    seatVi: text('seat_vi'),
    seatFormerProvinceCode: text('seat_former_province_code'),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    source: text('source').notNull(),
    sourceEn: text('source_en'),
  },
  (t) => [
    uniqueIndex('admin_units_level_code_from_uq').on(t.level, t.code, t.validFrom),
    index('admin_units_level_dates_idx').on(t.level, t.validFrom, t.validTo),
    index('admin_units_parent_idx').on(t.parentCode),
  ],
);

/** The crosswalk: which unit became which, with the share of the old unit that went to the new one. */
export const unitSuccessions = pgTable(
  'unit_successions',
  {
    id: serial('id').primaryKey(),
    fromUnitId: integer('from_unit_id')
      .notNull()
      .references(() => adminUnits.id),
    toUnitId: integer('to_unit_id')
      .notNull()
      .references(() => adminUnits.id),
    weight: doublePrecision('weight').notNull(),
    effectiveDate: date('effective_date', { mode: 'string' }).notNull(),
    basis: text('basis').notNull(),
  },
  (t) => [uniqueIndex('unit_successions_pair_uq').on(t.fromUnitId, t.toUnitId)],
);

/** Named groupings of units (regions, sub-regions, growth-pole regions, council areas, custom groupings). */
export const groupings = pgTable('groupings', {
  id: text('id').primaryKey(),
  code: text('code').notNull(),
  type: text('type').notNull(),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en').notNull(),
  parentId: text('parent_id'),
  validFrom: date('valid_from', { mode: 'string' }).notNull(),
  validTo: date('valid_to', { mode: 'string' }),
  source: text('source'),
  note: text('note'),
  sortOrder: integer('sort_order').notNull().default(0),
  createdBy: integer('created_by'),
});

/** Members of a grouping over time; `partial` keeps "part of a province" cases as such. */
export const groupingMembers = pgTable(
  'grouping_members',
  {
    groupingId: text('grouping_id')
      .notNull()
      .references(() => groupings.id, { onDelete: 'cascade' }),
    unitCode: text('unit_code').notNull(),
    unitLevel: text('unit_level').notNull(),
    partial: boolean('partial').notNull().default(false),
    note: text('note'),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.groupingId, t.unitCode, t.validFrom] })],
);

/** Boundaries of the units in force over a period, stored as the TopoJSON text served to browsers. */
export const boundaries = pgTable(
  'boundaries',
  {
    id: serial('id').primaryKey(),
    level: text('level').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    objectName: text('object_name').notNull(),
    topojson: text('topojson').notNull(),
    source: text('source').notNull(),
    licence: text('licence').notNull(),
  },
  (t) => [uniqueIndex('boundaries_level_from_uq').on(t.level, t.validFrom)],
);

/** Which reference or demo data sets have been loaded, so a restart never loads them twice. */
export const referenceLoads = pgTable('reference_loads', {
  key: text('key').primaryKey(),
  loadedAt: timestamp('loaded_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  detail: text('detail'),
});
