// Reads V8's own log (`node --prof --log-source-position --logfile=F`), one event per line, in the
// order V8 wrote them. Only the events line attribution needs are decoded:
//   code-creation,<type>,<kind>,<time µs>,<address>,<size>,<name>[,<sfi address>,<tier marker>]
//   code-source-info,<address>,<script id>,<start>,<end>,<pc→position table>,<inlining positions>,<inlined functions>
//   code-move,<from>,<to> · code-delete,<address> · sfi-move,<from>,<to>
//   script-source,<id>,<url>,<source>
//   tick,<pc>,<time µs>,<external callback?>,<tos>,<vm state>,<return addresses…>
//   code-deopt,<time>,<size>,<code address>,<inlining id>,<script offset>,<kind>,<position>,<reason>
//   LoadIC|StoreIC|Keyed…IC,<pc>,<time>,<line>,<column>,<old state>,<new state>,<map>,<key>,<modifier>,<slow reason>
//   map,<event>,<time>,<from map>,<to map>,<pc>,<line>,<column>,<reason>,<name>   (--log-maps)
//   map-details,<time>,<map>,<V8's printout of the map>                          (--log-maps)
// Strings are escaped by V8: `\x2C` for commas, `\\`, `\n`, `\xNN` and `\uNNNN` for the rest, so a
// plain split on commas is safe and each string field is unescaped afterwards.

/** V8's compilers, slowest first. */
export type Tier = 'interpreter' | 'Sparkplug' | 'Maglev' | 'TurboFan';

/**
 * The tier of a `code-creation` marker. V8 writes `~` interpreter, `^` Sparkplug, `+` Maglev,
 * `*` TurboFan; from Node 24 a `'` after Maglev's and TurboFan's marker says the code is
 * specialised to its closure's context (ordinary calls; on-stack-replacement code is logged
 * without it), and Node 26 puts an `o` before the on-stack-replacement ones (`o+`, `o*`).
 * Recorded from each Node (test/unit/logEvents.test.ts): 20.20 and 22.23 `~ ^ + *`, 24.22
 * `~ ^ + +' * *'`, 26.12 `~ ^ +' o+ *' o*`. Anything else (an empty marker: V8 disabled
 * optimisation and logs the bytecode without one) is undefined.
 */
export function tierOfMarker(marker: string): Tier | undefined {
  const m = /^o?([~^+*])'?$/.exec(marker);
  if (!m) return undefined;
  return m[1] === '~' ? 'interpreter' : m[1] === '^' ? 'Sparkplug' : m[1] === '+' ? 'Maglev' : 'TurboFan';
}

/** Whether the marker is of on-stack-replacement code (Node 26 writes it; older Nodes do not say). */
export const isOsrMarker = (marker: string): boolean => marker.startsWith('o');

export type LogEvent =
  | {
      type: 'code';
      time: number;
      address: number;
      size: number;
      codeType: string;
      name: string;
      sfi?: number;
      /** The code's tier (`~ ^ + *`, '' for none): the marker without V8's qualifiers (parseTierMarker). */
      tier: string;
      /** On-stack-replacement code: entered from a running loop, not by a call. */
      osr?: boolean;
      /** Code specialised to one closure's context (`'`: V8 does it for OSR code and single-closure functions). */
      contextSpecialised?: boolean;
    }
  | {
      type: 'source-info';
      address: number;
      scriptId: number;
      start: number;
      end: number;
      positions: string;
      inlining: string;
      inlinedFunctions: string;
    }
  | { type: 'code-move'; from: number; to: number }
  | { type: 'code-delete'; address: number }
  | { type: 'sfi-move'; from: number; to: number }
  | { type: 'script'; id: number; url: string; source: string }
  | { type: 'tick'; time: number; pc: number; vmState: number; stack: number[]; tos?: number }
  | { type: 'library'; start: number; end: number }
  | {
      type: 'deopt';
      time: number;
      address: number;
      inliningId: number;
      offset: number;
      kind: string;
      position: string;
      reason: string;
    }
  | {
      type: 'ic';
      icType: string;
      pc: number;
      time: number;
      line: number;
      column: number;
      from: string;
      to: string;
      map: string;
      key: string;
      /** `.OOB` / `.IGNORE_OOB` (a keyed access past an array's end), `.COW`, `.STORE+COW`… */
      modifier: string;
      slowReason: string;
    }
  | {
      /** A map V8 made or changed (`Normalize`: an object went to dictionary mode; `Transition`…). */
      type: 'map';
      event: string;
      time: number;
      from: string;
      to: string;
      pc: number;
      line: number;
      column: number;
      reason: string;
      name: string;
    }
  | { type: 'map-details'; time: number; map: string; details: MapDetails };

/** What a map's printout says that the verdicts need. */
export interface MapDetails {
  /** V8's instance type: `JS_OBJECT_TYPE`, `JS_ARRAY_TYPE`, `ONE_BYTE_STRING_TYPE`… */
  type: string;
  /** `PACKED_SMI_ELEMENTS`, `HOLEY_DOUBLE_ELEMENTS`… */
  elementsKind: string;
  /** Properties in a hash table ("slow" properties): after `delete`, or too many added. */
  dictionary: boolean;
}

/** The fields of V8's map printout (`--log-maps-details`) the verdicts use. */
export function parseMapDetails(printout: string): MapDetails {
  return {
    type: / - type: (\w+)/.exec(printout)?.[1] ?? '',
    elementsKind: / - elements kind: (\w+)/.exec(printout)?.[1] ?? '',
    dictionary: /\n - dictionary_map(\n|$)/.test(printout),
  };
}

/**
 * A code-creation tier marker: `~` interpreted, `^` Sparkplug, `+` Maglev, `*` TurboFan. Node 24's
 * V8 appends `'` to code specialised to its closure's context (`+'`, `*'`), which OSR code always
 * is; Node 26's prefixes OSR code with `o` (`o+`, `o*`, `o+'`). Node 20/22 log the bare marker.
 */
export function parseTierMarker(marker: string): { tier: string; osr: boolean; contextSpecialised: boolean } {
  const m = /^(o?)([~^+*]?)('?)$/.exec(marker);
  if (!m) return { tier: marker, osr: false, contextSpecialised: false };
  return { tier: m[2], osr: m[1] === 'o', contextSpecialised: m[3] === "'" };
}

/** V8's string escaping undone. */
export function unescapeLogString(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|n|\\)/g, (_, e: string) => {
    if (e === 'n') return '\n';
    if (e === '\\') return '\\';
    return String.fromCharCode(parseInt(e.slice(1), 16));
  });
}

/** Addresses are hex (`0x…`); above 2^53 they lose precision, but user-space addresses stay below. */
const address = (s: string | undefined): number => (s && s.startsWith('0x') ? parseInt(s.slice(2), 16) : NaN);

export function parseLogLine(line: string): LogEvent | undefined {
  const comma = line.indexOf(',');
  if (comma < 0) return undefined;
  const kind = line.slice(0, comma);
  switch (kind) {
    case 'tick': {
      const f = line.split(',');
      // In an external callback (a C++ function called from JS) the pc can still point into the JS
      // caller, which the stack lists too: V8's tick processor takes the callback as the pc instead.
      const pc = address(f[3] === '0' ? f[1] : f[4]);
      const time = Number(f[2]);
      if (!Number.isFinite(pc) || !Number.isFinite(time)) return undefined;
      const stack: number[] = [];
      for (let i = 6; i < f.length; i++) {
        const a = address(f[i]);
        if (Number.isFinite(a)) stack.push(a);
      }
      // Without an external callback, field 4 is the value on top of the stack: the return address
      // when a frameless builtin was called (its caller is then missing from the frame chain).
      const tos = f[3] === '0' ? address(f[4]) : NaN;
      return { type: 'tick', time, pc, vmState: Number(f[5]) || 0, stack, ...(tos > 0 ? { tos } : {}) };
    }
    case 'code-creation': {
      const f = line.split(',');
      const codeAddress = address(f[4]);
      if (!Number.isFinite(codeAddress)) return undefined;
      const withFunction = f.length >= 9 && f[f.length - 2].startsWith('0x');
      const nameFields = withFunction ? f.slice(6, f.length - 2) : f.slice(6);
      const { tier, osr, contextSpecialised } = parseTierMarker(withFunction ? f[f.length - 1] : '');
      return {
        type: 'code',
        codeType: f[1],
        time: Number(f[3]),
        address: codeAddress,
        size: Number(f[5]) || 0,
        name: unescapeLogString(nameFields.join(',')),
        sfi: withFunction ? address(f[f.length - 2]) : undefined,
        tier,
        ...(osr ? { osr } : {}),
        ...(contextSpecialised ? { contextSpecialised } : {}),
      };
    }
    case 'code-source-info': {
      const f = line.split(',');
      if (f.length < 8) return undefined;
      return {
        type: 'source-info',
        address: address(f[1]),
        scriptId: Number(f[2]),
        start: Number(f[3]),
        end: Number(f[4]),
        positions: f[5],
        inlining: f[6],
        inlinedFunctions: f[7],
      };
    }
    case 'code-move':
    case 'sfi-move': {
      const f = line.split(',');
      return { type: kind, from: address(f[1]), to: address(f[2]) };
    }
    case 'code-delete':
      return { type: 'code-delete', address: address(line.slice(comma + 1)) };
    case 'script-source': {
      const second = line.indexOf(',', comma + 1);
      const third = line.indexOf(',', second + 1);
      if (second < 0 || third < 0) return undefined;
      return {
        type: 'script',
        id: Number(line.slice(comma + 1, second)),
        url: unescapeLogString(line.slice(second + 1, third)),
        source: unescapeLogString(line.slice(third + 1)),
      };
    }
    case 'shared-library': {
      // shared-library,<path>,<start>,<end>,<slide>: native code (C++, and builtins remapped near JIT code).
      const f = line.split(',');
      const start = address(f[f.length - 3]);
      const end = address(f[f.length - 2]);
      return Number.isFinite(start) && Number.isFinite(end) ? { type: 'library', start, end } : undefined;
    }
    case 'code-deopt': {
      const f = line.split(',');
      if (f.length < 9) return undefined;
      return {
        type: 'deopt',
        time: Number(f[1]),
        address: address(f[3]),
        inliningId: Number(f[4]),
        offset: Number(f[5]),
        kind: f[6].replace(/^deopt-/, ''),
        position: unescapeLogString(f[7]),
        reason: unescapeLogString(f.slice(8).join(',')),
      };
    }
    case 'map': {
      const f = line.split(',');
      if (f.length < 10) return undefined;
      return {
        type: 'map',
        event: f[1],
        time: Number(f[2]),
        from: f[3],
        to: f[4],
        pc: address(f[5]),
        line: Number(f[6]),
        column: Number(f[7]),
        reason: unescapeLogString(f[8]),
        name: unescapeLogString(f.slice(9).join(',')),
      };
    }
    case 'map-details': {
      const second = line.indexOf(',', comma + 1);
      const third = line.indexOf(',', second + 1);
      if (second < 0 || third < 0) return undefined;
      return {
        type: 'map-details',
        time: Number(line.slice(comma + 1, second)),
        map: line.slice(second + 1, third),
        details: parseMapDetails(unescapeLogString(line.slice(third + 1))),
      };
    }
    default: {
      // Inline cache transitions: LoadIC, KeyedStoreIC, LoadGlobalIC …
      if (!/^[A-Za-z]*IC$/.test(kind)) return undefined;
      const f = line.split(',');
      if (f.length < 9) return undefined;
      return {
        type: 'ic',
        icType: kind,
        pc: address(f[1]),
        time: Number(f[2]),
        line: Number(f[3]),
        column: Number(f[4]),
        from: f[5],
        to: f[6],
        map: f[7],
        key: unescapeLogString(f[8]),
        modifier: f[9] ?? '',
        slowReason: unescapeLogString(f[10] ?? ''),
      };
    }
  }
}

/** Every event of a whole log text; a last line cut off by process exit is skipped. */
export function* logEvents(text: string): Generator<LogEvent> {
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    if (end < 0) break; // unterminated: the writer was stopped mid-line
    const event = parseLogLine(text.slice(start, end));
    if (event) yield event;
    start = end + 1;
  }
}
