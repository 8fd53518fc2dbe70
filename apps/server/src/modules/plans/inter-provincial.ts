import type { ProvinceRole } from '@regionlink/shared';

export interface ProvinceRoleEntry {
  code: string;
  /** How to name the province in messages (defaults to the code). */
  label?: string;
  role: ProvinceRole;
  costShare?: number | null;
}

/**
 * A regional-linkage (inter-provincial) project is one located in two or more provinces, or located in one and
 * affecting at least one other. A province listed both as located and as affected counts as located. Projects with
 * no located province are not inter-provincial, however many provinces they affect.
 */
export function isInterProvincial(provinces: readonly ProvinceRoleEntry[]): boolean {
  const located = new Set(provinces.filter((p) => p.role === 'located').map((p) => p.code));
  if (located.size >= 2) return true;
  if (located.size === 0) return false;
  return provinces.some((p) => p.role === 'affected' && !located.has(p.code));
}

/**
 * Map a project's provinces to another geography through a crosswalk (old code → new codes). Provinces merged into
 * one keep one entry: located wins over affected, cost shares are added. Codes missing from the crosswalk are kept
 * as they are (the caller decides whether that is an error).
 */
export function mapProvinces(
  provinces: readonly ProvinceRoleEntry[],
  crosswalk: ReadonlyMap<string, readonly string[]>,
): ProvinceRoleEntry[] {
  const out = new Map<string, ProvinceRoleEntry>();
  for (const p of provinces) {
    const targets = crosswalk.get(p.code) ?? [p.code];
    for (const code of targets) {
      const cur = out.get(code);
      // A share cannot be split over several successors without weights; only whole mergers carry it.
      const share = targets.length === 1 ? (p.costShare ?? null) : null;
      if (!cur) out.set(code, { code, role: p.role, costShare: share });
      else {
        if (p.role === 'located') cur.role = 'located';
        cur.costShare =
          cur.costShare === null || cur.costShare === undefined || share === null
            ? (cur.costShare ?? share)
            : cur.costShare + share;
      }
    }
  }
  return [...out.values()];
}

export interface ShareProblem {
  path: string;
  messageEn: string;
  messageVi: string;
}

/**
 * Check the cost shares of a project's provinces: each between 0 and 100, no province listed twice, and together at
 * most 100 %; when every province has a share they must add up to exactly 100 % (to 0.01). Returns the problems,
 * each with the path of the field (`provinces.2.costShare`).
 */
export function checkProvinceList(provinces: readonly ProvinceRoleEntry[], path = 'provinces'): ShareProblem[] {
  const problems: ShareProblem[] = [];
  const seen = new Set<string>();
  provinces.forEach((p, i) => {
    if (seen.has(p.code))
      problems.push({
        path: `${path}.${i}.code`,
        messageEn: `Province ${p.label ?? p.code} is listed twice.`,
        messageVi: `Tỉnh mã ${p.label ?? p.code} bị liệt kê hai lần.`,
      });
    seen.add(p.code);
    const s = p.costShare;
    if (s !== null && s !== undefined && (!Number.isFinite(s) || s < 0 || s > 100))
      problems.push({
        path: `${path}.${i}.costShare`,
        messageEn: 'A cost share is a percentage between 0 and 100.',
        messageVi: 'Tỷ lệ chi phí là phần trăm từ 0 đến 100.',
      });
  });
  const shares = provinces.map((p) => p.costShare).filter((s): s is number => s !== null && s !== undefined);
  const total = shares.reduce((a, b) => a + b, 0);
  if (total > 100.005)
    problems.push({
      path,
      messageEn: `Cost shares add up to ${round2(total)} %, more than 100 %.`,
      messageVi: `Tổng tỷ lệ chi phí là ${round2(total)}%, vượt quá 100%.`,
    });
  else if (provinces.length > 0 && shares.length === provinces.length && Math.abs(total - 100) > 0.005)
    problems.push({
      path,
      messageEn: `Every province has a cost share, but they add up to ${round2(total)} %, not 100 %.`,
      messageVi: `Mọi tỉnh đều có tỷ lệ chi phí nhưng tổng là ${round2(total)}%, không phải 100%.`,
    });
  return problems;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
