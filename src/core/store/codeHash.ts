// Code versions: a run is "after an edit" when the hash of its function's own code differs from the
// run before's. Only the function's lines count (line endings and trailing blanks aside), so an edit
// elsewhere in the file, such as a function appended below, is not an edit of this one.
import { createHash } from 'node:crypto';
import type { LocatedFunction } from '../source/functionSymbols';
import { splitLines } from '../source/sourceLines';

export const contentHash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

export function functionCodeHash(text: string, fn: Pick<LocatedFunction, 'startLine' | 'endLine'>): string {
  const lines = splitLines(text).slice(fn.startLine, fn.endLine + 1);
  return `fn:${contentHash(lines.map((l) => l.trimEnd()).join('\n'))}`;
}
