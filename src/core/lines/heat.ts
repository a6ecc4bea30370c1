// Heat of a line from its share of the profiled time, after Cython's annotate ramp
// 255 // (1 + score/10): intensity = 1 - 1/(1 + score/10) with score = the share in percent,
// so 1% is faint (0.09), 10% is half (0.5), 50% is strong (0.83); then 10 discrete levels,
// one per contributed theme colour (hotline.heat1..10).
export const HEAT_LEVELS = 10;

export function heatIntensity(share: number): number {
  const score = Math.max(0, share) * 100;
  return 1 - 1 / (1 + score / 10);
}

/** 0 for no time at all, else 1..HEAT_LEVELS. */
export function heatLevel(share: number): number {
  if (!(share > 0)) return 0;
  return Math.min(HEAT_LEVELS, Math.max(1, Math.ceil(heatIntensity(share) * HEAT_LEVELS)));
}
