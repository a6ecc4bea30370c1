import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { buildSync } from 'esbuild';
import os from 'node:os';
import path from 'node:path';
import { syntheticProfile } from '../../bench/flame/generate.ts';
import { CpuProfileError, parseCpuProfile } from '../../src/core/flame/cpuprofile.ts';
import { readCpuProfileFile } from '../../src/core/flame/cpuprofileFile.ts';
import { isFlatProfile, parseFlameToWebview } from '../../src/core/protocol/flameMessages.ts';
import { librarySourceMapper } from '../../src/core/source/librarySourceMaps.ts';
import { isProfileJobRequest, runProfileJob } from '../../src/core/flame/profileJob.ts';
import { runProfileJobInChild } from '../../src/core/flame/profileWorkerClient.ts';
import { toFlatProfile } from '../../src/core/flame/profileModel.ts';

const root = path.resolve(import.meta.dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-profile-job-'));
// The reader bundled as scripts/build.mjs bundles it (the child runs plain Node, which cannot load TypeScript).
const workerEntry = path.join(dir, 'profileWorker.js');
buildSync({
  entryPoints: [path.join(root, 'src/worker/profileWorker.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: workerEntry,
  logLevel: 'error',
});
// A library that ships an external source map whose sources (src/*.ts) are on disk.
const codecScript = path.join(root, 'node_modules/@jridgewell/sourcemap-codec/dist/sourcemap-codec.mjs');
const codecSource = path.join(root, 'node_modules/@jridgewell/sourcemap-codec/src/sourcemap-codec.ts');

const lineOf = (file: string, text: string) =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => l.startsWith(text));
const frame = (functionName: string, url: string, lineNumber: number, columnNumber = 0) => ({
  functionName,
  scriptId: '1',
  url,
  lineNumber,
  columnNumber,
});

function writeProfile(name: string, frames: ReturnType<typeof frame>[]): string {
  const nodes = [
    { id: 1, callFrame: frame('(root)', '', -1, -1), children: frames.map((_, i) => i + 2) },
    ...frames.map((callFrame, i) => ({ id: i + 2, callFrame, children: [] })),
  ];
  const samples = frames.map((_, i) => i + 2);
  const file = path.join(dir, name);
  fs.writeFileSync(
    file,
    JSON.stringify({
      nodes,
      startTime: 0,
      endTime: samples.length * 1000,
      samples,
      timeDeltas: samples.map(() => 1000),
    }),
  );
  return file;
}

test('the job reads, validates and flattens exactly as the in-process path did', () => {
  const file = writeProfile('plain.cpuprofile', [
    frame('main', 'file:///w/a.js', 3),
    frame('work', 'file:///w/a.js', 9),
  ]);
  const result = runProfileJob({ type: 'load', file, sourceMaps: false });
  assert.equal(result.type, 'profile');
  if (result.type !== 'profile') return;
  assert.deepEqual(result.profile, toFlatProfile(parseCpuProfile(fs.readFileSync(file, 'utf8'))));
  assert.deepEqual(result.generated, [null, null, null]);
  assert.ok(isFlatProfile(result.profile));
});

test('malformed and oversized files give the same reasons as before', () => {
  const truncated = path.join(dir, 'truncated.cpuprofile');
  fs.writeFileSync(truncated, '{"nodes": [');
  assert.deepEqual(runProfileJob({ type: 'load', file: truncated }), {
    type: 'error',
    reason: 'the file is truncated: its JSON ends before the profile does.',
  });
  const file = writeProfile('big.cpuprofile', [frame('main', 'file:///w/a.js', 3)]);
  assert.match(
    (runProfileJob({ type: 'load', file, sizeLimit: 10 }) as { reason: string }).reason,
    /Hotline opens profiles up to 0 MB/,
  );
  assert.match(
    (runProfileJob({ type: 'load', file: path.join(dir, 'missing.cpuprofile') }) as { reason: string }).reason,
    /^could not read it: .*ENOENT/,
  );
  assert.ok(isProfileJobRequest({ type: 'load', file }));
  assert.ok(!isProfileJobRequest({ type: 'load', file: 3 }) && !isProfileJobRequest(null));
});

test('the reader process answers with the same profile, and reports a bad file as an error', async () => {
  const file = writeProfile('worker.cpuprofile', [frame('main', 'file:///w/a.js', 3)]);
  const result = await runProfileJobInChild(workerEntry, { type: 'load', file });
  assert.equal(result?.type, 'profile');
  assert.deepEqual(
    result?.type === 'profile' && result.profile,
    toFlatProfile(parseCpuProfile(fs.readFileSync(file, 'utf8'))),
  );
  const notJson = path.join(dir, 'not-json.cpuprofile');
  fs.writeFileSync(notJson, 'hello');
  assert.match(
    ((await runProfileJobInChild(workerEntry, { type: 'load', file: notJson })) as { reason: string }).reason,
    /^the file is not JSON/,
  );
});

test('aborting (the panel closed) kills the reader and resolves with nothing', async () => {
  const file = writeProfile('abort.cpuprofile', [frame('main', 'file:///w/a.js', 3)]);
  const reading = new AbortController();
  const pending = runProfileJobInChild(workerEntry, { type: 'load', file }, { signal: reading.signal });
  reading.abort();
  assert.equal(await pending, undefined);
});

test('library frames map through the source map beside the script to distinct original locations', () => {
  const decodeLine = lineOf(codecScript, 'function decode(');
  const sortLine = lineOf(codecScript, 'function sort(');
  const url = `file://${codecScript}`;
  const file = writeProfile('library.cpuprofile', [
    frame('decode', url, decodeLine, 9),
    frame('sort', url, sortLine, 9),
  ]);
  const result = runProfileJob({ type: 'load', file });
  assert.equal(result.type, 'profile');
  if (result.type !== 'profile') return;
  const [decode, sort] = result.profile.functions.slice(1);
  assert.equal(decode.file, codecSource);
  assert.equal(sort.file, codecSource);
  const original = fs.readFileSync(codecSource, 'utf8').split('\n');
  assert.match(original[decode.line - 1], /function decode\(/, `line ${decode.line} of sourcemap-codec.ts`);
  assert.match(original[sort.line - 1], /function sort\(/, `line ${sort.line} of sourcemap-codec.ts`);
  assert.deepEqual(
    result.generated[1],
    { file: codecScript, line: decodeLine + 1, column: 10 },
    'the script that ran is kept for opening',
  );
});

test('an inline data-URL map gives the original name; a script without a map stays as it is', () => {
  const script = path.join(dir, 'bundle.min.js');
  const map = { version: 3, sources: ['lexer.ts'], names: ['lex'], mappings: 'AAAAA' };
  fs.writeFileSync(
    script,
    `function a(s){return s}\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}\n`,
  );
  const mapper = librarySourceMapper();
  assert.deepEqual(mapper(`file://${script}`, 0, 0), {
    file: path.join(dir, 'lexer.ts'),
    line: 1,
    column: 1,
    name: 'lex',
  });
  const plain = path.join(dir, 'plain.js');
  fs.writeFileSync(plain, 'function b(){}\n');
  assert.equal(mapper(`file://${plain}`, 0, 0), undefined);
  assert.equal(mapper('node:internal/timers', 0, 0), undefined);
  const broken = path.join(dir, 'broken.js');
  fs.writeFileSync(broken, 'function c(){}\n//# sourceMappingURL=broken.js.map\n');
  fs.writeFileSync(`${broken}.map`, '{ not json');
  assert.equal(mapper(`file://${broken}`, 0, 0), undefined);
});

test('the profile message validator accepts a real profile and rejects broken trees in one pass', () => {
  const file = writeProfile('valid.cpuprofile', [frame('main', 'file:///w/a.js', 3)]);
  const result = runProfileJob({ type: 'load', file, sourceMaps: false });
  assert.equal(result.type, 'profile');
  if (result.type !== 'profile') return;
  const profile = result.profile;
  assert.ok(parseFlameToWebview({ type: 'profile', title: 't', profile, canSave: false }));
  const broken = (patch: object) => ({ ...profile, ...patch });
  assert.ok(!isFlatProfile(broken({ func: [0, 5] })), 'function index out of range');
  assert.ok(!isFlatProfile(broken({ parent: [-1, 1] })), 'a parent after its child');
  assert.ok(!isFlatProfile(broken({ self: [0, Number.NaN] })), 'not a finite time');
  assert.ok(!isFlatProfile(broken({ total: [0] })), 'lengths differ');
  assert.ok(!isFlatProfile(broken({ callCounts: [1] })), 'call counts not per function');
});

test('the streaming reader gives the same profile as JSON.parse, whatever the chunk boundaries', () => {
  const file = path.join(dir, 'synthetic.cpuprofile');
  fs.writeFileSync(file, syntheticProfile(3000, 20_000).replace('"samples":[', '"samples" :\n [ '));
  const expected = toFlatProfile(parseCpuProfile(fs.readFileSync(file, 'utf8')));
  for (const chunk of [7, 4096, 8 * 1048576]) {
    const profile = readCpuProfileFile(file, undefined, chunk);
    assert.ok(profile.samples instanceof Int32Array, `chunk ${chunk}: samples read without JSON.parse`);
    assert.deepEqual(toFlatProfile(profile), expected, `chunk ${chunk}`);
  }
});

test('the streaming reader falls back to the whole text for anything unusual, with the same reasons', () => {
  const base = {
    nodes: [
      { id: 1, callFrame: frame('(root)', '', -1, -1), children: [2] },
      { id: 2, callFrame: frame('main', 'file:///w/a.js', 1), children: [] },
    ],
    startTime: 0,
    endTime: 3,
  };
  const cases: [string, object | string][] = [
    ['fractional deltas', { ...base, samples: [2, 2], timeDeltas: [0, 1.5] }],
    ['DevTools wrapper', { profile: { ...base, samples: [2], timeDeltas: [0] } }],
    ['a string sample', { ...base, samples: [2, 'x'], timeDeltas: [0, 1] }],
    ['a sample of no node', { ...base, samples: [2, 9], timeDeltas: [0, 1] }],
    ['fewer deltas', { ...base, samples: [2, 2], timeDeltas: [0] }],
    ['truncated', JSON.stringify({ ...base, samples: [2, 2], timeDeltas: [0, 1] }).slice(0, -9)],
  ];
  for (const [name, content] of cases) {
    const file = path.join(dir, 'unusual.cpuprofile');
    const text = typeof content === 'string' ? content : JSON.stringify(content);
    fs.writeFileSync(file, text);
    let expected: unknown, actual: unknown;
    try {
      expected = toFlatProfile(parseCpuProfile(text));
    } catch (e) {
      expected = (e as CpuProfileError).reason;
    }
    try {
      actual = toFlatProfile(readCpuProfileFile(file, undefined, 5));
    } catch (e) {
      actual = (e as CpuProfileError).reason;
    }
    assert.deepEqual(actual, expected, name);
  }
});
