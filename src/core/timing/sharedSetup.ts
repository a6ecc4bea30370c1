// A file's shared setup, like IPython's namespace: defined once, seen by every Time, Profile and
// Explain of the file, so a rewrite is timed on the same inputs with nothing retyped (and is grouped
// with the original, whose setup is the same text). A first proposal for a new function may need
// names of its own: its setup statements are added unless they declare a name the shared setup has.

/** Names a setup declares at its top level (`const x = …`, `let [a, b] = …`, `function f`, `class C`). */
export function declaredNames(setup: string): Set<string> {
  const names = new Set<string>();
  for (const m of setup.matchAll(/(?:^|[;\n{}]\s*)(?:export\s+)?(?:const|let|var)\s+([^=;\n]+?)\s*=/g))
    for (const id of m[1].matchAll(/[A-Za-z_$][\w$]*/g)) names.add(id[0]);
  for (const m of setup.matchAll(/(?:^|[;\n}]\s*)(?:async\s+)?(?:function\*?|class)\s+([A-Za-z_$][\w$]*)/g))
    names.add(m[1]);
  return names;
}

/**
 * The setup to propose for a function: the file's shared setup, and this function's proposed setup
 * after it when that declares nothing the shared setup declares (the shared one wins a clash: the
 * user wrote it; the box shows both to edit). One line: an input box holds no line breaks.
 */
export function setupWithShared(shared: string, proposed = ''): string {
  const own = oneLine(proposed);
  if (!shared.trim()) return own;
  const base = oneLine(shared);
  if (!own || base.includes(own)) return base;
  const taken = declaredNames(shared);
  const clash = [...declaredNames(proposed)].some((n) => taken.has(n));
  return clash ? base : `${withSemicolon(base)} ${own}`;
}

const withSemicolon = (s: string) => (/[;}]$/.test(s) ? s : `${s};`);

/** On one line, as an input box would make it (TypeScript's printer ends every statement with `;`). */
const oneLine = (setup: string) =>
  setup
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ');
