// What the editor shows for a profiled line: its heat level, the short figure after the line,
// and the hover that expands it (like the "+" of Cython's annotated HTML).
import { formatTime, withThousands } from '../timing/format';
import { heatLevel } from './heat';
import type { FunctionProfile, LineProfile, LineStat } from './lineProfile';
import { lineMicros } from './lineProfilerReport';
import { deltaLabel } from './profileDiff';
import { formatRatio, sampledChange } from '../timing/compare';

export interface HotLineView {
  line: number;
  level: number;
  figure: string;
  hover: string;
}

/** A line's time per execution before the user's last edit (1-based line, as LineDelta). */
export interface LineBefore {
  line: number;
  before: number;
  /** The samples behind `before`: with them the change gets an interval and is hidden within noise. */
  beforeSamples?: number;
}

const time = (micros: number) => formatTime(micros * 1e-6);
const pct = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '—');

/** The function whose figures the line shows (the one that spent the most time there), for its "% of function". */
function owner(functions: readonly FunctionProfile[], file: string, line: number): FunctionProfile | undefined {
  let best: FunctionProfile | undefined;
  let bestMicros = -1;
  for (const f of functions) {
    if (f.file !== file || line < f.startLine || line > f.endLine) continue;
    const micros = f.lines.find((l) => l.line === line)?.micros ?? -1;
    if (
      micros > bestMicros ||
      (micros === bestMicros && best && f.endLine - f.startLine < best.endLine - best.startLine)
    ) {
      best = f;
      bestMicros = micros;
    }
  }
  return best;
}

/**
 * A line's time per execution, or how few samples it rests on: one sample spread over millions of
 * executions reads as a fraction of a nanosecond, which is below what the sampler resolves.
 */
function resolvedTime(micros: number, share: number, profile: Pick<LineProfile, 'samples'>): string {
  const samples = share * profile.samples;
  if (profile.samples <= 0 || samples >= 1.5) return time(micros);
  return samples < 0.5 ? `~${time(micros)} (< 1 sample)` : `~${time(micros)} (1 sample)`;
}

export function hotLineViews(
  profile: LineProfile,
  file: string,
  beforeEdit: readonly LineBefore[] = [],
  /** Markdown after the hover (the link to the memory heat, when the lines were measured by memory too). */
  hoverFooter = '',
): HotLineView[] {
  const lines = profile.files.find((f) => f.file === file)?.lines ?? [];
  const before = new Map(beforeEdit.map((d) => [d.line, d]));
  return lines
    .filter((s) => lineMicros(s) > 0)
    .map((s) => {
      const micros = lineMicros(s);
      const share = profile.totalMicros > 0 ? micros / profile.totalMicros : 0;
      const fn = owner(profile.functions, file, s.line);
      const hits = s.hits ?? 0;
      const was = before.get(s.line);
      const change = was && changeSinceEdit(was, micros, profile);
      const figure = `${pct(micros, profile.totalMicros)} · ${resolvedTime(micros, share, profile)}${hits ? ` · ${withThousands(hits)} hit${hits === 1 ? '' : 's'}` : ''}${change?.shown ? `   ${change.label}` : ''}`;
      const edited = change ? `\n\n**Since your edit:** ${change.hover}` : '';
      const footer = hoverFooter ? `\n\n${hoverFooter}` : '';
      return {
        line: s.line - 1,
        level: heatLevel(share),
        figure,
        hover: hover(s, micros, fn, profile) + edited + footer,
      };
    });
}

/**
 * A line's change since the edit. Its figures are sample counts, so with the counts known the
 * change gets a 95 % interval (compare.ts, sampledChange) and is shown on the line only when
 * significant; the hover always says which.
 */
export function changeSinceEdit(
  was: LineBefore,
  micros: number,
  profile: Pick<LineProfile, 'totalMicros' | 'samples'>,
): { shown: boolean; label: string; hover: string } {
  const label = deltaLabel(was.before, micros);
  const figures = `${time(was.before)} → ${time(micros)} per execution`;
  if (was.beforeSamples === undefined || profile.samples <= 0 || profile.totalMicros <= 0)
    return { shown: true, label, hover: `${figures} (${label})` };
  const samples = (micros * profile.samples) / profile.totalMicros;
  const c = sampledChange({ micros: was.before, samples: was.beforeSamples }, { micros, samples });
  const range = `${formatRatio(c.low)}–${formatRatio(c.high)}× the time before`;
  return c.significant
    ? { shown: true, label, hover: `${figures} (${label}; 95 % CI ${range})` }
    : {
        shown: false,
        label,
        hover: `${figures}: no significant change (95 % CI ${range}, from ${Math.round(was.beforeSamples)} and ${Math.round(samples)} samples)`,
      };
}

function hover(s: LineStat, micros: number, fn: FunctionProfile | undefined, profile: LineProfile): string {
  const hits = s.hits ?? 0;
  const rows = [
    ['Hits (exact)', s.hits === null ? '—' : withThousands(hits)],
    ['Time', `${time(micros)} per execution`],
    ['Per Hit', hits > 0 ? time(micros / hits) : '—'],
    [`% of ${fn?.name ?? 'function'}`, fn ? pct(micros, fn.totalMicros) : '—'],
    ['% of total', pct(micros, profile.totalMicros)],
    ['on the line itself', time(s.selfMicros)],
    ['in calls it makes', time(micros - s.selfMicros)],
  ];
  const md = [
    `**🔥 Hotline** — line ${s.line}${fn ? ` of \`${fn.name}\`` : ''}`,
    '',
    '| | |',
    '|---|---:|',
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
  ];
  if (s.callees.length) {
    md.push(
      '',
      '**Calls from this line** (by call site)',
      ...s.callees
        .slice(0, 8)
        .map(
          (c) =>
            `- \`${c.name}\` at column ${c.column}: ${time(c.micros)} (${pct(c.micros, micros)})${c.inlined ? ' · inlined by TurboFan' : ''}`,
        ),
    );
    if (s.callees.length > 8) md.push(`- … ${s.callees.length - 8} more`);
  }
  md.push(
    '',
    `_Time includes the calls the line makes, as in line_profiler. ${withThousands(profile.samples)} samples over ${withThousands(profile.executions)} executions; Hits from one execution._`,
  );
  return md.join('\n');
}
