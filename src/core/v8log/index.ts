// V8's log: the events of `node --prof --log-source-position --log-deopt --log-ic`, one per line in
// V8's order, and the call stack of every sample with exact positions and inlined frames restored.
// Entry points: parseLogLine (logEvents), readV (stacks).
export * from './logEvents';
export * from './stacks';
