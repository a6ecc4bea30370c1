// A self-contained annotated report in the spirit of `cython -a`: the function's source, each line
// on the editor's heat ramp by its share of the time, Hits / Time / % beside it, and a "+" that
// expands the line (hits, time, the calls it makes, V8's verdicts). One HTML file with no script
// and no remote resource; <details> does the expanding; light and dark by prefers-color-scheme.
import { formatTime, withThousands } from '../timing/format';
import { HEAT_LEVELS, heatLevel } from '../lines/heat';
import type { FunctionProfile, LineProfile, LineStat } from '../lines/lineProfile';
import { samplesNote, VERDICT_MARK } from '../lines/lineProfilerReport';
import { verdictMessage, type Verdict } from './verdicts';
import { formatBytes } from '../memory/memit';
import type { LineBytes, MprunFunction } from '../memory/mprun';

export interface AnnotatedFunction {
  fn: FunctionProfile;
  /** The file's source lines. */
  source: readonly string[];
  displayFile: string;
  /** mprun's bytes per line: an Allocated column, and the bytes in each line's details. */
  memory?: MprunFunction;
}

export interface AnnotateInput {
  title: string;
  profile: LineProfile;
  functions: AnnotatedFunction[];
  verdicts: readonly Verdict[];
  /** e.g. "Hotline 0.1.0 · Node v20 · esbuild 0.28" */
  producedBy: string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const time = (micros: number) => formatTime(micros * 1e-6);

/** The editor's default heat ramps (package.json contributes.colors): amber on light, orange on dark. */
function heatCss(): string {
  const alphas = (from: number, to: number) =>
    Array.from({ length: HEAT_LEVELS }, (_, i) => Math.round(from + ((to - from) * i) / (HEAT_LEVELS - 1)));
  const light = alphas(0x21, 0x94)
    .map((a, i) => `.h${i + 1}{background:#FFD700${a.toString(16).padStart(2, '0')}}`)
    .join('');
  const dark = alphas(0x1a, 0x7a)
    .map((a, i) => `.h${i + 1}{background:#FFAA00${a.toString(16).padStart(2, '0')}}`)
    .join('');
  return `${light}\n@media (prefers-color-scheme: dark){${dark}}`;
}

const STYLE = `
:root{color-scheme:light dark;--fg:#1f2328;--bg:#ffffff;--muted:#57606a;--rule:#d0d7de;--code:#f6f8fa;
--deopt:#B3261E;--megamorphic:#7B1FA2;--polymorphic:#0B57D0;--notopt:#455A64;--elements:#A15C00;--oob:#00695C;--dict:#AD1457}
@media (prefers-color-scheme: dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;--rule:#30363d;--code:#161b22;
--deopt:#FF8A80;--megamorphic:#E1A6FF;--polymorphic:#82B1FF;--notopt:#B0BEC5;--elements:#FFB74D;--oob:#4DB6AC;--dict:#F48FB1}}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);margin:2rem auto;max-width:75rem;padding:0 1rem}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}p.meta{color:var(--muted)}
.lines{font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;border-top:1px solid var(--rule)}
details{border-bottom:1px solid var(--rule)}
summary{display:grid;grid-template-columns:1.2em 3.5em 7em 6.5em 4.5em 2.5em 1fr;gap:.5em;cursor:pointer;list-style:none;padding:0 .3em;white-space:pre}
summary::-webkit-details-marker{display:none}
summary .plus::before{content:"+";color:var(--muted)}details[open] summary .plus::before{content:"−"}
summary.blank{cursor:default}summary.blank .plus::before{content:""}
.num{text-align:right;color:var(--muted)}.src{overflow:hidden;text-overflow:ellipsis}
.marks b{font-weight:700;margin-right:.15em}.D{color:var(--deopt)}.M{color:var(--megamorphic)}.P{color:var(--polymorphic)}.U{color:var(--notopt)}.E{color:var(--elements)}.O{color:var(--oob)}.H{color:var(--dict)}
.more{background:var(--code);padding:.5em 1em .7em 5.5em;font:13px/1.5 system-ui,sans-serif}
.more table{border-collapse:collapse}.more td{padding:0 1em 0 0}.more ul{margin:.3em 0;padding-left:1.2em}
.mem summary{grid-template-columns:1.2em 3.5em 7em 6.5em 4.5em 6.5em 2.5em 1fr}
.legend span{margin-right:1.2em}.head{font-weight:600;color:var(--muted)}
${heatCss()}
`;

function lineDetails(
  s: LineStat | undefined,
  fn: FunctionProfile,
  total: number,
  verdicts: readonly Verdict[],
  bytes?: LineBytes,
): string {
  const rows: string[] = [];
  if (bytes)
    rows.push(
      `<tr><td>Allocated</td><td>${formatBytes(bytes.allocatedBytes)} per execution (V8 heap ${formatBytes(bytes.heapBytes)}, ArrayBuffer ${formatBytes(bytes.arrayBufferBytes)}), its calls included</td></tr>`,
    );
  if (s) {
    const hits = s.hits ?? 0;
    rows.push(
      `<tr><td>Hits (exact)</td><td>${s.hits === null ? '—' : withThousands(hits)}</td></tr>`,
      `<tr><td>Time</td><td>${time(s.micros)} per execution</td></tr>`,
      `<tr><td>Per Hit</td><td>${hits > 0 && s.micros > 0 ? time(s.micros / hits) : '—'}</td></tr>`,
      `<tr><td>% of ${escapeHtml(fn.name)}</td><td>${fn.totalMicros > 0 ? ((100 * s.micros) / fn.totalMicros).toFixed(1) : '—'} %</td></tr>`,
      `<tr><td>% of the run</td><td>${total > 0 ? ((100 * s.micros) / total).toFixed(1) : '—'} %</td></tr>`,
      `<tr><td>on the line itself / in calls</td><td>${time(s.selfMicros)} / ${time(s.micros - s.selfMicros)}</td></tr>`,
    );
  }
  const calls = s?.callees.length
    ? `<p>Calls from this line:</p><ul>${s.callees
        .slice(0, 12)
        .map(
          (c) =>
            `<li><code>${escapeHtml(c.name)}</code> at column ${c.column}: ${time(c.micros)}${c.inlined ? ' (inlined by TurboFan)' : ''}</li>`,
        )
        .join('')}</ul>`
    : '';
  const said = verdicts.length
    ? `<p>V8's verdicts:</p><ul>${verdicts.map((v) => `<li><b class="${VERDICT_MARK[v.kind]}">${VERDICT_MARK[v.kind]}</b> ${escapeHtml(verdictMessage(v)).replace(/`([^`]+)`/g, '<code>$1</code>')}</li>`).join('')}</ul>`
    : '';
  return `<div class="more">${rows.length ? `<table>${rows.join('')}</table>` : ''}${calls}${said}</div>`;
}

function functionSection(f: AnnotatedFunction, profile: LineProfile, verdicts: readonly Verdict[]): string {
  const { fn, memory } = f;
  const stats = new Map(fn.lines.map((l) => [l.line, l]));
  const bytesAt = new Map(memory?.lines.filter((l) => l.hits > 0).map((l) => [l.line, l]));
  const rows: string[] = [];
  for (let n = fn.startLine; n <= fn.endLine; n++) {
    const s = stats.get(n);
    const mine = verdicts.filter((v) => v.file === fn.file && v.line === n);
    const level = s && profile.totalMicros > 0 ? heatLevel(s.micros / profile.totalMicros) : 0;
    const marks = [...new Set(mine.map((v) => VERDICT_MARK[v.kind]))].map((m) => `<b class="${m}">${m}</b>`).join('');
    const pct = s && fn.totalMicros > 0 && s.micros > 0 ? `${((100 * s.micros) / fn.totalMicros).toFixed(1)}` : '';
    const cells =
      `<span class="plus"></span><span class="num">${n}</span><span class="num">${s?.hits != null ? withThousands(s.hits) : ''}</span>` +
      `<span class="num">${s && s.micros > 0 ? time(s.micros) : ''}</span><span class="num">${pct}</span>` +
      (memory ? `<span class="num">${bytesAt.has(n) ? formatBytes(bytesAt.get(n)!.allocatedBytes) : ''}</span>` : '') +
      `<span class="marks">${marks}</span>` +
      `<span class="src">${escapeHtml(f.source[n - 1] ?? '') || ' '}</span>`;
    const expandable = (s && (s.hits !== null || s.micros > 0)) || mine.length > 0 || bytesAt.has(n);
    rows.push(
      expandable
        ? `<details><summary class="h${level}" title="line ${n}">${cells}</summary>${lineDetails(s, fn, profile.totalMicros, mine, bytesAt.get(n))}</details>`
        : `<details><summary class="blank h${level}">${cells}</summary></details>`,
    );
  }
  return `<h2>${escapeHtml(fn.name)} <small>— ${escapeHtml(f.displayFile)}:${fn.startLine}</small></h2>
<p class="meta">Total time ${time(fn.totalMicros)} per execution${memory ? ` · ${formatBytes(memory.totalBytes)} allocated per execution (Allocated: what each line and its calls allocate, measured by mprun)` : ''} · ${fn.calls === null ? 'calls unknown' : `${withThousands(fn.calls)} call${fn.calls === 1 ? '' : 's'}`}${fn.recursive ? ' · recursive: lines overlap' : ''}</p>
<div class="lines${memory ? ' mem' : ''}"><details><summary class="blank head"><span></span><span class="num">Line</span><span class="num">Hits</span><span class="num">Time</span><span class="num">%</span>${memory ? '<span class="num">Allocated</span>' : ''}<span>V8</span><span>Line Contents</span></summary></details>
${rows.join('\n')}</div>`;
}

export function annotateHtml(input: AnnotateInput): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)}</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(input.title)}</h1>
<p class="meta">${escapeHtml(samplesNote(input.profile))}.<br>Line colour: share of the statement's time (${time(input.profile.totalMicros)} per execution), as in the editor. Click a line to expand it. ${escapeHtml(input.producedBy)}</p>
<p class="legend"><span><b class="D">D</b> deopt</span><span><b class="M">M</b> megamorphic</span><span><b class="P">P</b> polymorphic</span><span><b class="E">E</b> elements kind</span><span><b class="O">O</b> out of bounds</span><span><b class="H">H</b> dictionary mode</span><span><b class="U">U</b> not optimised</span></p>
${input.functions.map((f) => functionSection(f, input.profile, input.verdicts)).join('\n')}
</body></html>
`;
}
