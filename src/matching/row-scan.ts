import type { WordVectors } from "../lang/word-vectors.ts";
import type { SentenceParts } from "./sentence-vectors.ts";

/**
 * Exact best-k cosine scans of a message vector against fixed rows, without a full scan per message.
 * A message vector is a sum of its words' vectors (SentenceParts), so its cosine with a row is, up to
 * rounding, the same sum of the words' cosines with that row; those are computed once per word and
 * kept. That estimate is off by at most the distance between the vector and the sum (`residual`), so
 * only rows whose estimate comes within twice that of the k-th best can be among the best k: those
 * alone get the exact cosine, computed as a full scan would.
 */
export interface RowScan {
  readonly rows: number;
  /**
   * Fills `out` with, in row order, every row of `range` that may be among its `k` nearest to
   * `parts.vector` (every row certainly outside them is left out); returns how many. Every row of the
   * range when a word's cosines are not kept (the cache is full).
   */
  candidates(parts: SentenceParts, residual: number, k: number, out: Int32Array, range?: number): number;
  /** The exact cosine of `query` with row `r`: the sum a full scan takes, in the same order. */
  exact(query: Float32Array, r: number): number;
}

/**
 * Per-word cosines kept (4 bytes each), whatever the traffic and the rows: 32 MB per scan at most.
 * Words come in first seen, first kept; a message with a word left out gets the full scan, no slower
 * than before (evicting would make a repeating stream of words miss every time).
 */
export const ROW_SCAN_CACHE_CELLS = 8_000_000;
/** What one cached (word, range) entry costs besides its cosines, in cells: map slots and headers. */
const ENTRY_CELLS = 24;
/** A cached cosine is a float32: off by at most this share of 1 (2^-23, twice float32's rounding). */
const CACHED_ROUNDING = 2 ** -23;

/**
 * `matrix` holds `rows` vectors of `dims` side by side; range i is rows bounds[i] to bounds[i + 1]
 * (one range of every row by default); `common` is the encoder's common component.
 */
export function createRowScan(
  matrix: Float32Array,
  dims: number,
  vectors: WordVectors,
  common: Float32Array | undefined,
  bounds?: readonly number[],
): RowScan {
  const rows = matrix.length / dims;
  const edges = Int32Array.from(bounds ?? [0, rows]);
  const ranges = edges.length - 1;
  const dotsIn = (v: Float32Array, start: number, end: number, out: Float32Array | Float64Array) => {
    for (let r = start, at = start * dims; r < end; r++, at += dims) {
      let s = 0;
      for (let d = 0; d < dims; d++) s += v[d]! * matrix[at + d]!;
      out[r - start] = s;
    }
    return out;
  };
  const commonDots = common ? dotsIn(common, 0, rows, new Float64Array(rows)) : new Float64Array(rows);
  // Per word, per range (filled when first asked): a message touches a few ranges of thousands.
  const byWord = new Map<string, Map<number, Float32Array>>();
  let cells = 0;
  /** The word's cosines with the range's rows; undefined when the cache is full without them. */
  const wordDots = (word: string, range: number) => {
    let perRange = byWord.get(word);
    let d = perRange?.get(range);
    if (d) return d;
    const start = edges[range]!;
    const end = edges[range + 1]!;
    // Each entry also costs its map's slot: counted as a few cells, so many small ranges stay bounded.
    if (cells + (end - start) + ENTRY_CELLS > ROW_SCAN_CACHE_CELLS) return undefined;
    if (!perRange) {
      perRange = new Map();
      byWord.set(word, perRange);
    }
    d = dotsIn(vectors.get(word)!, start, end, new Float32Array(end - start)) as Float32Array;
    perRange.set(range, d);
    cells += d.length + ENTRY_CELLS;
    return d;
  };
  // Reused across messages: a range's estimates, and the k best of them.
  let longest = 1;
  for (let i = 0; i < ranges; i++) longest = Math.max(longest, edges[i + 1]! - edges[i]!);
  const estimate = new Float64Array(longest);
  const best = new Float64Array(longest);
  return {
    rows,
    exact(query, r) {
      let s = 0;
      for (let d = 0, at = r * dims; d < dims; d++) s += query[d]! * matrix[at + d]!;
      return s;
    },
    candidates(parts, residual, k, out, range = 0) {
      const start = edges[range]!;
      const length = edges[range + 1]! - start;
      if (k <= 0) return 0;
      if (k >= length) return everyRow(out, start, length);
      for (let i = 0; i < length; i++) estimate[i] = parts.commonWeight * commonDots[start + i]!;
      let scale = 0;
      for (let w = 0; w < parts.words.length; w++) {
        const weight = parts.weights[w]!;
        const d = wordDots(parts.words[w]!, range);
        if (!d) return everyRow(out, start, length);
        for (let i = 0; i < length; i++) estimate[i]! += weight * d[i]!;
        scale += Math.abs(weight);
      }
      // The k-th best estimate, by insertion into a short sorted list.
      let filled = 0;
      for (let i = 0; i < length; i++) {
        const s = estimate[i]!;
        if (filled === k && s <= best[k - 1]!) continue;
        let at = filled < k ? filled++ : k - 1;
        for (; at > 0 && best[at - 1]! < s; at--) best[at] = best[at - 1]!;
        best[at] = s;
      }
      // An estimate is within `error` of the cosine: rows are units, and the sums' rounding is tiny.
      const error =
        residual * (1 + 1e-6) + 1e-9 + CACHED_ROUNDING * scale + 1e-13 * Math.abs(parts.commonWeight);
      const floor = best[k - 1]! - 2 * error;
      let count = 0;
      for (let i = 0; i < length; i++) if (estimate[i]! >= floor) out[count++] = start + i;
      return count;
    },
  };
}

/** Fills `out` with the range's rows: a full scan. */
function everyRow(out: Int32Array, start: number, length: number): number {
  for (let i = 0; i < length; i++) out[i] = start + i;
  return length;
}

/** How far `parts.vector` is from the sum it is made of: bounds every estimate's error (rows are units). */
export function residualOf(
  parts: SentenceParts,
  vectors: WordVectors,
  common: Float32Array | undefined,
): number {
  const sum = new Float64Array(parts.vector.length);
  for (let i = 0; i < parts.words.length; i++) {
    const v = vectors.get(parts.words[i]!)!;
    const w = parts.weights[i]!;
    for (let d = 0; d < sum.length; d++) sum[d]! += w * v[d]!;
  }
  if (common) for (let d = 0; d < sum.length; d++) sum[d]! += parts.commonWeight * common[d]!;
  let squared = 0;
  for (let d = 0; d < sum.length; d++) squared += (parts.vector[d]! - sum[d]!) ** 2;
  return Math.sqrt(squared);
}
