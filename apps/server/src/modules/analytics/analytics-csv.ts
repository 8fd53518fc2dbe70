import type {
  CompareResponse,
  ConvergenceResponse,
  IndexResponse,
  InequalityResponse,
  PeersResponse,
  RanksResponse,
  SharesResponse,
} from '@regionlink/shared';
import { toCsv } from '../../lib/http';

/**
 * CSV downloads of the analytics responses (`format=csv`): one table each, UTF-8 with BOM through `toCsv`, headers
 * and names in the language asked for, and the datasets the figures come from in the last column of every row.
 */

type Lang = 'vi' | 'en';
type Cell = string | number | null | undefined;

const nameOf = (u: { nameVi: string; nameEn: string }, lang: Lang) => (lang === 'vi' ? u.nameVi : u.nameEn);
const sourceOf = (r: { datasets: { code: string }[] }) => r.datasets.map((d) => d.code).join(' + ');
const h = (lang: Lang, pairs: [string, string][]) => pairs.map(([vi, en]) => (lang === 'vi' ? vi : en));

export function sharesCsv(r: SharesResponse, lang: Lang): string {
  const src = sourceOf(r);
  const rows: Cell[][] = [];
  for (const g of r.groups)
    for (const f of g.figures) {
      const t = r.totals.find((x) => x.indicator === f.indicator)!;
      rows.push([
        g.id,
        nameOf(g, lang),
        f.indicator,
        r.query.period,
        f.value,
        f.share,
        t.total,
        f.derived.join(' '),
        f.missing.join(' '),
        src,
      ]);
    }
  for (const c of r.combined) {
    const t = r.totals.find((x) => x.indicator === c.indicator)!;
    rows.push([
      '*',
      lang === 'vi' ? 'Tất cả các nhóm' : 'All groupings',
      c.indicator,
      r.query.period,
      c.value,
      c.share,
      t.total,
      '',
      '',
      src,
    ]);
  }
  return toCsv(
    h(lang, [
      ['mã nhóm', 'grouping'],
      ['tên nhóm', 'name'],
      ['chỉ tiêu', 'indicator'],
      ['năm', 'period'],
      ['giá trị', 'value'],
      ['tỷ trọng', 'share'],
      ['tổng cả nước', 'national total'],
      ['thành viên có số suy ra', 'derived members'],
      ['thành viên thiếu số liệu', 'members without data'],
      ['nguồn', 'source'],
    ]),
    rows,
  );
}

export function inequalityCsv(r: InequalityResponse, lang: Lang): string {
  const src = sourceOf(r);
  const measures: [string, number | null][] = [
    ['gini', r.gini],
    ['giniWeighted', r.giniWeighted],
    ['theilT', r.theilT],
    ['theilTBetween', r.theilTBetween],
    ['theilTWithin', r.theilTWithin],
    ['theilL', r.theilL],
    ['theilLBetween', r.theilLBetween],
    ['theilLWithin', r.theilLWithin],
    ['cv', r.cv],
    ['cvWeighted', r.cvWeighted],
    ['maxMinRatio', r.maxMinRatio],
    ['n', r.n],
  ];
  const rows: Cell[][] = measures.map(([m, v]) => ['*', lang === 'vi' ? 'Cả nước' : 'All provinces', m, v, src]);
  for (const g of r.decomposition)
    for (const [m, v] of [
      ['n', g.n],
      ['mean', g.mean],
      ['weightShare', g.weightShare],
      ['valueShare', g.valueShare],
      ['theilT', g.theilT],
      ['theilL', g.theilL],
      ['betweenTContribution', g.betweenTContribution],
      ['withinTContribution', g.withinTContribution],
      ['betweenLContribution', g.betweenLContribution],
      ['withinLContribution', g.withinLContribution],
    ] as [string, number][])
      rows.push([g.id, nameOf(g, lang), m, v, src]);
  for (const u of r.units) rows.push([u.code, nameOf(u, lang), 'value', u.value, src]);
  return toCsv(
    h(lang, [
      ['mã', 'code'],
      ['tên', 'name'],
      ['đại lượng', 'measure'],
      ['giá trị', 'value'],
      ['nguồn', 'source'],
    ]),
    rows,
  );
}

export function convergenceCsv(r: ConvergenceResponse, lang: Lang): string {
  const src = sourceOf(r);
  const rows: Cell[][] = r.sigma.map((s) => ['sigma', s.period, '', s.n, s.sdLog, s.cv, s.mean, null, null, src]);
  rows.push([
    'beta',
    `${r.beta.startPeriod}-${r.beta.endPeriod}`,
    '',
    r.beta.n,
    null,
    null,
    null,
    r.beta.coefficient,
    r.beta.stdError,
    src,
  ]);
  for (const p of r.beta.points)
    rows.push([
      'point',
      `${r.beta.startPeriod}-${r.beta.endPeriod}`,
      `${p.code} ${nameOf(p, lang)}`,
      1,
      null,
      null,
      null,
      p.logInitial,
      p.growth,
      src,
    ]);
  return toCsv(
    h(lang, [
      ['phần', 'part'],
      ['kỳ', 'period'],
      ['tỉnh', 'province'],
      ['n', 'n'],
      ['độ lệch chuẩn log', 'sdLog'],
      ['hệ số biến thiên', 'cv'],
      ['trung bình', 'mean'],
      ['β hoặc log kỳ đầu', 'beta or log initial'],
      ['sai số chuẩn hoặc tăng trưởng', 'std error or growth'],
      ['nguồn', 'source'],
    ]),
    rows,
  );
}

export function compareCsv(r: CompareResponse, lang: Lang): string {
  const src = sourceOf(r);
  return toCsv(
    h(lang, [
      ['mã', 'code'],
      ['tên', 'name'],
      ['thành viên', 'member'],
      ['giá trị', 'value'],
      ['nguồn', 'source'],
    ]),
    r.units.map((u) => [u.code, nameOf(u, lang), u.member ? 1 : 0, u.value, src]),
  );
}

export function peersCsv(r: PeersResponse, lang: Lang): string {
  const src = sourceOf(r);
  const rows: Cell[][] = [[0, r.target.code, nameOf(r.target, lang), 0, ...r.target.values.map((v) => v.value), src]];
  for (const p of r.peers)
    rows.push([p.rank, p.code, nameOf(p, lang), p.distance, ...p.differences.map((d) => d.value), src]);
  return toCsv(
    [
      ...h(lang, [
        ['hạng', 'rank'],
        ['mã', 'code'],
        ['tên', 'name'],
        ['khoảng cách', 'distance'],
      ]),
      ...r.query.indicators,
      lang === 'vi' ? 'nguồn' : 'source',
    ],
    rows,
  );
}

export function indexCsv(r: IndexResponse, lang: Lang): string {
  const src = sourceOf(r);
  const codes = r.components.map((c) => c.code);
  return toCsv(
    [
      ...h(lang, [
        ['hạng', 'rank'],
        ['mã', 'code'],
        ['tên', 'name'],
        ['điểm', 'score'],
      ]),
      ...codes.flatMap((c) => [c, `${c} (${lang === 'vi' ? 'điểm' : 'score'})`]),
      lang === 'vi' ? 'nguồn' : 'source',
    ],
    r.units.map((u) => [
      u.rank,
      u.code,
      nameOf(u, lang),
      u.score,
      ...codes.flatMap((c) => {
        const k = u.components.find((x) => x.indicator === c);
        return [k?.value ?? null, k?.score ?? null];
      }),
      src,
    ]),
  );
}

export function ranksCsv(r: RanksResponse, lang: Lang): string {
  const src = sourceOf(r);
  const rows: Cell[][] = [];
  for (const it of r.items)
    for (const u of it.units)
      rows.push([
        it.indicator,
        it.period,
        u.code,
        nameOf(u, lang),
        u.value,
        u.nationalRank,
        u.nationalOf,
        u.region ? nameOf(u.region, lang) : '',
        u.regionRank,
        u.regionOf,
        src,
      ]);
  return toCsv(
    h(lang, [
      ['chỉ tiêu', 'indicator'],
      ['năm', 'period'],
      ['mã', 'code'],
      ['tên', 'name'],
      ['giá trị', 'value'],
      ['hạng cả nước', 'national rank'],
      ['số tỉnh', 'of'],
      ['vùng', 'region'],
      ['hạng trong vùng', 'rank in region'],
      ['số tỉnh trong vùng', 'of in region'],
      ['nguồn', 'source'],
    ]),
    rows,
  );
}
