import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE_DIR } from '../../config';
import { parseCsvObjects } from '../../lib/csv';
import { checkCrosswalk, compareAreas } from './crosswalk';
import { buildBoundaryLayers, readCommunes2025 } from './geo.seed';

const csv = (rel: string) => parseCsvObjects(fs.readFileSync(path.join(REFERENCE_DIR, rel), 'utf8'));
const p63 = csv('admin/provinces-63.csv');
const p34 = csv('admin/provinces-34.csv');
const regions = csv('admin/regions-2025.csv');
const edges = p63.map((r) => ({ fromCode: r.code, toCode: r.new_code_2025, weight: 1 }));

describe('reference data invariants (checked against the CSVs)', () => {
  it('has 63 former and 34 current provinces, codes as two-digit strings', () => {
    expect(p63).toHaveLength(63);
    expect(p34).toHaveLength(34);
    for (const r of [...p63, ...p34]) expect(r.code).toMatch(/^\d{2}$/);
    expect(p63.find((r) => r.code === '02')?.name_vi).toBe('Hà Giang');
  });

  it('maps every one of the 63 to exactly one of the 34, and gives every one of the 34 a predecessor', () => {
    const check = checkCrosswalk(
      edges,
      p63.map((r) => r.code),
      p34.map((r) => r.code),
    );
    expect(check).toEqual({ unmapped: [], weightNotOne: [], orphans: [], unknown: [] });
    expect(new Set(p63.map((r) => r.code)).size).toBe(63);
  });

  it('agrees with the member lists in provinces-34.csv', () => {
    for (const r of p34) {
      const fromCrosswalk = edges
        .filter((e) => e.toCode === r.code)
        .map((e) => e.fromCode)
        .sort();
      expect(fromCrosswalk).toEqual(r.member_codes_63.split('+').sort());
    }
  });

  it('partitions the 34 provinces into the 6 regions of 2025', () => {
    expect(regions).toHaveLength(6);
    const members = regions.flatMap((r) => r.member_codes_34.split('+'));
    expect(members).toHaveLength(34);
    expect(new Set(members)).toEqual(new Set(p34.map((r) => r.code)));
    for (const r of p34)
      expect(regions.find((g) => g.member_codes_34.split('+').includes(r.code))?.region_code).toBe(r.region_2025_code);
  });

  it('reports how far summed official areas of the former provinces are from each new province’s area', () => {
    const area63 = new Map(
      csv('stats/vn63_nso_area_population_grdppc_2024.csv')
        .filter((r) => r.code)
        .map((r) => [r.code, Number(r.area_km2)]),
    );
    const diffs = compareAreas(new Map(p34.map((r) => [r.code, Number(r.area_km2)])), area63, edges);
    const worst = [...diffs].sort((a, b) => Math.abs(b.differencePct) - Math.abs(a.differencePct)).slice(0, 5);
    console.log('Largest area differences (official 34-unit area − sum of NSO 2024 areas of former provinces):');
    console.table(
      worst.map((d) => ({
        code: d.code,
        official: d.officialKm2,
        members: +d.membersKm2.toFixed(2),
        diffKm2: +d.differenceKm2.toFixed(2),
        pct: +d.differencePct.toFixed(3),
      })),
    );
    for (const d of diffs) expect(Math.abs(d.differencePct)).toBeLessThan(0.5);
    const national34 = diffs.reduce((s, d) => s + d.officialKm2, 0);
    const national63 = [...area63.values()].reduce((s, v) => s + v, 0);
    expect(Math.abs(national34 - national63) / national34).toBeLessThan(0.001);
  });

  it('has the 3,321 communes of 2025, each in one of the 34 provinces, codes of five digits', () => {
    const communes = readCommunes2025();
    expect(communes).toHaveLength(3321);
    const provinceCodes = new Set(p34.map((r) => r.code));
    for (const c of communes) {
      expect(c.code).toMatch(/^\d{5}$/);
      expect(provinceCodes.has(c.provinceCode)).toBe(true);
    }
    expect(new Set(communes.map((c) => c.code)).size).toBe(3321);
    expect(new Set(communes.map((c) => c.provinceCode)).size).toBe(34);
  });

  it('builds boundary layers with one feature per unit, the archipelagos included in both', () => {
    const { topo34Text, topo63Text } = buildBoundaryLayers();
    const t34 = JSON.parse(topo34Text);
    const t63 = JSON.parse(topo63Text);
    const codes34 = t34.objects['vn-provinces-34'].geometries.map(
      (g: { properties: { code: string } }) => g.properties.code,
    );
    const codes63 = t63.objects['vn-provinces-63'].geometries.map(
      (g: { properties: { code: string } }) => g.properties.code,
    );
    expect(new Set(codes34)).toEqual(new Set(p34.map((r) => r.code)));
    expect(new Set(codes63)).toEqual(new Set(p63.map((r) => r.code)));
    // Khánh Hòa (56) in the 63-unit layer carries the Trường Sa outlines taken from the 34-unit layer.
    const kh = t63.objects['vn-provinces-63'].geometries.find(
      (g: { properties: { code: string } }) => g.properties.code === '56',
    );
    expect(kh.type).toBe('MultiPolygon');
    expect(kh.arcs.length).toBeGreaterThan(100);
  });
});
