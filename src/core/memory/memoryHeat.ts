// What the editor shows for a line by memory (mprun): its heat from its share of the bytes the
// statement allocates (Cython's ramp, as time's), the figure after the line, and the hover.
import { heatLevel } from '../lines/heat';
import type { HotLineView } from '../lines/hotLineModel';
import { formatBytes } from './memit';
import { formatHits, type MprunFunction } from './mprun';

export const SWITCH_HEAT_COMMAND = 'hotline.switchHeat';

const pct = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '—');

/** The link, in either heat's hover, to the other one. */
export function switchHeatLink(to: 'time' | 'memory'): string {
  return `[$(arrow-swap) Show lines by ${to}](command:${SWITCH_HEAT_COMMAND})`;
}

/** One view per line of `fn` that allocated (0-based lines, as the editor's). */
export function memoryLineViews(fn: MprunFunction, statementBytes: number, executions: number): HotLineView[] {
  return fn.lines
    .filter((l) => l.hits > 0 && l.allocatedBytes >= 0.5)
    .map((l) => {
      const share = statementBytes > 0 ? l.allocatedBytes / statementBytes : 0;
      const rows = [
        ['Allocated', `${formatBytes(l.allocatedBytes)} per execution`],
        ['Runs', `${formatHits(l.hits)} per execution`],
        ['V8 heap', formatBytes(l.heapBytes)],
        ['ArrayBuffer memory', formatBytes(l.arrayBufferBytes)],
        [`% of ${fn.name}`, pct(l.allocatedBytes, fn.totalBytes)],
        ['% of the statement', pct(l.allocatedBytes, statementBytes)],
      ];
      const hover = [
        `**🧠 Hotline** — line ${l.line} of \`${fn.name}\`, by memory`,
        '',
        '| | |',
        '|---|---:|',
        ...rows.map(([k, v]) => `| ${k} | ${v} |`),
        '',
        `_Bytes the line allocates, what its calls allocate included (garbage too), averaged over ${executions.toLocaleString('en-US')} executions, as %mprun with V8's heap profiler._`,
        '',
        switchHeatLink('time'),
      ].join('\n');
      return {
        line: l.line - 1,
        level: heatLevel(share),
        figure: `${formatBytes(l.allocatedBytes)}/exec · ${pct(l.allocatedBytes, statementBytes)}`,
        hover,
      };
    });
}
