// `hotline run`'s text report: the processes sampled, then the hottest lines of the whole run
// (by self time, the line's own work; total beside it includes what it calls), then the hottest
// functions. Paths are shown relative to the working directory when inside it.
import fs from 'node:fs';
import path from 'node:path';
import { splitLines } from '../source/sourceLines';
import { bySelf, type Origin, type WholeRunReport } from './runReport';

export interface RunTextOptions {
  cwd: string;
  /** Text of a source line (1-based), for the line column. */
  lineText: (file: string, line: number) => string | undefined;
  top?: number;
}

const ORIGIN_TAG: Record<Origin, string> = { mine: '', dependency: '  [dependency]', node: '  [node]' };

export function shownPath(file: string, cwd: string): string {
  if (!path.isAbsolute(file)) return file;
  const rel = path.relative(cwd, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}

/** A line as the report shows it: a minified bundle's line of 50,000 characters is cut. */
const MAX_LINE_TEXT = 100;
export const excerpt = (text: string): string =>
  text.length <= MAX_LINE_TEXT ? text : `${text.slice(0, MAX_LINE_TEXT - 1)}…`;

const percent = (ms: number, of: number) => `${of > 0 ? ((100 * ms) / of).toFixed(1) : '0.0'} %`.padStart(7);

/** Milliseconds as the reports show them: three digits, in s, ms or µs. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toPrecision(3)} s`;
  if (ms >= 1) return `${ms.toPrecision(3)} ms`;
  return `${(ms * 1000).toPrecision(3)} µs`;
}

export function processLines(report: WholeRunReport): string[] {
  return report.processes.map((p) => {
    const what = p.argv.length
      ? p.argv.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')
      : '(command line not noted)';
    const thread = p.thread === 'worker' ? 'worker thread of ' : '';
    return `  pid ${p.pid}  ${formatMs(p.busyMs).padStart(8)} busy  ${String(p.samples).padStart(6)} samples  ${thread}${what}`;
  });
}

export function runReportText(report: WholeRunReport, options: RunTextOptions): string {
  const top = options.top ?? 20;
  const total = report.totalMs;
  const out: string[] = [];
  out.push(`Whole run: ${formatMs(total)} busy in ${report.processes.length} sampled thread(s)`);
  out.push(...processLines(report));
  out.push('');
  out.push(
    `Hottest lines of your code and its dependencies (self: the line alone; total: with what it calls; % of ${formatMs(total)})`,
  );
  out.push('   self    total   line');
  // Node's own lines are where the time is spent inside Node's API: their time is in the totals of
  // the lines that called them, and their functions are in the table below.
  for (const l of bySelf(report.lines.filter((r) => r.origin !== 'node')).slice(0, top)) {
    const where = `${shownPath(l.file, options.cwd)}:${l.line}`;
    const source = options.lineText(l.file, l.line)?.trim();
    const text = source !== undefined ? excerpt(source) : l.function ? `(in ${l.function})` : '';
    out.push(`${percent(l.selfMs, total)} ${percent(l.totalMs, total)}   ${where}   ${text}${ORIGIN_TAG[l.origin]}`);
  }
  out.push('');
  out.push('Hottest functions');
  out.push('   self    total   function');
  for (const f of bySelf(report.functions).slice(0, top)) {
    const where = `${shownPath(f.file, options.cwd)}:${f.line}`;
    out.push(`${percent(f.selfMs, total)} ${percent(f.totalMs, total)}   ${f.name}  ${where}${ORIGIN_TAG[f.origin]}`);
  }
  return out.join('\n');
}

/** Source lines (1-based) of files on disk, each file read once; undefined when it cannot be read. */
export function fileLineReader(): (file: string, line: number) => string | undefined {
  const files = new Map<string, string[] | undefined>();
  return (file, line) => {
    if (!files.has(file)) {
      let lines: string[] | undefined;
      try {
        lines = splitLines(fs.readFileSync(file, 'utf8'));
      } catch {
        lines = undefined;
      }
      files.set(file, lines);
    }
    return files.get(file)?.[line - 1];
  };
}
