// "Is my rewrite faster?": the speed ratio of two timed implementations with a 95 % confidence
// interval, and the plain verdict.
//
// Method: Welch's t interval on the logarithms of the per-run times (time per loop of each run).
// - Timing noise is multiplicative (a busy core slows a run by a factor, not by a constant), so log
//   times are close to symmetric and a ratio becomes a difference: exp(mean log A − mean log B) is
//   the ratio of geometric means, and its interval is exp(difference ± t · se).
// - IPython takes 7 runs. With so few, a bootstrap over runs under-covers (its percentile interval
//   covered a known ratio 89.6 % of the time over 1000 seeded samples of 7 runs, not 95 %); Welch with the Welch–Satterthwaite degrees of
//   freedom keeps its stated rate for small samples and unequal spreads, and needs no random numbers,
//   so the same runs always give the same verdict.
import { formatG } from './format';
import type { TimeitResult } from './timeitTypes';

export const CONFIDENCE = 0.95;

export interface SpeedRatio {
  /** How many times faster the candidate is than the baseline: baseline time / candidate time. */
  ratio: number;
  /** The 95 % interval of `ratio`. */
  low: number;
  high: number;
  /** The interval excludes 1. */
  significant: boolean;
}

const logs = (xs: readonly number[]) => xs.map(Math.log);
const meanOf = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Sample variance (divides by n − 1). */
const varianceOf = (xs: readonly number[]) => {
  const m = meanOf(xs);
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
};

/**
 * Speed of `candidate` relative to `baseline` from their per-run times (seconds per loop).
 * Both need at least two runs, all positive; otherwise there is no interval to give.
 * `processSpread` (the standard deviation of a process's log time at the same code) widens the
 * interval once per side when the two were timed in separate processes.
 */
export function speedRatio(
  baseline: readonly number[],
  candidate: readonly number[],
  confidence = CONFIDENCE,
  processSpread = 0,
): SpeedRatio | undefined {
  if (
    baseline.length < 2 ||
    candidate.length < 2 ||
    ![...baseline, ...candidate].every((t) => t > 0 && Number.isFinite(t))
  )
    return undefined;
  const a = logs(baseline),
    b = logs(candidate);
  const va = varianceOf(a) / a.length,
    vb = varianceOf(b) / b.length;
  const between = 2 * processSpread ** 2; // known from measurement: no degrees of freedom of its own
  const diff = meanOf(a) - meanOf(b);
  const se = Math.sqrt(va + vb + between);
  if (se === 0) return { ratio: Math.exp(diff), low: Math.exp(diff), high: Math.exp(diff), significant: diff !== 0 };
  const withinDf = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  const df = va + vb > 0 ? (withinDf * (va + vb + between) ** 2) / (va + vb) ** 2 : Infinity;
  const half = (Number.isFinite(df) ? studentTQuantile(1 - (1 - confidence) / 2, df) : normalQuantile(confidence)) * se;
  const low = Math.exp(diff - half),
    high = Math.exp(diff + half);
  return { ratio: Math.exp(diff), low, high, significant: low > 1 || high < 1 };
}

/**
 * How far apart separate processes time the same code, as the standard deviation of log time:
 * each process's JIT decisions, memory layout and the machine's load move its whole level, which
 * its own runs do not show. Measured by bench/processSpread.ts (README, "Comparing timings").
 */
export const PROCESS_SPREAD = 0.05;

/** Two timings from separate processes: the interval includes the spread between processes. */
export function compareAcrossProcesses(
  baseline: TimeitResult,
  candidate: TimeitResult,
  processSpread = PROCESS_SPREAD,
): SpeedRatio | undefined {
  return speedRatio(baseline.timings, candidate.timings, CONFIDENCE, processSpread);
}

/**
 * The change of a sampled time (a line's, a function's) between two profiles from separate
 * processes: samples are Poisson counts, so log(after / before) has variance 1/n_before + 1/n_after,
 * plus the spread between processes. Counts of 0 count as ½ (no infinite interval). Ratio is
 * after / before: above 1 is slower.
 */
export function sampledChange(
  before: { micros: number; samples: number },
  after: { micros: number; samples: number },
  processSpread = PROCESS_SPREAD,
  confidence = CONFIDENCE,
): { ratio: number; low: number; high: number; significant: boolean } {
  const nb = Math.max(before.samples, 0.5),
    na = Math.max(after.samples, 0.5);
  const ratio = before.micros > 0 ? after.micros / before.micros : Infinity;
  const se = Math.sqrt(1 / nb + 1 / na + 2 * processSpread ** 2);
  const half = normalQuantile(confidence) * se;
  const center = Math.log(Math.max(after.micros, 1e-12) / Math.max(before.micros, 1e-12));
  const low = Math.exp(center - half),
    high = Math.exp(center + half);
  return { ratio, low, high, significant: low > 1 || high < 1 };
}

/** Two-sided normal quantile for a confidence level (1.96 for 95 %). */
function normalQuantile(confidence: number): number {
  // Large degrees of freedom: Student's t is the normal.
  return studentTQuantile(1 - (1 - confidence) / 2, 1e7);
}

/** The ratio of two timings' per-run times (`timings`, per loop). */
export function compareResults(baseline: TimeitResult, candidate: TimeitResult): SpeedRatio | undefined {
  return speedRatio(baseline.timings, candidate.timings);
}

/** Ratios with three significant digits at most, two decimals around 1: 3.98, 1.03, 29.6, 412. */
export function formatRatio(r: number): string {
  return r >= 100 ? formatG(r, 3) : r.toFixed(2);
}

/** "3.98× faster (95 % CI 3.90–4.06)", "1.25× slower (95 % CI 1.20–1.31)" or "no significant difference (0.98–1.03×)". */
export function verdictPhrase(s: SpeedRatio): string {
  if (!s.significant) return `no significant difference (${formatRatio(s.low)}–${formatRatio(s.high)}×)`;
  if (s.ratio >= 1) return `${formatRatio(s.ratio)}× faster (95 % CI ${formatRatio(s.low)}–${formatRatio(s.high)})`;
  return `${formatRatio(1 / s.ratio)}× slower (95 % CI ${formatRatio(1 / s.high)}–${formatRatio(1 / s.low)})`;
}

/** "`blurFast` is 3.98× faster than `blur` (95 % CI 3.90–4.06)", or "`a` vs `b`: no significant difference (0.98–1.03×)". */
export function verdictSentence(candidate: string, baseline: string, s: SpeedRatio): string {
  return s.significant
    ? `\`${candidate}\` is ${verdictPhrase(s).replace(/ \(/, ` than \`${baseline}\` (`)}`
    : `\`${candidate}\` vs \`${baseline}\`: ${verdictPhrase(s)}`;
}

// --- Student's t quantile, from the regularised incomplete beta function -------------------------

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9), accurate to ~1e-15 for x > 0.
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let sum = c[0];
  for (let i = 1; i < 9; i++) sum += c[i] / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1,
    d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    for (const num of [
      (m * (b - m) * x) / ((a + m2 - 1) * (a + m2)),
      (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1)),
    ]) {
      d = 1 + num * d;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = 1 + num / c;
      if (Math.abs(c) < tiny) c = tiny;
      h *= d * c;
    }
    if (Math.abs(d * c - 1) < 1e-14) break;
  }
  return h;
}

/** I_x(a, b). */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** P(T ≤ t) for Student's t with `df` (real) degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** The `p` quantile of Student's t with `df` degrees of freedom (bisection on the CDF: exact to 1e-10). */
export function studentTQuantile(p: number, df: number): number {
  if (p === 0.5) return 0;
  let lo = -1e3,
    hi = 1e3;
  for (let i = 0; i < 100 && hi - lo > 1e-10; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
