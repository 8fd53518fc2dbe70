import { AnalyticsInputError, requireDistinctCodes, sum } from './numeric';

/**
 * Shares and concentration of an additive indicator (population, area, GRDP, budget) held by groupings of units.
 * Pure functions; the service feeds them query-engine results.
 */

/** A unit's value of an additive indicator; `null` when the unit has no value. */
export interface ShareUnit {
  code: string;
  value: number | null;
  /** True when the value was not published but derived (see `totalsFromPerCapita`). */
  derived?: boolean;
}

/** A grouping to measure: an id and the codes of its members (in the same vintage as the units). */
export interface ShareGroup {
  id: string;
  members: readonly string[];
}

export interface GroupShare {
  id: string;
  /** Sum of the members' values. */
  value: number;
  /** value / national total (0–1). */
  share: number;
  memberCount: number;
  /** Members without a value: the share is then a lower bound. */
  missing: string[];
  /** Members whose code is not among the units of this vintage. */
  unknown: string[];
  /** Members whose value was derived rather than published. */
  derived: string[];
}

export interface SharesResult {
  /** Sum over every unit with a value: the denominator of every share. */
  total: number;
  unitCount: number;
  /** Units without a value: the total and the shares leave them out. */
  missing: string[];
  /** True when every unit had a value. */
  complete: boolean;
  /** Units whose value was derived from a per-capita figure. */
  derived: string[];
  groups: GroupShare[];
  /** All listed groupings together, each unit counted once even if it is in several groupings. */
  combined: { value: number; share: number; memberCount: number };
}

/**
 * GRDP (or any total) from its per-capita value and population where the total itself is not published:
 * totalᵢ = perCapitaᵢ × populationᵢ (e.g. million VND per person × persons = million VND). Every derived value is
 * flagged, so the product can say "derived from GRDP per capita × population" next to the figure.
 * A unit missing either input gets `null`.
 */
export function totalsFromPerCapita(
  rows: readonly { code: string; perCapita: number | null; population: number | null }[],
): ShareUnit[] {
  return rows.map((r) => {
    if (r.perCapita === null || r.population === null) return { code: r.code, value: null, derived: true };
    if (!Number.isFinite(r.perCapita) || !Number.isFinite(r.population) || r.perCapita < 0 || r.population < 0)
      throw new AnalyticsInputError(
        'negative',
        `Unit ${r.code}: the per-capita value and the population must be non-negative numbers.`,
        `Đơn vị ${r.code}: giá trị bình quân đầu người và dân số phải là số không âm.`,
        { unit: r.code },
      );
    return { code: r.code, value: r.perCapita * r.population, derived: true };
  });
}

/**
 * Each grouping's share of the national total of an additive indicator, and the share of all groupings together.
 * The national total is the sum over every unit with a value; units without one are listed in `missing` (then
 * `complete` is false and every share is of the known total). Members unknown in this vintage are listed, never
 * guessed. Values must be non-negative: a share of a signed quantity (a budget balance) is not meaningful.
 */
export function groupShares(units: readonly ShareUnit[], groups: readonly ShareGroup[]): SharesResult {
  requireDistinctCodes(units);
  for (const u of units)
    if (u.value !== null && (!Number.isFinite(u.value) || u.value < 0))
      throw new AnalyticsInputError(
        'negative',
        `Shares need non-negative values; unit ${u.code} has ${u.value}.`,
        `Tỷ trọng cần giá trị không âm; đơn vị ${u.code} có giá trị ${u.value}.`,
        { unit: u.code, value: u.value },
      );
  const byCode = new Map(units.map((u) => [u.code, u]));
  const total = sum(units.map((u) => u.value ?? 0));
  const share = (v: number) => (total > 0 ? v / total : 0);
  const describe = (id: string, members: readonly string[]): GroupShare => {
    const distinct = [...new Set(members)];
    const unknown = distinct.filter((c) => !byCode.has(c));
    const known = distinct.filter((c) => byCode.has(c)).map((c) => byCode.get(c)!);
    const value = sum(known.map((u) => u.value ?? 0));
    return {
      id,
      value,
      share: share(value),
      memberCount: distinct.length,
      missing: known.filter((u) => u.value === null).map((u) => u.code),
      unknown,
      derived: known.filter((u) => u.derived && u.value !== null).map((u) => u.code),
    };
  };
  const union = describe(
    '*',
    groups.flatMap((g) => g.members),
  );
  const missing = units.filter((u) => u.value === null).map((u) => u.code);
  return {
    total,
    unitCount: units.length,
    missing,
    complete: missing.length === 0,
    derived: units.filter((u) => u.derived && u.value !== null).map((u) => u.code),
    groups: groups.map((g) => describe(g.id, g.members)),
    combined: { value: union.value, share: union.share, memberCount: union.memberCount },
  };
}

export interface Concentration {
  n: number;
  /** Herfindahl–Hirschman index Σ sᵢ² of the units' shares (0–1; 1/n when all are equal, 1 when one holds all). */
  hhi: number;
  /** 1 / HHI: the number of equal-sized units that would give the same concentration. */
  equivalentUnits: number;
  /** Share held by the largest 1, 3 and 5 units. */
  cr1: number;
  cr3: number;
  cr5: number;
  /** The five largest units with their shares. */
  top: { code: string; value: number; share: number }[];
}

/**
 * How concentrated an additive indicator is across units: the Herfindahl–Hirschman index and the shares of the
 * largest units. Units without a value are left out.
 */
export function concentration(units: readonly ShareUnit[]): Concentration {
  const known = units.filter((u): u is ShareUnit & { value: number } => u.value !== null);
  const total = sum(known.map((u) => u.value));
  if (known.length === 0 || total <= 0)
    throw new AnalyticsInputError(
      'zero_total',
      'Concentration is undefined when the total is zero.',
      'Mức độ tập trung không xác định khi tổng bằng 0.',
    );
  const sorted = [...known].sort((a, b) => b.value - a.value || a.code.localeCompare(b.code));
  const shares = sorted.map((u) => u.value / total);
  const hhi = sum(shares.map((s) => s * s));
  const cr = (k: number) => sum(shares.slice(0, k));
  return {
    n: known.length,
    hhi,
    equivalentUnits: 1 / hhi,
    cr1: cr(1),
    cr3: cr(3),
    cr5: cr(5),
    top: sorted.slice(0, 5).map((u, i) => ({ code: u.code, value: u.value, share: shares[i] })),
  };
}

/**
 * How much more of one quantity a grouping holds than of another: shareA / shareB. With output over population it is
 * the grouping's output per person relative to the nation's (1 = the national level); with output over area, its
 * output density relative to the nation's. `null` when shareB is 0.
 */
export function relativeConcentration(shareA: number, shareB: number): number | null {
  return shareB > 0 ? shareA / shareB : null;
}
