// V8's own verdicts on the user's code, the JavaScript meaning of Cython's "yellow = slow path":
// where optimised code gave up (deoptimisations, with V8's reason), which property accesses saw
// too many object shapes (polymorphic and megamorphic inline caches), which array accesses read
// past the end or met arrays whose elements kind changed, which objects went to dictionary mode,
// and which functions spent their time unoptimised. Read from the explain run's V8 log
// (src/core/v8log), positions mapped to the original files column-exact, each finding told in
// plain words and placed in the phase that produced it (the statement, its setup, module load).
import { GENERATED_PREFIX, SETUP_PREFIX, STATEMENT_PREFIX } from '../timing/loopSource';
import { SourceResolver, type FunctionInfo, type ResolverInput } from '../source/sourceResolver';
import type { OriginalPosition } from '../source/sourceMapping';
import { tierOfMarker, type MapDetails, type Tier } from '../v8log/logEvents';
import type { Frame, InlineCacheEvent, V8Function } from '../v8log/stacks';
import { splitLines } from '../source/sourceLines';

const splitLinesOf = (text: string | undefined) => (text === undefined ? undefined : splitLines(text));

export type { Tier } from '../v8log/logEvents';

export type VerdictKind =
  'deopt' | 'megamorphic' | 'polymorphic' | 'elements kind' | 'out of bounds' | 'dictionary mode' | 'not optimised';
export const VERDICT_KINDS: readonly VerdictKind[] = [
  'deopt',
  'megamorphic',
  'polymorphic',
  'elements kind',
  'out of bounds',
  'dictionary mode',
  'not optimised',
];

/** When V8 logged a finding: while the statement repeated, while its setup ran, or while the module loaded. */
export type Phase = 'statement' | 'setup' | 'load';
export const PHASES: readonly Phase[] = ['statement', 'setup', 'load'];

export interface VerdictPlace {
  fn: string;
  file: string;
  line: number;
  column: number;
}

export interface Verdict extends VerdictPlace {
  kind: VerdictKind;
  phase: Phase;
  /** V8's reason (deopts), the property or call (inline caches), or the tiers (not optimised). */
  reason: string;
  count: number;
  /** Deopts: eager (a check failed), lazy (invalidated from outside), soft (optimised without feedback). */
  deoptKind?: string;
  /** Deopts: the function whose optimised code it was (it may have inlined the one that failed). */
  optimisedIn?: string;
  /** Deopts: where the failing code was inlined, innermost first. */
  inlinedAt?: VerdictPlace[];
  /** Inline caches: how many object shapes (maps) V8 logged at the site. */
  maps?: number;
  /**
   * Inline caches: `maps` (and the property names) are a lower bound: once a site is megamorphic,
   * V8 answers it from a cache shared by all sites or by a generic lookup, and logs no more.
   */
  atLeast?: boolean;
  /** Elements kinds: the kinds the arrays at the site had, in the order V8 met them. */
  elementsKinds?: string[];
  /** Dictionary mode: where the objects were turned into dictionaries, when that was in the user's code. */
  madeAt?: (VerdictPlace & { reason: string })[];
  /** The code at the position, for the message (`a + b`, `o.x`). */
  code: string;
  /** What happened, in plain words. */
  explanation: string;
  /** What usually fixes it. */
  advice: string;
}

export interface FunctionTiers {
  fn: string;
  file: string;
  line: number;
  /** Tiers V8 compiled the function to, in order, with the time (ms from the start of the statement's runs; negative = before). */
  reached: { tier: Tier; atMs: number }[];
  /** Samples with the function innermost, by the tier of the code running it. */
  samples: Record<Tier, number>;
}

export interface Explanation {
  /** The statement's findings first, then the setup's, then module load's (see `phase`). */
  verdicts: Verdict[];
  functions: FunctionTiers[];
}

export interface ExplainInput extends ResolverInput {
  /** The runner's markers around the statement's repetitions; samples outside are not judged. */
  markers?: { begin: string; end: string };
}

/** V8's deopt reasons that are not problems: V8 moving a running loop to (or out of) optimised code. */
const OSR_REASON = /on.?stack.?replacement|\bOSR\b|OSR'd/i;

/** V8's deopt reasons in plain words, the common ones first; the reason itself is always shown too. */
const DEOPT_WORDS: [RegExp, string, string][] = [
  [
    /not a Smi/i,
    'was optimised for small integers and got another kind of value (a fraction, a large number, a string or an object)',
    'keep the values reaching this code of one type: all small integers, or all doubles, never mixed with strings or objects',
  ],
  [
    /not a (heap )?number|not a Number or Oddball/i,
    'was optimised for numbers and got something else',
    'keep the argument types stable (convert once, before the hot code)',
  ],
  [
    /wrong map|map changed|unexpected map/i,
    'was optimised for values of certain shapes (object shapes, array elements kinds) and met another',
    'create these objects with the same properties in the same order (one class or factory), do not add or delete properties later, and keep arrays of one element type',
  ],
  [
    /Insufficient type feedback/i,
    'was optimised before this code had run, so V8 had to guess; it gave up the first time the code ran',
    'usually harmless warm-up; if it repeats, this path is rare in the warm-up but common later — warm it up with realistic data',
  ],
  [
    /overflow/i,
    'produced an integer too large for the small-integer range V8 optimised for',
    'expect doubles here, or keep the values within 31 bits (| 0)',
  ],
  [
    /out of bounds/i,
    'read or wrote past the end of an array',
    'check the loop bounds: reading arr[arr.length] is slow and yields undefined',
  ],
  [
    /hole/i,
    'met a hole in an array (a slot never written)',
    'fill arrays completely (avoid new Array(n) gaps and delete arr[i]); use fill() or push()',
  ],
  [
    /minus zero|-0/i,
    'produced -0, which its integer code cannot represent',
    'avoid multiplying or dividing zero by negatives in integer code, or expect doubles',
  ],
  [/division by zero/i, 'divided by zero in integer code', 'guard the divisor or expect doubles'],
  [/lost precision|NaN/i, 'produced a result its integer code cannot hold (NaN or a fraction)', 'expect doubles here'],
  [
    /wrong call target|unexpected call target/i,
    'called a different function than it always had at this call site',
    'keep each call site calling one function (avoid passing many different callbacks through one line)',
  ],
  [
    /deopt-soft|soft/i,
    'had no feedback for this code when it was optimised',
    'usually warm-up; nothing to do unless it repeats',
  ],
];

function deoptWords(reason: string): { explanation: string; advice: string } {
  const hit = DEOPT_WORDS.find(([re]) => re.test(reason));
  return hit
    ? { explanation: hit[1], advice: hit[2] }
    : {
        explanation: `gave up its optimised code (${reason})`,
        advice: 'look at the types and shapes of the values reaching this line',
      };
}

/** Why V8 turned objects into dictionaries, for the reasons user code causes. */
const NORMALIZE_WORDS: Record<string, string> = {
  DeletingProperty: '`delete` of a property',
  TooManyFastProperties: 'too many properties added one by one',
};

const isString = (d: MapDetails | undefined) => !!d && /STRING_TYPE$/.test(d.type);
const isArray = (d: MapDetails | undefined) => !!d && d.type === 'JS_ARRAY_TYPE';

/** The runner's generated functions never reach a message under their internal names. */
function shownName(name: string): string {
  if (name.startsWith(STATEMENT_PREFIX)) return 'the statement';
  if (name.startsWith(SETUP_PREFIX)) return 'the setup';
  return name.startsWith(GENERATED_PREFIX) ? 'Hotline’s harness' : name;
}

/** A function's name for messages: the code a module runs as it loads has none of its own. */
function nameOf(info: FunctionInfo): string {
  const atStart = info.ownerOffset === 0 || (info.ownerOffset < 0 && info.start.line === 1 && info.start.column === 1);
  return (info.name === '(anonymous)' || info.name === '') && atStart ? 'the module’s top level' : info.name;
}

/** What an inline cache's state means, by why it got there: many shapes or many keys. */
function inlineCacheWords(s: {
  icType: string;
  keys: Set<string>;
  objectMaps: number;
  strings: boolean;
  worst: string;
}): Pick<Verdict, 'reason' | 'explanation' | 'advice' | 'atLeast'> {
  const mega = s.worst === 'N';
  const keyed = /^Keyed/.test(s.icType);
  const [key] = s.keys;
  const elements = keyed && [...s.keys].every((k) => /^\d+$/.test(k));
  const store = /Store|Define/.test(s.icType);
  const what = /Call/.test(s.icType)
    ? 'calls'
    : `${elements ? 'element ' : ''}${store ? 'writes' : 'reads'}${elements || keyed ? '' : ` of \`${key}\``}`;
  // Past megamorphic V8 logs no more (a cache shared by every site, or a generic lookup): a floor.
  const atLeast = mega ? 'at least ' : '';
  if (keyed && !elements && s.keys.size > 1 && s.objectMaps <= 4) {
    return {
      reason: `${what} saw ${atLeast}${s.keys.size} property names`,
      explanation: `${what} used ${atLeast}${s.keys.size} different property names at one site; V8 caches keyed accesses by name and ${mega ? 'gave up, doing a slow generic lookup every time' : 'checks each one in turn'}`,
      advice: 'for data keyed by strings use a Map; for a few fixed names, read them as named properties (o.a, o.b)',
      atLeast: mega,
    };
  }
  const andStrings = s.strings ? ' (and strings)' : '';
  return {
    reason: `${what} saw ${atLeast}${s.objectMaps} object shapes${andStrings}`,
    explanation: mega
      ? `${what} met ${atLeast}${s.objectMaps} different object shapes${andStrings}; V8 stopped caching them and does a slow generic lookup every time`
      : `${what} met ${s.objectMaps} object shapes${andStrings}; V8 checks them one by one`,
    advice: mega
      ? 'give the objects reaching this line one shape (same properties, added in the same order, e.g. one class), or split the code per kind of object'
      : 'fine when it is few; one shape is fastest (create the objects the same way)',
    atLeast: mega,
  };
}

/**
 * The code at a position: V8 points at a property name, an operator or a bracket; take the
 * object path in front of a property (`values.length`, not `length`) or of a bracket (`a[i]`),
 * and the rest of the expression otherwise, shortened.
 */
export function codeAt(text: string | undefined, column: number): string {
  if (!text) return '';
  const at = Math.max(0, column - 1);
  if (text[at - 1] === '.') {
    const property = /^[\w$]+/.exec(text.slice(at))?.[0] ?? '';
    return /(?:[\w$.]|\[[^\]]*\])*$/.exec(text.slice(0, at))![0] + property;
  }
  if (text[at] === '[') {
    const close = text.indexOf(']', at);
    const object = /[\w$.]*$/.exec(text.slice(0, at))![0];
    if (object && close > at) return text.slice(at - object.length, close + 1);
  }
  let rest = text
    .slice(at)
    .split(/;|\/\/|\{$/)[0]
    .trim();
  // An operator or an assignment: V8 points at the operator; show its left operand too (`a + b`, `a[i] = v`).
  const left = /[-+*/%&|^<>=!?]/.test(text[at] ?? '') ? /[\w$.[\]()]+\s*$/.exec(text.slice(0, at))?.[0] : undefined;
  if (left) rest = `${left}${rest}`;
  return rest.length > 40 ? `${rest.slice(0, 39)}…` : rest;
}

/** A function's place: its name on its first line (not the space or keyword in front of it). */
export function functionNameColumn(text: string | undefined, name: string, column: number): number {
  if (!text) return column;
  const from = Math.max(0, column - 1);
  const escaped = name.replace(/[$]/g, '\\$');
  const named = name && new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`).exec(text.slice(from));
  if (named) return from + named.index + 1;
  const first = /\S/.exec(text.slice(from));
  return first ? from + first.index + 1 : column;
}

interface KindChange {
  from: string;
  fromMap: string;
  to: string;
  time: number;
}

const ELEMENTS_ADVICE =
  'keep each array to one kind of element from its creation: all integers, all doubles (e.g. fill it with 0.5 first, or a Float64Array), or all objects; avoid holes';

interface Site {
  fn: string;
  v8fn: V8Function;
  pos: OriginalPosition;
  icType: string;
  keys: Set<string>;
  objectMaps: Set<string>;
  strings: boolean;
  /** Arrays' elements kinds, in the order met, with the map each was first seen with. */
  kinds: Map<string, string>;
  /** When the site first met arrays of a new elements kind. */
  kindChanges: KindChange[];
  /** Dictionary-mode maps the site met. */
  dictionaryMaps: Set<string>;
  worst: string;
  transitions: number;
  outOfBounds: { count: number; keys: Set<string> };
  times: number[];
}

export function explain(input: ExplainInput): Explanation {
  const resolver = new SourceResolver(input);
  const lines = new Map<string, string[] | null>();
  const lineText = (file: string, line: number) => {
    let l = lines.get(file);
    if (l === undefined) lines.set(file, (l = splitLinesOf(input.readText(file)) ?? null));
    return l?.[line - 1];
  };
  const place = (fn: string, pos: OriginalPosition): VerdictPlace => ({
    fn: shownName(fn),
    file: pos.file,
    line: pos.line,
    column: pos.column,
  });
  const codeOf = (pos: OriginalPosition) => codeAt(lineText(pos.file, pos.line), pos.column);

  // Phases, from the runner's markers: the setup's function is compiled when loading is over, the
  // begin marker when the setup is; what comes after belongs to the statement.
  const begin = input.markers ? input.log.markers.get(input.markers.begin) : undefined;
  const end = input.markers ? input.log.markers.get(input.markers.end) : undefined;
  const setupStart = [...input.log.markers].find(([name]) => name.startsWith(SETUP_PREFIX))?.[1];
  const phaseAt = (time: number): Phase =>
    begin === undefined || time >= begin
      ? 'statement'
      : setupStart !== undefined && time >= setupStart
        ? 'setup'
        : 'load';

  const found = new Map<string, Verdict>();
  const add = (v: Omit<Verdict, 'count'>, count = 1) => {
    const key = `${v.phase}\u0000${v.kind}\u0000${v.file}:${v.line}:${v.column}\u0000${v.reason}\u0000${v.deoptKind ?? ''}`;
    const existing = found.get(key);
    if (existing) existing.count += count;
    else found.set(key, { ...v, count });
  };

  // Deoptimisations: reported at the innermost position in the user's own code. Leaving code for
  // (or out of) an on-stack-replaced loop is V8 speeding a loop up, not a verdict.
  for (const d of input.log.deopts) {
    if (OSR_REASON.test(d.reason)) continue;
    const mapped = d.frames.map((f) => ({
      frame: f,
      fn: resolver.function(f.fn),
      pos: resolver.exactPosition(f.fn, f.offset),
    }));
    const at = mapped.findIndex((m) => m.fn.user && m.pos);
    if (at < 0) continue;
    const here = mapped[at];
    const { explanation, advice } = deoptWords(d.reason);
    const inner = at > 0 ? mapped[0] : undefined;
    add({
      kind: 'deopt',
      phase: phaseAt(d.time),
      ...place(nameOf(here.fn), here.pos!),
      reason: d.reason,
      deoptKind: d.kind,
      optimisedIn: shownName(resolver.function(d.optimised).name),
      inlinedAt: mapped
        .slice(at + 1)
        .filter((m) => m.pos && m.fn.user)
        .map((m) => place(nameOf(m.fn), m.pos!)),
      code: codeOf(here.pos!),
      explanation: inner
        ? `${explanation} inside \`${shownName(inner.fn.name)}\` (${inner.fn.file}), called here`
        : explanation,
      advice,
    });
  }

  // Where user code turned objects into dictionaries (`delete`…), for the accesses that met them.
  const madeAt = new Map<string, VerdictPlace & { reason: string }>();
  const madeMaps = new Map<number, Set<string>>();
  for (const change of input.log.mapChanges ?? []) {
    const words = NORMALIZE_WORDS[change.reason];
    if (!/^Normalize/.test(change.event) || !words) continue;
    const fn = resolver.function(change.fn);
    const pos = fn.user ? resolver.exactPositionAtLine(change.fn, change.line, change.column) : null;
    if (!pos) continue;
    const made = { ...place(nameOf(fn), pos), reason: words };
    const id = `${made.file}:${made.line}:${made.column}:${change.reason}`;
    add({
      kind: 'dictionary mode',
      phase: phaseAt(change.time),
      ...made,
      reason: `${words} turned objects into dictionaries`,
      code: codeOf(pos),
      explanation: `${words} here turned objects into dictionary mode: their properties are now a hash table, and every access to them is a slow lookup`,
      advice:
        change.reason === 'DeletingProperty'
          ? 'set the property to undefined instead of deleting it, or use a Map for data whose keys come and go'
          : 'create the object with all its properties at once (an object literal or a constructor), or use a Map',
    });
    madeAt.set(id, made);
    const to = parseInt(change.to, 16);
    madeMaps.set(to, (madeMaps.get(to) ?? new Set()).add(id));
  }

  // Inline caches: every shape (map) each site saw, and what kind of value each map was.
  const sites = new Map<string, Site>();
  const writes: { site: Site; map: string; time: number }[] = [];
  const metOnly: {
    at: Omit<Verdict, 'kind' | 'count' | 'reason' | 'explanation' | 'advice'>;
    change: KindChange;
    fn: string;
  }[] = [];
  const wroteTo = new Set<string>();
  const attributed = new Set<string>();
  for (const ic of input.log.inlineCaches) {
    const fn = resolver.function(ic.fn);
    if (!fn.user) continue;
    const pos = resolver.exactPositionAtLine(ic.fn, ic.line, ic.column);
    if (!pos) continue;
    // One inline cache per site; a keyed one (obj[key]) sees many keys.
    const id = `${pos.file}:${pos.line}:${pos.column}:${ic.icType}`;
    let site = sites.get(id);
    if (!site) sites.set(id, (site = newSite(nameOf(fn), ic, pos)));
    record(site, ic);
    if (/^Keyed.*Store/.test(ic.icType)) writes.push({ site, map: ic.map, time: ic.time });
  }
  const ranInStatement = statementFunctions(input, resolver, begin, end);
  for (const s of sites.values()) {
    // A site belongs to the statement when the statement ran its function; its findings stay
    // with the statement even when V8 logged them during the warm-up.
    const phase = ranInStatement(s.v8fn) ? 'statement' : phaseAt(Math.min(...s.times));
    const at = { ...place(s.fn, s.pos), phase, code: codeOf(s.pos) };
    if (s.outOfBounds.count > 0) {
      const [index] = s.outOfBounds.keys;
      add(
        {
          ...at,
          kind: 'out of bounds',
          reason: `read past the end of an array (index ${index}${s.outOfBounds.keys.size > 1 ? ', …' : ''})`,
          explanation:
            'read an index past the end of an array: V8 has to leave its fast path, look the index up on the prototype chain and return undefined',
          advice: 'stop the loop at the last element (i < a.length, not i <= a.length), or check the index first',
        },
        s.outOfBounds.count,
      );
    }
    // Objects made dictionaries by the user's code (a `delete`…), or used as hash maps (obj[key]);
    // not every Node or library object that lives in dictionary mode (`console`, `process.env`).
    const made = [...new Set([...s.dictionaryMaps].flatMap((m) => [...(madeMaps.get(parseInt(m, 16)) ?? [])]))].map(
      (id) => madeAt.get(id)!,
    );
    if (s.dictionaryMaps.size > 0 && (made.length > 0 || /^Keyed/.test(s.icType))) {
      const store = /Store|Define/.test(s.icType);
      const [key] = s.keys;
      const what = `${store ? 'writes' : 'reads'}${/^Keyed/.test(s.icType) ? '' : ` of \`${key}\``}`;
      const where = made.length ? ` by ${made.map((m) => `${m.reason} at line ${m.line}`).join(', ')}` : '';
      add({
        ...at,
        kind: 'dictionary mode',
        reason: `${what} on objects in dictionary mode`,
        explanation: `${what} met objects in dictionary mode (their properties turned into a hash table${where}): each access is a slow lookup instead of a fixed offset`,
        advice:
          'keep objects in fast mode: no `delete` (set to undefined), all properties created up front; for dynamic keys use a Map',
        madeAt: made,
      });
    }
    for (const change of s.kindChanges.filter(costlyKindChange)) {
      // The write that changed the kind: the last element write before the new kind showed, on an
      // array of the old one (its inline cache logs the map the array had before the write).
      const write = writes
        .filter((w) => w.map === change.fromMap && w.time <= change.time)
        .reduce<(typeof writes)[number] | undefined>((a, b) => (!a || b.time >= a.time ? b : a), undefined);
      if (!write) {
        metOnly.push({ at, change, fn: s.fn });
        continue;
      }
      wroteTo.add(`${write.site.fn}\u0000${change.to}`);
      const id = `${write.site.pos.file}:${write.site.pos.line}:${write.site.pos.column}:${change.from}:${change.to}`;
      if (attributed.has(id)) continue;
      attributed.add(id);
      const seen = write.site !== s ? ` (met at \`${at.code}\`, line ${s.pos.line})` : '';
      add({
        ...place(write.site.fn, write.site.pos),
        code: codeOf(write.site.pos),
        phase: ranInStatement(write.site.v8fn) ? 'statement' : at.phase,
        kind: 'elements kind',
        reason: `a write here changed arrays from ${change.from} to ${change.to}`,
        elementsKinds: [change.from, change.to],
        explanation: `a write here turned arrays of ${change.from} into ${change.to}${seen}: ${
          /SMI/.test(change.from) && /DOUBLE/.test(change.to)
            ? 'an array of small integers was given a fraction, so V8 converted its whole storage to doubles'
            : 'an array was given a value its storage could not hold, so V8 converted its storage to a more general kind'
        }, and code built for one kind must check for, or give up on, the other`,
        advice: ELEMENTS_ADVICE,
      });
    }
    if (!s.worst || s.dictionaryMaps.size > 0 || s.kindChanges.length > 0) continue; // monomorphic, or said above
    // Strings' maps are their representations (flat, concatenated, internalised): not object shapes.
    const namesVary = /^Keyed/.test(s.icType) && s.keys.size > 1 && ![...s.keys].every((k) => /^\d+$/.test(k));
    if (s.objectMaps.size < 2 && !(namesVary && s.objectMaps.size > 0)) continue;
    add(
      {
        ...at,
        kind: s.worst === 'N' ? 'megamorphic' : 'polymorphic',
        maps: s.objectMaps.size,
        ...inlineCacheWords({ ...s, objectMaps: s.objectMaps.size }),
      },
      s.transitions,
    );
  }

  // Reads that met arrays of two kinds no write of the same function explains.
  for (const { at, change, fn } of metOnly) {
    if (wroteTo.has(`${fn}\u0000${change.to}`)) continue;
    add({
      ...at,
      kind: 'elements kind',
      reason: `arrays of ${change.from} and of ${change.to} met here`,
      elementsKinds: [change.from, change.to],
      explanation: `this code met arrays of two elements kinds (${change.from}, then ${change.to}): optimised code built for one must check for, or give up on, the other`,
      advice: ELEMENTS_ADVICE,
    });
  }

  // Tiers: what V8 compiled each user function to, and where its samples ran.
  const bySample = new Map<
    string,
    { info: ReturnType<SourceResolver['function']>; samples: Record<Tier, number>; fnId: number }
  >();
  let judged = 0;
  for (const s of input.log.samples) {
    if ((begin !== undefined && s.time < begin) || (end !== undefined && s.time > end)) continue;
    const top: Frame | undefined = s.frames[0];
    // A restored frame's own code is unknown (the tier seen is its caller's): not judged.
    if (!top || top.restored) continue;
    judged++;
    const info = resolver.function(top.fn);
    if (!info.user) continue;
    let entry = bySample.get(info.key);
    if (!entry)
      bySample.set(
        info.key,
        (entry = { info, fnId: top.fn.id, samples: { interpreter: 0, Sparkplug: 0, Maglev: 0, TurboFan: 0 } }),
      );
    // An inlined frame runs in its caller's code: that code's tier.
    entry.samples[tierOfMarker(s.tier ?? '~') ?? 'interpreter']++;
  }
  const functions: FunctionTiers[] = [];
  for (const { info, samples, fnId } of bySample.values()) {
    const reached: FunctionTiers['reached'] = [];
    for (const t of input.log.tiers.get(fnId) ?? []) {
      const tier = tierOfMarker(t.tier);
      if (tier && reached.at(-1)?.tier !== tier) reached.push({ tier, atMs: (t.time - (begin ?? 0)) / 1000 });
    }
    functions.push({ fn: shownName(info.name), file: info.file, line: info.start.line, reached, samples });
    const total = samples.interpreter + samples.Sparkplug + samples.Maglev + samples.TurboFan;
    const slow = samples.interpreter + samples.Sparkplug;
    if (total < 5 || total < 0.02 * judged || slow <= total / 2) continue;
    const optimised = reached.some((t) => t.tier === 'TurboFan' || t.tier === 'Maglev');
    const share = Math.round((100 * slow) / total);
    const text = lineText(info.file, info.start.line);
    const column = functionNameColumn(text, info.name, info.start.column);
    add(
      {
        kind: 'not optimised',
        phase: 'statement',
        fn: shownName(info.name),
        file: info.file,
        line: info.start.line,
        column,
        reason: optimised
          ? `optimised, but ${share} % of its time ran unoptimised`
          : `never optimised: ${share} % of its time in the interpreter or Sparkplug`,
        code: codeAt(text, column),
        explanation: optimised
          ? `spent ${share} % of its samples in unoptimised code although V8 optimised it: its optimised code kept being thrown away (see its deopts)`
          : `never reached V8's optimising compilers and spent ${share} % of its samples in slow, unoptimised code`,
        advice: optimised
          ? 'fix the deopts in this function first'
          : 'if it runs often, V8 would normally optimise it: very large functions, code that changes shapes constantly or a function called too rarely stay unoptimised',
      },
      slow,
    );
  }

  const order = (v: Verdict) => VERDICT_KINDS.indexOf(v.kind);
  const verdicts = [...found.values()].sort(
    (a, b) =>
      PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase) ||
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      order(a) - order(b),
  );
  return { verdicts, functions: functions.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line) };
}

/**
 * Elements-kind changes worth a verdict: numbers that stop being small integers (SMI → DOUBLE), and
 * doubles boxed into a generic array. An empty `[]` that gets objects (SMI → ELEMENTS, once per
 * array) or holes are V8's ordinary bookkeeping.
 */
function costlyKindChange(c: { from: string; to: string }): boolean {
  return (/SMI/.test(c.from) && /DOUBLE/.test(c.to)) || (/DOUBLE/.test(c.from) && !/DOUBLE/.test(c.to));
}

function newSite(fn: string, ic: InlineCacheEvent, pos: OriginalPosition): Site {
  return {
    fn,
    v8fn: ic.fn,
    pos,
    icType: ic.icType,
    keys: new Set(),
    objectMaps: new Set(),
    strings: false,
    kinds: new Map(),
    kindChanges: [],
    dictionaryMaps: new Set(),
    worst: '',
    transitions: 0,
    outOfBounds: { count: 0, keys: new Set() },
    times: [],
  };
}

function record(site: Site, ic: InlineCacheEvent): void {
  site.times.push(ic.time);
  site.keys.add(ic.key);
  const d = ic.mapDetails;
  if (isString(d)) site.strings = true;
  else if (ic.map !== '0x000000000000' && !/^0x0+$/.test(ic.map)) site.objectMaps.add(ic.map);
  // Dictionary-mode objects; the global object and prototypes live in dictionary mode by design.
  if (d?.dictionary && d.type === 'JS_OBJECT_TYPE' && !/Global/.test(ic.icType)) site.dictionaryMaps.add(ic.map);
  if (isArray(d) && d!.elementsKind && !site.kinds.has(d!.elementsKind)) {
    const last = [...site.kinds].at(-1);
    if (last) site.kindChanges.push({ from: last[0], fromMap: last[1], to: d!.elementsKind, time: ic.time });
    site.kinds.set(d!.elementsKind, ic.map);
  }
  if (/Load/.test(ic.icType) && /OOB/.test(ic.modifier)) {
    site.outOfBounds.count++;
    site.outOfBounds.keys.add(ic.key);
  }
  if (ic.to === 'N') site.worst = 'N';
  else if (ic.to === 'P' && site.worst !== 'N') site.worst = 'P';
  if (ic.to === 'P' || ic.to === 'N') site.transitions++;
}

/**
 * Whether the statement ran a function: the coverage run counts the statement's own execution
 * (counters reset after the setup), and the explain run's samples between the markers show it too.
 */
function statementFunctions(
  input: ExplainInput,
  resolver: SourceResolver,
  begin: number | undefined,
  end: number | undefined,
): (fn: V8Function) => boolean {
  if (begin === undefined) return () => true;
  const sampled = new Set<number>();
  for (const s of input.log.samples) {
    if (s.time < begin || (end !== undefined && s.time > end)) continue;
    for (const f of s.frames) sampled.add(f.fn.id);
  }
  return (fn) => sampled.has(fn.id) || (resolver.function(fn).calls ?? 0) > 0;
}

/** One line of `hotline deopts`: `file:line:col  function  kind  reason  ×count`. */
export function verdictLine(v: Verdict, displayFile = v.file): string {
  const kind = v.kind === 'deopt' && v.deoptKind ? `deopt (${v.deoptKind})` : v.kind;
  return `${displayFile}:${v.line}:${v.column}  ${v.fn}  ${kind}  ${v.reason}  ×${v.count}`;
}

/** What "nothing to report" covers. */
export const NOTHING_FOUND =
  'no deopts, no polymorphic or megamorphic accesses, no elements-kind changes, no reads past an array’s end, no dictionary-mode objects, every busy function optimised';

/** The findings by phase, the statement's first; the others are apart, under their heading. */
export function byPhase(verdicts: readonly Verdict[]): { phase: Phase; heading: string; verdicts: Verdict[] }[] {
  return PHASES.map((phase) => ({
    phase,
    heading: phaseHeading(phase),
    verdicts: verdicts.filter((v) => v.phase === phase),
  }));
}

/** The heading of a phase's findings, for the ones apart from the statement's. */
export function phaseHeading(phase: Phase): string {
  return phase === 'statement'
    ? 'the statement'
    : phase === 'setup'
      ? 'while the setup ran (not the statement)'
      : 'while the module loaded (not the statement)';
}

/** The sentence a hover or a report shows for a finding. */
export function verdictMessage(v: Verdict): string {
  const code = v.code ? ` at \`${v.code}\`` : '';
  const during = v.phase === 'statement' ? '' : ` (${v.phase === 'setup' ? 'during the setup' : 'while loading'})`;
  switch (v.kind) {
    case 'deopt': {
      const where = v.optimisedIn && v.optimisedIn !== v.fn ? ` (inlined into \`${v.optimisedIn}\`)` : '';
      return `\`${v.fn}\`${where} ${v.explanation}, and was deoptimised ${v.count}×${code}${during} (${v.reason}, ${v.deoptKind ?? 'eager'}): ${v.advice}.`;
    }
    case 'megamorphic':
    case 'polymorphic':
      return `${v.kind === 'megamorphic' ? 'Megamorphic' : 'Polymorphic'}${code}${during}: ${v.explanation}. ${capital(v.advice)}.`;
    case 'elements kind':
      return `Elements kind changed${code}${during}: ${v.explanation}. ${capital(v.advice)}.`;
    case 'out of bounds':
      return `Out of bounds${code}${during}, ${v.count}×: \`${v.fn}\` ${v.explanation}. ${capital(v.advice)}.`;
    case 'dictionary mode':
      return `Dictionary mode${code}${during}: ${v.explanation}. ${capital(v.advice)}.`;
    default:
      return `\`${v.fn}\` ${v.explanation}. ${capital(v.advice)}.`;
  }
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
