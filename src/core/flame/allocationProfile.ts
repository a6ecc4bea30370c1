// The Allocations view: V8's sampling heap profile as a FlatProfile whose self and total are bytes
// per execution of the statement (unit 'bytes'), so every flame view, the stats table and the
// tooltips read bytes by call path. The heap profile's nodes are already a call tree (one node per
// function per path), so the conversion keeps them as they are, in pre-order. It is mprun's run:
// each of its line trampolines is shown as the line it stands for (`blur:9`, at that line), and the
// generated statement loop as "(statement)", as in the time flame.
import { STATEMENT_NODE_NAME } from '../lines/attribution';
import { fileOfUrl } from '../source/sourceMapping';
import { isSetupFrame, isStatementFrame, offStackRoots, TRAMPOLINE_NAME, type HeapProfileNode } from '../memory/mprun';
import type { FlatProfile, ProfileFunction } from './profileTypes';

/**
 * Beside the statement: what was allocated off its call stack (an async callee resuming after an
 * `await`, timers, callbacks), under the first JavaScript function of each such stack.
 */
export const OFF_STACK_NODE_NAME = '(after await, callbacks)';

/** The instrumented functions by trampoline id: `<file hash>_<ordinal>` → name and file. */
export type TrampolineOwners = ReadonlyMap<string, { name: string; file: string }>;

function kindOf(f: HeapProfileNode['callFrame'], isRoot: boolean): ProfileFunction['kind'] {
  if (isRoot) return 'root';
  const name = f.functionName;
  if (name === '(garbage collector)') return 'gc';
  if ([STATEMENT_NODE_NAME, OFF_STACK_NODE_NAME, '(program)', '(V8 API)', '(setup)'].includes(name)) return 'program';
  return f.url ? 'js' : 'native';
}

/** A frame as the view shows it: a line trampoline as its line, Hotline's loop as the statement. */
function shownAs(f: HeapProfileNode['callFrame'], owners: TrampolineOwners): HeapProfileNode['callFrame'] {
  const line = TRAMPOLINE_NAME.exec(f.functionName);
  const owner = line && owners.get(line[1]);
  if (owner)
    return {
      functionName: `${owner.name}:${line![2]}`,
      url: owner.file,
      lineNumber: Number(line![2]) - 1,
      columnNumber: 0,
    };
  if (isSetupFrame(f.functionName)) return { ...f, functionName: '(setup)', url: '' };
  if (isStatementFrame(f.functionName)) return { ...f, functionName: STATEMENT_NODE_NAME, url: '' };
  return f;
}

/** Bytes per execution by call path; `executions` is how many executions the profile covered. */
export function flameOfAllocations(
  head: HeapProfileNode,
  executions: number,
  owners: TrampolineOwners = new Map(),
): FlatProfile {
  const functions: ProfileFunction[] = [];
  const functionIndex = new Map<string, number>();
  const parent: number[] = [];
  const func: number[] = [];
  const self: number[] = [];
  const per = Math.max(1, executions);
  const visit = (node: HeapProfileNode, up: number) => {
    const f = shownAs(node.callFrame, owners);
    const isRoot = up === -1;
    const key = `${f.functionName}\0${f.url}\0${f.lineNumber}\0${f.columnNumber ?? 0}`;
    let index = functionIndex.get(key);
    if (index === undefined) {
      index = functions.length;
      functionIndex.set(key, index);
      functions.push({
        name: isRoot ? '(root)' : f.functionName || '(anonymous)',
        file: fileOfUrl(f.url),
        line: f.lineNumber >= 0 && f.url ? f.lineNumber + 1 : 0,
        column: (f.columnNumber ?? -1) >= 0 && f.url ? f.columnNumber! + 1 : 0,
        kind: kindOf(f, isRoot),
      });
    }
    const at = parent.length;
    parent.push(up);
    func.push(index);
    self.push(node.selfSize / per);
    for (const child of node.children) visit(child, at);
  };
  // From the statement down, as the time flame: the runner's own frames above it are not the user's.
  const statements: HeapProfileNode[] = [];
  const find = (node: HeapProfileNode) => {
    if (shownAs(node.callFrame, owners).functionName === STATEMENT_NODE_NAME) statements.push(node);
    else node.children.forEach(find);
  };
  find(head);
  const offStack = offStackRoots(head);
  const beside = offStack.length
    ? [{ callFrame: { functionName: OFF_STACK_NODE_NAME, url: '', lineNumber: -1 }, selfSize: 0, children: offStack }]
    : [];
  visit(statements.length ? { ...head, selfSize: 0, children: [...statements, ...beside] } : head, -1);
  const total = [...self];
  for (let i = parent.length - 1; i > 0; i--) total[parent[i]] += total[i];
  return {
    functions,
    parent,
    func,
    self,
    total,
    duration: 0,
    samples: 0,
    callCounts: null,
    perExecution: per,
    unit: 'bytes',
  };
}
