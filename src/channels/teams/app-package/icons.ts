import { encodePng } from "./png.ts";

type Shape = (x: number, y: number) => boolean;

const ACCENT = [0x2e, 0x7d, 0x7a] as const; // teal, the manifest's accentColor

/** Inside a rounded rectangle. */
const roundedRect =
  (x0: number, y0: number, x1: number, y1: number, r: number): Shape =>
  (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };

const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

/** Inside the triangle a-b-c. */
const triangle =
  (a: [number, number], b: [number, number], c: [number, number]): Shape =>
  (x, y) => {
    const side = (p: [number, number], q: [number, number]) =>
      (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
    const d1 = side(a, b);
    const d2 = side(b, c);
    const d3 = side(c, a);
    return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
  };

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));

/** A speech bubble in unit coordinates (0..1), with a tail at the bottom left. */
function bubble(inset: number): Shape {
  return union(
    roundedRect(0.14 + inset, 0.2 + inset, 0.86 - inset, 0.68 - inset, 0.12 - inset),
    triangle([0.26, 0.6], [0.44, 0.6], [0.22, 0.84 - inset * 2.2]),
  );
}

/** Three dots: a typing indicator. */
const dots: Shape = union(circle(0.34, 0.44, 0.055), circle(0.5, 0.44, 0.055), circle(0.66, 0.44, 0.055));

/** Fraction of each pixel inside `shape`, sampled 4×4 for smooth edges. */
function coverage(size: number, shape: Shape): Float32Array {
  const out = new Float32Array(size * size);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          if (shape((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size)) hits++;
        }
      }
      out[py * size + px] = hits / (n * n);
    }
  }
  return out;
}

/** The full-colour icon: a white speech bubble with three teal dots on a teal square, 192×192. */
export function drawColorIcon(size = 192): Buffer {
  const white = coverage(size, (x, y) => bubble(0)(x, y) && !dots(x, y));
  const rgba = new Uint8Array(size * size * 4);
  for (let i = 0; i < size * size; i++) {
    const w = white[i]!;
    for (let c = 0; c < 3; c++) rgba[i * 4 + c] = Math.round(ACCENT[c]! * (1 - w) + 255 * w);
    rgba[i * 4 + 3] = 255;
  }
  return encodePng(size, size, rgba);
}

/** The outline icon Teams requires: white on transparent, 32×32, the bubble's outline and its dots. */
export function drawOutlineIcon(size = 32): Buffer {
  const stroke = 2 / size;
  const alpha = coverage(size, (x, y) => (bubble(0)(x, y) && !bubble(stroke)(x, y)) || dots(x, y));
  const rgba = new Uint8Array(size * size * 4);
  for (let i = 0; i < size * size; i++) {
    rgba.set([255, 255, 255, Math.round(alpha[i]! * 255)], i * 4);
  }
  return encodePng(size, size, rgba);
}
