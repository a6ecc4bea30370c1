// Memory: memory_profiler's %memit for JS — the bytes a statement allocates per loop (V8 heap and
// ArrayBuffer memory), what it retains after a full collection, the peak heap and its collections.
// Entry points: memitLoopSource (the generated loop), arrayBufferBytesPerLoop, buildMemitResult, memitLine;
// mprun's per-line bytes: heapBytesBySite, buildMprunResult, mprunReport.
export * from './memitLoop';
export * from './memit';
export * from './mprun';
export * from './memoryHeat';
