// Source: V8's positions in the code it ran → the user's files, lines and columns (inline and library
// source maps), lines counted as the editor counts them, and the function under the cursor.
// Entry points: ScriptMapper (sourceMapping), SourceResolver (sourceResolver), functionAtLine and proposeStatement (functionSymbols).
export * from './sourceMapping';
export * from './sourceResolver';
export * from './sourceLines';
export * from './functionSymbols';
