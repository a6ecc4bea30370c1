// The four workloads every tool in bench/timeit.ts measures, from one module.
import { blur } from '../examples/src/blur.ts';
import { sawtooth } from '../examples/src/wave.ts';

export function empty(): void {}

export const x = 12345.678;

export const arr: number[] = Array.from({ length: 1000 }, (_, i) => i * 0.5);
export function sum(a: number[]): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += a[i];
  return total;
}

export const wave = sawtooth(1024);
export const STEPS = 10000;
export { blur };

/** name → [statement for Hotline (in this module's scope), the same call as a closure]. */
export const workloads: Record<string, [string, () => unknown]> = {
  'empty function': ['empty()', () => empty()],
  'Math.sqrt': ['Math.sqrt(x)', () => Math.sqrt(x)],
  'sum of 1000': ['sum(arr)', () => sum(arr)],
  'blur N=1024 ×10000': ['blur(wave, STEPS)', () => blur(wave, STEPS)],
};
