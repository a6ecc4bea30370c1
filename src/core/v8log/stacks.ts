// V8's log → one call stack per sample, with every frame's exact source position and the frames
// TurboFan inlined restored. This is what makes line times true on real code:
//  - a caller frame's return address (minus one) is the call site, so a callee's time lands on the
//    line and column that called it, never on a line guessed by name;
//  - an interpreted frame is logged as its bytecode array's address plus the bytecode offset, the
//    offset of the call being made;
//  - optimised code's pc → position table carries inlining ids; the inlining table turns one pc
//    into the stack of functions inlined there, each with its own position.
import { logEvents, type LogEvent, type MapDetails } from './logEvents';

/** A JavaScript function as V8 knows it (one SharedFunctionInfo). */
export interface V8Function {
  id: number;
  name: string;
  /** The script's URL or path, from the code's name (script ids alone are not unique: see below). */
  url: string;
  /** Script id and character range of the function in it; -1 until V8 logged its source info. */
  scriptId: number;
  start: number;
  end: number;
}

/**
 * One logical frame: `offset` is the position executing (innermost) or calling (the others); -1 if
 * unknown. `restored`: a frame V8's stack walk missed and the log's other stacks show (see below).
 */
export interface Frame {
  fn: V8Function;
  offset: number;
  inlined: boolean;
  restored?: boolean;
}

export interface Sample {
  time: number;
  /** V8's VM state of the sample: 0 JS, 1 GC, 6 external (C++), 8 idle … */
  vmState: number;
  /** JavaScript frames, innermost first. */
  frames: Frame[];
  /** Non-JavaScript code running on top of the frames: a builtin's name, or "(garbage collector)". */
  leaf?: string;
  /**
   * Tier of the code running the innermost frame: `~` interpreter, `^` Sparkplug, `+` Maglev,
   * `*` TurboFan, whatever qualifiers the Node's V8 adds to the marker (see parseTierMarker).
   */
  tier?: string;
  /** That code is on-stack-replacement code (entered from a running loop). */
  osr?: boolean;
  /** The pc was in a builtin whose JS caller V8's stack walk may have missed (see restoreHiddenFrames). */
  maybeHidden?: boolean;
}

/** A deoptimisation: optimised code gave up and went back to the interpreter. */
export interface Deopt {
  time: number;
  /** eager (a check failed), lazy (the code was invalidated from outside), soft (not enough feedback). */
  kind: string;
  reason: string;
  /** Where it happened, innermost first: the inlined function it happened in, then where that was inlined. */
  frames: Frame[];
  /** The function whose optimised code it was. */
  optimised: V8Function;
}

/** An inline cache changing state at a property access, call or global lookup. */
export interface InlineCacheEvent {
  time: number;
  icType: string;
  fn: V8Function;
  /** 1-based line and column in the function's (generated) script. */
  line: number;
  column: number;
  /** States: 0 uninitialised, 1 monomorphic, P polymorphic, N megamorphic, ^ recompute handler, … */
  from: string;
  to: string;
  map: string;
  key: string;
  /** `.OOB` / `.IGNORE_OOB`: a keyed access past an array's end; `.COW`… */
  modifier: string;
  /** What V8 knew of the map at the time (`--log-maps`): strings, arrays' elements kinds, dictionaries. */
  mapDetails?: MapDetails;
}

/** A map V8 changed at a position of JavaScript code (`--log-maps`): `Normalize` = to dictionary mode. */
export interface MapChange {
  time: number;
  event: string;
  /** V8's reason: `DeletingProperty`, `TooManyFastProperties`, `NormalizeProperties`… */
  reason: string;
  /** The map the object had and the one it got (`0x…`). */
  from: string;
  to: string;
  fn: V8Function;
  line: number;
  column: number;
  name: string;
}

export interface V8Log {
  samples: Sample[];
  /**
   * Sources V8 logged, by script id. Scripts deserialised from Node's snapshot share ids with
   * scripts compiled later, and V8 logs a source once per id: a function's source is this one only
   * when the URLs agree.
   */
  scripts: Map<number, { url: string; source: string }>;
  /**
   * First creation time of the runner's generated functions (`__hotline_*`), by name: its markers
   * around the statement (`__hotline_mark_*`) and the setup's function (when loading ended).
   */
  markers: Map<string, number>;
  deopts: Deopt[];
  inlineCaches: InlineCacheEvent[];
  /** Code V8 made for each function over time (tier, time, OSR or not), by function id. */
  tiers: Map<number, { tier: string; time: number; osr?: boolean }[]>;
  /** Maps changed by JavaScript code (with `--log-maps`). */
  mapChanges?: MapChange[];
}

interface Inlining {
  fn: V8Function;
  offset: number;
  parent: number;
}
interface PositionTable {
  pcs: number[];
  offsets: number[];
  inliningIds: number[];
  inlinings: Inlining[];
}

interface CodeEntry {
  start: number;
  size: number;
  name: string;
  fn?: V8Function;
  /** Bytecode: stack entries point into it at the bytecode offset itself, not after a call. */
  bytecode: boolean;
  tier: string;
  osr?: boolean;
  table?: PositionTable;
}

const VM_STATE_GC = 1;
const MARKER_PREFIX = '__hotline_';

/** Code objects by address range; V8 moves and frees them as it goes, so this follows the log's order. */
class CodeMap {
  private readonly entries: CodeEntry[] = [];

  private indexAtOrBefore(address: number): number {
    let lo = 0,
      hi = this.entries.length - 1,
      found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.entries[mid].start <= address) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  add(entry: CodeEntry): void {
    // A new object replaces whatever overlapped its range (that memory was freed and reused).
    let i = this.indexAtOrBefore(entry.start);
    if (i >= 0 && this.entries[i].start + Math.max(1, this.entries[i].size) <= entry.start) i++;
    else if (i < 0) i = 0;
    let j = i;
    while (j < this.entries.length && this.entries[j].start < entry.start + Math.max(1, entry.size)) j++;
    this.entries.splice(i, j - i, entry);
  }

  find(address: number): CodeEntry | undefined {
    const i = this.indexAtOrBefore(address);
    if (i < 0) return undefined;
    const e = this.entries[i];
    return address < e.start + Math.max(1, e.size) ? e : undefined;
  }

  at(start: number): CodeEntry | undefined {
    const e = this.find(start);
    return e && e.start === start ? e : undefined;
  }

  remove(start: number): CodeEntry | undefined {
    const i = this.indexAtOrBefore(start);
    if (i < 0 || this.entries[i].start !== start) return undefined;
    return this.entries.splice(i, 1)[0];
  }
}

/**
 * `name url:line:col` → name and url. The name may be empty or hold spaces (`get value`). A URL
 * holds none (`file:///a%20b/x.mjs`), but a CommonJS script is named by its path, which may
 * (`/Users/Jane Doe/x.js`): a path starts at the first ` /` (or ` C:\`).
 */
export function splitCodeName(codeName: string): { name: string; url: string } {
  const m = /^(.*?) ?((?:\/|[A-Za-z]:\\).*|\S*):-?\d+:-?\d+$/.exec(codeName);
  return m ? { name: m[1], url: m[2] } : { name: codeName, url: '' };
}

function parseTable(
  info: Extract<LogEvent, { type: 'source-info' }>,
  functionAt: (sfi: number) => V8Function,
): PositionTable {
  const pcs: number[] = [],
    offsets: number[] = [],
    inliningIds: number[] = [];
  for (const m of info.positions.matchAll(/C(\d+)O(\d+)(?:I(\d+))?/g)) {
    pcs.push(Number(m[1]));
    offsets.push(Number(m[2]));
    inliningIds.push(m[3] === undefined ? -1 : Number(m[3]));
  }
  const inlined = [...info.inlinedFunctions.matchAll(/S(0x[0-9a-fA-F]+)/g)].map((m) =>
    functionAt(parseInt(m[1].slice(2), 16)),
  );
  const inlinings: Inlining[] = [];
  for (const m of info.inlining.matchAll(/F(\d+)O(\d+)(?:I(\d+))?/g)) {
    inlinings.push({ fn: inlined[Number(m[1])], offset: Number(m[2]), parent: m[3] === undefined ? -1 : Number(m[3]) });
  }
  return { pcs, offsets, inliningIds, inlinings };
}

/** Frames of one code object at a relative pc, innermost first (inlined functions restored). */
function framesAt(entry: CodeEntry, relativePc: number): Frame[] {
  const t = entry.table;
  if (!t || t.pcs.length === 0) return [{ fn: entry.fn!, offset: -1, inlined: false }];
  let lo = 0,
    hi = t.pcs.length - 1,
    i = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (t.pcs[mid] <= relativePc) {
      i = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (i < 0) return [{ fn: entry.fn!, offset: -1, inlined: false }];
  return inlineStack(entry, t.offsets[i], t.inliningIds[i]);
}

/** A position in a code object (offset in the function of inlining `id`, -1 = the code's own) as frames, innermost first. */
function inlineStack(entry: CodeEntry, position: number, inliningId: number): Frame[] {
  const fn = entry.fn!;
  const inlinings = entry.table?.inlinings ?? [];
  const frames: Frame[] = [];
  let offset = position;
  let id = inliningId;
  for (let guard = 0; id >= 0 && id < inlinings.length && guard < 1000; guard++) {
    const inlining = inlinings[id];
    frames.push({ fn: inlining.fn, offset, inlined: true });
    offset = inlining.offset;
    id = inlining.parent;
  }
  frames.push({ fn, offset, inlined: false });
  return frames;
}

export function readV8Log(text: string): V8Log {
  const code = new CodeMap();
  const functionsBySfi = new Map<number, V8Function>();
  const scripts = new Map<number, { url: string; source: string }>();
  const markers = new Map<string, number>();
  const samples: Sample[] = [];
  const deopts: Deopt[] = [];
  const inlineCaches: InlineCacheEvent[] = [];
  const tiers = new Map<number, { tier: string; time: number; osr?: boolean }[]>();
  const mapChanges: MapChange[] = [];
  // Map addresses are reused after a collection: the latest printout of an address is its map's.
  const mapDetails = new Map<number, MapDetails>();
  const libraries: [number, number][] = [];
  let nextId = 1;
  const codeNames = new Map<V8Function, string>();
  const functionAt = (sfi: number, codeName?: string): V8Function => {
    let fn = functionsBySfi.get(sfi);
    // A freed SharedFunctionInfo's address is reused by another function: a different
    // "name file:line:col" at the same address is a new function.
    const known = fn && codeNames.get(fn);
    if (!fn || (codeName !== undefined && known !== undefined && known !== codeName)) {
      fn = { id: nextId++, name: '(anonymous)', url: '', scriptId: -1, start: -1, end: -1 };
      functionsBySfi.set(sfi, fn);
    }
    if (codeName !== undefined && known === undefined) {
      codeNames.set(fn, codeName);
      Object.assign(fn, splitCodeName(codeName));
    }
    return fn;
  };

  for (const e of logEvents(text)) {
    switch (e.type) {
      case 'code': {
        const fn = e.sfi !== undefined && Number.isFinite(e.sfi) ? functionAt(e.sfi, e.name) : undefined;
        code.add({
          start: e.address,
          size: e.size,
          name: e.name,
          fn,
          bytecode: e.tier === '~',
          tier: e.tier,
          osr: e.osr,
        });
        if (fn && fn.name.startsWith(MARKER_PREFIX) && !markers.has(fn.name)) markers.set(fn.name, e.time);
        if (fn) {
          const list = tiers.get(fn.id) ?? [];
          const last = list.at(-1);
          if (last?.tier !== e.tier || last.osr !== e.osr)
            list.push({ tier: e.tier, time: e.time, ...(e.osr ? { osr: true } : {}) });
          tiers.set(fn.id, list);
        }
        break;
      }
      case 'source-info': {
        const entry = code.at(e.address);
        if (!entry?.fn) break;
        if (entry.fn.scriptId < 0) Object.assign(entry.fn, { scriptId: e.scriptId, start: e.start, end: e.end });
        entry.table = parseTable(e, (sfi) => functionAt(sfi));
        break;
      }
      case 'code-move': {
        const entry = code.remove(e.from);
        if (entry) code.add({ ...entry, start: e.to });
        break;
      }
      case 'code-delete':
        code.remove(e.address);
        break;
      case 'sfi-move': {
        const fn = functionsBySfi.get(e.from);
        if (fn) {
          functionsBySfi.delete(e.from);
          functionsBySfi.set(e.to, fn);
        }
        break;
      }
      case 'script':
        scripts.set(e.id, { url: e.url, source: e.source });
        break;
      case 'library':
        libraries.push([e.start, e.end]);
        break;
      case 'tick':
        samples.push(resolveTick(code, e, libraries));
        break;
      case 'deopt': {
        const entry = code.at(e.address) ?? code.find(e.address);
        if (entry?.fn)
          deopts.push({
            time: e.time,
            kind: e.kind,
            reason: e.reason,
            frames: inlineStack(entry, e.offset, e.inliningId),
            optimised: entry.fn,
          });
        break;
      }
      case 'ic': {
        const entry = code.find(e.pc);
        if (entry?.fn)
          inlineCaches.push({
            time: e.time,
            icType: e.icType,
            fn: entry.fn,
            line: e.line,
            column: e.column,
            from: e.from,
            to: e.to,
            map: e.map,
            key: e.key,
            modifier: e.modifier,
            mapDetails: mapDetails.get(parseInt(e.map, 16)),
          });
        break;
      }
      case 'map-details':
        mapDetails.set(parseInt(e.map, 16), e.details);
        break;
      case 'map': {
        if (!Number.isFinite(e.pc) || e.pc === 0) break;
        const entry = code.find(e.pc);
        if (entry?.fn)
          mapChanges.push({
            time: e.time,
            event: e.event,
            reason: e.reason,
            from: e.from,
            to: e.to,
            fn: entry.fn,
            line: e.line,
            column: e.column,
            name: e.name,
          });
        break;
      }
    }
  }
  restoreHiddenFrames(samples);
  return { samples, scripts, markers, deopts, inlineCaches, tiers, mapChanges };
}

function resolveTick(
  code: CodeMap,
  tick: Extract<LogEvent, { type: 'tick' }>,
  libraries: readonly [number, number][],
): Sample {
  const frames: Frame[] = [];
  let leaf = tick.vmState === VM_STATE_GC ? '(garbage collector)' : undefined;
  const top = code.find(tick.pc);
  let tier: string | undefined;
  let osr: boolean | undefined;
  // The pc is exact where it is in JS code; below, every entry is a return address (a call site).
  if (top?.fn && !top.bytecode) {
    frames.push(...framesAt(top, tick.pc - top.start));
    tier = top.tier;
    osr = top.osr;
  } else if (top && !leaf) leaf = top.name;
  // A frameless builtin (a megamorphic load, a string op) called from optimised code has no frame:
  // its caller is only in the return address on top of the stack, as V8's own tick processor reads it.
  const tosEntry = !top?.fn && tick.tos !== undefined && tick.tos !== tick.stack[0] ? code.find(tick.tos) : undefined;
  const returnAddresses = tosEntry?.fn && !tosEntry.bytecode ? [tick.tos!, ...tick.stack] : tick.stack;
  for (const address of returnAddresses) {
    const entry = code.find(address);
    if (!entry?.fn) continue; // builtins, stubs, C++: their time belongs to the JS frame that called them
    const relative = address - entry.start;
    if (tier === undefined) {
      tier = entry.tier;
      osr = entry.osr;
    }
    frames.push(...framesAt(entry, entry.bytecode ? relative : relative - 1));
  }
  // Whether a frameless builtin may have hidden its JS caller: the pc is in a builtin or native code
  // (never in code V8 did not log: that could be a JS function itself) and the first stack entry is
  // already a JS frame (a builtin with a frame of its own would come first).
  const inNativeCode = top ? !top.fn : libraries.some(([start, end]) => tick.pc >= start && tick.pc < end);
  const maybeHidden =
    inNativeCode &&
    tick.vmState !== VM_STATE_GC &&
    frames.length > 0 &&
    code.find(returnAddresses[0])?.fn !== undefined;
  return {
    time: tick.time,
    vmState: tick.vmState,
    frames,
    leaf,
    tier,
    ...(osr ? { osr } : {}),
    ...(maybeHidden ? { maybeHidden } : {}),
  };
}

/** A call site as the chain from the calling frame out to the function whose code holds it. */
function callSiteKey(frames: readonly Frame[], at: number): string {
  let key = '';
  for (let i = at; i < frames.length; i++) {
    key += `${frames[i].fn.id}:${frames[i].offset}<`;
    if (!frames[i].inlined) break;
  }
  return key;
}

/**
 * V8 walks a frameless builtin's stack from its caller's caller: a megamorphic property load in
 * `moments` is sampled as if `moments`' caller were running, at the call site that called
 * `moments`. When every complete stack shows one function called from that call site, that
 * function is restored as the innermost frame, at an unknown line (attribution shares such time
 * out over the function's own lines).
 */
function restoreHiddenFrames(samples: Sample[]): void {
  const calleesAt = new Map<string, Map<V8Function, number>>();
  for (const s of samples) {
    for (let i = 1; i < s.frames.length; i++) {
      const callee = s.frames[i - 1];
      if (callee.inlined) continue;
      // Inside an inlined frame (a Node internal inlined everywhere), the site is per host code.
      const site = callSiteKey(s.frames, i);
      const counts = calleesAt.get(site) ?? new Map<V8Function, number>();
      counts.set(callee.fn, (counts.get(callee.fn) ?? 0) + 1);
      calleesAt.set(site, counts);
    }
  }
  for (const s of samples) {
    if (!s.maybeHidden) continue;
    const counts = calleesAt.get(callSiteKey(s.frames, 0));
    if (counts?.size !== 1) continue;
    const [callee] = counts.keys();
    // Already on this stack: the walk missed nothing (an inlined frame's site seen as a call of its host).
    if (s.frames.some((f) => f.fn === callee)) continue;
    s.frames.unshift({ fn: callee, offset: -1, inlined: false, restored: true });
  }
}
