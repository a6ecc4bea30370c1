// Whole runs: a program run unchanged (a script, an npm script, a test run) with every Node
// thread of every process sampled, merged into the run's hottest lines and functions and one call tree.
// Entry points: summarizeRun (runReport), runReportText (runText), mergeProfiles, wholeRunChain (threads),
// runHotLineViews (the editor's hot lines), runChoices (what Profile Run… offers).
export * from './runReport';
export * from './runText';
export * from './mergeProfiles';
export * from './threads';
export * from './runHotLines';
export * from './runChoices';
export * from './capture';
