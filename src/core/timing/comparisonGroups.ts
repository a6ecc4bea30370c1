// Which timings are alternatives of each other, and each one's speed against its group's baseline.
// Only implementations run on the same inputs are compared: by default the statement's arguments
// and the setup (`blur(x, 100)` and `blurFast(x, 100)` with `const x = sawtooth(N)`), so `render`
// is never ranked against `parseJs`. The user can move an entry into another group, or out of all.
import {
  compareAcrossProcesses,
  compareResults,
  formatRatio,
  verdictPhrase,
  verdictSentence,
  type SpeedRatio,
} from './compare';
import { formatTime } from './format';
import { formatBytes, memoryVersus } from '../memory/memit';
import type { TimingEntry } from './timeitTypes';

/** An entry's group chosen by the user: another group's key, or ALONE. */
export const ALONE = 'alone';

export interface ComparisonRow {
  id: string;
  label: string;
  file: string;
  stmt: string;
  average: number;
  mean: string;
  stdev: string;
  best: string;
  loopsAndRuns: string;
  /** The 95 % interval of the mean time per loop (the bar chart's error bar). */
  meanLow: number;
  meanHigh: number;
  isBaseline: boolean;
  /** Against the group's baseline; absent for the baseline itself, for entries compared with nothing, and for single runs. */
  ratio?: SpeedRatio;
  /** "3.98× faster", "1.25× slower", "no significant difference", "baseline", or "—". */
  speed: string;
  /** "95 % CI 3.90–4.06", "0.98–1.03×", or an explanation. */
  interval: string;
  /** The sentence for the Output channel and exports, when there is a baseline to compare with. */
  verdict?: string;
  /** memit's bytes allocated per loop (`8.00 MB/loop`), and against the baseline's (`2.00× less`). */
  memory?: string;
  memoryVersus?: string;
}

export interface ComparisonGroup {
  key: string;
  /** "blur(x, 100)-like calls: (x, 100) · setup const x = sawtooth(N)". */
  title: string;
  /** Undefined for the list of entries compared with nothing. */
  baselineId?: string;
  /** Fastest first. */
  rows: ComparisonRow[];
}

const CALL = /^\s*(?:await\s+)?(?:new\s+)?[\w$]+(?:\s*\.\s*[\w$]+)*\s*\(([\s\S]*)\)\s*;?\s*$/;
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The default group: same arguments and same setup; a statement that is not a single call is its own group. */
export function inputsKey(entry: Pick<TimingEntry, 'stmt' | 'setup'>): string {
  const call = CALL.exec(entry.stmt);
  return call
    ? `args(${squash(call[1])}) setup{${squash(entry.setup)}}`
    : `stmt{${squash(entry.stmt)}} setup{${squash(entry.setup)}}`;
}

export function groupTitle(entry: Pick<TimingEntry, 'stmt' | 'setup'>): string {
  const call = CALL.exec(entry.stmt);
  const inputs = call ? `same inputs (${squash(call[1])})` : `\`${squash(entry.stmt)}\``;
  return entry.setup.trim() ? `${inputs} · setup: ${squash(entry.setup)}` : inputs;
}

export const groupOf = (entry: TimingEntry): string => entry.group ?? inputsKey(entry);

/** The 95 % t interval of the mean of `values` (for error bars; the speed interval is compare.ts's). */
export function meanInterval(values: readonly number[]): { low: number; high: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { low: mean, high: mean };
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  const half = T975[Math.min(n - 1, T975.length - 1)] * (sd / Math.sqrt(n));
  return { low: Math.max(mean - half, Number.MIN_VALUE), high: mean + half };
}
/** Student's t 0.975 quantiles for 0..30 degrees of freedom, then the normal's. */
const T975 = [
  NaN,
  12.706,
  4.303,
  3.182,
  2.776,
  2.571,
  2.447,
  2.365,
  2.306,
  2.262,
  2.228,
  2.201,
  2.179,
  2.16,
  2.145,
  2.131,
  2.12,
  2.11,
  2.101,
  2.093,
  2.086,
  2.08,
  2.074,
  2.069,
  2.064,
  2.06,
  2.056,
  2.052,
  2.048,
  2.045,
  2.042,
  1.96,
];

function row(e: TimingEntry, baseline: TimingEntry | undefined): ComparisonRow {
  const r = e.result,
    p = r.precision;
  const { low, high } = meanInterval(r.timings);
  const base = {
    id: e.id,
    label: e.label,
    file: e.file,
    stmt: e.stmt,
    average: r.average,
    mean: formatTime(r.average, p),
    stdev: formatTime(r.stdev, p),
    best: formatTime(r.best, p),
    loopsAndRuns: `${r.loops.toLocaleString('en-US')} × ${r.repeat}`,
    meanLow: low,
    meanHigh: high,
    isBaseline: e === baseline,
    ...memoryCells(e, baseline),
  };
  if (!baseline) return { ...base, speed: '—', interval: 'nothing else timed with the same inputs' };
  if (e === baseline) return { ...base, speed: 'baseline', interval: 'the others are compared with this one' };
  const oneProcess = e.process !== undefined && e.process === baseline.process;
  const ratio = oneProcess ? compareResults(baseline.result, r) : compareAcrossProcesses(baseline.result, r);
  if (!ratio)
    return {
      ...base,
      speed: `${formatRatio(baseline.result.average / r.average)}×`,
      interval: 'no interval: at least 2 runs each are needed',
    };
  const phrase = verdictPhrase(ratio);
  const cut = phrase.indexOf(' (');
  return {
    ...base,
    ratio,
    speed: phrase.slice(0, cut),
    interval: phrase.slice(cut + 2, -1),
    verdict:
      verdictSentence(
        e.label === baseline.label ? e.stmt : e.label,
        e.label === baseline.label ? baseline.stmt : baseline.label,
        ratio,
      ) + (oneProcess ? '' : ' — timed in separate processes, their spread included'),
  };
}

/**
 * The groups, in the order their first entry was timed, and last the entries compared with nothing.
 * `baselines` maps a group key to the entry the user chose; by default the slowest is the baseline,
 * so the others read "N× faster".
 */
export function comparisonGroups(
  entries: readonly TimingEntry[],
  baselines: Readonly<Record<string, string>> = {},
): ComparisonGroup[] {
  const byKey = new Map<string, TimingEntry[]>();
  for (const e of entries) byKey.set(groupOf(e), [...(byKey.get(groupOf(e)) ?? []), e]);
  const groups: ComparisonGroup[] = [];
  const alone: TimingEntry[] = [];
  for (const [key, members] of byKey) {
    if (key === ALONE || members.length < 2) {
      alone.push(...members);
      continue;
    }
    const baseline =
      members.find((m) => m.id === baselines[key]) ??
      members.reduce((a, b) => (b.result.average > a.result.average ? b : a));
    const rows = members.map((m) => row(m, baseline)).sort((a, b) => a.average - b.average);
    groups.push({ key, title: groupTitle(members[0]), baselineId: baseline.id, rows });
  }
  if (alone.length)
    groups.push({
      key: ALONE,
      title: 'not compared (nothing else timed with the same inputs)',
      rows: alone.map((e) => row(e, undefined)).sort((a, b) => a.average - b.average),
    });
  return groups;
}

/** The verdicts of the group `entryId` belongs to, for the Output channel: the baseline's line first. */
export function verdictLines(
  entries: readonly TimingEntry[],
  entryId: string,
  baselines: Readonly<Record<string, string>> = {},
): string[] {
  const group = comparisonGroups(entries, baselines).find(
    (g) => g.key !== ALONE && g.rows.some((r) => r.id === entryId),
  );
  if (!group) return [];
  const baseline = group.rows.find((r) => r.isBaseline)!;
  return [
    `compared on ${group.title}, baseline ${baseline.label} (${baseline.mean}):`,
    ...group.rows.filter((r) => r.verdict).map((r) => `  ${r.verdict}`),
  ];
}

/** Why a group cannot be re-timed in one process, or undefined when it can. */
export function whyNotInterleaved(entries: readonly TimingEntry[]): string | undefined {
  if (entries.length < 2) return 'a comparison needs at least two implementations';
  if (new Set(entries.map((e) => e.file)).size > 1)
    return 'its implementations are timed from different files (one process loads one module)';
  if (new Set(entries.map((e) => e.setup)).size > 1)
    return 'its implementations have different setups (one process runs one setup)';
  return undefined;
}

/** Bytes allocated per loop, and the ratio to the baseline's when both were measured (within 5 %: the same). */
function memoryCells(
  e: TimingEntry,
  baseline: TimingEntry | undefined,
): Pick<ComparisonRow, 'memory' | 'memoryVersus'> {
  if (!e.memory) return {};
  const memory = `${formatBytes(e.memory.allocatedBytes)}/loop`;
  const base = baseline?.memory;
  if (!base || e === baseline) return { memory };
  return { memory, memoryVersus: memoryVersus(e.memory.allocatedBytes, base.allocatedBytes) };
}
