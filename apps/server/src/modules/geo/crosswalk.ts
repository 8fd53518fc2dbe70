/** One edge of the crosswalk: the share `weight` of old unit `fromCode` that became part of new unit `toCode`. */
export interface CrosswalkEdge {
  fromCode: string;
  toCode: string;
  weight: number;
}

export interface CrosswalkCheck {
  /** Old codes that do not map anywhere. */
  unmapped: string[];
  /** Old codes whose outgoing weights do not sum to 1. */
  weightNotOne: { code: string; total: number }[];
  /** New codes with no predecessor. */
  orphans: string[];
  /** Edges naming codes that are not in the old or new set. */
  unknown: CrosswalkEdge[];
}

/**
 * Check a crosswalk between two vintages: every old unit's territory is fully assigned (weights sum to 1), every new
 * unit has at least one predecessor, and no edge names a unit outside the two vintages.
 */
export function checkCrosswalk(edges: CrosswalkEdge[], oldCodes: string[], newCodes: string[]): CrosswalkCheck {
  const oldSet = new Set(oldCodes);
  const newSet = new Set(newCodes);
  const totals = new Map<string, number>();
  const hasPredecessor = new Set<string>();
  const unknown: CrosswalkEdge[] = [];
  for (const e of edges) {
    if (!oldSet.has(e.fromCode) || !newSet.has(e.toCode)) {
      unknown.push(e);
      continue;
    }
    totals.set(e.fromCode, (totals.get(e.fromCode) ?? 0) + e.weight);
    hasPredecessor.add(e.toCode);
  }
  return {
    unmapped: oldCodes.filter((c) => !totals.has(c)),
    weightNotOne: [...totals].filter(([, t]) => Math.abs(t - 1) > 1e-9).map(([code, total]) => ({ code, total })),
    orphans: newCodes.filter((c) => !hasPredecessor.has(c)),
    unknown,
  };
}

/**
 * Compose successive crosswalk steps (A→B then B→C) into one (A→C), multiplying weights along each path and adding
 * parallel paths. Codes absent from a step carry over unchanged with weight 1 (no boundary change for them).
 */
export function composeCrosswalk(start: string[], steps: CrosswalkEdge[][]): CrosswalkEdge[] {
  let current = new Map<string, Map<string, number>>(start.map((c) => [c, new Map([[c, 1]])]));
  for (const step of steps) {
    const out = new Map<string, CrosswalkEdge[]>();
    for (const e of step) {
      const list = out.get(e.fromCode) ?? [];
      list.push(e);
      out.set(e.fromCode, list);
    }
    const next = new Map<string, Map<string, number>>();
    for (const [origin, targets] of current) {
      const acc = new Map<string, number>();
      for (const [mid, w] of targets) {
        const edges = out.get(mid);
        if (!edges) acc.set(mid, (acc.get(mid) ?? 0) + w);
        else for (const e of edges) acc.set(e.toCode, (acc.get(e.toCode) ?? 0) + w * e.weight);
      }
      next.set(origin, acc);
    }
    current = next;
  }
  const result: CrosswalkEdge[] = [];
  for (const [fromCode, targets] of current)
    for (const [toCode, weight] of targets) result.push({ fromCode, toCode, weight });
  return result;
}

/**
 * Carry additive values (population, area, budget) from old units to new ones: each new unit receives the weighted sum
 * of its predecessors. Values of old units missing from `values` are reported in `missing` per new unit rather than
 * treated as zero.
 */
export function carryAdditive(
  values: ReadonlyMap<string, number>,
  edges: CrosswalkEdge[],
): Map<string, { value: number; contributors: string[]; missing: string[] }> {
  const out = new Map<string, { value: number; contributors: string[]; missing: string[] }>();
  for (const e of edges) {
    const cur = out.get(e.toCode) ?? { value: 0, contributors: [], missing: [] };
    const v = values.get(e.fromCode);
    if (v === undefined) cur.missing.push(e.fromCode);
    else {
      cur.value += v * e.weight;
      cur.contributors.push(e.fromCode);
    }
    out.set(e.toCode, cur);
  }
  return out;
}

export interface AreaDifference {
  code: string;
  officialKm2: number;
  membersKm2: number;
  differenceKm2: number;
  differencePct: number;
}

/** Compare each new unit's official area with the summed official areas of its predecessors. */
export function compareAreas(
  newAreas: ReadonlyMap<string, number>,
  oldAreas: ReadonlyMap<string, number>,
  edges: CrosswalkEdge[],
): AreaDifference[] {
  const carried = carryAdditive(oldAreas, edges);
  return [...newAreas].map(([code, officialKm2]) => {
    const membersKm2 = carried.get(code)?.value ?? 0;
    const differenceKm2 = officialKm2 - membersKm2;
    return { code, officialKm2, membersKm2, differenceKm2, differencePct: (differenceKm2 / officialKm2) * 100 };
  });
}
