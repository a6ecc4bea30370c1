// The selected function's timing history (kept across restarts): each run with its code version,
// and how it compares with the run before it ("after your edit: 1.42× faster …").
import { compareAcrossProcesses, formatRatio, verdictPhrase } from '../../src/core/timing/compare';
import { formatTime } from '../../src/core/timing/format';
import { historyKey, processSpreadOf, type HistoryRecord } from '../../src/core/timing/history';
import type { TimingEntry } from '../../src/core/timing/timeitTypes';
import type { TimingsFromWebview } from '../../src/core/protocol/timingsMessages';
import { h } from '../shared/vscodeApi';

const when = (ms: number) =>
  new Date(ms).toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

/**
 * Each timing against the one before it. They ran in separate processes, so the interval holds the
 * spread between processes; with the function's code unchanged, a difference is the machine's or
 * other code's, never called faster or slower.
 */
function versus(
  before: HistoryRecord | undefined,
  r: HistoryRecord,
  spread: number,
): { text: string; edited: boolean } {
  if (!before?.result || !r.result) return { text: 'first run', edited: false };
  const edited = before.contentHash !== r.contentHash;
  const ratio = compareAcrossProcesses(before.result, r.result, spread);
  if (!ratio) return { text: `${edited ? 'after an edit: ' : 'same code: '}no interval (1 run)`, edited };
  if (edited) return { text: `after an edit: ${verdictPhrase(ratio)}`, edited };
  // In time, not speed: "1.08× the time before (1.02–1.15×)".
  const range = `${formatRatio(1 / ratio.high)}–${formatRatio(1 / ratio.low)}×`;
  return {
    text: ratio.significant
      ? `same code, ${formatRatio(1 / ratio.ratio)}× the time before (${range}): the process or the machine, not this function`
      : `same code: within the spread between processes (${range})`,
    edited,
  };
}

export function historySection(
  records: readonly HistoryRecord[],
  enabled: boolean,
  selected: TimingEntry,
  post: (m: TimingsFromWebview) => void,
): HTMLElement {
  const section = h(
    'section',
    { id: 'history', 'aria-label': `History of ${selected.label}` },
    h(
      'h2',
      {},
      'History ',
      h('span', { class: 'muted' }, `(${selected.label} — ${selected.stmt}, across edits and restarts)`),
    ),
  );
  if (!enabled) {
    section.append(h('p', { class: 'muted' }, 'History is off (setting hotline.history.enabled).'));
    return section;
  }
  if (records.length === 0) {
    section.append(h('p', { class: 'muted' }, 'No earlier timings of this statement.'));
    return section;
  }
  const body = h('tbody');
  // Newest first; each timing against the timing before it, profiles listed with their total.
  const timings = records.filter((r) => r.kind === 'timeit');
  const spread = processSpreadOf(records, historyKey(selected));
  [...records].reverse().forEach((r, i) => {
    const p = r.result?.precision ?? 3;
    const vs =
      r.kind === 'profile'
        ? { text: "profile: the function's time per execution (sampled)", edited: false }
        : versus(timings[timings.indexOf(r) - 1], r, spread);
    const figure = r.result
      ? `${formatTime(r.result.average, p)} ± ${formatTime(r.result.stdev, p)}`
      : r.profileSeconds !== undefined
        ? `🔥 ${formatTime(r.profileSeconds)}`
        : '';
    body.append(
      h(
        'tr',
        { class: `history-row ${r.kind}${vs.edited ? ' edited' : ''}${i === 0 ? ' latest' : ''}` },
        h('td', {}, when(r.when)),
        h('td', { class: 'code', title: `code hash ${r.contentHash}` }, r.contentHash.replace(/^fn:/, '').slice(0, 7)),
        h('td', { class: 'num' }, figure),
        h('td', { class: 'verdict' }, vs.text),
      ),
    );
  });
  const table = h(
    'table',
    { id: 'history-table', 'aria-label': `Timing history of ${selected.label}` },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, 'when'),
        h('th', {}, 'code'),
        h('th', { class: 'num' }, 'mean ± std. dev.'),
        h('th', {}, 'vs the run before'),
      ),
    ),
    body,
  );
  const clear = h('vscode-button', { id: 'clear-history', icon: 'trash', secondary: true });
  clear.textContent = 'Clear History';
  clear.addEventListener('click', () => post({ type: 'clearHistory' }));
  section.append(h('div', { class: 'table-wrap' }, table), h('div', { class: 'toolbar' }, clear));
  return section;
}
