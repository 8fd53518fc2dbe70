/**
 * A small seeded pseudo-random generator (mulberry32) for permutation tests: the same seed gives the same draws on
 * every machine and engine, so a published p-value can be reproduced exactly from the seed echoed in the response.
 * Not for anything secret.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform integer in [0, n) from a generator of uniform numbers in [0, 1). */
export function randomInt(random: () => number, n: number): number {
  return Math.floor(random() * n);
}

/**
 * Choose `k` of the indices 0…n−1 uniformly at random (a partial Fisher–Yates shuffle of `scratch`, which must hold a
 * permutation of 0…n−1 and is left shuffled). Returns the first k entries of `scratch`.
 */
export function chooseK(random: () => number, scratch: number[], k: number): number[] {
  const n = scratch.length;
  for (let i = 0; i < k; i++) {
    const j = i + randomInt(random, n - i);
    const t = scratch[i];
    scratch[i] = scratch[j];
    scratch[j] = t;
  }
  return scratch.slice(0, k);
}

/** n choose k as a floating-point number (exact for the sizes used here, up to about 2⁵³). */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  const m = Math.min(k, n - k);
  let r = 1;
  for (let i = 1; i <= m; i++) r = (r * (n - m + i)) / i;
  return Math.round(r);
}
