// Summing 0..n-1 with doubles vs BigInt: same loop, very different cost.

export function sumNumbers(n: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += i;
  }
  return total;
}

export function sumBigInts(n: number): bigint {
  let total = 0n;
  for (let i = 0n; i < BigInt(n); i++) {
    total += i;
  }
  return total;
}
