// What the memory tests (memit, mprun) assert with: a run that succeeded, and bytes within a
// tolerance of what the statement was built to allocate.
import assert from 'node:assert/strict';

interface Failed {
  ok: false;
  kind: string;
  message: string;
  detail?: string;
  stderr: string;
}

/** The outcome, or the test fails with what the run said. */
export function succeeded<T extends { ok: true } | Failed>(o: T): Exclude<T, Failed> {
  if (!o.ok) assert.fail(`${o.kind}: ${o.message}\n${o.detail ?? ''}\n${o.stderr}`);
  return o as Exclude<T, Failed>;
}

export function within(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(
    Math.abs(actual - expected) <= expected * tolerance,
    `${what}: ${actual.toFixed(0)} B, built to be ${expected} B (±${tolerance * 100} %)`,
  );
}
