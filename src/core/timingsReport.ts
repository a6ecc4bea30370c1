// What the Timings panel and its exports show, computed without a DOM: histogram bins of one
// entry's runs, bar lengths on a log scale, and the Markdown/JSON exports.
import { formatTime } from './format';
import { normalizedSpeeds } from './timeit';
import type { TimingEntry } from './timeitTypes';

export interface HistogramBin { from: number; to: number; count: number }

/**
 * Bins per-loop times like matplotlib's `plt.hist` would show them: the square-root rule
 * (ceil(√n), at least 5 bins, at most 30) over [min, max]; all-equal runs give one bin.
 */
export function histogram(values: readonly number[]): HistogramBin[] {
  if (values.length === 0) return [];
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (max === min) return [{ from: min, to: max, count: values.length }];
  const bins = Math.min(30, Math.max(5, Math.ceil(Math.sqrt(values.length))));
  const width = (max - min) / bins;
  const out: HistogramBin[] = Array.from({ length: bins }, (_, i) => ({ from: min + i * width, to: i === bins - 1 ? max : min + (i + 1) * width, count: 0 }));
  for (const v of values) out[Math.min(bins - 1, Math.floor((v - min) / width))].count++;
  return out;
}

/**
 * Bar lengths (0..1) on a log scale, like the seed's `plot_times` with a log axis: the axis spans
 * whole decades around the data, so a 10x difference always looks the same.
 */
export function logScaleBars(values: readonly number[]): { lengths: number[]; decadeFrom: number; decadeTo: number } {
  const positive = values.filter((v) => v > 0);
  if (positive.length === 0) return { lengths: values.map(() => 0), decadeFrom: 0, decadeTo: 1 };
  const lowest = Math.log10(Math.min(...positive));
  // Start a decade lower when the fastest sits on a decade line, so its bar is not empty.
  const decadeFrom = Math.floor(lowest) - (lowest - Math.floor(lowest) < 0.15 ? 1 : 0);
  let decadeTo = Math.ceil(Math.log10(Math.max(...positive)));
  if (decadeTo <= decadeFrom) decadeTo = decadeFrom + 1;
  const span = decadeTo - decadeFrom;
  return { lengths: values.map((v) => (v > 0 ? (Math.log10(v) - decadeFrom) / span : 0)), decadeFrom, decadeTo };
}

export interface ComparisonRow {
  id: string;
  label: string;
  file: string;
  stmt: string;
  mean: string;
  stdev: string;
  best: string;
  loopsAndRuns: string;
  speed: string;
  speedup: number;
  average: number;
}

/** Fastest first, with the speed normalised to the slowest as in the seed's timing_table. */
export function comparisonRows(entries: readonly TimingEntry[]): ComparisonRow[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  return normalizedSpeeds(entries).map((s) => {
    const e = byId.get(s.id)!;
    const p = e.result.precision;
    return {
      id: e.id, label: e.label, file: e.file, stmt: e.stmt, average: e.result.average, speedup: s.speedup, speed: s.speed,
      mean: formatTime(e.result.average, p), stdev: formatTime(e.result.stdev, p), best: formatTime(e.result.best, p),
      loopsAndRuns: `${e.result.loops.toLocaleString('en-US')} × ${e.result.repeat}`,
    };
  });
}

const escapeCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function toMarkdown(entries: readonly TimingEntry[]): string {
  const rows = comparisonRows(entries);
  const lines = [
    '| implementation | statement | mean ± std. dev. | best | loops × runs | speed |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${escapeCell(r.label)} | \`${escapeCell(r.stmt)}\` | ${r.mean} ± ${r.stdev} | ${r.best} | ${r.loopsAndRuns} | ${r.speed} |`),
  ];
  return `${lines.join('\n')}\n`;
}

export function toJson(entries: readonly TimingEntry[]): string {
  return `${JSON.stringify({ hotline: 1, exported: new Date().toISOString(), entries }, null, 2)}\n`;
}
