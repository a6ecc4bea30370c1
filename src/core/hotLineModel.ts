// What the editor shows for a profiled line: its heat level, the short figure after the line,
// and the hover that expands it (like the "+" of Cython's annotated HTML).
import { formatTime, withThousands } from './format';
import { heatLevel } from './heat';
import type { FunctionSummary, LineProfile, LineStat } from './lineProfile';
import { lineMicros } from './lineProfilerReport';

export interface HotLineView { line: number; level: number; figure: string; hover: string }

const time = (micros: number) => formatTime(micros * 1e-6);
const pct = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '—');

/** The function a line belongs to (innermost span), for its "% of function". */
function owner(functions: readonly FunctionSummary[], file: string, line: number): FunctionSummary | undefined {
  return functions.filter((f) => f.file === file && f.startLine <= line && line <= f.endLine)
    .sort((a, b) => (a.endLine - a.startLine) - (b.endLine - b.startLine))[0];
}

export function hotLineViews(profile: LineProfile, file: string): HotLineView[] {
  const lines = profile.files.find((f) => f.file === file)?.lines ?? [];
  return lines.filter((s) => lineMicros(s) > 0).map((s) => {
    const micros = lineMicros(s);
    const share = profile.totalMicros > 0 ? micros / profile.totalMicros : 0;
    const fn = owner(profile.functions, file, s.line);
    const hits = s.hits ?? 0;
    const figure = `${pct(micros, profile.totalMicros)} · ${time(micros)}${hits ? ` · ${withThousands(hits)} hit${hits === 1 ? '' : 's'}` : ''}`;
    return { line: s.line - 1, level: heatLevel(share), figure, hover: hover(s, micros, fn, profile) };
  });
}

function hover(s: LineStat, micros: number, fn: FunctionSummary | undefined, profile: LineProfile): string {
  const hits = s.hits ?? 0;
  const rows = [
    ['Hits (exact)', s.hits === null ? '—' : withThousands(hits)],
    ['Time', `${time(micros)} per execution`],
    ['Per Hit', hits > 0 ? time(micros / hits) : '—'],
    [`% of ${fn?.name ?? 'function'}`, fn ? pct(micros, fn.totalMicros) : '—'],
    ['% of total', pct(micros, profile.totalMicros)],
    ['self / inlined', `${time(s.selfMicros)} / ${time(s.inlinedMicros)}`],
  ];
  const md = [`**🔥 Hotline** — line ${s.line}${fn ? ` of \`${fn.name}\`` : ''}`, '', '| | |', '|---|---:|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)];
  if (s.inlinedMicros > 0) md.push('', `$(info) ${time(s.inlinedMicros)} came from a callee V8 inlined here; it is shown on this line, labelled, not mixed into the caller's lines.`);
  if (s.callees.length) md.push('', '**Calls**', ...s.callees.slice(0, 8).map((c) => `- \`${c.name}\` ${time(c.micros)}`));
  md.push('', `_${withThousands(profile.samples)} samples over ${withThousands(profile.executions)} executions; Hits from one execution._`);
  return md.join('\n');
}
