// Timing: IPython's %timeit statistics and format, the timing function's source, "is my rewrite
// faster?" (ratios with 95 % intervals, groups of alternatives) and the history behind "after your edit".
// Entry points: autorange, buildResult, ipythonLine (timeit), speedRatio (compare), comparisonGroups, compareWithPrevious (history).
export * from './timeit';
export * from './compare';
export * from './comparisonGroups';
export * from './history';
