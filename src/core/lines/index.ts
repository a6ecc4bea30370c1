// Lines: line_profiler's Time and Hits per line from V8's samples and coverage, its text report,
// what the editor shows on a hot line, edits tracked, and the per-line diff across an edit.
// Entry points: attribute (attribution), lineHits, functionReport (lineProfilerReport), hotLineViews, functionDeltas (profileDiff).
export * from './attribution';
export * from './lineProfilerReport';
export * from './hotLineModel';
export * from './profileDiff';
