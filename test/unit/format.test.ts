import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatG, formatTime, withThousands } from '../../src/core/timing/format.ts';

test('formatTime matches IPython _format_time on its own examples', () => {
  assert.equal(formatTime(0.5), '500 ms');
  assert.equal(formatTime(2.345e-5), '23.4 \u00b5s');
  assert.equal(formatTime(2e-10), '0.2 ns');
  assert.equal(formatTime(3725), '1h 2min 5s');
});

test('microseconds are written with U+00B5 MICRO SIGN, as IPython prints them', () => {
  const unit = formatTime(5e-5).split(' ')[1];
  assert.deepEqual(
    [...unit].map((c) => c.codePointAt(0)),
    [0xb5, 0x73],
  );
});

test('formatTime: units, precision, zero and long spans', () => {
  assert.equal(formatTime(0), '0 ns');
  assert.equal(formatTime(1), '1 s');
  assert.equal(formatTime(59.99), '60 s'); // %.3g rounds, as IPython prints it
  assert.equal(formatTime(0.0335), '33.5 ms');
  assert.equal(formatTime(1.96e-4), '196 \u00b5s');
  assert.equal(formatTime(6.6e-10), '0.66 ns');
  assert.equal(formatTime(1.23456e-3, 5), '1.2346 ms');
  assert.equal(formatTime(60), '1min');
  assert.equal(formatTime(90061), '1d 1h 1min 1s');
  assert.equal(formatTime(3600.5), '1h');
});

test('formatG is C %g, not toPrecision', () => {
  assert.equal(formatG(1.2, 3), '1.2');
  assert.equal(formatG(999.7, 3), '1e+03');
  assert.equal(formatG(100, 3), '100');
  assert.equal(formatG(0.0001234, 3), '0.000123');
  assert.equal(formatG(0.00001234, 3), '1.23e-05');
  assert.equal(formatG(123456, 6), '123456');
  assert.equal(formatG(1234567, 6), '1.23457e+06');
  assert.equal(formatG(0.5, 1), '0.5');
  assert.equal(formatG(-2.5, 3), '-2.5');
  assert.equal(formatG(0, 3), '0');
  assert.equal(formatG(1e100, 3), '1e+100');
});

test('withThousands', () => {
  assert.equal(withThousands(1), '1');
  assert.equal(withThousands(1000), '1,000');
  assert.equal(withThousands(10000000), '10,000,000');
});
