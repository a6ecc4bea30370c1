// The README's pictures are there, are PNGs and stay small (the Marketplace page loads them all).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

test('every picture the README shows is a committed PNG under 200 KB, in a light and a dark version', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const pictures = [...readme.matchAll(/(?:src|srcset)="(media\/pictures\/[^"]+)"/g)].map((m) => m[1]);
  assert.ok(pictures.length >= 6, `pictures: ${pictures.join(', ')}`);
  for (const picture of pictures) {
    const bytes = fs.readFileSync(path.join(root, picture));
    assert.ok(bytes.subarray(0, 8).equals(PNG), `${picture} is a PNG`);
    assert.ok(bytes.length < 200_000, `${picture} is ${bytes.length} bytes`);
  }
  for (const light of pictures.filter((p) => p.endsWith('-light.png')))
    assert.ok(pictures.includes(light.replace('-light.png', '-dark.png')), `${light} has a dark version`);
});
