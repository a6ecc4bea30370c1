// V8's own verdicts on the user's code, the JavaScript meaning of Cython's "yellow = slow path":
// where optimised code gave up (deoptimisations, with V8's reason), which property accesses saw
// too many object shapes (polymorphic and megamorphic inline caches), and which functions spent
// their time unoptimised. Read from the explain run's V8 log (src/core/v8log), positions mapped to
// the original files like line times (sourceResolver.ts), each finding told in plain words.
import { SourceResolver, type ResolverInput } from './sourceResolver';
import type { OriginalPosition } from './sourceMapping';
import type { Frame } from './v8log/stacks';
import { splitLines } from './sourceLines';

const splitLinesOf = (text: string | undefined) => (text === undefined ? undefined : splitLines(text));

export type VerdictKind = 'deopt' | 'megamorphic' | 'polymorphic' | 'not optimised';
export const VERDICT_KINDS: readonly VerdictKind[] = ['deopt', 'megamorphic', 'polymorphic', 'not optimised'];

export interface VerdictPlace {
  fn: string;
  file: string;
  line: number;
  column: number;
}

export interface Verdict extends VerdictPlace {
  kind: VerdictKind;
  /** V8's reason (deopts), the property or call (inline caches), or the tiers (not optimised). */
  reason: string;
  count: number;
  /** Deopts: eager (a check failed), lazy (invalidated from outside), soft (optimised without feedback). */
  deoptKind?: string;
  /** Deopts: the function whose optimised code it was (it may have inlined the one that failed). */
  optimisedIn?: string;
  /** Deopts: where the failing code was inlined, innermost first. */
  inlinedAt?: VerdictPlace[];
  /** Inline caches: how many object shapes (maps) the site saw. */
  maps?: number;
  /** The code at the position, for the message (`a + b`, `o.x`). */
  code: string;
  /** What happened, in plain words. */
  explanation: string;
  /** What usually fixes it. */
  advice: string;
}

export type Tier = 'interpreter' | 'Sparkplug' | 'Maglev' | 'TurboFan';

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
  verdicts: Verdict[];
  functions: FunctionTiers[];
}

export interface ExplainInput extends ResolverInput {
  /** The runner's markers around the statement's repetitions; samples outside are not judged. */
  markers?: { begin: string; end: string };
}

const TIER_OF: Record<string, Tier> = { '~': 'interpreter', '^': 'Sparkplug', '+': 'Maglev', '*': 'TurboFan' };

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
    'was optimised for objects of certain shapes and met an object of another shape',
    'create these objects with the same properties in the same order (one class or factory), and do not add or delete properties later',
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
    /prepare for on.?stack replacement|OSR/i,
    'left its code for an optimised version of the running loop (on-stack replacement)',
    'nothing to do: this is V8 switching a long loop to faster code',
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

/** What an inline cache's state means, by why it got there: many shapes, many keys, or a dictionary object. */
function inlineCacheWords(s: {
  icType: string;
  keys: Set<string>;
  maps: Set<string>;
  worst: string;
}): Pick<Verdict, 'reason' | 'explanation' | 'advice'> {
  const mega = s.worst === 'N';
  const keyed = /^Keyed/.test(s.icType);
  const [key] = s.keys;
  const elements = keyed && [...s.keys].every((k) => /^\d+$/.test(k));
  const store = /Store|Define/.test(s.icType);
  const what = /Call/.test(s.icType)
    ? 'calls'
    : `${elements ? 'element ' : ''}${store ? 'writes' : 'reads'}${elements || keyed ? '' : ` of \`${key}\``}`;
  if (keyed && !elements && s.keys.size > 1 && s.maps.size <= 4) {
    return {
      reason: `${what} saw ${s.keys.size} property names`,
      explanation: `${what} used ${s.keys.size} different property names at one site; V8 caches keyed accesses by name and ${mega ? 'gave up, doing a slow generic lookup every time' : 'checks each one in turn'}`,
      advice: 'for data keyed by strings use a Map; for a few fixed names, read them as named properties (o.a, o.b)',
    };
  }
  if (mega && s.maps.size <= 1) {
    return {
      reason: `${what} on an object in dictionary mode`,
      explanation: `${what} went straight to a slow generic lookup: the object is in dictionary mode (used as a hash map, or properties were deleted)`,
      advice: 'for dynamic keys use a Map; avoid delete on objects in hot code',
    };
  }
  return {
    reason: `${what} saw ${s.maps.size} object shapes`,
    explanation: mega
      ? `${what} met ${s.maps.size} different object shapes; V8 stopped caching them and does a slow generic lookup every time`
      : `${what} met ${s.maps.size} object shapes; V8 checks them one by one`,
    advice: mega
      ? 'give the objects reaching this line one shape (same properties, added in the same order, e.g. one class), or split the code per kind of object'
      : 'fine when it is few; one shape is fastest (create the objects the same way)',
  };
}

/**
 * The code at a position: V8 points at a property name or an operator; take the object path in
 * front of a property (`values.length`, not `length`) and the rest of the expression, shortened.
 */
function codeAt(text: string | undefined, column: number): string {
  if (!text) return '';
  const at = Math.max(0, column - 1);
  if (text[at - 1] === '.') {
    const property = /^[\w$]+/.exec(text.slice(at))?.[0] ?? '';
    return /[\w$.]*$/.exec(text.slice(0, at))![0] + property;
  }
  const rest = text
    .slice(at)
    .split(/;|\/\/|\{$/)[0]
    .trim();
  return rest.length > 40 ? `${rest.slice(0, 39)}…` : rest;
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
    fn,
    file: pos.file,
    line: pos.line,
    column: pos.column,
  });
  const found = new Map<string, Verdict>();
  const add = (v: Omit<Verdict, 'count'>, count = 1) => {
    const key = `${v.kind}\u0000${v.file}:${v.line}:${v.column}\u0000${v.reason}\u0000${v.deoptKind ?? ''}`;
    const existing = found.get(key);
    if (existing) existing.count += count;
    else found.set(key, { ...v, count });
  };

  // Deoptimisations: reported at the innermost position in the user's own code.
  for (const d of input.log.deopts) {
    const mapped = d.frames.map((f) => ({
      frame: f,
      fn: resolver.function(f.fn),
      pos: resolver.position(f.fn, f.offset),
    }));
    const at = mapped.findIndex((m) => m.fn.user && m.pos);
    if (at < 0) continue;
    const here = mapped[at];
    const { explanation, advice } = deoptWords(d.reason);
    const inner = at > 0 ? mapped[0] : undefined;
    const optimisedIn = resolver.function(d.optimised).name;
    add({
      kind: 'deopt',
      ...place(here.fn.name, here.pos!),
      reason: d.reason,
      deoptKind: d.kind,
      optimisedIn,
      inlinedAt: mapped
        .slice(at + 1)
        .filter((m) => m.pos)
        .map((m) => place(m.fn.name, m.pos!)),
      code: codeAt(lineText(here.pos!.file, here.pos!.line), here.pos!.column),
      explanation: inner ? `${explanation} inside \`${inner.fn.name}\` (${inner.fn.file}), called here` : explanation,
      advice,
    });
  }

  // Inline caches: every shape (map) each site saw, and whether it went polymorphic or megamorphic.
  const sites = new Map<
    string,
    {
      fn: string;
      pos: OriginalPosition;
      keys: Set<string>;
      icType: string;
      maps: Set<string>;
      worst: string;
      transitions: number;
    }
  >();
  for (const ic of input.log.inlineCaches) {
    const fn = resolver.function(ic.fn);
    if (!fn.user) continue;
    const pos = resolver.positionAtLine(ic.fn, ic.line, ic.column);
    if (!pos) continue;
    // One inline cache per site; a keyed one (obj[key]) sees many keys.
    const id = `${pos.file}:${pos.line}:${pos.column}:${ic.icType}`;
    let site = sites.get(id);
    if (!site)
      sites.set(
        id,
        (site = { fn: fn.name, pos, keys: new Set(), icType: ic.icType, maps: new Set(), worst: '', transitions: 0 }),
      );
    site.maps.add(ic.map);
    site.keys.add(ic.key);
    if (ic.to === 'N') site.worst = 'N';
    else if (ic.to === 'P' && site.worst !== 'N') site.worst = 'P';
    if (ic.to === 'P' || ic.to === 'N') site.transitions++;
  }
  for (const s of sites.values()) {
    if (!s.worst) continue; // stayed monomorphic
    add(
      {
        kind: s.worst === 'N' ? 'megamorphic' : 'polymorphic',
        ...place(s.fn, s.pos),
        maps: s.maps.size,
        code: codeAt(lineText(s.pos.file, s.pos.line), s.pos.column),
        ...inlineCacheWords(s),
      },
      s.transitions,
    );
  }

  // Tiers: what V8 compiled each user function to, and where its samples ran.
  const begin = input.markers ? input.log.markers.get(input.markers.begin) : undefined;
  const end = input.markers ? input.log.markers.get(input.markers.end) : undefined;
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
    entry.samples[TIER_OF[s.tier ?? '~'] ?? 'interpreter']++;
  }
  const functions: FunctionTiers[] = [];
  for (const { info, samples, fnId } of bySample.values()) {
    const reached = (input.log.tiers.get(fnId) ?? [])
      .filter((t) => TIER_OF[t.tier])
      .map((t) => ({ tier: TIER_OF[t.tier], atMs: (t.time - (begin ?? 0)) / 1000 }));
    functions.push({ fn: info.name, file: info.file, line: info.start.line, reached, samples });
    const total = samples.interpreter + samples.Sparkplug + samples.Maglev + samples.TurboFan;
    const slow = samples.interpreter + samples.Sparkplug;
    if (total < 5 || total < 0.02 * judged || slow <= total / 2) continue;
    const optimised = reached.some((t) => t.tier === 'TurboFan' || t.tier === 'Maglev');
    const share = Math.round((100 * slow) / total);
    add(
      {
        kind: 'not optimised',
        fn: info.name,
        file: info.file,
        line: info.start.line,
        column: info.start.column,
        reason: optimised
          ? `optimised, but ${share} % of its time ran unoptimised`
          : `never optimised: ${share} % of its time in the interpreter or Sparkplug`,
        code: codeAt(lineText(info.file, info.start.line), info.start.column),
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
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || order(a) - order(b),
  );
  return { verdicts, functions: functions.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line) };
}

/** One line of `hotline deopts`: `file:line:col  function  kind  reason  ×count`. */
export function verdictLine(v: Verdict, displayFile = v.file): string {
  const kind = v.kind === 'deopt' && v.deoptKind ? `deopt (${v.deoptKind})` : v.kind;
  return `${displayFile}:${v.line}:${v.column}  ${v.fn}  ${kind}  ${v.reason}  ×${v.count}`;
}

/** The sentence a hover or a report shows for a finding. */
export function verdictMessage(v: Verdict): string {
  const code = v.code ? ` at \`${v.code}\`` : '';
  switch (v.kind) {
    case 'deopt': {
      const where = v.optimisedIn && v.optimisedIn !== v.fn ? ` (inlined into \`${v.optimisedIn}\`)` : '';
      return `\`${v.fn}\`${where} ${v.explanation}, and was deoptimised ${v.count}×${code} (${v.reason}, ${v.deoptKind ?? 'eager'}): ${v.advice}.`;
    }
    case 'megamorphic':
    case 'polymorphic':
      return `${v.kind === 'megamorphic' ? 'Megamorphic' : 'Polymorphic'}${code}: ${v.explanation}. ${capital(v.advice)}.`;
    default:
      return `\`${v.fn}\` ${v.explanation}. ${capital(v.advice)}.`;
  }
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
