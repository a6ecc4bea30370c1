// One workload under mitata, in its own process; prints {"medianNs": …}.
import { measure } from 'mitata';
import { workloads } from '../workloads.ts';

async function main() {
  const [, fn] = workloads[process.argv[2]];
  const stats = await measure(fn);
  console.log(JSON.stringify({ medianNs: stats.p50 }));
}
void main();
