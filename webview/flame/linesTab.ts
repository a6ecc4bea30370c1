// The Lines tab: line_profiler's table of the profiled function, in place of the chart.
import { h } from '../shared/vscodeApi';
import { state } from './state';

export function createLinesTab(): HTMLElement {
  return h('pre', { id: 'line-report', hidden: true }, state.report ?? '');
}
