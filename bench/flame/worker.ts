// Opening a huge .cpuprofile in plain Node, as the extension host does: the old path (read, parse
// and flatten on the main thread) against the reader child process (dist/profileWorker.js). Each variant runs in
// its own process so its peak RSS (VmHWM) is its own; the main thread's longest stall is measured
// with a 10 ms timer. Prints a Markdown table, median of 3.
//   npm run --silent build && node --import tsx bench/flame/worker.ts [large|medium]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseCpuProfile } from '../../src/core/flame/cpuprofile.ts';
import { runProfileJobInChild } from '../../src/core/flame/profileWorkerClient.ts';
import { toFlatProfile } from '../../src/core/flame/profileModel.ts';
import { presetProfile, PRESETS } from './generate.ts';

const root = path.resolve(import.meta.dirname, '../..');
const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const peakRssMB = () => Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))![1]) / 1024;

interface Trial {
  ms: number;
  stallMs: number;
  peakMB: number;
  payloadMB: number;
  nodes: number;
}

/** One variant in this process: time to a FlatProfile, the longest main-thread stall, peak RSS. */
async function measure(variant: string, file: string): Promise<Trial> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last - 10);
    last = now;
  }, 10);
  const t0 = performance.now();
  let profile;
  if (variant === 'main thread') profile = toFlatProfile(parseCpuProfile(fs.readFileSync(file, 'utf8')));
  else {
    const result = await runProfileJobInChild(path.join(root, 'dist/profileWorker.js'), { type: 'load', file });
    if (result?.type !== 'profile') throw new Error(JSON.stringify(result));
    profile = result.profile;
  }
  const ms = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 30));
  clearInterval(timer);
  return {
    ms,
    stallMs: Math.max(stallMs, variant === 'main thread' ? ms : 0),
    peakMB: peakRssMB(),
    payloadMB: JSON.stringify(profile).length / 1048576,
    nodes: profile.parent.length,
  };
}

async function main() {
  if (process.argv[2] === '--child') {
    console.log(JSON.stringify(await measure(process.argv[3], process.argv[4])));
    return;
  }
  const preset = (process.argv[2] ?? 'large') as keyof typeof PRESETS;
  const file = presetProfile(preset);
  const sizeMB = fs.statSync(file).size / 1048576;
  const rows: string[] = [];
  for (const variant of ['main thread', 'reader process']) {
    const trials: Trial[] = [];
    for (let i = 0; i < 3; i++) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', variant, file], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      trials.push(JSON.parse(out.trim().split('\n').pop()!));
      console.error(`${variant} trial ${i}: ${JSON.stringify(trials.at(-1))}`);
    }
    const m = (k: keyof Trial) => median(trials.map((t) => t[k]));
    rows.push(
      `| ${variant} | ${(m('ms') / 1000).toFixed(2)} s | ${m('stallMs').toFixed(0)} ms | ${m('peakMB').toFixed(0)} MB (${(m('peakMB') / sizeMB).toFixed(2)}× file) | ${m('payloadMB').toFixed(1)} MB |`,
    );
  }
  const { nodes, samples } = PRESETS[preset];
  console.log(
    `${sizeMB.toFixed(0)} MB .cpuprofile, ${nodes.toLocaleString('en-US')} nodes, ${samples.toLocaleString('en-US')} samples; plain Node ${process.version}; median of 3`,
  );
  console.log(
    '| read + parse + flat tree | time | longest main-thread stall | process peak RSS | FlatProfile as JSON |',
  );
  console.log('|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}
void main();
