// Verdicts: V8's own log of deopts and inline caches turned into plain words on the exact code,
// and the self-contained, cython -a style annotated HTML report.
// Entry points: explain and verdictLine (verdicts), annotateHtml.
export * from './verdicts';
export * from './annotateHtml';
