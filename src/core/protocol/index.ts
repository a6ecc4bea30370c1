// Protocol: every message that crosses a trust boundary — the child runner's lines on fd 3 and the
// webviews' messages both ways — with the validators that drop anything not exactly one of them.
// Entry points: parseChildMessage (protocol), the flame and timings panel message guards.
export * from './protocol';
export * from './flameMessages';
export * from './timingsMessages';
export * from './profilePayload';
