import type {
  ConvergenceResponse,
  DataResponse,
  IndexDefinitionInput,
  IndexResponse,
  SharesResponse,
} from '@regionlink/shared';

export interface IndexItem {
  code: string;
  direction: 'higher_better' | 'lower_better';
  weight: number;
}

/** Indicators that are better when lower: offered with that direction first. */
export const LOWER_IS_BETTER = new Set(['poverty_rate', 'budget_net_transfer', 'budget_balance_transfer']);

/** `code:h:2,code:l:1` ↔ items (h = higher is better, l = lower is better; weight after). */
export function encodeItems(items: readonly IndexItem[]): string {
  return items.map((i) => `${i.code}:${i.direction === 'lower_better' ? 'l' : 'h'}:${i.weight}`).join(',');
}

export function decodeItems(s: string | null): IndexItem[] {
  if (!s) return [];
  const out: IndexItem[] = [];
  for (const part of s.split(',')) {
    const [code, dir, w] = part.split(':');
    if (!code || !/^[a-z][a-z0-9_]{1,62}$/.test(code) || out.some((o) => o.code === code)) continue;
    const weight = Number(w ?? 1);
    out.push({
      code,
      direction: dir === 'l' ? 'lower_better' : 'higher_better',
      weight: Number.isFinite(weight) && weight >= 0 ? weight : 1,
    });
  }
  return out;
}

export function definitionOf(
  items: readonly IndexItem[],
  period: number,
  at: string,
  missing: 'exclude' | 'reweight',
  nameVi: string,
  nameEn: string,
  latestYear = false,
): IndexDefinitionInput {
  return { nameVi, nameEn, indicators: items.map((i) => ({ ...i })), period, at, missing, latestYear };
}

/**
 * The index scores as a one-indicator `DataResponse`, so that the grapher block maps and tabulates them (and draws
 * them as sorted bars) with the method and sources of the index.
 */
export function indexAsData(res: IndexResponse, unitVi: string, unitEn: string): DataResponse {
  const d = res.query.definition;
  const period = d.period;
  const methodVi = `Chỉ số tổng hợp: ${res.components.length} chỉ tiêu chuẩn hóa về thang 0–10 (min–max), bình quân gia quyền`;
  const methodEn = `Composite index: ${res.components.length} indicators scaled 0–10 (min–max), weighted mean`;
  return {
    query: {
      indicators: ['composite_index'],
      level: 'province',
      grouping: null,
      at: res.query.at,
      geographyVi: res.query.geographyVi,
      geographyEn: res.query.geographyEn,
      periods: [period],
      release: null,
      combine: null,
    },
    indicators: [
      {
        code: 'composite_index',
        nameVi: d.nameVi,
        nameEn: d.nameEn || d.nameVi,
        definitionVi: '',
        definitionEn: '',
        topic: 'other',
        unit: 'score',
        unitVi,
        unitEn,
        decimals: 2,
        aggregation: 'none',
        weightIndicator: null,
        numeratorIndicator: null,
        denominatorIndicator: null,
        ratioFactor: null,
        ruleVi: methodVi,
        ruleEn: methodEn,
        measure: 'stock',
        periodicity: 'periodic',
        minValue: 0,
        maxValue: 10,
        minPeriod: period,
        maxPeriod: period,
        sourceVi: '',
        sourceEn: '',
        licence: '',
        licenceEn: '',
        periods: [period],
        geographies: [res.query.at],
        observationCount: res.units.length,
        version: 1,
      },
    ],
    rows: res.units.map((u) => ({
      indicator: 'composite_index',
      unitCode: u.code,
      unitName: u.nameVi,
      unitNameEn: u.nameEn,
      period,
      value: u.score,
      partialValue: null,
      median: null,
      status: null,
      method: {
        rule: u.score === null ? 'unavailable' : 'mean',
        via: 'direct',
        textVi: u.complete ? methodVi : `${methodVi} (thiếu một số chỉ tiêu)`,
        textEn: u.complete ? methodEn : `${methodEn} (some indicators missing)`,
      },
      coverage: {
        withData: u.components.filter((c) => c.value !== null).length,
        total: u.components.length,
        complete: u.complete,
        missing: u.components.filter((c) => c.value === null).map((c) => c.indicator),
      },
      sources: res.sources,
      alternatives: [],
    })),
    datasets: res.datasets,
    summary: null,
    notesVi: res.notesVi,
    notesEn: res.notesEn,
  };
}

/**
 * σ-convergence as a two-series national `DataResponse` (σ of the logs and the CV by year), so that the grapher block
 * draws, tabulates and downloads it with the sources of the convergence response.
 */
export function sigmaAsData(
  res: ConvergenceResponse,
  labels: { sigmaVi: string; sigmaEn: string; cvVi: string; cvEn: string; titleVi: string; titleEn: string },
): DataResponse {
  const ruleVi = 'σ = độ lệch chuẩn (chia cho n) của ln x giữa các tỉnh trong từng năm';
  const ruleEn = 'σ = standard deviation (divisor n) of ln x across provinces in each year';
  const row = (code: string, nameVi: string, nameEn: string, p: ConvergenceResponse['sigma'][number], v: number) => ({
    indicator: 'sigma',
    unitCode: code,
    unitName: nameVi,
    unitNameEn: nameEn,
    period: p.period,
    value: v,
    partialValue: null,
    median: null,
    status: null,
    method: { rule: 'recorded' as const, via: 'direct' as const, textVi: `n = ${p.n}`, textEn: `n = ${p.n}` },
    coverage: { withData: p.n, total: p.n, complete: true, missing: [] },
    sources: res.sources,
    alternatives: [],
  });
  return {
    query: {
      indicators: ['sigma'],
      level: 'national',
      grouping: null,
      at: res.query.at,
      geographyVi: res.query.geographyVi,
      geographyEn: res.query.geographyEn,
      periods: res.sigma.map((s) => s.period),
      release: null,
      combine: null,
    },
    indicators: [
      {
        code: 'sigma',
        nameVi: labels.titleVi,
        nameEn: labels.titleEn,
        definitionVi: '',
        definitionEn: '',
        topic: 'other',
        unit: '',
        unitVi: 'σ, CV',
        unitEn: 'σ, CV',
        decimals: 4,
        aggregation: 'none',
        weightIndicator: null,
        numeratorIndicator: null,
        denominatorIndicator: null,
        ratioFactor: null,
        ruleVi,
        ruleEn,
        measure: 'stock',
        periodicity: 'periodic',
        minValue: 0,
        maxValue: null,
        minPeriod: res.query.from,
        maxPeriod: res.query.to,
        sourceVi: '',
        sourceEn: '',
        licence: '',
        licenceEn: '',
        periods: res.sigma.map((s) => s.period),
        geographies: [res.query.at],
        observationCount: res.sigma.length * 2,
        version: 1,
      },
    ],
    rows: res.sigma.flatMap((p) => [
      row('sigma', labels.sigmaVi, labels.sigmaEn, p, p.sdLog),
      row('cv', labels.cvVi, labels.cvEn, p, p.cv),
    ]),
    datasets: res.datasets,
    summary: null,
    notesVi: res.notesVi,
    notesEn: res.notesEn,
  };
}

/**
 * One indicator's shares by grouping (in %) as a one-indicator `DataResponse`, so that the grapher block draws them
 * as sorted bars, on the map (provinces coloured by their region's share) and in a table, with downloads.
 */
export function sharesAsData(
  res: SharesResponse,
  indicator: string,
  labels: { nameVi: string; nameEn: string; methodVi: string; methodEn: string },
): DataResponse {
  const period = res.query.period;
  return {
    query: {
      indicators: [`share_${indicator}`],
      level: 'region',
      grouping: null,
      at: res.query.at,
      geographyVi: res.query.geographyVi,
      geographyEn: res.query.geographyEn,
      periods: [period],
      release: null,
      combine: null,
    },
    indicators: [
      {
        code: `share_${indicator}`,
        nameVi: labels.nameVi,
        nameEn: labels.nameEn,
        definitionVi: '',
        definitionEn: '',
        topic: 'other',
        unit: '%',
        unitVi: '%',
        unitEn: '%',
        decimals: 1,
        aggregation: 'none',
        weightIndicator: null,
        numeratorIndicator: null,
        denominatorIndicator: null,
        ratioFactor: null,
        ruleVi: labels.methodVi,
        ruleEn: labels.methodEn,
        measure: 'stock',
        periodicity: 'periodic',
        minValue: 0,
        maxValue: 100,
        minPeriod: period,
        maxPeriod: period,
        sourceVi: '',
        sourceEn: '',
        licence: '',
        licenceEn: '',
        periods: [period],
        geographies: [res.query.at],
        observationCount: res.groups.length,
        version: 1,
      },
    ],
    rows: res.groups.map((g) => {
      const f = g.figures.find((x) => x.indicator === indicator);
      return {
        indicator: `share_${indicator}`,
        unitCode: g.id.split('-').pop() ?? g.id,
        unitName: g.nameVi,
        unitNameEn: g.nameEn,
        period,
        value: f ? f.share * 100 : null,
        partialValue: null,
        median: null,
        status: null,
        method: {
          rule: 'sum' as const,
          via: 'members' as const,
          textVi: `Tổng của ${g.memberCodes.length} tỉnh / tổng cả nước${f?.derived.length ? ` (${f.derived.length} tỉnh suy ra)` : ''}`,
          textEn: `Sum of ${g.memberCodes.length} provinces / national total${f?.derived.length ? ` (${f.derived.length} derived)` : ''}`,
        },
        coverage: {
          withData: g.memberCodes.length - (f?.missing.length ?? 0),
          total: g.memberCodes.length,
          complete: !f?.missing.length,
          missing: f?.missing ?? [],
        },
        sources: res.sources,
        alternatives: [],
      };
    }),
    datasets: res.datasets,
    summary: null,
    notesVi: res.notesVi,
    notesEn: res.notesEn,
  };
}
