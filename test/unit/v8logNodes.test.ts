// The log reader on logs recorded from every supported Node (test/fixtures/v8logs/loops.js under
// the sampling run's flags, recorded by generateLoops.mjs): tier markers, OSR code, and the
// Maglev loop-peeling case that put a loop's calls on its `for` line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseTierMarker } from '../../src/core/v8log/logEvents.ts';
import { readV8Log, type V8Log } from '../../src/core/v8log/stacks.ts';

const dir = path.resolve(import.meta.dirname, '../fixtures/v8logs');
const fixture = fs.readFileSync(path.join(dir, 'loops.js'), 'utf8').split('\n');
const lineOfCode = (code: string) => fixture.findIndex((l) => l.includes(code)) + 1;
const FOR_LINE = lineOfCode('for (let i = 0; i < n; i++) {');
const CALL_LINES = [lineOfCode('s ^= spin(k);'), lineOfCode('s ^= spin(3 * k);')];

const read = (name: string): V8Log => readV8Log(fs.readFileSync(path.join(dir, name), 'latin1'));
const logs = fs.readdirSync(dir).filter((f) => /^loops-node\d+(-peeling)?\.log$/.test(f));

/** Line of a frame's position in the fixture (the logged script is the fixture itself). */
function lineAt(log: V8Log, offset: number): number {
  const script = [...log.scripts.values()].find((s) => s.url.endsWith('/loops.js'))!;
  return script.source.slice(0, offset).split('\n').length;
}

/** Samples in loopCalls with spin inlined into it, by the loopCalls line holding the inlined call. */
function inlinedCallLines(log: V8Log): Map<number, number> {
  const lines = new Map<number, number>();
  for (const s of log.samples) {
    const i = s.frames.findIndex((f) => f.fn.name === 'loopCalls');
    if (i <= 0 || !s.frames[i - 1].inlined || s.frames[i - 1].fn.name !== 'spin') continue;
    const line = lineAt(log, s.frames[i].offset);
    lines.set(line, (lines.get(line) ?? 0) + 1);
  }
  return lines;
}

test('tier markers of Node 20 to 26 read as the tier, with OSR and context specialisation apart', () => {
  assert.deepEqual(parseTierMarker('~'), { tier: '~', osr: false, contextSpecialised: false });
  assert.deepEqual(parseTierMarker('*'), { tier: '*', osr: false, contextSpecialised: false });
  assert.deepEqual(parseTierMarker("+'"), { tier: '+', osr: false, contextSpecialised: true });
  assert.deepEqual(parseTierMarker("*'"), { tier: '*', osr: false, contextSpecialised: true });
  assert.deepEqual(parseTierMarker('o+'), { tier: '+', osr: true, contextSpecialised: false });
  assert.deepEqual(parseTierMarker('o*'), { tier: '*', osr: true, contextSpecialised: false });
  assert.deepEqual(parseTierMarker(''), { tier: '', osr: false, contextSpecialised: false });
});

test('every Node: the fixture logs, and its functions reach optimised code under plain tiers', () => {
  assert.ok(logs.length >= 4, `recorded logs: ${logs.join(', ')}`);
  for (const name of logs) {
    const log = read(name);
    const tiers = new Set<string>();
    for (const list of log.tiers.values()) for (const t of list) tiers.add(t.tier);
    for (const t of tiers) assert.match(t, /^[~^+*]?$/, `${name}: tier ${t}`);
    assert.ok(tiers.has('*'), `${name}: TurboFan code read as such (${[...tiers].join(' ')})`);
    const tiered = log.samples.filter((s) => s.frames.some((f) => f.fn.name === 'loopCalls'));
    assert.ok(tiered.length > 100, `${name}: ${tiered.length} samples in loopCalls`);
    assert.ok(
      tiered.every((s) => s.tier === undefined || /^[~^+*]$/.test(s.tier)),
      `${name}: sample tiers are plain`,
    );
  }
});

test("Node 26's OSR code (o+, o*) is read as optimised code entered by on-stack replacement", () => {
  const name = logs.find((f) => /^loops-node26\.log$/.test(f));
  if (!name) return;
  const log = read(name);
  const osr = [...log.tiers.values()].flat().filter((t) => t.osr);
  assert.ok(osr.some((t) => t.tier === '*') || osr.some((t) => t.tier === '+'), 'OSR code logged');
  assert.ok(
    log.samples.some((s) => s.osr && s.frames.some((f) => f.fn.name === 'loopCalls')),
    'samples in OSR code keep their frames',
  );
});

test("with Maglev's loop peeling, Node 24 logs a loop's inlined calls at its `for` keyword", () => {
  const name = 'loops-node24-peeling.log';
  if (!logs.includes(name)) return;
  const lines = inlinedCallLines(read(name));
  const total = [...lines.values()].reduce((a, b) => a + b, 0);
  assert.ok((lines.get(FOR_LINE) ?? 0) > 0.1 * total, `inlined calls by line: ${JSON.stringify([...lines])}`);
});

test('under the sampling run flags (no Maglev loop peeling), every Node logs inlined calls on their own lines', () => {
  for (const name of logs.filter((f) => !f.includes('peeling'))) {
    const lines = inlinedCallLines(read(name));
    assert.equal(lines.get(FOR_LINE) ?? 0, 0, `${name}: inlined calls by line ${JSON.stringify([...lines])}`);
    for (const line of CALL_LINES) assert.ok((lines.get(line) ?? 0) > 0, `${name}: calls on line ${line}`);
  }
});
