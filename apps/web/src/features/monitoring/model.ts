import { SCORECARD_COMPONENTS, type Scorecard } from '@regionlink/shared';

/** `reporting:2,tasks:1,…` ↔ weights; components left out weigh 1. Only non-default weights are written. */
export function decodeWeights(s: string | null): Record<string, number> {
  const w: Record<string, number> = Object.fromEntries(SCORECARD_COMPONENTS.map((c) => [c, 1]));
  for (const part of s ? s.split(',') : []) {
    const [code, v] = part.split(':');
    const n = Number(v);
    if ((SCORECARD_COMPONENTS as readonly string[]).includes(code) && Number.isFinite(n) && n >= 0 && n <= 100)
      w[code] = n;
  }
  return w;
}

export function encodeWeights(w: Record<string, number>): string | null {
  const parts = SCORECARD_COMPONENTS.filter((c) => (w[c] ?? 1) !== 1).map((c) => `${c}:${w[c]}`);
  return parts.length ? parts.join(',') : null;
}

/** Five classes of the score (quintiles of the ranked provinces), for the map. */
export const CLASS_COLORS = ['#d7301f', '#fc8d59', '#fdcc8a', '#a1d99b', '#238b45'];
export const NO_DATA = '#e9ecef';

export function classOf(card: Scorecard, code: string): number | null {
  const ranked = card.provinces.filter((p) => p.rank !== null).length;
  const p = card.provinces.find((x) => x.code === code);
  if (!p || p.rank === null || ranked === 0) return null;
  return Math.min(4, Math.floor(((ranked - p.rank) / ranked) * 5));
}

/** Rank change since last year: positive = moved up. */
export const rankChange = (p: { rank: number | null; previousRank: number | null }) =>
  p.rank !== null && p.previousRank !== null ? p.previousRank - p.rank : null;
