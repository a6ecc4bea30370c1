import fs from 'node:fs';
import path from 'node:path';

/** The directory of the nearest package.json above `file`: the user's project (cwd, esbuild). */
export function projectDirOf(file: string): string {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.dirname(file);
  }
}
