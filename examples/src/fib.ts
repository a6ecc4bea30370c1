// Recursive and iterative Fibonacci: a deep call tree for the flame views, and its fix.

export function fib(n: number): number {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}

export function fibIterative(n: number): number {
  let a = 0;
  let b = 1;
  for (let i = 0; i < n; i++) {
    [a, b] = [b, a + b];
  }
  return a;
}

export async function fibLater(n: number): Promise<number> {
  await null;
  return fib(n);
}
