// Flame: a .cpuprofile read (streamed, validated) into a flat profile, the trees and geometry of the
// icicle, sunburst, time-order and left-heavy views, the diff content and the block colours' contrast.
// Entry points: readCpuProfileFile (cpuprofileFile), toFlatProfile (profileModel), buildViewTree (flameTree), layout (flameLayout).
export * from './profileModel';
export * from './flameTree';
export * from './flameLayout';
export * from './flameTimeline';
