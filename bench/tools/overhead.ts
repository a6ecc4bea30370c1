// One overhead trial in its own process: blurTyped(sawtooth(1024), 1000) repeated for a fixed count,
// with no profiler, with the node:inspector CPU profiler (same thread) or under the flags the
// caller passes (V8's sampler as Hotline runs it, node --cpu-prof). Prints {"seconds": …} of the repeated work only.
import { Session } from 'node:inspector';
import { blurTyped as blur } from '../../examples/src/blur.ts';
import { sawtooth } from '../../examples/src/wave.ts';

function post(session: Session, method: string, params: object = {}): Promise<unknown> {
  return new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
}

async function main() {
  const [mode, interval = '1000'] = process.argv.slice(2);
  const x = sawtooth(1024);
  for (let i = 0; i < 50; i++) blur(x, 1000); // warm up: measure steady state
  let session: Session | undefined;
  if (mode === 'inspector') {
    session = new Session();
    session.connect();
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.setSamplingInterval', { interval: Number(interval) });
    await post(session, 'Profiler.start');
  }
  const t0 = performance.now();
  let sink = 0;
  for (let i = 0; i < 400; i++) sink += blur(x, 1000)[512];
  const seconds = (performance.now() - t0) / 1000;
  if (session) await post(session, 'Profiler.stop');
  console.log(JSON.stringify({ seconds, sink }));
}
void main();
