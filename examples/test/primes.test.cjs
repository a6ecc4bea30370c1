// A test file for Hotline: Profile Run… (npm test): node --test runs it in a process of its own,
// and the time lands on the lines of js/primes.cjs, a second file.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { countPrimes } = require('../js/primes.cjs');

test('there are 216,816 primes below three million', () => {
  assert.equal(countPrimes(3_000_000), 216_816);
});
