import { describe, expect, it } from "vitest";
import type { WordVectors } from "../../src/lang/word-vectors.ts";
import { createRowScan, residualOf } from "../../src/matching/row-scan.ts";
import type { SentenceParts } from "../../src/matching/sentence-vectors.ts";

const DIMS = 24;

/** A small deterministic generator (mulberry32): the same rows and words every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function unitVector(next: () => number): Float32Array {
  const v = Float32Array.from({ length: DIMS }, () => next() * 2 - 1);
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

function wordTable(words: string[], next: () => number): WordVectors {
  const table = new Map(words.map((w) => [w, unitVector(next)]));
  return {
    dims: DIMS,
    top: words.length,
    size: words.length,
    get: (w) => table.get(w),
    rank: (w) => (table.has(w) ? words.indexOf(w) : undefined),
    has: (w) => table.has(w),
    absent: new Set(),
    words,
  };
}

/** A message as the encoder makes it: a weighted sum of its words' vectors and the common component. */
function message(
  words: string[],
  vectors: WordVectors,
  common: Float32Array,
  next: () => number,
): SentenceParts {
  const weights = words.map(() => next() * 0.6 + 0.05);
  const commonWeight = -next() * 0.3;
  const vector = new Float32Array(DIMS);
  words.forEach((w, i) => {
    const v = vectors.get(w)!;
    for (let d = 0; d < DIMS; d++) vector[d]! += weights[i]! * v[d]!;
  });
  for (let d = 0; d < DIMS; d++) vector[d]! += commonWeight * common[d]!;
  return { vector, words, weights, commonWeight };
}

function setup(seed: number) {
  const next = random(seed);
  const words = Array.from({ length: 60 }, (_, i) => `w${i}`);
  const vectors = wordTable(words, next);
  const common = unitVector(next);
  // Three labels' rows, the middle one long: ranges [0, 40), [40, 340), [340, 400).
  const bounds = [0, 40, 340, 400];
  const matrix = new Float32Array(400 * DIMS);
  for (let r = 0; r < 400; r++) matrix.set(unitVector(next), r * DIMS);
  const pick = (n: number) => Array.from({ length: n }, () => words[Math.floor(next() * words.length)]!);
  return { next, vectors, common, bounds, matrix, pick };
}

/** The rows a full scan ranks among the range's k best. */
function bestRows(
  scan: ReturnType<typeof createRowScan>,
  query: Float32Array,
  from: number,
  to: number,
  k: number,
) {
  return Array.from({ length: to - from }, (_, i) => from + i)
    .sort((a, b) => scan.exact(query, b) - scan.exact(query, a))
    .slice(0, k);
}

describe("row scan", () => {
  it("always keeps every row a full scan ranks among the k best, for short and long messages", () => {
    const { next, vectors, common, bounds, matrix, pick } = setup(7);
    const scan = createRowScan(matrix, DIMS, vectors, common, bounds);
    const out = new Int32Array(400);
    for (let trial = 0; trial < 60; trial++) {
      // Repeated words included: a long message says "face" more than once.
      const parts = message(pick(1 + (trial % 40)), vectors, common, next);
      const residual = residualOf(parts, vectors, common);
      for (let range = 0; range < 3; range++)
        for (const k of [1, 3]) {
          const count = scan.candidates(parts, residual, k, out, range);
          const kept = new Set(out.subarray(0, count));
          for (const r of bestRows(scan, parts.vector, bounds[range]!, bounds[range + 1]!, k))
            expect(kept.has(r)).toBe(true);
        }
    }
  });

  it("prunes most rows of a long range once a message's words are kept", () => {
    const { next, vectors, common, bounds, matrix, pick } = setup(11);
    const scan = createRowScan(matrix, DIMS, vectors, common, bounds);
    const out = new Int32Array(400);
    const parts = message(pick(8), vectors, common, next);
    const residual = residualOf(parts, vectors, common);
    const first = scan.candidates(parts, residual, 3, out, 1);
    expect(first).toBeLessThan(300 / 4);
    // Read back from the kept cosines, the same rows again.
    const again = Array.from(out.subarray(0, first));
    expect(Array.from(out.subarray(0, scan.candidates(parts, residual, 3, out, 1)))).toEqual(again);
  });

  it("scans every row of a range when a word's cosines cannot be kept", () => {
    const { next, vectors, common, bounds, matrix, pick } = setup(3);
    const scan = createRowScan(matrix, DIMS, vectors, common, bounds, { cacheCells: 100 });
    const out = new Int32Array(400);
    const parts = message(pick(5), vectors, common, next);
    expect(scan.candidates(parts, residualOf(parts, vectors, common), 3, out, 1)).toBe(300);
    expect(Array.from(out.subarray(0, 3))).toEqual([40, 41, 42]);
  });
});
