import type { DataResponse, DataRow, DataSourceRef, DatasetRef, PeriodSummary } from '@regionlink/shared';
import { AppError } from '../../lib/errors';
import { combinePeriods, distribution, RuleError } from './aggregation-rules';
import { type IndicatorDef, toIndicator } from './catalogue.service';
import type { Aggregated, BuiltRow } from './query-aggregate';
import type { QueryPlan } from './query-plan';
import type { Snapshot } from './snapshot';

/**
 * Stage 4 of the query engine (query.service.ts): **annotate**. Pure: drops periods where no unit has a figure,
 * attaches the sources (releases and datasets) of every row and alternative, combines periods and summarises when
 * asked, writes the notes, and assembles the response with the indicators' metadata.
 */

/** Source references and datasets of the releases behind the rows, from the snapshot. */
export function releaseMeta(
  snap: Snapshot,
  ids: number[],
): { refs: Map<number, { ref: DataSourceRef }>; datasets: DatasetRef[] } {
  const refs = new Map<number, { ref: DataSourceRef }>();
  const ds = new Map<number, DatasetRef>();
  for (const id of ids) {
    const r = snap.releases.get(id);
    if (!r) continue;
    refs.set(id, r);
    const d = snap.datasets.get(r.datasetId);
    if (d) ds.set(d.id, d);
  }
  return { refs, datasets: [...ds.values()].sort((a, b) => a.id - b.id) };
}

/** Drop periods where no unit has any figure (e.g. recorded only in a geography that cannot be carried here). */
export function dropEmptyPeriods(built: BuiltRow[]): BuiltRow[] {
  const filled = new Set(
    built
      .filter((b) => b.row.value !== null || b.row.partialValue !== null)
      .map((b) => `${b.row.indicator}|${b.row.period}`),
  );
  return built.filter((b) => filled.has(`${b.row.indicator}|${b.row.period}`));
}

/** The rows with their sources, and the datasets those sources belong to. */
export function attachSources(snap: Snapshot, kept: BuiltRow[]): { rows: DataRow[]; datasets: DatasetRef[] } {
  const releaseIds = new Set<number>();
  for (const b of kept) {
    for (const x of b.rels) releaseIds.add(x);
    for (const l of b.altRels) for (const x of l) releaseIds.add(x);
  }
  const { refs, datasets } = releaseMeta(snap, [...releaseIds]);
  const toRefs = (ids: number[]) =>
    [...new Set(ids)]
      .map((id) => refs.get(id)?.ref)
      .filter((x): x is DataSourceRef => !!x)
      .sort((a, b) => a.releaseId - b.releaseId);
  const rows = kept.map((b) => {
    b.row.sources = toRefs(b.rels);
    b.row.alternatives.forEach((a, i) => {
      a.sources = toRefs(b.altRels[i] ?? []);
    });
    return b.row;
  });
  return { rows, datasets };
}

/** Notes on how the figures were obtained (after those of the plan), in both languages. */
export function queryNotes(plan: QueryPlan, agg: Aggregated): { notesVi: string[]; notesEn: string[] } {
  const notesVi = [...plan.notesVi];
  const notesEn = [...plan.notesEn];
  if (plan.target.kind !== 'provinces') return { notesVi, notesEn };
  const geo = plan.target.geo;
  if (agg.crosswalked) {
    notesVi.push(
      `Các năm có số liệu theo địa giới cũ được tính cho ${geo.labelVi} từ các tỉnh cũ qua bảng chuyển đổi (Nghị quyết 202/2025/QH15).`,
    );
    notesEn.push(
      `Years recorded in the earlier geography are computed for the ${geo.labelEn} from the former provinces through the crosswalk (Resolution 202/2025/QH15).`,
    );
  }
  if (agg.anyAlternative) {
    notesVi.push(
      'Có số liệu khác (ví dụ số ước tính của bên thứ ba) không trùng với số tính toán: xem mục “alternatives”.',
    );
    notesEn.push('Other figures (e.g. third-party estimates) differ from the computed ones: see “alternatives”.');
  }
  for (const d of plan.defs)
    if (d.aggregation === 'none' && plan.level !== 'province') {
      notesVi.push(
        `“${d.nameVi}” là chỉ số, không cộng dồn: vùng và nhóm hiển thị trung bình (kèm trung vị) của các tỉnh.`,
      );
      notesEn.push(
        `“${d.nameEn}” is an index and is never summed: regions and groupings show the mean (with the median) of their provinces.`,
      );
    }
  return { notesVi, notesEn };
}

/** One row per unit over the whole range: a sum (flows only) or a mean, refused for stocks and cumulative indicators. */
export function combineRows(rows: DataRow[], defs: IndicatorDef[], how: 'sum' | 'mean'): DataRow[] {
  const byKey = new Map<string, DataRow[]>();
  for (const r of rows)
    byKey.set(`${r.indicator}|${r.unitCode}`, [...(byKey.get(`${r.indicator}|${r.unitCode}`) ?? []), r]);
  const out: DataRow[] = [];
  for (const list of byKey.values()) {
    const d = defs.find((x) => x.code === list[0].indicator)!;
    let value: number | null;
    try {
      value = combinePeriods(
        how,
        d,
        list.map((r) => r.value),
      );
    } catch (e) {
      if (e instanceof RuleError)
        throw new AppError(400, e.code, e.message, e.messageVi, [
          { path: 'query.combine', message: e.message, messageVi: e.messageVi },
        ]);
      throw e;
    }
    const ps = list.map((r) => r.period as number);
    const label = `${Math.min(...ps)}–${Math.max(...ps)}`;
    out.push({
      ...list[0],
      period: label,
      value,
      partialValue: null,
      median: null,
      method: {
        ...list[0].method,
        textVi: `${how === 'sum' ? 'Tổng' : 'Trung bình'} các năm ${label} (${list.length} năm) của: ${list[0].method.textVi}`,
        textEn: `${how === 'sum' ? 'Sum' : 'Mean'} over ${label} (${list.length} years) of: ${list[0].method.textEn}`,
      },
      coverage: {
        withData: list.filter((r) => r.value !== null).length,
        total: list.length,
        complete: value !== null,
        missing: list.filter((r) => r.value === null).map((r) => String(r.period)),
      },
      sources: [...new Map(list.flatMap((r) => r.sources).map((s) => [s.releaseId, s])).values()],
      alternatives: [],
    });
  }
  return out;
}

/** Distribution (n, mean, median, CV, Gini, Theil…) of the values of each (indicator, period). */
export function summarise(rows: DataRow[]): PeriodSummary[] {
  const groups = new Map<string, { indicator: string; period: number | string; values: number[] }>();
  for (const r of rows) {
    const key = `${r.indicator}|${r.period}`;
    const g = groups.get(key) ?? { indicator: r.indicator, period: r.period, values: [] };
    if (r.value !== null) g.values.push(r.value);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => {
    const d = distribution(g.values);
    return { indicator: g.indicator, period: g.period, ...d };
  });
}

/** Stage 4: the response. */
export function annotateResponse(plan: QueryPlan, agg: Aggregated): DataResponse {
  const { q, defs, snap } = plan;
  const { notesVi, notesEn } = queryNotes(plan, agg);
  const attached = attachSources(snap, dropEmptyPeriods(agg.built));
  let rows = attached.rows;
  let outPeriods: (number | string)[] = [...new Set(rows.map((r) => r.period as number))].sort((a, b) => a - b);
  if (q.combine) {
    rows = combineRows(rows, defs, q.combine);
    outPeriods = [...new Set(rows.map((r) => r.period))];
  }
  const cov = snap.coverage;
  return {
    query: {
      indicators: defs.map((d) => d.code),
      level: plan.level,
      grouping: q.grouping ?? null,
      at: plan.at,
      geographyVi: plan.geographyVi,
      geographyEn: plan.geographyEn,
      periods: outPeriods,
      release: plan.release,
      combine: q.combine ?? null,
    },
    indicators: defs.map((d) => toIndicator(d, cov.get(d.id), plan.cat.byId)),
    rows,
    datasets: attached.datasets.filter((ds) => rows.some((r) => r.sources.some((s) => s.dataset === ds.code))),
    summary: q.summary ? summarise(rows) : null,
    notesVi,
    notesEn,
  };
}
