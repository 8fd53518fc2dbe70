// Map classes (shared by the web grapher and server-rendered figures). Free of zod, so that a page drawing a map
// does not download the API schemas with it.

/**
 * Class breaks for a choropleth: quantiles of the values (each class holds about the same number of units), rounded
 * to "nice" numbers with at most `decimals` decimals and made strictly increasing. Returns the upper bounds of the
 * first k−1 classes; fewer classes when there are fewer distinct values.
 */
export function classBreaks(values: readonly number[], k = 5, decimals = 0): number[] {
  const v = [...values].filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  const distinct = new Set(v).size;
  const classes = Math.min(k, distinct);
  if (classes < 2) return [];
  const out: number[] = [];
  for (let i = 1; i < classes; i++) {
    const q = v[Math.min(v.length - 1, Math.floor((i * v.length) / classes))];
    const nice = niceRound(q, decimals);
    if (out.length === 0 || nice > out[out.length - 1]) out.push(nice);
  }
  return out.filter((b) => b > v[0] && b <= v[v.length - 1]);
}

/** Round to two significant digits (or the indicator's decimals, whichever is coarser). */
export function niceRound(x: number, decimals = 0): number {
  if (x === 0) return 0;
  const mag = 10 ** (Math.floor(Math.log10(Math.abs(x))) - 1);
  const step = Math.max(mag, 10 ** -decimals);
  return Math.round(x / step) * step;
}

/** The class (0-based) of a value given the breaks (upper bounds, exclusive). */
export function classOf(value: number, breaks: readonly number[]): number {
  let i = 0;
  while (i < breaks.length && value >= breaks[i]) i++;
  return i;
}
