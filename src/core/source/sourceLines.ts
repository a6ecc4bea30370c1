// Lines of source text as the editor, V8 and TypeScript all count them: a line ends at \r\n, \n,
// or a lone \r (classic Mac files). U+2028/U+2029 are left inside lines, as VS Code shows them.
const LINE_BREAKS = /\r\n|\r|\n/g;

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The offset (UTF-16) at which each line starts. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(LINE_BREAKS)) starts.push(m.index + m[0].length);
  return starts;
}

/** The offset of the line break that ends the line holding `offset` (the text's length on the last line). */
export function lineEndAfter(text: string, offset: number): number {
  const breaks = /\r|\n/g;
  breaks.lastIndex = offset;
  return breaks.exec(text)?.index ?? text.length;
}
