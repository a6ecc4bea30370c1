// What the editor shows on a line of a whole run: its heat from its share of the run (Cython's
// ramp, lines/heat.ts), the figure after the line, and a hover with the line's self and total time.
import { heatLevel } from '../lines/heat';
import type { HotLineView } from '../lines/hotLineModel';
import type { WholeRunReport } from './runReport';
import { formatMs as ms } from './runText';

const pct = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)} %` : '—');

/** Links that run Time / Profile / Explain on the function with the arguments the run passed it. */
export const DRILL_DOWN_COMMANDS = [
  'hotline.timeWithRunInputs',
  'hotline.profileWithRunInputs',
  'hotline.explainWithRunInputs',
];
function drillDown(fn: string, file: string, line: number): string {
  const args = encodeURIComponent(JSON.stringify([{ row: { file, line } }]));
  const [time, profile, explain] = DRILL_DOWN_COMMANDS.map((c) => `command:${c}?${args}`);
  return `With the inputs the run passed \`${fn}\`: [⏱ Time](${time}) · [🔥 Profile](${profile}) · [🔎 Explain](${explain})`;
}

export function runHotLineViews(report: WholeRunReport, file: string): HotLineView[] {
  return report.lines
    .filter((l) => l.file === file && l.totalMs > 0)
    .map((l) => {
      const share = report.totalMs > 0 ? l.totalMs / report.totalMs : 0;
      const processes = l.pids.length === 1 ? `pid ${l.pids[0]}` : `${l.pids.length} processes`;
      const hover = [
        `**🔥 Hotline** — line ${l.line}${l.function ? ` of \`${l.function}\`` : ''} in the whole run`,
        '',
        '| | |',
        '|---|---:|',
        `| Time (with what it calls) | ${ms(l.totalMs)} |`,
        `| on the line itself | ${ms(l.selfMs)} |`,
        `| % of the run | ${pct(l.totalMs, report.totalMs)} |`,
        `| ran in | ${processes} |`,
        ...(l.origin === 'mine' && l.function ? ['', drillDown(l.function, l.file, l.line)] : []),
        '',
        `_Sampled over the whole run (${ms(report.totalMs)} busy in ${report.processes.length} thread(s)); time includes the calls the line makes, as in line_profiler._`,
      ].join('\n');
      return {
        line: l.line - 1,
        level: heatLevel(share),
        figure: `${pct(l.totalMs, report.totalMs)} · ${ms(l.totalMs)} (self ${pct(l.selfMs, report.totalMs)})`,
        hover,
      };
    });
}
