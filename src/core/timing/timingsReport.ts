// What the Timings panel and its exports show, computed without a DOM: histogram bins of one
// entry's runs, bar lengths on a log scale, and the Markdown/JSON exports.
import { comparisonGroups } from './comparisonGroups';
import type { TimingEntry } from './timeitTypes';

export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

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
  const out: HistogramBin[] = Array.from({ length: bins }, (_, i) => ({
    from: min + i * width,
    to: i === bins - 1 ? max : min + (i + 1) * width,
    count: 0,
  }));
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

const escapeCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** One table per comparison group: speed against the group's baseline with its 95 % interval. */
export function toMarkdown(entries: readonly TimingEntry[], baselines: Readonly<Record<string, string>> = {}): string {
  return comparisonGroups(entries, baselines)
    .map((g) =>
      [
        `**${escapeCell(g.title)}**`,
        '',
        '| implementation | statement | mean ± std. dev. | best | loops × runs | vs baseline | 95 % CI |',
        '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
        ...g.rows.map((r) => {
          const timing = `${r.mean} ± ${r.stdev} | ${r.best} | ${r.loopsAndRuns}`;
          return `| ${escapeCell(r.label)} | \`${escapeCell(r.stmt)}\` | ${timing} | ${r.speed} | ${r.ratio ? r.interval : ''} |`;
        }),
        '',
      ].join('\n'),
    )
    .join('\n');
}

export function toJson(entries: readonly TimingEntry[]): string {
  return `${JSON.stringify({ hotline: 1, exported: new Date().toISOString(), entries }, null, 2)}\n`;
}

/** Round tick values (1, 2 or 5 × 10^k apart) covering [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const rough = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

export interface LogTick {
  value: number;
  major: boolean;
  labelled: boolean;
}

/** Ticks of a log axis: every decade (labelled), 2–9 × each decade between, with 2 and 5 labelled when a decade is wide enough. */
export function logTicks(decadeFrom: number, decadeTo: number, pixelsPerDecade: number): LogTick[] {
  const ticks: LogTick[] = [];
  for (let d = decadeFrom; d <= decadeTo; d++) {
    ticks.push({ value: 10 ** d, major: true, labelled: true });
    if (d === decadeTo) break;
    for (let m = 2; m <= 9; m++)
      ticks.push({ value: m * 10 ** d, major: false, labelled: pixelsPerDecade >= 150 && (m === 2 || m === 5) });
  }
  return ticks;
}
