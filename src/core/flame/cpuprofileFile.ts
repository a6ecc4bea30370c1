// Reading a .cpuprofile file without holding it as one string: the file is scanned in 8 MB chunks,
// the top-level "samples" and "timeDeltas" arrays (nine tenths of a big profile) go straight into
// Int32Arrays, and only the rest (the nodes) is handed to JSON.parse. Anything unusual (other
// numbers in those arrays, broken JSON, a wrapped profile) falls back to parseCpuProfile on the
// whole text, so malformed files get exactly the reasons they always got.
import fs from 'node:fs';
import { CpuProfileError, DEFAULT_SIZE_LIMIT, parseCpuProfile, validateCpuProfile } from './cpuprofile';
import type { CpuProfile } from '../lines/lineProfile';

const CHUNK = 8 * 1048576;
const BLOCK = 1 << 20;
const QUOTE = 0x22,
  BACKSLASH = 0x5c,
  COLON = 0x3a,
  COMMA = 0x2c,
  MINUS = 0x2d,
  OPEN = 0x5b,
  CLOSE = 0x5d,
  ZERO = 0x30,
  NINE = 0x39;
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** Whole numbers collected in 1 M blocks (no regrowth garbage), joined once at the end. */
class IntList {
  private readonly blocks: Int32Array[] = [];
  private block = new Int32Array(BLOCK);
  private used = 0;
  length = 0;
  push(v: number): void {
    if (this.used === BLOCK) {
      this.blocks.push(this.block);
      this.block = new Int32Array(BLOCK);
      this.used = 0;
    }
    this.block[this.used++] = v;
    this.length++;
  }
  done(): Int32Array {
    const all = new Int32Array(this.length);
    let at = 0;
    for (const b of this.blocks) {
      all.set(b, at);
      at += b.length;
    }
    all.set(this.block.subarray(0, this.used), at);
    this.blocks.length = 0;
    return all;
  }
}

/** The scan; undefined when the fast path does not apply (then the caller parses the whole text). */
function scan(file: string, chunkBytes: number): Record<string, unknown> | undefined {
  const fd = fs.openSync(file, 'r');
  const rest: Buffer[] = [];
  const lists: Record<string, IntList> = {};
  const buffer = Buffer.allocUnsafe(chunkBytes);
  let depth = 0,
    inString = false,
    escaped = false;
  let keyStart = -1,
    key = '',
    lastKey = '',
    afterColon = false;
  let list: IntList | undefined,
    value = 0,
    negative = false,
    digits = 0;
  try {
    for (let n; (n = fs.readSync(fd, buffer, 0, chunkBytes, null)) > 0;) {
      let restFrom = 0;
      for (let i = 0; i < n; i++) {
        const b = buffer[i];
        if (list) {
          // inside a top-level samples/timeDeltas array: whole numbers only
          if (b >= ZERO && b <= NINE) {
            value = value * 10 + (b - ZERO);
            if (++digits > 10) return undefined;
          } else if (b === COMMA || b === CLOSE) {
            if (value > 0x7fffffff) return undefined;
            if (digits) list.push(negative ? -value : value);
            else if (b === COMMA || negative || list.length) return undefined;
            value = 0;
            negative = false;
            digits = 0;
            if (b === CLOSE) {
              list = undefined;
              restFrom = i;
              depth--;
            } // the "]" goes into the rest: `[]`
          } else if (b === MINUS && !digits && !negative) negative = true;
          else if (!isSpace(b)) return undefined;
          continue;
        }
        if (inString) {
          if (escaped) escaped = false;
          else if (b === BACKSLASH) escaped = true;
          else if (b === QUOTE) {
            inString = false;
            if (keyStart >= 0) {
              key += buffer.toString('latin1', keyStart, i);
              keyStart = -1;
              lastKey = key;
            }
          }
          continue;
        }
        if (b === QUOTE) {
          inString = true;
          key = '';
          keyStart = depth === 1 ? i + 1 : -1;
          afterColon = false;
        } else if (b === COLON) afterColon = depth === 1;
        else if (b === OPEN && afterColon && (lastKey === 'samples' || lastKey === 'timeDeltas')) {
          if (lists[lastKey]) return undefined;
          list = lists[lastKey] = new IntList();
          rest.push(Buffer.from(buffer.subarray(restFrom, i + 1)));
          afterColon = false;
          depth++;
        } else if (b === 0x7b || b === OPEN) {
          depth++;
          afterColon = false;
        } else if (b === 0x7d || b === CLOSE) depth--;
        else if (!isSpace(b)) afterColon = false;
      }
      if (keyStart >= 0) {
        key += buffer.toString('latin1', keyStart, n);
        keyStart = 0;
      }
      if (!list) rest.push(Buffer.from(buffer.subarray(restFrom, n)));
    }
  } finally {
    fs.closeSync(fd);
  }
  if (list || inString || depth !== 0 || !lists.samples) return undefined;
  let data: unknown;
  try {
    const text = Buffer.concat(rest.splice(0)).toString('utf8'); // the pieces go before the parse allocates
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null || !Array.isArray((data as Record<string, unknown>).nodes))
    return undefined;
  const record = data as Record<string, unknown>;
  for (const [name, l] of Object.entries(lists)) record[name] = l.done();
  return record;
}

/** A validated profile from a file on disk; throws CpuProfileError as parseCpuProfile does. (`chunkBytes`: tests.) */
export function readCpuProfileFile(file: string, sizeLimit = DEFAULT_SIZE_LIMIT, chunkBytes = CHUNK): CpuProfile {
  const size = fs.statSync(file).size;
  if (size > sizeLimit)
    throw new CpuProfileError(
      `the file is ${(size / 1048576).toFixed(0)} MB; Hotline opens profiles up to ${(sizeLimit / 1048576).toFixed(0)} MB`,
    );
  const data = scan(file, chunkBytes);
  return data ? validateCpuProfile(data) : parseCpuProfile(fs.readFileSync(file, 'utf8'), sizeLimit);
}
