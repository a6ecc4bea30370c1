// A sawtooth wave built from its Fourier series: 2/π · Σ (-1)^(k+1) sin(k·t) / k.

export function sawtooth(n: number, terms = 64): number[] {
  const x: number[] = new Array(n).fill(0);
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n - Math.PI;
    let sum = 0;
    for (let k = 1; k <= terms; k++) {
      sum += ((k % 2 === 1 ? 1 : -1) * Math.sin(k * t)) / k;
    }
    x[i] = (2 / Math.PI) * sum;
  }
  return x;
}
