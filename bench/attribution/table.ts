// Markdown-style tables for the benchmark's output (numbers right-aligned, text left-aligned).

export type Cell = string | number;

const fmtCell = (c: Cell): string => (typeof c === 'number' ? (Number.isFinite(c) ? c.toFixed(1) : '—') : c);

export function table(headers: string[], rows: Cell[][]): string {
  const text = rows.map((r) => r.map(fmtCell));
  // Right-align a column whose cells all read as numbers ("12", "-0.4", "+1.3", "≈ 0", "9.77 ms", "—").
  const numeric = headers.map(
    (_, i) => text.length > 0 && text.every((r) => /^(|—|≈ 0|[-+]?[\d.]+( [µm]?s|×)?)$/.test(r[i] ?? '')),
  );
  const width = headers.map((h, i) => Math.max(h.length, ...text.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (numeric[i] ? c.padStart(width[i]) : c.padEnd(width[i]))).join(' | ')} |`;
  const rule = `|${width.map((w, i) => (numeric[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(headers), rule, ...text.map(line)].join('\n');
}

/** A signed difference in percentage points, e.g. "+1.3". */
export const pp = (d: number): string => {
  if (!Number.isFinite(d)) return '—';
  const r = Math.round(d * 10) / 10 || 0; // no "-0.0"
  return `${r >= 0 ? '+' : ''}${r.toFixed(1)}`;
};

/** Microseconds as µs or ms. */
export const micros = (us: number): string =>
  !Number.isFinite(us) ? '—' : us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} µs`;

/** A fixture line's code, trimmed to fit a table. */
export const code = (text: string | undefined, max = 52): string => {
  const t = (text ?? '').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};
