/**
 * Which council is in force and which provinces sit on it, at a date: pure rules over the councils' validity, their
 * region groupings (geo) and the 63→34 crosswalk (geo).
 *
 * The six councils of 2023 were founded for the old regions (63 provinces). On 2025-07-01 the provinces merged but
 * the old councils stayed until their consolidation onto the six regions of 2025: between the two dates the chairs of
 * the merged provinces sat on them, so their member provinces are the successors (in the 34-province geography) of
 * the old region's members. From the consolidation date the new council's members are its 2025 region's provinces.
 */

export interface CouncilSpan {
  code: string;
  regionCode: string;
  regionGroupingId: string;
  validFrom: string;
  validTo: string | null;
}

/** Is the council in force on `at`? */
export const inForceOn = (c: Pick<CouncilSpan, 'validFrom' | 'validTo'>, at: string) =>
  c.validFrom <= at && (c.validTo === null || c.validTo >= at);

export interface GroupingFacts {
  validFrom: string;
  validTo: string | null;
  /** Members of the grouping on `at` when it is in force on `at`. */
  membersAt: readonly string[] | null;
  /** Members on the grouping's last day, for a grouping that ended before `at`. */
  lastMembers: readonly string[];
}

/**
 * The member province codes of a council on `at` (empty when the council is not in force). When its region grouping
 * has ended (old regions after 2025-06-30) the members are the successors of the grouping's last members, through
 * `successors` (old code → today's codes); sorted, without repeats.
 */
export function memberProvincesAt(
  council: CouncilSpan,
  at: string,
  grouping: GroupingFacts,
  successors: ReadonlyMap<string, readonly string[]>,
): string[] {
  if (!inForceOn(council, at)) return [];
  if (grouping.membersAt && inForceOn(grouping, at)) return [...new Set(grouping.membersAt)].sort();
  if (grouping.validTo !== null && grouping.validTo < at) {
    const out = new Set<string>();
    for (const code of grouping.lastMembers) for (const s of successors.get(code) ?? []) out.add(s);
    return [...out].sort();
  }
  return [];
}

/**
 * The lineage of a council: itself and every council it replaced, oldest last, following consolidation changes
 * backwards. Cycles in bad data stop the walk.
 */
export function lineageOf(code: string, changes: readonly { from: string | null; to: string }[]): string[] {
  const out = [code];
  let frontier = [code];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const c of frontier)
      for (const ch of changes)
        if (ch.to === c && ch.from && !out.includes(ch.from)) {
          out.push(ch.from);
          next.push(ch.from);
        }
    frontier = next;
  }
  return out;
}

/** The council in force on `at` in the line of `code` (itself, a successor, or a predecessor), or null. */
export function councilOfLineAt(
  code: string,
  councils: readonly CouncilSpan[],
  changes: readonly { from: string | null; to: string }[],
  at: string,
): CouncilSpan | null {
  const seen = new Set<string>();
  const stack = [code];
  while (stack.length > 0) {
    const c = stack.pop()!;
    if (seen.has(c)) continue;
    seen.add(c);
    const span = councils.find((x) => x.code === c);
    if (span && inForceOn(span, at)) return span;
    for (const ch of changes) {
      if (ch.from === c) stack.push(ch.to);
      if (ch.to === c && ch.from) stack.push(ch.from);
    }
  }
  return null;
}
