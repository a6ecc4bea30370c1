// In the benchmark page: the same code path as the extension + webview, timed in the browser:
// parse the .cpuprofile, build the flat tree, hand it to the flame panel, wait for its first paint.
import { parseCpuProfile } from '../../src/core/flame/cpuprofile';
import { toFlatProfile } from '../../src/core/flame/profileModel';

declare global {
  interface Window {
    benchResult?: Record<string, number>;
    benchText?: string;
  }
}

async function main() {
  const text = await (await fetch('/profile.cpuprofile')).text();
  const t0 = performance.now();
  const flat = toFlatProfile(parseCpuProfile(text));
  const t1 = performance.now();
  const painted = new Promise<void>((resolve) =>
    new MutationObserver((_, obs) => {
      if (document.body.dataset.firstPaintMs) {
        obs.disconnect();
        resolve();
      }
    }).observe(document.body, { attributes: true }),
  );
  window.postMessage({ type: 'profile', title: 'synthetic', profile: flat, canSave: false }, '*');
  await painted;
  const t2 = performance.now();
  window.benchResult = { parseMs: t1 - t0, layoutAndPaintMs: t2 - t1, totalMs: t2 - t0, nodes: flat.parent.length };
}
void main();
