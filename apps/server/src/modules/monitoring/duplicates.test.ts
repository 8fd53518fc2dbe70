import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Topology } from 'topojson-specification';
import { adjacencyPairs, distanceKm, provinceGeometryFacts } from './adjacency';
import { type DuplicateProject, findCandidatePairs, groupPairs, pairKey, parsePhase } from './duplicates';

const topo = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../../../../reference/geo/vn-provinces-34.topojson'), 'utf8'),
) as Topology;
const facts = provinceGeometryFacts(topo);

describe('adjacency of the 34 provinces of 2025, from their boundaries', () => {
  it('Lạng Sơn borders Cao Bằng, Thái Nguyên, Bắc Ninh and Quảng Ninh, and no other province', () => {
    expect(facts.neighbours.get('20')).toEqual(['04', '19', '22', '24']);
  });

  it('known pairs and non-pairs', () => {
    const n = (a: string, b: string) => facts.neighbours.get(a)!.includes(b);
    // Hà Nội – Bắc Ninh, Điện Biên – Lai Châu, Hồ Chí Minh – Đồng Nai, Cần Thơ – Cà Mau, Huế – Đà Nẵng.
    expect([n('01', '24'), n('11', '12'), n('79', '75'), n('92', '96'), n('46', '48')]).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    // Far apart or separated by another province: Lạng Sơn – Hà Nội, Điện Biên – Lào Cai, Hà Nội – Hồ Chí Minh.
    expect([n('20', '01'), n('11', '15'), n('01', '79')]).toEqual([false, false, false]);
  });

  it('is symmetric and covers all 34 provinces', () => {
    expect(facts.neighbours.size).toBe(34);
    for (const [a, ns] of facts.neighbours) for (const b of ns) expect(facts.neighbours.get(b)).toContain(a);
    const pairs = adjacencyPairs(facts.neighbours);
    expect(pairs).toContainEqual(['04', '20']);
    expect(new Set(pairs.map((p) => p.join('-'))).size).toBe(pairs.length);
  });

  it('distances between centres are plausible', () => {
    // Hà Nội to Hồ Chí Minh City, about 1,150 km as the crow flies; Lạng Sơn to Cao Bằng under 150 km.
    const d = distanceKm(facts.centres.get('01')!, facts.centres.get('79')!);
    expect(d).toBeGreaterThan(1000);
    expect(d).toBeLessThan(1300);
    expect(distanceKm(facts.centres.get('20')!, facts.centres.get('04')!)).toBeLessThan(150);
  });
});

const P = (o: Partial<DuplicateProject> & { code: string; located: string[] }): DuplicateProject => ({
  nameVi: `Dự án ${o.code}`,
  sector: 'aviation',
  geometry: 'point',
  type: 'Transport - aviation',
  phase: { from: 2021, to: 2025, assumed: false },
  phaseText: '2021-2025',
  scale: null,
  planned: null,
  allocated: null,
  ...o,
});

describe('candidate duplicates on hand-made project sets', () => {
  const rules = { withinKm: null, sectors: null };

  it('finds two airports in neighbouring provinces with overlapping phases', () => {
    const pairs = findCandidatePairs(
      [P({ code: 'AIR-X', located: ['11'] }), P({ code: 'AIR-Y', located: ['12'] })],
      facts.neighbours,
      facts.centres,
      rules,
    );
    expect(pairs).toHaveLength(1);
    expect(pairs[0]).toMatchObject({
      key: 'AIR-X+AIR-Y',
      provinceA: '11',
      provinceB: '12',
      adjacent: true,
      overlap: { from: 2021, to: 2025 },
    });
    expect(pairs[0].distanceKm).toBeGreaterThan(0);
  });

  it('none where sectors or types differ, phases do not overlap, provinces are far apart or shared', () => {
    const sets: DuplicateProject[][] = [
      [P({ code: 'A', located: ['11'] }), P({ code: 'B', located: ['12'], sector: 'railway' })],
      [P({ code: 'A', located: ['11'] }), P({ code: 'B', located: ['12'], type: 'Transport - heliport' })],
      [
        P({ code: 'A', located: ['11'] }),
        P({ code: 'B', located: ['12'], phase: { from: 2026, to: 2030, assumed: false } }),
      ],
      [P({ code: 'A', located: ['01'] }), P({ code: 'B', located: ['79'] })],
      [P({ code: 'A', located: ['20', '04'] }), P({ code: 'B', located: ['04'] })],
      [P({ code: 'A', located: [] }), P({ code: 'B', located: ['04'] })],
      [P({ code: 'A', located: ['11'], geometry: 'line' }), P({ code: 'B', located: ['12'], geometry: 'line' })],
    ];
    for (const s of sets) expect(findCandidatePairs(s, facts.neighbours, facts.centres, rules)).toEqual([]);
  });

  it('only the compared sectors', () => {
    const ps = [P({ code: 'A', located: ['11'] }), P({ code: 'B', located: ['12'] })];
    expect(
      findCandidatePairs(ps, facts.neighbours, facts.centres, { withinKm: null, sectors: ['aviation'] }),
    ).toHaveLength(1);
    expect(findCandidatePairs(ps, facts.neighbours, facts.centres, { withinKm: null, sectors: ['industry'] })).toEqual(
      [],
    );
  });

  it('a distance brings in provinces that do not border each other', () => {
    // Điện Biên (11) and Lào Cai (15) do not border; their centres are under 250 km apart.
    const ps = [P({ code: 'A', located: ['11'] }), P({ code: 'B', located: ['15'] })];
    expect(findCandidatePairs(ps, facts.neighbours, facts.centres, rules)).toEqual([]);
    const near = findCandidatePairs(ps, facts.neighbours, facts.centres, { withinKm: 250, sectors: null });
    expect(near).toHaveLength(1);
    expect(near[0].adjacent).toBe(false);
    expect(findCandidatePairs(ps, facts.neighbours, facts.centres, { withinKm: 20, sectors: null })).toEqual([]);
  });

  it('groups connected pairs; phases parsed, or the plan period assumed', () => {
    const ps = [
      P({ code: 'A', located: ['11'] }),
      P({ code: 'B', located: ['12'] }),
      P({ code: 'C', located: ['14'] }),
      P({ code: 'D', located: ['20'], sector: 'road', type: 'Transport - road' }),
      P({ code: 'E', located: ['04'], sector: 'road', type: 'Transport - road' }),
    ];
    const pairs = findCandidatePairs(ps, facts.neighbours, facts.centres, rules);
    expect(pairs.map((p) => p.key)).toEqual(['A+B', 'A+C', 'B+C', 'D+E']);
    expect(groupPairs(pairs).map((g) => g.projects)).toEqual([
      ['A', 'B', 'C'],
      ['D', 'E'],
    ]);
    expect(pairKey('Z', 'A')).toBe('A+Z');
    expect(parsePhase('2026-2030 (study)', { from: 2021, to: 2030 })).toEqual({ from: 2026, to: 2030, assumed: false });
    expect(parsePhase(null, { from: 2021, to: 2030 })).toEqual({ from: 2021, to: 2030, assumed: true });
  });
});
