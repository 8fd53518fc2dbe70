import type { DataCoverage, DataMethod, DataRow, ObservationStatus } from '@regionlink/shared';
import { formatDateVi, formatNumberVi, viCollator } from '@regionlink/shared';
import { addParts, applyRule, emptyPart, mean, median, type Part, type RuleResult } from './aggregation-rules';
import type { IndicatorDef } from './catalogue.service';
import type { Geography, Target } from './geography';
import { type Cand, type Candidates, type CommuneObservation, expectedFor, type Fetched } from './query-fetch';
import type { QueryPlan } from './query-plan';

/**
 * Stage 3 of the query engine (query.service.ts): **aggregate**. Pure computation on what the fetch stage read: for
 * each (indicator, province, period) the best candidate under the indicator's rule (`choose`), then one row per
 * target — a province's own figure (`provinceRow`), or its members combined with the rule for a region, grouping or
 * the nation (`groupRow`) — each with its method, coverage and status. Sources are attached by the annotate stage.
 */

export interface Choice {
  cand: Cand | null;
  result: RuleResult;
  /** For a ratio computed from its numerator and denominator: their candidates. */
  parts?: { num: Cand; den: Cand };
  alternatives: { cand: Cand; result: RuleResult; parts?: { num: Cand; den: Cand } }[];
}

/** A row with the releases behind its value and behind each alternative (turned into sources when annotating). */
export interface BuiltRow {
  row: DataRow;
  rels: number[];
  altRels: number[][];
}

export interface Aggregated {
  built: BuiltRow[];
  /** Some figure was carried from the former provinces through the crosswalk. */
  crosswalked: boolean;
  /** Some figure has alternatives (e.g. a third-party estimate that differs). */
  anyAlternative: boolean;
}

/**
 * A candidate's figure for one province. An index (`none`) of a province formed from several former provinces is the
 * mean of theirs, an estimate; when one of them lacks the value the mean of the others is not that province's figure,
 * so it is given only as `partialValue` (PCI 2013, PAPI 2021…), as sums and weighted means are.
 */
function candResult(def: IndicatorDef, c: Cand): RuleResult {
  const single = c.whole && c.part.n === 1 && c.part.expected === 1;
  const r = applyRule(def.aggregation === 'ratio' ? 'sum' : def.aggregation, c.part, { recorded: single });
  return r.rule === 'mean' && !r.complete ? { ...r, value: null, partialValue: r.value } : r;
}

const differs = (a: number | null, b: number | null, decimals: number) => {
  if (a === null || b === null) return false;
  const tol = Math.max(0.5 * 10 ** -decimals, 1e-9 * Math.max(Math.abs(a), Math.abs(b)));
  return Math.abs(a - b) > tol;
};

/** Pick the best candidate for one (indicator, province, period) under the indicator's rule. */
export function choose(
  def: IndicatorDef,
  byRank: Map<number, Cand> | undefined,
  ratioInputs?: { num?: Map<number, Cand>; den?: Map<number, Cand> },
): Choice {
  const options: { cand: Cand; result: RuleResult; parts?: { num: Cand; den: Cand }; rank: number }[] = [];
  if (def.aggregation === 'ratio') {
    // A recorded ratio is only usable for one whole unit; otherwise the ratio is recomputed from its two sums.
    for (const c of byRank?.values() ?? [])
      if (c.whole && c.part.n === 1 && c.part.expected === 1)
        options.push({ cand: c, rank: c.rank, result: applyRule('ratio', c.part, { recorded: true }) });
    const ranks = new Set([...(ratioInputs?.num?.keys() ?? [])].filter((r) => ratioInputs?.den?.has(r)));
    for (const r of ranks) {
      const num = ratioInputs!.num!.get(r)!;
      const den = ratioInputs!.den!.get(r)!;
      const result = applyRule('ratio', emptyPart(1), {
        numerator: num.part,
        denominator: den.part,
        factor: def.ratioFactor,
      });
      options.push({ cand: num, rank: r, result, parts: { num, den } });
    }
  } else for (const c of byRank?.values() ?? []) options.push({ cand: c, rank: c.rank, result: candResult(def, c) });
  if (options.length === 0)
    return {
      cand: null,
      result: { value: null, partialValue: null, median: null, complete: false, rule: 'unavailable' },
      alternatives: [],
    };
  options.sort((a, b) => a.rank - b.rank || (a.result.rule === 'recorded' ? -1 : 1));
  const complete = options.filter((o) => o.result.complete && o.result.value !== null);
  const chosen =
    complete[0] ??
    [...options].sort(
      (a, b) =>
        b.cand.part.n / Math.max(1, b.cand.part.expected) - a.cand.part.n / Math.max(1, a.cand.part.expected) ||
        a.rank - b.rank,
    )[0];
  const alternatives = complete
    .filter((o) => o !== chosen && differs(o.result.value, chosen.result.value, def.decimals))
    .filter((o, i, arr) => arr.findIndex((x) => x.rank === o.rank) === i);
  return { cand: chosen.cand, result: chosen.result, parts: chosen.parts, alternatives };
}

interface Names {
  vi: string;
  en: string;
}

function viaOf(rank: number | undefined): DataMethod['via'] {
  if (rank === undefined) return 'none';
  const r = rank % 10;
  return r === 0 ? 'direct' : r === 1 ? 'communes' : 'crosswalk';
}

const methodMemo = new WeakMap<Geography, Map<string, DataMethod>>();

/** The method of a province-level figure, in both languages (memoised: many periods share one text). */
function memberMethod(
  def: IndicatorDef,
  cat: Map<number, IndicatorDef>,
  choice: { cand: Cand | null; result: RuleResult; parts?: { num: Cand; den: Cand } },
  geo: Geography,
): DataMethod {
  const c = choice.cand;
  const src = choice.parts?.num ?? c;
  const key = c
    ? `${def.id}|${def.version}|${c.rank}|${choice.result.rule}|${choice.result.complete}|${src?.part.n}|${src?.part.expected}|${
        choice.result.rule === 'mean' ? choice.result.median : ''
      }|${src?.sources.join(',')}`
    : 'none';
  let memo = methodMemo.get(geo);
  if (!memo) {
    memo = new Map();
    methodMemo.set(geo, memo);
  }
  const hit = memo.get(key);
  if (hit) return hit;
  const m = buildMemberMethod(def, cat, choice, geo);
  if (memo.size < 50_000) memo.set(key, m);
  return m;
}

function buildMemberMethod(
  def: IndicatorDef,
  cat: Map<number, IndicatorDef>,
  choice: { cand: Cand | null; result: RuleResult; parts?: { num: Cand; den: Cand } },
  geo: Geography,
): DataMethod {
  const { cand, result } = choice;
  if (!cand || result.rule === 'unavailable')
    return { rule: 'unavailable', via: 'none', textVi: 'Không có số liệu', textEn: 'No data' };
  const via = viaOf(cand.rank);
  const est = isEstimate(cand, result);
  const sourceCand = choice.parts?.num ?? cand;
  const names = (c: Cand) =>
    c.sources
      .map((s) => geo.sourceNames.get(s))
      .filter((x): x is Names => !!x)
      .sort((a, b) => viCollator.compare(a.vi, b.vi));
  let whoVi = '';
  let whoEn = '';
  if (via === 'crosswalk' && cand.rank % 10 === 2) {
    const ns = names(sourceCand);
    const k = sourceCand.part.expected;
    whoVi = `${k} tỉnh cũ: ${ns.map((n) => n.vi).join(', ')}`;
    whoEn = `${k} former province${k > 1 ? 's' : ''}: ${ns.map((n) => n.en).join(', ')}`;
  } else if (via === 'communes' || cand.rank % 10 === 3) {
    whoVi = `${formatNumberVi(sourceCand.part.expected)} xã, phường${cand.rank % 10 === 3 ? ' của các tỉnh cũ' : ''}`;
    whoEn = `${sourceCand.part.expected} communes${cand.rank % 10 === 3 ? ' of the former provinces' : ''}`;
  }
  const weight = def.weightId ? cat.get(def.weightId) : undefined;
  const num = def.numeratorId ? cat.get(def.numeratorId) : undefined;
  const den = def.denominatorId ? cat.get(def.denominatorId) : undefined;
  let textVi: string;
  let textEn: string;
  switch (result.rule) {
    case 'recorded':
      if (via === 'direct') {
        textVi = 'Số liệu ghi nhận cho đơn vị này';
        textEn = 'Recorded for this unit';
      } else {
        const n = names(cand)[0];
        const until = geo.vintageStart ? formatDateVi(prevDay(geo.vintageStart)) : '';
        textVi = `Số liệu của ${n?.vi ?? 'tỉnh cũ'} (địa giới đến ${until}), cùng lãnh thổ`;
        textEn = `Value of ${n?.en ?? 'the former province'} (geography until ${until}), same territory`;
      }
      break;
    case 'sum':
      textVi = `Tổng của ${whoVi}`;
      textEn = `Sum of ${whoEn}`;
      break;
    case 'weighted_mean':
      textVi = `Bình quân gia quyền theo ${weight?.nameVi.toLowerCase() ?? 'quyền số'} của ${whoVi}`;
      textEn = `${weight?.nameEn ?? 'Weight'}-weighted mean of ${whoEn}`;
      break;
    case 'ratio':
      textVi = `${num?.nameVi ?? 'Tử số'} / ${(den?.nameVi ?? 'mẫu số').toLowerCase()}, tổng của ${whoVi || 'đơn vị'}`;
      textEn = `${num?.nameEn ?? 'Numerator'} / ${(den?.nameEn ?? 'denominator').toLowerCase()}, totals of ${whoEn || 'the unit'}`;
      break;
    default: {
      const med = result.median === null ? '—' : formatNumberVi(result.median, def.decimals);
      textVi = `Không cộng dồn (chỉ số): trung bình của ${whoVi}; trung vị ${med}`;
      textEn = `Not aggregable (index): mean of ${whoEn}; median ${result.median?.toFixed(def.decimals) ?? '—'}`;
    }
  }
  if (!result.complete) {
    const p = sourceCand.part;
    textVi += ` — chưa đủ số liệu (${p.n}/${p.expected})`;
    textEn += ` — incomplete (${p.n} of ${p.expected})`;
  }
  if (est) {
    textVi += ' — số ước tính';
    textEn += ' — estimate';
  }
  return { rule: result.rule, via, textVi, textEn };
}

function prevDay(iso: string) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** A third-party estimate, or the mean of several units' index values standing for one province's. */
function isEstimate(cand: Cand, result: RuleResult) {
  return cand.rank >= 10 || result.rule === 'mean';
}

function statusOf(cands: (Cand | null | undefined)[], result?: RuleResult): ObservationStatus | null {
  const cs = cands.filter((c): c is Cand => !!c);
  if (cs.length === 0) return null;
  if (cs.some((c) => c.rank >= 10) || result?.rule === 'mean') return 'estimate';
  if (cs.some((c) => c.provisional > 0)) return 'provisional';
  return 'final';
}

function missingSources(c: Cand | null | undefined, geo: Geography, target: string): string[] {
  if (!c) return [];
  if (c.rank % 10 === 2) {
    const have = new Set(c.sources.map((s) => s.split('|')[0]));
    return (geo.formerOf.get(target) ?? []).filter((code) => !have.has(code));
  }
  return [];
}

type ChoiceOf = (d: IndicatorDef, m: string, p: number) => Choice;

/** Memoised member choices per (indicator, member province, period). */
export function chooser(cands: Candidates): ChoiceOf {
  const choices = new Map<string, Choice>();
  return (d, m, p) => {
    const key = `${d.id}|${m}|${p}`;
    let c = choices.get(key);
    if (!c) {
      const ratio =
        d.aggregation === 'ratio'
          ? { num: cands.get(`${d.numeratorId}|${m}|${p}`), den: cands.get(`${d.denominatorId}|${m}|${p}`) }
          : undefined;
      c = choose(d, cands.get(`${d.id}|${m}|${p}`), ratio);
      choices.set(key, c);
    }
    return c;
  };
}

/** One province's figure for one period, with its method, coverage, status and alternatives. */
export function provinceRow(
  d: IndicatorDef,
  t: Target,
  p: number,
  ch: Choice,
  geo: Geography,
  cat: Map<number, IndicatorDef>,
): BuiltRow {
  const method = memberMethod(d, cat, ch, geo);
  const used = [ch.cand, ch.parts?.num, ch.parts?.den];
  const alts = ch.alternatives;
  const src = ch.parts?.num ?? ch.cand;
  return {
    row: {
      indicator: d.code,
      unitCode: t.code,
      unitName: t.nameVi,
      unitNameEn: t.nameEn,
      period: p,
      value: ch.result.value,
      partialValue: ch.result.partialValue,
      median: ch.result.rule === 'mean' ? ch.result.median : null,
      status: statusOf(used, ch.result),
      method,
      coverage: {
        withData: src?.part.n ?? 0,
        total: src?.part.expected || expectedFor(geo, t.code, 2) || 1,
        complete: ch.result.complete,
        missing: missingSources(src, geo, t.code),
      },
      sources: [],
      alternatives: alts.map((a) => ({
        value: a.result.value as number,
        method: memberMethod(d, cat, a, geo),
        sources: [],
        differencePct:
          ch.result.value && a.result.value !== null
            ? ((a.result.value - ch.result.value) / Math.abs(ch.result.value)) * 100
            : 0,
      })),
    },
    rels: used.flatMap((c) => [...(c?.releases ?? [])]),
    altRels: alts.map((a) => [a.cand, a.parts?.num, a.parts?.den].flatMap((c) => [...(c?.releases ?? [])])),
  };
}

interface Member {
  m: string;
  ch: Choice;
}

interface Combined {
  value: number | null;
  partialValue: number | null;
  med: number | null;
  rule: DataMethod['rule'];
  /** Members whose figure is missing or incomplete. */
  missing: Member[];
  /** Every member had a complete figure of its own (before a ratio or sum looked at its parts). */
  allComplete: boolean;
  rels: Set<number>;
  usedCands: (Cand | null | undefined)[];
}

/** Combine member provinces' figures with the indicator's rule (index: mean and median of the units' values). */
export function combineMembers(
  d: IndicatorDef,
  memberChoices: Member[],
  p: number,
  choiceOf: ChoiceOf,
  cat: Map<number, IndicatorDef>,
): Combined {
  const complete = memberChoices.filter((x) => x.ch.result.complete && x.ch.result.value !== null);
  const missing = memberChoices.filter((x) => !(x.ch.result.complete && x.ch.result.value !== null));
  const out: Combined = {
    value: null,
    partialValue: null,
    med: null,
    rule: 'unavailable',
    missing,
    allComplete: missing.length === 0 && memberChoices.length > 0,
    rels: new Set<number>(),
    usedCands: [],
  };
  for (const { ch } of memberChoices)
    for (const c of [ch.cand, ch.parts?.num, ch.parts?.den]) {
      if (!c) continue;
      out.usedCands.push(c);
      for (const r of c.releases) out.rels.add(r);
    }
  if (d.aggregation === 'none') {
    const vals = complete.flatMap((x) =>
      x.ch.cand?.part.values.length ? x.ch.cand.part.values : [x.ch.result.value as number],
    );
    const partialVals = memberChoices.flatMap((x) => x.ch.cand?.part.values ?? []);
    const use = vals.length ? vals : partialVals;
    if (use.length) {
      out.value = mean(use);
      out.med = median(use);
      out.rule = 'mean';
    }
    return out;
  }
  const sumDef = (id: number | null) => (id === null ? undefined : { ...cat.get(id)!, aggregation: 'sum' as const });
  // Member parts: sums are the member values, weighted means their (Σvw, Σw), ratios their two sums.
  const partOf = (x: Member, which: 'own' | 'num' | 'den'): Part | null => {
    if (which === 'own') {
      const c = x.ch.cand;
      if (!c || x.ch.result.value === null) return null;
      if (d.aggregation === 'sum') return { ...emptyPart(1), n: 1, sum: x.ch.result.value };
      // Weighted mean: a member recorded as a single unit contributes value × its own weight.
      return c.part.nW >= c.part.n ? { ...c.part, n: 1, expected: 1 } : null;
    }
    const id = which === 'num' ? d.numeratorId : d.denominatorId;
    const sub = choiceOf(sumDef(id) as IndicatorDef, x.m, p);
    if (!sub.result.complete || sub.result.value === null) return null;
    return { ...emptyPart(1), n: 1, sum: sub.result.value };
  };
  const total = (parts: (Part | null)[]) => ({
    ...parts.filter((x): x is Part => !!x).reduce(addParts, emptyPart(0)),
    expected: memberChoices.length,
  });
  let r: RuleResult;
  let lacking: (x: Member, i: number) => boolean;
  if (d.aggregation === 'ratio') {
    const nums = memberChoices.map((x) => partOf(x, 'num'));
    const dens = memberChoices.map((x) => partOf(x, 'den'));
    for (const x of memberChoices)
      for (const id of [d.numeratorId, d.denominatorId]) {
        const sub = choiceOf(sumDef(id) as IndicatorDef, x.m, p);
        for (const rel of sub.cand?.releases ?? []) out.rels.add(rel);
        out.usedCands.push(sub.cand);
      }
    r = applyRule('ratio', emptyPart(memberChoices.length), {
      numerator: total(nums),
      denominator: total(dens),
      factor: d.ratioFactor,
    });
    lacking = (_x, i) => !nums[i] || !dens[i];
  } else {
    const parts = memberChoices.map((x) => partOf(x, 'own'));
    r = applyRule(d.aggregation, total(parts));
    lacking = (_x, i) => !parts[i];
  }
  out.value = r.value;
  out.partialValue = r.partialValue;
  out.rule = r.rule;
  out.missing = memberChoices.filter(lacking);
  return out;
}

/** The method text of a region's, grouping's or the nation's figure. */
function groupMethodText(
  d: IndicatorDef,
  t: Target,
  c: Combined,
  memberChoices: Member[],
  viaCross: number,
  geo: Geography,
  cat: Map<number, IndicatorDef>,
): { textVi: string; textEn: string } {
  const k = memberChoices.length;
  const weight = d.weightId ? cat.get(d.weightId) : undefined;
  const num = d.numeratorId ? cat.get(d.numeratorId) : undefined;
  const den = d.denominatorId ? cat.get(d.denominatorId) : undefined;
  let textVi: string;
  let textEn: string;
  const membersVi = `${k} tỉnh, thành phố thành viên`;
  const membersEn = `${k} member provinces`;
  if (c.rule === 'unavailable') {
    textVi = 'Không có số liệu';
    textEn = 'No data';
  } else if (d.aggregation === 'none') {
    const complete = memberChoices.filter((x) => x.ch.result.complete && x.ch.result.value !== null);
    const n = complete.length ? complete.flatMap((x) => x.ch.cand?.part.values ?? [0]).length : 0;
    textVi = `Không cộng dồn (chỉ số): trung bình của ${n || 'các'} đơn vị có số liệu; trung vị ${c.med === null ? '—' : formatNumberVi(c.med, d.decimals)}`;
    textEn = `Not aggregable (index): mean of the ${n || ''} units with data; median ${c.med?.toFixed(d.decimals) ?? '—'}`;
  } else if (d.aggregation === 'sum') {
    textVi = `Tổng của ${membersVi}`;
    textEn = `Sum of ${membersEn}`;
  } else if (d.aggregation === 'weighted_mean') {
    textVi = `Bình quân gia quyền theo ${weight?.nameVi.toLowerCase() ?? 'quyền số'} của ${membersVi}`;
    textEn = `${weight?.nameEn ?? 'Weight'}-weighted mean of ${membersEn}`;
  } else {
    textVi = `${num?.nameVi ?? 'Tử số'} / ${(den?.nameVi ?? 'mẫu số').toLowerCase()}, tổng của ${membersVi}`;
    textEn = `${num?.nameEn ?? 'Numerator'} / ${(den?.nameEn ?? 'denominator').toLowerCase()} over the totals of ${membersEn}`;
  }
  if (viaCross && c.rule !== 'unavailable') {
    textVi += `; ${viaCross} tỉnh tính từ các tỉnh cũ qua bảng chuyển đổi`;
    textEn += `; ${viaCross} built from former provinces through the crosswalk`;
  }
  if (c.missing.length && c.rule !== 'unavailable') {
    const names = c.missing.map((x) => geo.provinces.get(x.m)?.nameVi ?? x.m);
    textVi += ` — thiếu số liệu: ${names.join(', ')} (${k - c.missing.length}/${k})`;
    textEn += ` — missing: ${names.join(', ')} (${k - c.missing.length} of ${k})`;
  }
  if (t.partialMembers.length) {
    textVi += ' — có tỉnh chỉ thuộc một phần, tính cả tỉnh';
    textEn += ' — partly included provinces counted whole';
  }
  return { textVi, textEn };
}

/** A region's, grouping's or the nation's figure for one period: its member provinces combined with the rule. */
export function groupRow(
  d: IndicatorDef,
  t: Target,
  p: number,
  choiceOf: ChoiceOf,
  geo: Geography,
  cat: Map<number, IndicatorDef>,
): { built: BuiltRow; crosswalked: boolean } {
  const memberChoices = t.members.filter((m) => geo.provinces.has(m)).map((m) => ({ m, ch: choiceOf(d, m, p) }));
  const c = combineMembers(d, memberChoices, p, choiceOf, cat);
  const viaCross = memberChoices.filter((x) => viaOf(x.ch.cand?.rank) === 'crosswalk').length;
  const k = memberChoices.length;
  const { textVi, textEn } = groupMethodText(d, t, c, memberChoices, viaCross, geo, cat);
  const missing = c.missing;
  return {
    crosswalked: viaCross > 0,
    built: {
      row: {
        indicator: d.code,
        unitCode: t.code,
        unitName: t.nameVi,
        unitNameEn: t.nameEn,
        period: p,
        value: d.aggregation === 'none' || c.allComplete || missing.length === 0 ? c.value : null,
        partialValue: d.aggregation === 'none' ? null : missing.length ? (c.partialValue ?? c.value) : null,
        median: d.aggregation === 'none' ? c.med : null,
        status: statusOf(c.usedCands),
        method: { rule: c.rule, via: c.rule === 'unavailable' ? 'none' : 'members', textVi, textEn },
        coverage: {
          withData: k - missing.length,
          total: k,
          complete: missing.length === 0 && k > 0,
          missing: missing.map((x) => x.m),
        },
        sources: [],
        alternatives: [],
      },
      rels: [...c.rels],
      altRels: [],
    },
  };
}

/** Commune level: one row per recorded value (communes are never aggregated into). */
export function communeRows(defs: IndicatorDef[], observations: CommuneObservation[]): BuiltRow[] {
  const byId = new Map(defs.map((d) => [d.id, d]));
  // One coverage and one method object shared by the rows of a response (as they are all the same).
  const coverage: DataCoverage = { withData: 1, total: 1, complete: true, missing: [] };
  const method: DataMethod = {
    rule: 'recorded',
    via: 'direct',
    textVi: 'Số liệu ghi nhận cho đơn vị này',
    textEn: 'Recorded for this unit',
  };
  return observations.map(([ind, code, nameVi, nameEn, period, value, status, rel]) => ({
    row: {
      indicator: byId.get(ind)!.code,
      unitCode: code,
      unitName: nameVi,
      unitNameEn: nameEn,
      period,
      value,
      partialValue: null,
      median: null,
      status,
      method,
      coverage,
      sources: [],
      alternatives: [],
    },
    rels: [rel],
    altRels: [],
  }));
}

/** Stage 3: one row per (indicator, target, period), in that order. */
export function aggregateRows(plan: QueryPlan, fetched: Fetched): Aggregated {
  if (fetched.kind === 'commune')
    return { built: communeRows(plan.defs, fetched.observations), crosswalked: false, anyAlternative: false };
  if (plan.target.kind !== 'provinces') throw new Error('a province fetch needs a province plan');
  const { geo, targets } = plan.target;
  const choiceOf = chooser(fetched.cands);
  const out: Aggregated = { built: [], crosswalked: false, anyAlternative: false };
  for (const d of plan.defs)
    for (const t of targets)
      for (const p of plan.periods) {
        if (plan.level === 'province') {
          const ch = choiceOf(d, t.code, p);
          const b = provinceRow(d, t, p, ch, geo, plan.cat.byId);
          if (b.row.method.via === 'crosswalk') out.crosswalked = true;
          if (ch.alternatives.length) out.anyAlternative = true;
          out.built.push(b);
        } else {
          const g = groupRow(d, t, p, choiceOf, geo, plan.cat.byId);
          if (g.crosswalked) out.crosswalked = true;
          out.built.push(g.built);
        }
      }
  return out;
}
