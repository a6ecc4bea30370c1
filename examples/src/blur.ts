// 1-D diffusion ("blur"): x_k[i] = 0.25 * (x[i-1] + 2*x[i] + x[i+1]), repeated `steps` times.
// Several implementations of the same thing, to time against each other.
import { sawtooth } from './wave.ts';

export const N = 1024;

/** Plain arrays, a straight port of the Python loop. */
export function blur(x: number[], steps = 1024): number[] {
  x = x.slice();
  let xk = new Array<number>(x.length);
  xk[0] = x[0];
  xk[x.length - 1] = x[x.length - 1];
  for (let s = 0; s < steps; s++) {
    for (let i = 1; i < x.length - 1; i++) {
      xk[i] = 0.25 * (x[i - 1] + 2 * x[i] + x[i + 1]);
    }
    [x, xk] = [xk, x];
  }
  return x;
}

/** Typed arrays: unboxed doubles, no holes. */
export function blurTyped(input: ArrayLike<number>, steps = 1024): Float64Array {
  let x = Float64Array.from(input);
  let xk = new Float64Array(x.length);
  xk[0] = x[0];
  xk[x.length - 1] = x[x.length - 1];
  for (let s = 0; s < steps; s++) {
    for (let i = 1; i < x.length - 1; i++) {
      xk[i] = 0.25 * (x[i - 1] + 2 * x[i] + x[i + 1]);
    }
    const t = x; x = xk; xk = t;
  }
  return x;
}

/** Typed arrays with the neighbours kept in registers: one load per element. */
export function blurFast(input: ArrayLike<number>, steps = 1024): Float64Array {
  let x = Float64Array.from(input);
  let xk = new Float64Array(x.length);
  const last = x.length - 1;
  xk[0] = x[0];
  xk[last] = x[last];
  for (let s = 0; s < steps; s++) {
    let left = x[0];
    let mid = x[1];
    for (let i = 1; i < last; i++) {
      const right = x[i + 1];
      xk[i] = 0.25 * (left + mid + mid + right);
      left = mid;
      mid = right;
    }
    const t = x; x = xk; xk = t;
  }
  return x;
}

/** Functional style: a fresh array every step. */
export function blurMap(x: number[], steps = 1024): number[] {
  for (let s = 0; s < steps; s++) {
    x = x.map((v, i) => (i === 0 || i === x.length - 1 ? v : 0.25 * (x[i - 1] + 2 * v + x[i + 1])));
  }
  return x;
}

export function demo(): number {
  const x = sawtooth(N);
  return blur(x, 100)[N / 2];
}
