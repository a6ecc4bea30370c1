/** Code Hotline cannot compile as tsc would: the message starts with file:line:col. */
export class TranspileError extends SyntaxError {}
