import {
  AnalyticsInputError,
  mean,
  requireCount,
  requireDistinctCodes,
  requirePositive,
  standardDeviation,
  sum,
  type UnitValue,
} from './numeric';

/**
 * Convergence of units over time: σ-convergence (is the dispersion of log values falling?) and β-convergence (do units
 * that started lower grow faster?), with the ordinary least squares they rest on. Pure functions.
 */

// ---------------------------------------------------------------------------------------------------------------
// Student's t distribution (for the p-value of a regression coefficient)

/** ln Γ(x) for x > 0 (Lanczos approximation, g = 7, 9 terms; relative error below 1e-13). */
export function logGamma(x: number): number {
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0];
  const t = z + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** The regularized incomplete beta function Iₓ(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(x, a, b)) / a
    : 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** Two-sided p-value of a t statistic with `df` degrees of freedom: P(|T| ≥ |t|) = I_{df/(df+t²)}(df/2, ½). */
export function studentTwoSidedP(t: number, df: number): number {
  if (!Number.isFinite(t)) return 0;
  return incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

// ---------------------------------------------------------------------------------------------------------------
// Ordinary least squares with one regressor

export interface SimpleRegression {
  n: number;
  intercept: number;
  slope: number;
  /** Classical (homoskedastic) standard errors: s² = SSR / (n − 2). */
  interceptStdError: number;
  slopeStdError: number;
  /** slope / SE; null when the fit is perfect (SE = 0). */
  tStat: number | null;
  /** Two-sided p-value of the slope against 0, from Student's t with n − 2 degrees of freedom. */
  pValue: number;
  r2: number;
  residualSd: number;
}

/**
 * y = a + b·x + e by ordinary least squares, with centred sums for precision:
 * b = Σ(x−x̄)(y−ȳ) / Σ(x−x̄)², a = ȳ − b·x̄, SE(b) = √(s² / Σ(x−x̄)²), R² = 1 − SSR/SST.
 * Needs at least 3 points and some spread in x.
 */
export function simpleRegression(x: readonly number[], y: readonly number[]): SimpleRegression {
  const n = x.length;
  requireCount(n, 3, 'A regression', 'Hồi quy');
  const mx = mean(x);
  const my = mean(y);
  const sxx = sum(x.map((v) => (v - mx) ** 2));
  if (!(sxx > 0))
    throw new AnalyticsInputError(
      'no_spread',
      'A regression needs the explanatory values to differ between units.',
      'Hồi quy cần các giá trị giải thích khác nhau giữa các đơn vị.',
    );
  const sxy = sum(x.map((v, i) => (v - mx) * (y[i] - my)));
  const syy = sum(y.map((v) => (v - my) ** 2));
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const ssr = sum(y.map((v, i) => (v - intercept - slope * x[i]) ** 2));
  const s2 = ssr / (n - 2);
  const slopeStdError = Math.sqrt(s2 / sxx);
  const interceptStdError = Math.sqrt(s2 * (1 / n + (mx * mx) / sxx));
  const tStat = slopeStdError > 0 ? slope / slopeStdError : slope === 0 ? 0 : null;
  return {
    n,
    intercept,
    slope,
    interceptStdError,
    slopeStdError,
    tStat,
    pValue: tStat === null ? 0 : studentTwoSidedP(tStat, n - 2),
    r2: syy > 0 ? 1 - ssr / syy : 1,
    residualSd: Math.sqrt(s2),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// σ-convergence

export interface SigmaPoint {
  period: number;
  n: number;
  /** Standard deviation (divisor n) of ln(value) across units. */
  sdLog: number;
  /** Coefficient of variation σ/μ of the values (divisor n). */
  cv: number;
  mean: number;
}

export interface SigmaConvergence {
  points: SigmaPoint[];
  /** Units used: with `balanced`, only those with a value in every period. */
  units: string[];
  /** Units left out because a period lacks their value (balanced panel only). */
  dropped: string[];
  /** Periods left out because too few units have a value (`minCoverage`), oldest first. */
  sparsePeriods: number[];
  /** OLS trend of sdLog on the period (change per year), null with fewer than 3 periods. */
  trend: SimpleRegression | null;
  /** sdLog in the last period minus sdLog in the first: negative means σ-convergence. */
  change: number;
}

/**
 * Periods in which fewer than `minCoverage` × (the most units any period has) units have a value, oldest first. A
 * balanced panel through such a period would keep only its few units (PCI 2013 has 13 of 63 provinces).
 */
export function sparsePeriods(
  panel: readonly { period: number; values: readonly UnitValue[] }[],
  minCoverage: number,
): number[] {
  const most = Math.max(0, ...panel.map((p) => p.values.length));
  return panel
    .filter((p) => p.values.length < minCoverage * most)
    .map((p) => p.period)
    .sort((a, b) => a - b);
}

/**
 * σ-convergence: the dispersion of log values in each period. With `balanced` (the default) only units that have a
 * value in every period are used, so a falling dispersion cannot come from units entering or leaving the panel.
 * With `minCoverage` (0–1, default 0 = keep every period), periods where fewer than that share of the best-covered
 * period's units have a value are left out first (and listed), so one sparse year does not shrink the whole panel.
 * Logs need strictly positive values.
 */
export function sigmaConvergence(
  panel: readonly { period: number; values: readonly UnitValue[] }[],
  options: { balanced?: boolean; minCoverage?: number } = {},
): SigmaConvergence {
  const balanced = options.balanced ?? true;
  requireCount(panel.length, 1, 'σ-convergence', 'Hội tụ σ');
  for (const p of panel) {
    requireDistinctCodes(p.values);
    requirePositive(p.values, true, 'σ-convergence (log values)', 'Hội tụ σ (giá trị logarit)');
  }
  const sparse = sparsePeriods(panel, options.minCoverage ?? 0);
  const periods = panel.filter((p) => !sparse.includes(p.period)).sort((a, b) => a.period - b.period);
  const allCodes = [...new Set(periods.flatMap((p) => p.values.map((v) => v.code)))].sort();
  const present = periods.map((p) => new Set(p.values.map((v) => v.code)));
  const keep = balanced ? allCodes.filter((c) => present.every((s) => s.has(c))) : allCodes;
  const keepSet = new Set(keep);
  const points = periods.map((p) => {
    const vs = p.values.filter((v) => keepSet.has(v.code)).map((v) => v.value);
    requireCount(vs.length, 2, `σ-convergence in ${p.period}`, `Hội tụ σ năm ${p.period}`);
    const m = mean(vs);
    return {
      period: p.period,
      n: vs.length,
      sdLog: standardDeviation(vs.map(Math.log)),
      cv: standardDeviation(vs) / m,
      mean: m,
    };
  });
  return {
    points,
    units: keep,
    dropped: allCodes.filter((c) => !keepSet.has(c)),
    sparsePeriods: sparse,
    trend:
      points.length >= 3
        ? simpleRegression(
            points.map((p) => p.period),
            points.map((p) => p.sdLog),
          )
        : null,
    change: points[points.length - 1].sdLog - points[0].sdLog,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// β-convergence

export interface BetaConvergence {
  n: number;
  years: number;
  /** β: the slope of annual log growth on the log initial level. Negative = poorer units grew faster. */
  coefficient: number;
  stdError: number;
  tStat: number | null;
  pValue: number;
  intercept: number;
  r2: number;
  /** Implied speed of convergence λ = −ln(1 + β·T) / T per year; null when 1 + β·T ≤ 0. Negative = divergence. */
  speed: number | null;
  /** Years for half the gap to close, ln 2 / λ; null unless λ > 0. */
  halfLife: number | null;
  /** Per unit: log initial level and annual log growth, for the scatter chart. */
  points: { code: string; logInitial: number; growth: number }[];
}

/**
 * Absolute β-convergence across units between two periods T years apart (Barro & Sala-i-Martin):
 *   gᵢ = ln(yᵢ,end / yᵢ,start) / T = α + β·ln(yᵢ,start) + εᵢ, by OLS.
 * β < 0 means units that started lower grew faster. Since β = −(1 − e^(−λT)) / T, the implied speed is
 * λ = −ln(1 + βT) / T and the half-life ln 2 / λ. A common price deflator shifts only α, so β, its standard error and
 * R² are the same in current and constant prices. Units need a strictly positive value in both periods.
 */
export function betaConvergence(
  rows: readonly { code: string; start: number; end: number }[],
  years: number,
): BetaConvergence {
  if (!(years > 0))
    throw new AnalyticsInputError(
      'bad_period',
      'β-convergence needs an end period after the start period.',
      'Hội tụ β cần kỳ cuối sau kỳ đầu.',
    );
  requireDistinctCodes(rows);
  requirePositive(
    rows.map((r) => ({ code: r.code, value: r.start })),
    true,
    'β-convergence (start values)',
    'Hội tụ β (giá trị kỳ đầu)',
  );
  requirePositive(
    rows.map((r) => ({ code: r.code, value: r.end })),
    true,
    'β-convergence (end values)',
    'Hội tụ β (giá trị kỳ cuối)',
  );
  const points = rows.map((r) => ({
    code: r.code,
    logInitial: Math.log(r.start),
    growth: Math.log(r.end / r.start) / years,
  }));
  const reg = simpleRegression(
    points.map((p) => p.logInitial),
    points.map((p) => p.growth),
  );
  const inner = 1 + reg.slope * years;
  const speed = inner > 0 ? -Math.log(inner) / years : null;
  return {
    n: reg.n,
    years,
    coefficient: reg.slope,
    stdError: reg.slopeStdError,
    tStat: reg.tStat,
    pValue: reg.pValue,
    intercept: reg.intercept,
    r2: reg.r2,
    speed,
    halfLife: speed !== null && speed > 0 ? Math.log(2) / speed : null,
    points,
  };
}

/** Compound annual growth rate (end / start)^(1 / years) − 1, e.g. 0.05 for 5 % a year. */
export function annualGrowthRate(start: number, end: number, years: number): number | null {
  if (!(start > 0) || !(end > 0) || !(years > 0)) return null;
  return (end / start) ** (1 / years) - 1;
}
