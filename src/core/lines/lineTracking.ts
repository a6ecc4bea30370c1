// Keeps line-anchored annotations (timing hints, hot lines) in place while the user edits:
// lines below an edit shift by the number of lines it added or removed; lines the edit touched
// are dropped, because their figures no longer describe the code on them.

export interface LineEdit {
  /** 0-based first and last line of the replaced range, before the edit. */
  startLine: number;
  endLine: number;
  /** Number of line breaks in the inserted text. */
  insertedLineBreaks: number;
  /** True when the edit only inserts whole lines before `startLine` (text ends with a line break at column 0). */
  insertsWholeLinesBefore?: boolean;
}

export function shiftLines<T extends { line: number }>(items: readonly T[], edits: readonly LineEdit[]): T[] {
  let current = items.slice();
  // VS Code reports the changes of one event against the document before the event, last first
  // when several are applied; apply them bottom-up so earlier edits do not move later ranges.
  const ordered = [...edits].sort((a, b) => b.startLine - a.startLine);
  for (const edit of ordered) {
    const delta = edit.insertedLineBreaks - (edit.endLine - edit.startLine);
    const next: T[] = [];
    for (const item of current) {
      if (item.line < edit.startLine) next.push(item);
      else if (edit.insertsWholeLinesBefore && item.line === edit.startLine && edit.endLine === edit.startLine)
        next.push({ ...item, line: item.line + delta });
      else if (item.line > edit.endLine) next.push({ ...item, line: item.line + delta });
      // else: the edit touched this line: drop it.
    }
    current = next;
  }
  return current;
}
