// Opening a .cpuprofile file off the extension host's main thread: the request the worker
// (src/worker/profileWorker.ts) gets, what it answers, and the work itself (read, validate, flatten,
// source-map library frames). Pure Node so it is unit-tested and benchmarked without VS Code.
import { CpuProfileError, DEFAULT_SIZE_LIMIT } from './cpuprofile';
import { readCpuProfileFile } from './cpuprofileFile';
import { librarySourceMapper } from '../source/librarySourceMaps';
import { toFlatProfile } from './profileModel';
import type { FlatProfile } from './profileTypes';

export interface ProfileJobRequest {
  type: 'load';
  /** Absolute path of the .cpuprofile. */
  file: string;
  sizeLimit?: number;
  /** Map library frames through their source maps on disk (default true). */
  sourceMaps?: boolean;
}

/** Where a source-mapped function really runs, so "open source" can fall back to it. */
export interface GeneratedLocation {
  file: string;
  line: number;
  column: number;
}

export type ProfileJobResult =
  | {
      type: 'profile';
      profile: FlatProfile;
      generated: (GeneratedLocation | null)[];
      timings: { readAndParseMs: number; flattenMs: number };
    }
  /** `reason` completes "Hotline cannot open this profile: …". */
  | { type: 'error'; reason: string };

const locationKey = (l: { file: string; line: number; column: number }) => `${l.file}\u0000${l.line}\u0000${l.column}`;

export function runProfileJob(request: ProfileJobRequest): ProfileJobResult {
  const sizeLimit = request.sizeLimit ?? DEFAULT_SIZE_LIMIT;
  try {
    const t0 = performance.now();
    const parsed = readCpuProfileFile(request.file, sizeLimit);
    const t2 = performance.now();
    const generatedOf = new Map<string, GeneratedLocation>();
    const mapper = request.sourceMaps === false ? undefined : librarySourceMapper();
    const profile = toFlatProfile(parsed, {
      mapLocation:
        mapper &&
        ((url, line0, column0) => {
          const mapped = mapper(url, line0, column0);
          if (mapped)
            generatedOf.set(locationKey(mapped), {
              file: url.replace(/^file:\/\//, ''),
              line: line0 + 1,
              column: column0 + 1,
            });
          return mapped;
        }),
    });
    const generated = profile.functions.map((f) => generatedOf.get(locationKey(f)) ?? null);
    return {
      type: 'profile',
      profile,
      generated,
      timings: { readAndParseMs: t2 - t0, flattenMs: performance.now() - t2 },
    };
  } catch (e) {
    if (e instanceof CpuProfileError) return { type: 'error', reason: `${e.reason}.` };
    return { type: 'error', reason: `could not read it: ${(e as Error).message}` };
  }
}

export function isProfileJobRequest(v: unknown): v is ProfileJobRequest {
  const r = v as ProfileJobRequest;
  return (
    typeof v === 'object' &&
    v !== null &&
    r.type === 'load' &&
    typeof r.file === 'string' &&
    (r.sizeLimit === undefined || typeof r.sizeLimit === 'number') &&
    (r.sourceMaps === undefined || typeof r.sourceMaps === 'boolean')
  );
}
