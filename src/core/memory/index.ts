// Memory: memory_profiler's %memit for JS — the bytes a statement allocates per loop (V8 heap and
// ArrayBuffer memory), what it retains after a full collection, the peak heap and its collections.
// Entry points: memitLoopSource (the generated loop), arrayBufferBytesPerLoop, buildMemitResult, memitLine.
export * from './memitLoop';
export * from './memit';
