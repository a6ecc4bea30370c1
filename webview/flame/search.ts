// Search: functions whose name or file contains the query are outlined, the rest dimmed.
import { searchFunctions } from '../../src/core/flameLayout';
import { h } from '../shared/vscodeApi';
import { draw } from './chart';
import { state } from './state';

export function createSearch(): HTMLElement {
  const search = h('vscode-textfield', { id: 'search', placeholder: 'Search functions', 'aria-label': 'Search functions' });
  search.addEventListener('input', () => { state.search = searchFunctions(state.profile!, (search as unknown as { value: string }).value); draw(); });
  return search;
}
