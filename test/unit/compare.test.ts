// The comparison statistics on synthetic samples with known ratios (no timing: seeded random numbers).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  sampledChange,
  speedRatio,
  studentTQuantile,
  verdictPhrase,
  verdictSentence,
} from '../../src/core/timing/compare.ts';

/** mulberry32: a small seeded generator, so every run of the tests draws the same samples. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** `n` per-loop times around `median` seconds with multiplicative (log-normal) noise of spread `sigma`. */
function runs(random: () => number, n: number, median: number, sigma: number): number[] {
  return Array.from({ length: n }, () => median * Math.exp(sigma * normal(random)));
}

const TRIALS = 2000;
/** Binomial bounds around 95 % for 2000 trials: the standard deviation is 0.49 pp, these are > 5 of them. */
const RATE_LOW = 0.92,
  RATE_HIGH = 0.975;

test('Student t quantiles match the tables', () => {
  assert.ok(Math.abs(studentTQuantile(0.975, 6) - 2.446912) < 1e-5);
  assert.ok(Math.abs(studentTQuantile(0.975, 12) - 2.178813) < 1e-5);
  assert.ok(Math.abs(studentTQuantile(0.975, 1e6) - 1.959966) < 1e-4);
  assert.ok(Math.abs(studentTQuantile(0.025, 3.5) + studentTQuantile(0.975, 3.5)) < 1e-9);
});

for (const [truth, sigmaA, sigmaB, n] of [
  [4, 0.02, 0.02, 7],
  [1.3, 0.05, 0.15, 7],
  [0.5, 0.1, 0.03, 5],
  [12, 0.03, 0.03, 20],
] as const) {
  test(`the 95 % interval covers a true ratio of ${truth} at about 95 % (σ ${sigmaA}/${sigmaB}, ${n} runs each)`, () => {
    let covered = 0;
    for (let seed = 1; seed <= TRIALS; seed++) {
      const random = seeded(seed * 7919 + truth * 1000);
      const s = speedRatio(runs(random, n, 20e-3, sigmaA), runs(random, n, 20e-3 / truth, sigmaB))!;
      assert.ok(s.low <= s.ratio && s.ratio <= s.high);
      if (s.low <= truth && truth <= s.high) covered++;
    }
    const rate = covered / TRIALS;
    assert.ok(rate >= RATE_LOW && rate <= RATE_HIGH, `coverage ${rate}`);
  });
}

test('identical distributions give "no significant difference" at about 95 %', () => {
  let ties = 0;
  for (let seed = 1; seed <= TRIALS; seed++) {
    const random = seeded(seed);
    const s = speedRatio(runs(random, 7, 1e-6, 0.04), runs(random, 7, 1e-6, 0.04))!;
    if (!s.significant) {
      ties++;
      assert.match(verdictPhrase(s), /^no significant difference \(\d\.\d\d–\d\.\d\d×\)$/);
    }
  }
  const rate = ties / TRIALS;
  assert.ok(rate >= RATE_LOW && rate <= RATE_HIGH, `ties ${rate}`);
});

test('a clear 4:1 difference is significant in (nearly) every trial, and a 1 % one in few with σ = 10 %', () => {
  let clear = 0,
    small = 0;
  for (let seed = 1; seed <= 500; seed++) {
    const random = seeded(seed);
    if (speedRatio(runs(random, 7, 4e-3, 0.05), runs(random, 7, 1e-3, 0.05))!.significant) clear++;
    if (speedRatio(runs(random, 7, 1.01e-3, 0.1), runs(random, 7, 1e-3, 0.1))!.significant) small++;
  }
  assert.equal(clear, 500);
  assert.ok(small < 500 * 0.1, `${small} of 500`);
});

test('verdicts read as sentences, faster and slower', () => {
  const faster = { ratio: 3.98, low: 3.9, high: 4.06, significant: true };
  assert.equal(
    verdictSentence('blurFast', 'blur', faster),
    '`blurFast` is 3.98× faster than `blur` (95 % CI 3.90–4.06)',
  );
  const slower = { ratio: 0.8, low: 0.76, high: 0.84, significant: true };
  assert.equal(verdictPhrase(slower), '1.25× slower (95 % CI 1.19–1.32)');
  const tie = { ratio: 1.005, low: 0.98, high: 1.03, significant: false };
  assert.equal(verdictPhrase(tie), 'no significant difference (0.98–1.03×)');
  assert.equal(verdictSentence('a', 'b', tie), '`a` vs `b`: no significant difference (0.98–1.03×)');
});

test('no interval from fewer than two runs or from non-positive times', () => {
  assert.equal(speedRatio([1e-3], [1e-3, 2e-3]), undefined);
  assert.equal(speedRatio([1e-3, 0], [1e-3, 2e-3]), undefined);
  const exact = speedRatio([2e-3, 2e-3], [1e-3, 1e-3])!;
  assert.equal(exact.ratio, 2);
  assert.equal(exact.significant, true);
});

// Separate processes: each process's level is off by a factor exp(spread · N(0,1)) that its own
// runs do not show. Without the spread in the interval, "same code" reads faster or slower often.
test('timings from separate processes: the spread between processes keeps the 95 % coverage', () => {
  const spread = 0.05;
  let coveredWithin = 0,
    coveredAcross = 0;
  for (let seed = 1; seed <= TRIALS; seed++) {
    const random = seeded(seed * 31 + 5);
    const level = () => Math.exp(spread * normal(random));
    const a = runs(random, 7, 10e-3 * level(), 0.02),
      b = runs(random, 7, 10e-3 * level(), 0.02);
    const within = speedRatio(a, b)!,
      across = speedRatio(a, b, 0.95, spread)!;
    if (within.low <= 1 && 1 <= within.high) coveredWithin++;
    if (across.low <= 1 && 1 <= across.high) coveredAcross++;
    assert.ok(across.high - across.low > within.high - within.low);
  }
  assert.ok(coveredWithin / TRIALS < 0.6, `the runs alone cover ${coveredWithin / TRIALS}: far below 95 %`);
  const rate = coveredAcross / TRIALS;
  assert.ok(rate >= RATE_LOW && rate <= RATE_HIGH, `coverage with the spread ${rate}`);
});

/** A Poisson count of mean `mean` (Knuth's method; means here are below a few hundred). */
function poisson(random: () => number, mean: number): number {
  if (mean > 200) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(random)));
  const limit = Math.exp(-mean);
  let k = 0,
    p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

test('a sampled line: equal rates are called a change at about 5 %, a 2× change with 200 samples always', () => {
  const microsPerSample = 1;
  let falseChanges = 0,
    found = 0;
  for (let seed = 1; seed <= TRIALS; seed++) {
    const random = seeded(seed * 13 + 1);
    const [b, a] = [poisson(random, 40), poisson(random, 40)];
    const same = sampledChange(
      { micros: b * microsPerSample, samples: b },
      { micros: a * microsPerSample, samples: a },
      0,
    );
    if (same.significant) falseChanges++;
    const [b2, a2] = [poisson(random, 200), poisson(random, 400)];
    if (sampledChange({ micros: b2, samples: b2 }, { micros: a2, samples: a2 }, 0).significant) found++;
  }
  assert.ok(falseChanges / TRIALS <= 0.08, `false changes ${falseChanges / TRIALS}`);
  assert.equal(found, TRIALS);
  const none = sampledChange({ micros: 0, samples: 0 }, { micros: 3, samples: 3 }, 0);
  assert.equal(none.ratio, Infinity, 'a line with no time before');
  assert.equal(none.significant, true);
  assert.equal(sampledChange({ micros: 1, samples: 1 }, { micros: 2, samples: 2 }).significant, false, '1 → 2 samples');
});
