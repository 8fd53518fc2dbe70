import { requireDistinctCodes, requireFinite, type UnitValue } from './numeric';

/** Which end of an indicator is rank 1: the highest value (GRDP per capita) or the lowest (poverty rate). */
export type RankDirection = 'higher_better' | 'lower_better';

/**
 * Standard competition ranking ("1224"): units with equal values share the best rank among them, and the next rank
 * skips accordingly, as in published provincial rankings (PCI, PAPI). Returns the rank of every unit by code.
 */
export function rankUnits(
  items: readonly UnitValue[],
  direction: RankDirection = 'higher_better',
): Map<string, number> {
  requireDistinctCodes(items);
  requireFinite(items);
  const sign = direction === 'higher_better' ? -1 : 1;
  const sorted = [...items].sort((a, b) => sign * (a.value - b.value));
  const ranks = new Map<string, number>();
  sorted.forEach((it, i) => {
    const prev = sorted[i - 1];
    ranks.set(it.code, prev && prev.value === it.value ? ranks.get(prev.code)! : i + 1);
  });
  return ranks;
}

export interface UnitRank {
  code: string;
  value: number;
  /** Rank among all units with a value, and how many there are. */
  nationalRank: number;
  nationalOf: number;
  /** Rank within the unit's group (its region), and the group's size; null when the unit is in no group. */
  group: string | null;
  groupRank: number | null;
  groupOf: number | null;
}

/** Ranks of every unit nationally and within its group (region), with the sizes so "3rd of 6" can be printed. */
export function ranksWithinGroups(
  items: readonly (UnitValue & { group: string | null })[],
  direction: RankDirection = 'higher_better',
): UnitRank[] {
  const national = rankUnits(items, direction);
  const byGroup = new Map<string, UnitValue[]>();
  for (const it of items) {
    if (!it.group) continue;
    const list = byGroup.get(it.group);
    if (list) list.push(it);
    else byGroup.set(it.group, [it]);
  }
  const groupRanks = new Map([...byGroup].map(([g, members]) => [g, rankUnits(members, direction)]));
  return items.map((it) => ({
    code: it.code,
    value: it.value,
    nationalRank: national.get(it.code)!,
    nationalOf: items.length,
    group: it.group,
    groupRank: it.group ? groupRanks.get(it.group)!.get(it.code)! : null,
    groupOf: it.group ? byGroup.get(it.group)!.length : null,
  }));
}
