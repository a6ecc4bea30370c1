// line_profiler's semantics from V8's own samples (src/core/v8log): a line's Time is the time
// spent executing it, including everything it calls, credited to the call site that made the
// call. Every sample is a full stack with exact positions (inlined frames restored), so:
//  - each frame of the stack credits the sample to the line (and column) it is executing or calling;
//  - recursion counts once per stack: a function's total takes a sample once however deep it
//    recurses, and each line once, at its outermost frame, so no line exceeds 100 %. A function's
//    lines add up to its Total time, except in recursion, where one sample is on several of its
//    lines at once (the recursive call's line and the line doing the work below it);
//  - positions map through each script's own source map (code inlined from another file is mapped
//    through that file's map, never the caller's).
// Hits come from the coverage run (lineHits.ts). The same stacks give the statement's call tree as
// a `.cpuprofile` (original positions, inlined frames as real nodes) for the flame panel.
import type {
  CpuProfile,
  CpuProfileNode,
  FileLines,
  FunctionProfile,
  LineCallee,
  LineOwner,
  LineProfile,
  LineStat,
} from './lineProfile';
import { lineHits, type LineHit } from './lineHits';
import {
  extentsOf,
  SourceResolver,
  type FunctionInfo,
  type MappedFrame,
  type ResolverInput,
} from '../source/sourceResolver';
import { fileOfUrl, ScriptMapper } from '../source/sourceMapping';
import type { Frame, Sample } from '../v8log/stacks';

export const STATEMENT_NODE_NAME = '(statement)';
const VM_STATE_IDLE = 8;

export interface AttributionInput extends ResolverInput {
  /** Name prefix of the generated function that runs the statement; frames outside it are the harness. */
  statementPrefix: string;
  /** Name prefix of the generated function that runs the setup: its samples are not the statement's. */
  setupPrefix: string;
  /** Names of the runner's begin/end markers; samples outside them are loading and setup. */
  markers: { begin: string; end: string };
  executions: number;
  /**
   * The frames of a sample to credit, outermost first (null: not this profile's sample). Default:
   * the statement's part of the stack (statementChain). A whole run takes every frame.
   */
  chainOf?: (frames: readonly Frame[], mapFrame: (f: Frame) => MappedFrame) => MappedFrame[] | null;
  /** Name of the call tree's node under the root (default "(statement)"). */
  rootName?: string;
}

export interface Attribution {
  lineProfile: LineProfile;
  /** The statement's call tree, source-mapped: what the flame panel shows and Save .cpuprofile writes. */
  profile: CpuProfile;
  /** Exact calls per function of `profile`, keyed like callFrameKey(). */
  callCounts: Map<string, number | null>;
}

export const callFrameKey = (cf: CpuProfileNode['callFrame']) =>
  `${cf.url}\u0000${cf.lineNumber}\u0000${cf.columnNumber}\u0000${cf.functionName}`;

interface LineAcc {
  micros: number;
  self: number;
  inlined: number;
  callees: Map<string, LineCallee>;
}
interface FunctionAcc {
  info: FunctionInfo;
  self: number;
  total: number;
  samples: number;
  recursive: boolean;
  lines: Map<number, LineAcc>;
  /** Time in a restored frame (a frameless builtin hid it): the function is known, its line is not. */
  unplaced: number;
}

/** Sample durations: until the next sample, capped so a stalled sampler cannot inflate one line. */
function durations(samples: readonly Sample[]): number[] {
  const gaps = samples.slice(1).map((s, i) => Math.max(0, s.time - samples[i].time));
  const sorted = [...gaps].sort((a, b) => a - b);
  const median = sorted.length ? sorted[sorted.length >> 1] : 0;
  return samples.map((_, i) => Math.min(i < gaps.length ? gaps[i] : median, 10 * median || Infinity));
}

export function attribute(input: AttributionInput): Attribution {
  const executions = Math.max(1, input.executions);
  const resolver = new SourceResolver(input);
  const mapFrame = (f: Frame) => resolver.frame(f);

  // The statement's samples, between the runner's markers, with the harness frames cut away.
  const samples = input.log.samples;
  const duration = durations(samples);
  const begin = input.log.markers.get(input.markers.begin) ?? -Infinity;
  const end = input.log.markers.get(input.markers.end) ?? Infinity;
  const accs = new Map<string, FunctionAcc>();
  const accOf = (info: FunctionInfo): FunctionAcc => {
    let a = accs.get(info.key);
    if (!a)
      accs.set(
        info.key,
        (a = { info, self: 0, total: 0, samples: 0, recursive: false, lines: new Map(), unplaced: 0 }),
      );
    return a;
  };
  const tree = new CallTree(input.rootName ?? STATEMENT_NODE_NAME);
  const chainOf = input.chainOf ?? ((frames: readonly Frame[]) => statementChain(frames, input, mapFrame));
  let total = 0;
  let gc = 0;
  let taken = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i];
    if (s.time < begin || s.time > end || s.vmState === VM_STATE_IDLE) continue;
    const chain = chainOf(s.frames, mapFrame);
    if (!chain) continue;
    const dt = duration[i];
    total += dt;
    taken++;
    const collecting = s.leaf === '(garbage collector)';
    // V8 logs no stack for a sample taken during garbage collection: that time is the
    // statement's, but no line's.
    if (collecting) gc += dt;
    tree.add(chain, collecting, dt);
    creditLines(chain, dt, accOf);
  }

  // Hits of every user file, with the function that owns each line.
  const hitsByFile = new Map<string, Map<number, LineHit>>();
  /** Owner of a line, by its original file and the owner's generated start offset (LineHit.owner). */
  const ownerNames = new Map<string, LineOwner>();
  for (const cov of input.coverage) {
    const file = fileOfUrl(cov.url);
    const source = input.coverageSources[cov.url];
    if (source === undefined) continue;
    const mapper = new ScriptMapper(cov.url, source);
    for (const [orig, hits] of lineHits(cov, mapper, (f) => mapper.originalText(f) ?? input.readText(f))) {
      if (input.isUserFile(orig)) hitsByFile.set(orig, hits);
    }
    for (const e of extentsOf(cov)) {
      const start = mapper.originalAt(e.start);
      if (start) ownerNames.set(`${start.file}#${e.start}`, { name: e.name || '(anonymous)', line: start.line });
    }
    // Functions that ran but took no sampled time still get their table (all lines, zero time).
    for (const e of extentsOf(cov)) {
      if (e.count === 0 || e.start === 0) continue;
      const start = mapper.originalAt(e.start);
      if (!start || !input.isUserFile(start.file)) continue;
      if (resolver.seen(file, e.start)) continue;
      const last = mapper.originalAt(Math.max(e.start, e.end - 1));
      accOf({
        key: `${file}#${e.start}#${e.name}`,
        name: e.name || '(anonymous)',
        file: start.file,
        start,
        endLine: last?.file === start.file ? last.line : start.line,
        user: true,
        harness: false,
        calls: e.count,
        ownerOffset: e.start,
        scriptFile: file,
      });
    }
  }

  const scale = (v: number) => v / executions;
  const toStat = (line: number, acc: LineAcc | undefined, hits: number | null, owner?: LineOwner): LineStat => ({
    line,
    hits,
    ...(owner ? { owner } : {}),
    micros: scale(acc?.micros ?? 0),
    selfMicros: scale(acc?.self ?? 0),
    inlinedMicros: scale(acc?.inlined ?? 0),
    callees: [...(acc?.callees.values() ?? [])]
      .map((c) => ({ ...c, micros: scale(c.micros) }))
      .sort((a, b) => b.micros - a.micros),
  });
  const functionProfiles: FunctionProfile[] = [];
  for (const a of accs.values()) {
    const { info } = a;
    if (!info.user) continue;
    shareOutUnplaced(a);
    const hits = hitsByFile.get(info.file);
    const lines = new Map<number, LineStat>();
    const owner: LineOwner = { name: info.name, line: info.start.line };
    for (const [line, h] of hits ?? []) {
      if (h.owner === info.ownerOffset && line >= info.start.line && line <= info.endLine)
        lines.set(line, toStat(line, a.lines.get(line), h.hits, owner));
    }
    for (const [line, acc] of a.lines) if (!lines.has(line)) lines.set(line, toStat(line, acc, null, owner));
    functionProfiles.push({
      name: info.name,
      file: info.file,
      startLine: info.start.line,
      endLine: Math.max(info.endLine, info.start.line),
      calls: info.calls,
      selfMicros: scale(a.self),
      totalMicros: scale(a.total),
      samples: a.samples,
      recursive: a.recursive,
      unplacedMicros: scale(a.unplaced),
      lines: [...lines.values()].sort((x, y) => x.line - y.line),
    });
  }

  const lineProfile: LineProfile = {
    files: editorLines(functionProfiles, hitsByFile, ownerNames),
    functions: functionProfiles,
    totalMicros: scale(total),
    gcMicros: scale(gc),
    executions,
    samples: taken,
  };
  const callCounts = new Map<string, number | null>();
  const profile = tree.toCpuProfile((info) => {
    const cf = callFrameOf(info);
    callCounts.set(callFrameKey(cf), info.calls);
    return cf;
  });
  return { lineProfile, profile, callCounts };
}

/**
 * The part of a sample's stack that belongs to the statement, outermost first. Null when the
 * sample is the harness's own work (the runner's loop check, the setup, reporting) rather than
 * the statement's: the markers bound the samples in time, the stacks tell exactly.
 */
function statementChain(
  frames: readonly Frame[],
  input: Pick<AttributionInput, 'statementPrefix' | 'setupPrefix'>,
  mapFrame: (f: Frame) => MappedFrame,
): MappedFrame[] | null {
  let cut = frames.findIndex((f) => f.fn.name.startsWith(input.statementPrefix));
  if (cut < 0) {
    if (frames.some((f) => f.fn.name.startsWith(input.setupPrefix) || mapFrame(f).fn.harness)) return null;
    // An async statement resumed from the microtask queue: its stack starts in Node's internals.
    cut = frames.length;
    while (cut > 0 && !mapFrame(frames[cut - 1]).fn.user) cut--;
    if (cut === 0) return [];
  }
  const chain: MappedFrame[] = [];
  for (let i = cut - 1; i >= 0; i--) chain.push(mapFrame(frames[i]));
  if (chain.length && chain[0].fn.harness) return null;
  return chain;
}

/**
 * One sample's credit: each function once (its total), and each of its lines once, at the
 * outermost frame executing that line (see the header).
 */
function creditLines(chain: readonly MappedFrame[], dt: number, accOf: (info: FunctionInfo) => FunctionAcc): void {
  const seenFunctions = new Set<string>();
  const seenLines = new Set<string>();
  for (let i = 0; i < chain.length; i++) {
    const frame = chain[i];
    const acc = accOf(frame.fn);
    const innermost = i === chain.length - 1;
    if (innermost) acc.self += dt;
    if (!seenFunctions.has(frame.fn.key)) {
      seenFunctions.add(frame.fn.key);
      acc.total += dt;
      acc.samples++;
    } else acc.recursive = true;
    if (frame.restored) {
      acc.unplaced += dt;
      continue;
    }
    const line = frame.pos?.line ?? frame.fn.start.line;
    const lineKey = `${frame.fn.key}\u0000${line}`;
    if (seenLines.has(lineKey)) continue;
    seenLines.add(lineKey);
    let l = acc.lines.get(line);
    if (!l) acc.lines.set(line, (l = { micros: 0, self: 0, inlined: 0, callees: new Map() }));
    l.micros += dt;
    if (innermost) {
      l.self += dt;
      continue;
    }
    const callee = chain[i + 1];
    if (callee.inlined) l.inlined += dt;
    const column = frame.pos?.column ?? 0;
    const key = `${callee.fn.key}@${column}`;
    const c = l.callees.get(key);
    if (c) c.micros += dt;
    else
      l.callees.set(key, {
        name: callee.fn.name,
        file: callee.fn.file,
        line: callee.fn.start.line,
        column,
        micros: dt,
        inlined: callee.inlined,
      });
  }
}

/**
 * Time of restored frames goes to the function's lines in proportion to the time V8 did see on
 * each line itself (the builtins it calls run from the same lines); with none seen, to its first line.
 */
function shareOutUnplaced(a: FunctionAcc): void {
  if (a.unplaced === 0) return;
  const seen = [...a.lines.values()].reduce((sum, l) => sum + l.self, 0);
  if (seen === 0) {
    const l = a.lines.get(a.info.start.line) ?? { micros: 0, self: 0, inlined: 0, callees: new Map() };
    l.micros += a.unplaced;
    l.self += a.unplaced;
    a.lines.set(a.info.start.line, l);
    return;
  }
  for (const l of a.lines.values()) {
    const share = (a.unplaced * l.self) / seen;
    l.micros += share;
    l.self += share;
  }
}

/** What the editor paints per line: the function whose frames spent the most time there. */
function editorLines(
  functions: readonly FunctionProfile[],
  hitsByFile: Map<string, Map<number, LineHit>>,
  ownerNames: Map<string, LineOwner>,
): FileLines[] {
  const files = new Map<string, Map<number, LineStat>>();
  for (const [file, hits] of hitsByFile) {
    const lines = new Map<number, LineStat>();
    for (const [line, h] of hits) {
      const owner = ownerNames.get(`${file}#${h.owner}`);
      lines.set(line, {
        line,
        hits: h.hits,
        micros: 0,
        selfMicros: 0,
        inlinedMicros: 0,
        callees: [],
        ...(owner ? { owner } : {}),
      });
    }
    files.set(file, lines);
  }
  for (const fn of functions) {
    let lines = files.get(fn.file);
    if (!lines) files.set(fn.file, (lines = new Map()));
    for (const s of fn.lines) {
      const existing = lines.get(s.line);
      if (!existing || s.micros > existing.micros) lines.set(s.line, { ...s, hits: existing?.hits ?? s.hits });
    }
  }
  return [...files].map(([file, lines]) => ({ file, lines: [...lines.values()].sort((a, b) => a.line - b.line) }));
}

function callFrameOf(info: FunctionInfo): CpuProfileNode['callFrame'] {
  const url = info.file.startsWith('/') ? `file://${info.file}` : info.file;
  return {
    functionName: info.name,
    scriptId: '0',
    url,
    lineNumber: info.start.line - 1,
    columnNumber: Math.max(0, info.start.column - 1),
  };
}

/** The statement's call tree, built sample by sample, written as a Chrome `.cpuprofile`. */
class CallTree {
  private readonly nodes: {
    info?: FunctionInfo;
    name: string;
    children: Map<string, number>;
    ticks: Map<number, number>;
  }[];
  private readonly samples: number[] = [];
  private readonly durations: number[] = [];

  constructor(rootName: string) {
    this.nodes = [
      { name: '(root)', children: new Map([[rootName, 1]]), ticks: new Map() },
      { name: rootName, children: new Map(), ticks: new Map() },
    ];
  }

  private child(parent: number, key: string, make: () => (typeof this.nodes)[number]): number {
    let id = this.nodes[parent].children.get(key);
    if (id === undefined) {
      id = this.nodes.length;
      this.nodes.push(make());
      this.nodes[parent].children.set(key, id);
    }
    return id;
  }

  add(chain: readonly MappedFrame[], gc: boolean, dt: number): void {
    let node = 1;
    for (const f of chain)
      node = this.child(node, f.fn.key, () => ({ info: f.fn, name: f.fn.name, children: new Map(), ticks: new Map() }));
    const leaf = chain.at(-1);
    if (leaf?.pos) this.nodes[node].ticks.set(leaf.pos.line, (this.nodes[node].ticks.get(leaf.pos.line) ?? 0) + 1);
    if (gc)
      node = this.child(node, '(garbage collector)', () => ({
        name: '(garbage collector)',
        children: new Map(),
        ticks: new Map(),
      }));
    this.samples.push(node + 1);
    this.durations.push(dt);
  }

  toCpuProfile(callFrameOf: (info: FunctionInfo) => CpuProfileNode['callFrame']): CpuProfile {
    const nodes: CpuProfileNode[] = this.nodes.map((n, i) => ({
      id: i + 1,
      callFrame: n.info
        ? callFrameOf(n.info)
        : { functionName: n.name, scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 },
      hitCount: 0,
      children: [...n.children.values()].map((c) => c + 1),
      positionTicks: n.ticks.size ? [...n.ticks].map(([line, ticks]) => ({ line, ticks })) : undefined,
    }));
    for (const id of this.samples) nodes[id - 1].hitCount! += 1;
    // timeDeltas[i] is the gap before sample i, so the duration of sample i is timeDeltas[i + 1].
    const timeDeltas = this.samples.map((_, i) => (i === 0 ? 0 : this.durations[i - 1]));
    const total = this.durations.reduce((a, b) => a + b, 0);
    return { nodes, startTime: 0, endTime: Math.round(total), samples: this.samples, timeDeltas };
  }
}
