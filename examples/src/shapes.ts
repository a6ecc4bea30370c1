// The worked example of "Hotline: Explain Function": the same points made two ways. `moments` reads
// `p.x` and `p.y` in a hot loop: over objects of many shapes those reads are megamorphic (a slow
// generic lookup each time, which Explain marks); over one shape each is a single check.

export interface Point { x: number; y: number }

/** Points built in eight different ways: the same fields, different shapes for V8. */
export function mixedPoints(n: number): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < n; i++) {
    switch (i % 8) {
      case 0: out.push({ x: i % 100, y: 1 }); break;
      case 1: out.push({ y: 1, x: i % 100 }); break;
      case 2: out.push({ x: i % 100, y: 1, z: 0 } as Point); break;
      case 3: out.push({ label: 'p', x: i % 100, y: 1 } as Point); break;
      case 4: out.push(Object.assign({}, { x: i % 100, y: 1 })); break;
      case 5: { const p = { y: 1 } as Point; p.x = i % 100; out.push(p); break; }
      case 6: out.push({ x: i % 100, y: 1, w: 2, v: 3 } as Point); break;
      default: out.push({ id: i, y: 1, x: i % 100 } as Point);
    }
  }
  return out;
}

/** The same points, all made the same way: one shape. */
export function uniformPoints(n: number): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < n; i++) out.push({ x: i % 100, y: 1 });
  return out;
}

/** Σ x·y + x − y over the points: four property reads per point. */
export function moments(points: Point[]): number {
  let s = 0;
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    s += p.x * p.y + p.x - p.y;
  }
  return s;
}
