// One workload under tinybench, in its own process; prints {"medianNs": …}.
import { Bench } from 'tinybench';
import { workloads } from '../workloads.ts';

async function main() {
  const name = process.argv[2];
  const bench = new Bench({ time: 1000 });
  bench.add(name, workloads[name][1]);
  await bench.run();
  const result = bench.tasks[0].result as unknown as { latency: { p50: number } };
  console.log(JSON.stringify({ medianNs: result.latency.p50 * 1e6 }));
}
void main();
