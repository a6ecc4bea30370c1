// The line_profiler text report (`%lprun` / `kernprof -lv`), column for column:
//   Timer unit: 1e-09 s / Total time / File / Function header, then
//   Line #  Hits  Time  Per Hit  % Time  Line Contents  with widths 6/9/12/8/8.
// With V8's verdicts, a "V8" column of one-letter marks comes before the contents and each finding
// is spelled out under the table.
import { formatG, formatTime, withThousands } from '../timing/format';
import type { FunctionProfile, LineProfile, LineStat } from './lineProfile';
import { verdictMessage, type Verdict, type VerdictKind } from '../verdicts/verdicts';
import { formatBytes } from '../memory/memit';
import type { MprunFunction } from '../memory/mprun';

/** One letter per verdict kind in the report's V8 column. */
export const VERDICT_MARK: Record<VerdictKind, string> = {
  deopt: 'D',
  megamorphic: 'M',
  polymorphic: 'P',
  'elements kind': 'E',
  'out of bounds': 'O',
  'dictionary mode': 'H',
  'not optimised': 'U',
};

/** The V8 column's legend. */
export const VERDICT_LEGEND =
  'D deopt, M megamorphic, P polymorphic, E elements kind, O out of bounds, H dictionary mode (hash table), U not optimised';

export const TIMER_UNIT = 1e-9;
const TEMPLATE_WIDTHS = [6, 9, 12, 8, 8, 11];

/** `%5.1f`, or `%5.3g` when that would not fit the column, as line_profiler does. */
function timeCell(value: number, width: number): string {
  const fixed = value.toFixed(1).padStart(5);
  return fixed.length > width ? formatG(value, 3).padStart(5) : fixed;
}

function row(cells: string[], contents: string, mark?: string): string {
  return `${cells.map((c, i) => c.padStart(TEMPLATE_WIDTHS[i])).join(' ')}  ${mark === undefined ? '' : `${mark.padEnd(3)} `}${contents}`;
}

/** line_profiler's Time of a line: the line itself and everything it calls. */
export const lineMicros = (s: LineStat) => s.micros;

/** The table of one function: its own lines (a nested function's lines are its own table's). */
export function functionReport(
  fn: FunctionProfile,
  sourceLines: readonly string[],
  displayFile = fn.file,
  verdicts?: readonly Verdict[],
  /** mprun's bytes per line: an Allocated column (per execution, what the line's calls allocate included). */
  memory?: MprunFunction,
): string {
  const bytes = memory && new Map(memory.lines.filter((l) => l.hits > 0).map((l) => [l.line, l.allocatedBytes]));
  const allocated = (n: number) => (bytes ? [bytes.has(n) ? formatBytes(bytes.get(n)!) : ''] : []);
  const lines = new Map(fn.lines.map((l) => [l.line, l]));
  const totalUnits = (fn.totalMicros * 1e-6) / TIMER_UNIT;
  const own = (verdicts ?? []).filter((v) => v.file === fn.file && v.line >= fn.startLine && v.line <= fn.endLine);
  const markOf = (line: number) =>
    verdicts ? [...new Set(own.filter((v) => v.line === line).map((v) => VERDICT_MARK[v.kind]))].join('') : undefined;
  const header = row(
    ['Line #', 'Hits', 'Time', 'Per Hit', '% Time', ...(bytes ? ['Allocated'] : [])],
    'Line Contents',
    verdicts ? 'V8' : undefined,
  );
  const out = [
    `Timer unit: ${formatG(TIMER_UNIT, 6)} s`,
    '',
    `Total time: ${formatG(fn.totalMicros * 1e-6, 6)} s`,
    `File: ${displayFile}`,
    `Function: ${fn.name} at line ${fn.startLine}`,
    '',
    header,
    '='.repeat(header.length),
  ];
  for (let n = fn.startLine; n <= fn.endLine; n++) {
    const s = lines.get(n);
    const text = (sourceLines[n - 1] ?? '').replace(/\r$/, '');
    const units = s ? (lineMicros(s) * 1e-6) / TIMER_UNIT : 0;
    if (!s || (s.hits === null && units === 0)) {
      out.push(row([String(n), '', '', '', '', ...allocated(n)], text, markOf(n)));
      continue;
    }
    const hits = s.hits ?? 0;
    out.push(
      row(
        [
          String(n),
          s.hits === null ? '' : String(hits),
          units > 0 || hits > 0 ? timeCell(units, 12) : '',
          hits > 0 && units > 0 ? timeCell(units / hits, 8) : '',
          totalUnits > 0 && units > 0 ? ((100 * units) / totalUnits).toFixed(1).padStart(5) : '',
          ...allocated(n),
        ],
        text,
        markOf(n),
      ),
    );
  }
  if (verdicts) {
    out.push('', own.length ? `V8's verdicts (${VERDICT_LEGEND}):` : "V8's verdicts: none on these lines.");
    for (const v of own) out.push(`  ${v.line}:${v.column}  ${VERDICT_MARK[v.kind]}  ${verdictMessage(v)}`);
  }
  if (fn.totalMicros > 0 && fn.unplacedMicros > 0.05 * fn.totalMicros) {
    out.push(
      '',
      `${((100 * fn.unplacedMicros) / fn.totalMicros).toFixed(0)} % of ${fn.name}'s time was in V8 builtins (property lookups, string and array operations) that V8 sampled without the line calling them; it is shared out over ${fn.name}'s lines by their own time.`,
    );
  }
  if (memory)
    out.push(
      '',
      `Allocated: bytes per execution, what the line's calls allocate included (${formatBytes(memory.totalBytes)} in ${memory.name}, measured apart by mprun)${memory.ownBytes > 0 ? `; ${formatBytes(memory.ownBytes)} of it from ${memory.name}'s own code between its calls and literals, on no line` : ''}.`,
    );
  if (fn.recursive)
    out.push(
      '',
      `${fn.name} recurses: each line counts once per stack, so a sample can be on several lines at once and the lines add up to more than the total.`,
    );
  return out.join('\n');
}

/** What the profile describes: the steady state after a warm-up, or the cold start. */
export function warmUpNote(profile: LineProfile): string {
  const w = profile.warmUp;
  if (w === undefined) return '';
  if (w === null) return 'cold start: sampled from the first execution, JIT warm-up included';
  const how = w.settled
    ? `settled at ${formatTime(w.lastMs * 1e-3)} per execution`
    : `not settled within ${(w.ms / 1000).toFixed(1)} s: ${formatTime(w.firstMs * 1e-3)} → ${formatTime(w.lastMs * 1e-3)} per execution`;
  return `steady state: sampled after a warm-up of ${withThousands(w.executions)} executions in ${(w.ms / 1000).toFixed(1)} s (${how})`;
}

/** The line under the tables: how much the Time figures rest on, and the time no line can hold. */
export function samplesNote(profile: LineProfile): string {
  const gc =
    profile.gcMicros > 0 && profile.totalMicros > 0
      ? `; GC: ${formatTime(profile.gcMicros * 1e-6)} per execution, ${((100 * profile.gcMicros) / profile.totalMicros).toFixed(1)} % of ${formatTime(profile.totalMicros * 1e-6)} — not on any line (V8 samples no stack while it collects)`
      : '';
  const warm = warmUpNote(profile);
  return `${withThousands(profile.samples)} samples over ${withThousands(profile.executions)} executions (Time per execution, callees included)${gc}; Hits exact from one execution${warm ? `; ${warm}` : ''}`;
}
