import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE_DIR } from '../../config';
import { parseCsvObjects } from '../../lib/csv';
import { compareMembers } from './comparison';
import { computeCompositeIndex } from './composite-index';
import { annualGrowthRate, betaConvergence, sigmaConvergence } from './convergence';
import { cvMoments, giniPairs, olsRawSums, sdOfLogs, shareOf, theilGroups, theilShares } from './fixtures/independent';
import { harmoniseToNewUnits } from './harmonise';
import { summariseInequality } from './inequality';
import { findPeers } from './peers';
import { ranksWithinGroups } from './ranks';
import { groupShares, totalsFromPerCapita } from './shares';

/**
 * The module on the real reference data (NSO 2024, GSO 2010–2016, the 63→34 crosswalk), each result compared with an
 * independent computation (fixtures/independent.ts) or with a third party's published aggregation. The answers the
 * issue asks for are printed, and recorded in docs/analytics.md.
 */

const csv = (rel: string) => parseCsvObjects(fs.readFileSync(path.join(REFERENCE_DIR, rel), 'utf8'));
const p63 = csv('admin/provinces-63.csv');
const p34 = csv('admin/provinces-34.csv');
const s63 = csv('stats/vn63_nso_area_population_grdppc_2024.csv').filter((r) => r.code);
const s34 = csv('stats/vn34_area_population_grdppc_2024_aggregated.csv');
const gso = csv('stats/vn63_gso_population_income_poverty_2010_2016.csv').filter((r) => r.code);
const growthPoles = parseCsvObjects(
  fs.readFileSync(path.join(import.meta.dirname, 'data/growth-pole-regions.csv'), 'utf8'),
);
const region63 = new Map(p63.map((r) => [r.code, r.region_gso_code]));
const region34 = new Map(p34.map((r) => [r.code, r.region_2025_code]));
const edges = p63.map((r) => ({ fromCode: r.code, toCode: r.new_code_2025, weight: 1 }));
const num = (s: string) => Number(s);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const answers: string[] = [];

describe('2024 GRDP per capita across the 63 provinces (NSO, preliminary)', () => {
  const x = s63.map((r) => num(r.grdp_per_capita_million_vnd));
  const w = s63.map((r) => num(r.population));
  const g = s63.map((r) => region63.get(r.code)!);
  const s = summariseInequality(s63.map((r, i) => ({ code: r.code, value: x[i], weight: w[i], group: g[i] })));

  it('agrees with the independent computation on every measure', () => {
    expect(s.n).toBe(63);
    expect(rel(s.gini, giniPairs(x))).toBeLessThan(1e-12);
    expect(rel(s.giniWeighted!, giniPairs(x, w))).toBeLessThan(1e-12);
    const t = theilShares(x, w);
    expect(rel(s.theilT!, t.t)).toBeLessThan(1e-11);
    expect(rel(s.theilL!, t.l)).toBeLessThan(1e-11);
    const d = theilGroups(x, w, g);
    expect(rel(s.theilTBetween!, d.tBetween)).toBeLessThan(1e-11);
    expect(rel(s.theilTWithin!, d.tWithin)).toBeLessThan(1e-11);
    expect(rel(s.theilLBetween!, d.lBetween)).toBeLessThan(1e-11);
    expect(rel(s.theilLWithin!, d.lWithin)).toBeLessThan(1e-11);
    expect(rel(s.cv, cvMoments(x))).toBeLessThan(1e-11);
    expect(rel(s.cvWeighted!, cvMoments(x, w))).toBeLessThan(1e-11);
    expect(s.maxMinRatio).toBe(Math.max(...x) / Math.min(...x));
    // The richest and the poorest province by code, read from the CSV without the module.
    expect(s.max.code).toBe(s63[x.indexOf(Math.max(...x))].code);
    expect(s.min.code).toBe(s63[x.indexOf(Math.min(...x))].code);
    expect(s.groups).toHaveLength(6);
    answers.push(
      `2024, 63 provinces: Gini ${s.gini.toFixed(4)}, population-weighted ${s.giniWeighted!.toFixed(4)}; ` +
        `Theil T ${s.theilT!.toFixed(4)} of which between the 6 regions ${s.theilTBetween!.toFixed(4)} (${pct(s.theilTBetween! / s.theilT!)}); ` +
        `Theil L ${s.theilL!.toFixed(4)}, between ${pct(s.theilLBetween! / s.theilL!)}; CV ${s.cv.toFixed(4)}, weighted ${s.cvWeighted!.toFixed(4)}; ` +
        `max/min ${s.maxMinRatio!.toFixed(2)} (${s.max.code} ${s.max.value} / ${s.min.code} ${s.min.value})`,
    );
  });

  it('ranks every province nationally and within its region', () => {
    const ranks = ranksWithinGroups(s63.map((r, i) => ({ code: r.code, value: x[i], group: g[i] })));
    const hn = ranks.find((r) => r.code === '01')!;
    // Independent: rank = 1 + number of provinces with a strictly higher value (nationally / in the region).
    expect(hn.nationalRank).toBe(1 + x.filter((v) => v > x[0]).length);
    expect(hn.groupRank).toBe(1 + x.filter((v, i) => g[i] === g[0] && v > x[0]).length);
    expect(hn.groupOf).toBe(g.filter((r) => r === g[0]).length);
    answers.push(
      `Hà Nội (01), 2024 GRDP per capita: ${hn.nationalRank} of ${hn.nationalOf} nationally, ${hn.groupRank} of ${hn.groupOf} in ${hn.group}`,
    );
  });
});

describe('2024 across the 34 provinces: crosswalk aggregation against vnmap’s published one', () => {
  const pop = new Map(s63.map((r) => [r.code, num(r.population)]));
  const area = new Map(s63.map((r) => [r.code, num(r.area_km2)]));
  const grdppc = new Map(s63.map((r) => [r.code, num(r.grdp_per_capita_million_vnd)]));
  const pop34 = harmoniseToNewUnits(pop, edges, 'sum');
  const area34 = harmoniseToNewUnits(area, edges, 'sum');
  const pc34 = harmoniseToNewUnits(grdppc, edges, 'weighted_mean', pop);

  it('sums population and area and takes the population-weighted GRDP per capita like vnmap (R) did', () => {
    expect(pop34).toHaveLength(34);
    for (const r of s34) {
      expect(pop34.find((p) => p.code === r.code)!.value).toBeCloseTo(num(r.population), 6);
      expect(area34.find((p) => p.code === r.code)!.value).toBeCloseTo(num(r.area_km2), 6);
      expect(rel(pc34.find((p) => p.code === r.code)!.value!, num(r.grdp_per_capita_million_vnd))).toBeLessThan(1e-12);
      expect(pop34.find((p) => p.code === r.code)!.contributors.sort()).toEqual(r.member_codes.split('+').sort());
    }
  });

  it('measures inequality between the 34 and between the 6 regions of 2025', () => {
    const x = pc34.map((p) => p.value!);
    const w = pop34.map((p) => p.value!);
    const g = pc34.map((p) => region34.get(p.code)!);
    const s = summariseInequality(pc34.map((p, i) => ({ code: p.code, value: x[i], weight: w[i], group: g[i] })));
    expect(rel(s.giniWeighted!, giniPairs(x, w))).toBeLessThan(1e-12);
    const d = theilGroups(x, w, g);
    expect(rel(s.theilTBetween!, d.tBetween)).toBeLessThan(1e-11);
    // Merging provinces hides inequality inside the merged ones: the 34-unit weighted Gini is lower than the 63-unit.
    const x63 = s63.map((r) => num(r.grdp_per_capita_million_vnd));
    const w63 = s63.map((r) => num(r.population));
    expect(s.giniWeighted!).toBeLessThan(giniPairs(x63, w63));
    answers.push(
      `2024, 34 provinces: Gini ${s.gini.toFixed(4)}, weighted ${s.giniWeighted!.toFixed(4)}; Theil T ${s.theilT!.toFixed(4)}, ` +
        `between the 6 regions of 2025 ${pct(s.theilTBetween! / s.theilT!)}; CV weighted ${s.cvWeighted!.toFixed(4)}`,
    );
  });
});

describe('shares: regions and growth-pole regions, 2024 (GRDP = GRDP per capita × population)', () => {
  const codes = s63.map((r) => r.code);
  const pop = s63.map((r) => num(r.population));
  const area = s63.map((r) => num(r.area_km2));
  const grdp = totalsFromPerCapita(
    s63.map((r) => ({ code: r.code, perCapita: num(r.grdp_per_capita_million_vnd), population: num(r.population) })),
  );
  const grdpValues = grdp.map((u) => u.value!);
  const shares = (values: number[], groups: { id: string; members: string[] }[]) =>
    groupShares(
      codes.map((code, i) => ({ code, value: values[i] })),
      groups,
    );
  const regions = [...new Set(p63.map((r) => r.region_gso_code))].map((id) => ({
    id,
    members: p63.filter((r) => r.region_gso_code === id).map((r) => r.code),
  }));

  it('gives each of the 6 regions its share of population, area and output, adding up to 100 %', () => {
    const sp = shares(pop, regions);
    const sa = shares(area, regions);
    const sg = groupShares(grdp, regions);
    for (const [k, r] of regions.entries()) {
      expect(rel(sp.groups[k].share, shareOf(codes, pop, r.members))).toBeLessThan(1e-12);
      expect(rel(sa.groups[k].share, shareOf(codes, area, r.members))).toBeLessThan(1e-12);
      expect(rel(sg.groups[k].share, shareOf(codes, grdpValues, r.members))).toBeLessThan(1e-12);
    }
    expect(sg.derived).toHaveLength(63);
    expect(sp.groups.reduce((t, g) => t + g.share, 0)).toBeCloseTo(1, 12);
    answers.push(
      `2024 shares (population / area / GRDP derived) by the 6 GSO regions: ${regions
        .map((r, k) => `${r.id} ${pct(sp.groups[k].share)} / ${pct(sa.groups[k].share)} / ${pct(sg.groups[k].share)}`)
        .join('; ')}`,
    );
  });

  it('reproduces what the article A001 says of the growth-pole regions, where the data allow', () => {
    const gp = growthPoles.map((r) => ({ id: r.code, members: r.member_codes_63.split('+') }));
    const all = gp.flatMap((g) => g.members);
    const sp = shares(pop, gp);
    const sa = shares(area, gp);
    const sg = groupShares(grdp, gp);
    expect(rel(sp.combined.share, shareOf(codes, pop, all))).toBeLessThan(1e-12);
    expect(rel(sg.combined.share, shareOf(codes, grdpValues, all))).toBeLessThan(1e-12);
    answers.push(
      `Four growth-pole regions as named in the National Master Plan (${all.length} provinces, 63 vintage), 2024: population ${pct(sp.combined.share)}, area ${pct(sa.combined.share)}, GRDP ${pct(sg.combined.share)} (article: ~30 %, ~10 %, nearly 70 %)`,
    );
    // The article's "10 provinces of the Northern and Southern regions" (33 % of labour, 53 % of GDP in 2023) fits a
    // Northern region of 6 (the triangle plus Bắc Ninh, Hải Dương, Hưng Yên) and the Southern quadrilateral of 4.
    const tenProvinces = ['01', '31', '22', '27', '30', '33', '79', '74', '75', '77'];
    const ten = [{ id: 'NS10', members: tenProvinces }];
    const tp = shares(pop, ten).groups[0].share;
    const ta = shares(area, ten).groups[0].share;
    const tg = groupShares(grdp, ten).groups[0].share;
    expect(rel(tg, shareOf(codes, grdpValues, tenProvinces))).toBeLessThan(1e-12);
    answers.push(
      `Northern (6) + Southern (4) growth-pole provinces, 2024: population ${pct(tp)}, area ${pct(ta)}, GRDP ${pct(tg)} (article, 2023: 53 % of GDP, 33 % of labour)`,
    );
    const hnHcm = groupShares(grdp, [{ id: 'HN+HCM', members: ['01', '79'] }]).groups[0].share;
    answers.push(`Hà Nội + TP. Hồ Chí Minh (63 vintage), 2024: ${pct(hnHcm)} of GRDP (article, 2023: 28.2 %)`);
    // Sanity bounds that hold whatever the exact definition: the ten provinces hold more output than people.
    expect(tg).toBeGreaterThan(tp);
    expect(hnHcm).toBeGreaterThan(0.2);
  });

  it('compares growth-pole members with the other provinces (GRDP per capita 2024), exactly reproducible', () => {
    const members = new Set(growthPoles.flatMap((r) => r.member_codes_63.split('+')));
    const values = s63.map((r) => ({ code: r.code, value: num(r.grdp_per_capita_million_vnd) }));
    const a = compareMembers(values, members, { seed: 2024 });
    const b = compareMembers(values, members, { seed: 2024 });
    expect(a.test).toEqual(b.test);
    const inside = values.filter((v) => members.has(v.code)).map((v) => v.value);
    const outside = values.filter((v) => !members.has(v.code)).map((v) => v.value);
    const avg = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
    expect(a.differenceMean).toBeCloseTo(avg(inside) - avg(outside), 10);
    expect(a.test!.method).toBe('monte-carlo');
    answers.push(
      `Growth-pole members vs others, GRDP per capita 2024: mean ${a.members.mean!.toFixed(1)} vs ${a.others.mean!.toFixed(1)} million VND ` +
        `(difference ${a.differenceMean!.toFixed(1)}, median difference ${a.differenceMedian!.toFixed(1)}), permutation p = ${a.test!.pValue.toFixed(4)} ` +
        `(median p = ${a.test!.pValueMedian.toFixed(4)}; ${a.test!.draws} draws, seed ${a.test!.seed})`,
    );
    // Per region, as the article asks (Central and Mekong "not clearly different").
    for (const r of growthPoles) {
      const c = compareMembers(values, new Set(r.member_codes_63.split('+')), { seed: 2024 });
      answers.push(
        `  ${r.code}: mean ${c.members.mean!.toFixed(1)} vs ${c.others.mean!.toFixed(1)}, difference ${c.differenceMean!.toFixed(1)}, p = ${c.test!.pValue.toFixed(4)} (${c.test!.method})`,
      );
    }
  });
});

describe('convergence of monthly income per capita across the 63 provinces, 2010–2016 (GSO, current prices)', () => {
  const income = (year: number) =>
    gso
      .filter((r) => num(r.year) === year && r.monthly_income_per_capita_thous_vnd)
      .map((r) => ({ code: r.code, value: num(r.monthly_income_per_capita_thous_vnd) }));

  it('σ: SD of log income by year agrees with the two-pass computation', () => {
    const years = [2010, 2012, 2014, 2016];
    const sigma = sigmaConvergence(years.map((period) => ({ period, values: income(period) })));
    for (const p of sigma.points)
      expect(rel(p.sdLog, sdOfLogs(income(p.period).map((v) => v.value)))).toBeLessThan(1e-12);
    expect(sigma.points.map((p) => p.n)).toEqual([63, 63, 63, 63]);
    answers.push(
      `σ-convergence of income 2010–2016 (SD of logs): ${sigma.points.map((p) => `${p.period} ${p.sdLog.toFixed(4)}`).join(', ')}; ` +
        `trend ${sigma.trend!.slope.toFixed(5)} a year (SE ${sigma.trend!.slopeStdError.toFixed(5)})`,
    );
  });

  it('β: growth on log initial income agrees with OLS from raw sums', () => {
    const start = new Map(income(2010).map((v) => [v.code, v.value]));
    const end = new Map(income(2016).map((v) => [v.code, v.value]));
    const rows = [...start.keys()]
      .filter((c) => end.has(c))
      .map((code) => ({ code, start: start.get(code)!, end: end.get(code)! }));
    const b = betaConvergence(rows, 6);
    const x = rows.map((r) => Math.log(r.start));
    const y = rows.map((r) => Math.log(r.end / r.start) / 6);
    const o = olsRawSums(x, y);
    expect(rel(b.coefficient, o.slope)).toBeLessThan(1e-9);
    expect(rel(b.stdError, o.se)).toBeLessThan(1e-9);
    expect(rel(b.r2, o.r2)).toBeLessThan(1e-9);
    answers.push(
      `β-convergence of income 2010–2016 (63 provinces): β = ${b.coefficient.toFixed(5)} (SE ${b.stdError.toFixed(5)}, p = ${b.pValue.toFixed(3)}), ` +
        `R² = ${b.r2.toFixed(3)}, implied speed ${b.speed === null ? '—' : `${(100 * b.speed).toFixed(2)}% a year`}, half-life ${b.halfLife === null ? 'none (no convergence)' : `${b.halfLife.toFixed(1)} years`}`,
    );
  });

  it('compares income growth 2010–2016 inside and outside the growth-pole regions (the article’s claim I-2)', () => {
    const start = new Map(income(2010).map((v) => [v.code, v.value]));
    const end = new Map(income(2016).map((v) => [v.code, v.value]));
    const growth = [...start.keys()].map((code) => ({
      code,
      value: annualGrowthRate(start.get(code)!, end.get(code)!, 6)!,
    }));
    const members = new Set(growthPoles.flatMap((r) => r.member_codes_63.split('+')));
    const c = compareMembers(growth, members, { seed: 2016 });
    // Independent: compound growth by hand, then plain means.
    const byHand = [...start.keys()].map((k) => (end.get(k)! / start.get(k)!) ** (1 / 6) - 1);
    const inside = [...start.keys()].flatMap((k, i) => (members.has(k) ? [byHand[i]] : []));
    const outside = [...start.keys()].flatMap((k, i) => (members.has(k) ? [] : [byHand[i]]));
    const avg = (xs: number[]) => xs.reduce((t, v) => t + v, 0) / xs.length;
    expect(c.differenceMean).toBeCloseTo(avg(inside) - avg(outside), 12);
    answers.push(
      `Income growth 2010–2016 (a year, current prices), growth-pole members vs others: ${pct(c.members.mean!)} vs ${pct(c.others.mean!)}, ` +
        `difference ${(100 * c.differenceMean!).toFixed(2)} points, p = ${c.test!.pValue.toFixed(3)} (${c.test!.draws} draws, seed ${c.test!.seed})`,
    );
  });

  it('β across the 2025 boundary: the same series carried to the 34 provinces through the crosswalk', () => {
    const popOf = (year: number) =>
      new Map(gso.filter((r) => num(r.year) === year).map((r) => [r.code, num(r.average_population_thous_pers)]));
    const carry = (year: number) =>
      harmoniseToNewUnits(new Map(income(year).map((v) => [v.code, v.value])), edges, 'weighted_mean', popOf(year));
    const a = carry(2012);
    const z = carry(2016);
    expect(a.every((u) => u.value !== null)).toBe(true);
    const rows = a.map((u, i) => ({ code: u.code, start: u.value!, end: z[i].value! }));
    const b = betaConvergence(rows, 4);
    const o = olsRawSums(
      rows.map((r) => Math.log(r.start)),
      rows.map((r) => Math.log(r.end / r.start) / 4),
    );
    expect(b.n).toBe(34);
    expect(rel(b.coefficient, o.slope)).toBeLessThan(1e-9);
    answers.push(
      `β-convergence of income 2012–2016 in the 34-province geography (population-weighted through the crosswalk): β = ${b.coefficient.toFixed(5)} (SE ${b.stdError.toFixed(5)}, p = ${b.pValue.toFixed(3)}), R² = ${b.r2.toFixed(3)}`,
    );
  });
});

describe('composite index and peers on the 2024 data', () => {
  it('builds a three-indicator index and finds the provinces most like Lạng Sơn', () => {
    const codes = s63.map((r) => r.code);
    const ind = (col: string) => s63.map((r) => ({ code: r.code, value: num(r[col]) }));
    const r = computeCompositeIndex(codes, [
      { code: 'grdppc', direction: 'higher_better', weight: 2, values: ind('grdp_per_capita_million_vnd') },
      { code: 'density', direction: 'higher_better', weight: 1, values: ind('population_density') },
      { code: 'area', direction: 'lower_better', weight: 1, values: ind('area_km2') },
    ]);
    // Independent: the score of the province with the highest GRDP per capita, recomputed by hand from min and max.
    const top = r.units.find((u) => u.code === '77')!;
    const mm = (col: string) => {
      const v = s63.map((x) => num(x[col]));
      return [Math.min(...v), Math.max(...v)];
    };
    const row = s63.find((x) => x.code === '77')!;
    const [g0, g1] = mm('grdp_per_capita_million_vnd');
    const [d0, d1] = mm('population_density');
    const [a0, a1] = mm('area_km2');
    const expected =
      0.5 * ((10 * (num(row.grdp_per_capita_million_vnd) - g0)) / (g1 - g0)) +
      0.25 * ((10 * (num(row.population_density) - d0)) / (d1 - d0)) +
      0.25 * ((10 * (a1 - num(row.area_km2))) / (a1 - a0));
    expect(top.score).toBeCloseTo(expected, 12);
    expect(r.ranked).toBe(63);
    const peers = findPeers(
      '20',
      [
        { code: 'grdppc', values: ind('grdp_per_capita_million_vnd'), log: true },
        { code: 'population', values: ind('population'), log: true },
        { code: 'density', values: ind('population_density'), log: true },
      ],
      3,
    );
    expect(peers.peers).toHaveLength(3);
    const name = (c: string) => s63.find((x) => x.code === c)!.name_vi;
    answers.push(
      `Provinces most like Lạng Sơn (20) on log GRDP per capita, population and density, 2024: ${peers.peers.map((p) => `${name(p.code)} (${p.distance.toFixed(2)})`).join(', ')}`,
    );
    const best = r.units.filter((u) => u.rank! <= 3).sort((x, y) => x.rank! - y.rank!);
    answers.push(
      `Example index (GRDP pc ×2, density, small area), top 3: ${best.map((u) => `${name(u.code)} ${u.score!.toFixed(2)}`).join(', ')}`,
    );
  });

  it('prints the answers', () => {
    console.log(`\nAnswers on the reference data:\n${answers.map((a) => `- ${a}`).join('\n')}`);
    expect(answers.length).toBeGreaterThan(8);
  });
});
