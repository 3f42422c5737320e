import type { WordVectors } from "../lang/word-vectors.ts";
import { ensureBytes, instantiateKernel } from "./kernel.ts";
import { ROW_SCAN_KERNEL } from "./row-scan-kernel.ts";
import type { SentenceParts } from "./sentence-vectors.ts";

/**
 * Exact best-k cosine scans of a message vector against fixed rows, without a full scan per message.
 * A message vector is a sum of its words' vectors (SentenceParts), so its cosine with a row is, up to
 * rounding, the same sum of the words' cosines with that row; those are computed once per word and
 * kept. That estimate is off by at most the distance between the vector and the sum (`residual`) and
 * the cosines' rounding, so once the k best estimates' exact cosines are known, only rows whose estimate
 * comes within that error of the k-th of them can be among the best k: those alone get the exact cosine,
 * computed as a full scan would.
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
 * How the per-word cosines are kept: quantised to int8 in the kernel's memory, each (word, range) with its
 * own step, so four times as many fit as float32s did. Words come in first seen, first kept; a message
 * with a word left out gets the full scan, no slower than before (evicting would make a repeating stream
 * of words miss every time).
 */
export const ROW_SCAN = Object.freeze({
  /**
   * Per-word cosines kept (1 byte each), whatever the traffic and the rows: 96 MB per scan at most.
   * The shipped pack's dev set (24,000 messages) asks about 52M cells of its phrasing scan; a long
   * message with one word left out scans each of its labels in full, so the cap is what keeps the
   * slowest messages fast.
   */
  cacheCells: 96_000_000,
  /**
   * What one cached (word, range) entry costs besides its cosines, in cells: two int32 table slots
   * (key and place) and a float64 step at three-eighths load, the least the table holds after doubling
   * at three-quarters.
   */
  entryCells: 43,
  /** Slots the (word, range) table starts with; it doubles when three-quarters full. */
  tableSlots: 1 << 12,
  /** The kernel's memory grows by at least this many 64 KiB pages (2 MB): not once per (word, range). */
  growPages: 32,
});
/** The largest quantised cosine: round(cosine / step) fits an int8. */
const LEVELS = 127;
/** The kernel reads and writes eight rows at a time. */
const LANES = 8;

interface Kernel {
  start(out: number, length: number, common: number, weight: number): void;
  best(est: number, length: number, k: number, best: number, rows: number): void;
  select(est: number, length: number, floor: number, start: number, out: number): number;
  accumulate4(
    out: number,
    length: number,
    a: number,
    sa: number,
    b: number,
    sb: number,
    c: number,
    sc: number,
    d: number,
    sd: number,
  ): void;
}

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
  options: { cacheCells: number } = ROW_SCAN,
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
  // Per (word, range) (filled when first asked), where its cosines start in the kernel's memory and their step: a message
  // touches a few ranges of thousands. An open-addressed table of int32s keyed by word id × ranges +
  // range, not a Map: tens of thousands of entries cost a Map a cache miss per lookup and the GC a walk.
  const wordIds = new Map<string, number>();
  /** Words numbered beyond this have no int32 key: they are not kept (a pack of thousands of millions of rows). */
  const idLimit = Math.floor(0x7fffffff / ranges);
  let slotKey = new Int32Array(ROW_SCAN.tableSlots).fill(-1);
  let slotAt = new Int32Array(ROW_SCAN.tableSlots);
  let slotStep = new Float64Array(ROW_SCAN.tableSlots);
  let entries = 0;
  const slotOf = (key: number, keys: Int32Array) => {
    const mask = keys.length - 1;
    let i = Math.imul(key, 0x9e3779b1) & mask;
    while (keys[i] !== -1 && keys[i] !== key) i = (i + 1) & mask;
    return i;
  };
  /** Keeps an entry; returns its slot. */
  const place = (key: number, at: number, step: number) => {
    if (4 * (entries + 1) > 3 * slotKey.length) {
      const oldKey = slotKey;
      const oldAt = slotAt;
      const oldStep = slotStep;
      slotKey = new Int32Array(2 * oldKey.length).fill(-1);
      slotAt = new Int32Array(2 * oldKey.length);
      slotStep = new Float64Array(2 * oldKey.length);
      for (let i = 0; i < oldKey.length; i++)
        if (oldKey[i] !== -1) {
          const j = slotOf(oldKey[i]!, slotKey);
          slotKey[j] = oldKey[i]!;
          slotAt[j] = oldAt[i]!;
          slotStep[j] = oldStep[i]!;
        }
    }
    const i = slotOf(key, slotKey);
    slotKey[i] = key;
    slotAt[i] = at;
    slotStep[i] = step;
    entries++;
    return i;
  };
  let longestRange = 1;
  for (let i = 0; i < ranges; i++) longestRange = Math.max(longestRange, edges[i + 1]! - edges[i]!);
  // The kernel's memory: a range's estimates (float32, whole lanes); every row's dot with the common
  // component (float64, a lane's slack); the k best estimates (float32) and their rows; the rows a scan
  // keeps; then every kept (word, range)'s int8 cosines one after another, a lane's worth of slack past
  // the last (the kernel reads whole lanes).
  const {
    memory,
    accumulate4,
    start: startEstimates,
    best: bestOf,
    select,
  } = instantiateKernel<Kernel>(ROW_SCAN_KERNEL);
  const estimateCells = Math.ceil(longestRange / LANES) * LANES;
  const commonAt = 4 * estimateCells;
  const bestAt = commonAt + 8 * (rows + LANES);
  const bestRowAt = bestAt + 4 * longestRange;
  const keptAt = bestRowAt + 4 * longestRange;
  let used = keptAt + 4 * longestRange;
  let bytes = new Int8Array(memory.buffer);
  let words32 = new Int32Array(memory.buffer);
  /** Room for `length` more cosines and the slack, growing the memory (and renewing its views) if need be. */
  const reserve = (length: number) => {
    if (!ensureBytes(memory, used + length + LANES, ROW_SCAN.growPages)) return;
    bytes = new Int8Array(memory.buffer);
    words32 = new Int32Array(memory.buffer);
  };
  reserve(0);
  if (common) dotsIn(common, 0, rows, new Float64Array(memory.buffer, commonAt, rows));
  let cells = 0;
  const scratch = new Float64Array(longestRange);
  // The last message's word ids (-1: not numbered yet), looked up once rather than once per range.
  let idsFor: SentenceParts | undefined;
  let ids = new Int32Array(16);
  const idsOf = (parts: SentenceParts) => {
    if (parts === idsFor) return ids;
    if (ids.length < parts.words.length) ids = new Int32Array(2 * parts.words.length);
    for (let w = 0; w < parts.words.length; w++) ids[w] = wordIds.get(parts.words[w]!) ?? -1;
    idsFor = parts;
    return ids;
  };
  /**
   * The table slot of word w of `parts` with the range: slotAt holds where its quantised cosines start
   * in the kernel's memory, slotStep their step; -1 when not kept. Read before the next call.
   */
  const wordDots = (parts: SentenceParts, w: number, range: number): number => {
    const known = idsOf(parts);
    let id = known[w]!;
    if (id !== -1) {
      const i = slotOf(id * ranges + range, slotKey);
      if (slotKey[i] !== -1) return i;
    }
    const start = edges[range]!;
    const end = edges[range + 1]!;
    const length = end - start;
    // Each entry also costs its table slots: counted as a few cells, so many small ranges stay bounded.
    if (cells + length + ROW_SCAN.entryCells > options.cacheCells) return -1;
    if (id === -1 && wordIds.size >= idLimit) return -1;
    const word = parts.words[w]!;
    const d = dotsIn(vectors.get(word)!, start, end, scratch);
    let largest = 0;
    for (let i = 0; i < length; i++) largest = Math.max(largest, Math.abs(d[i]!));
    if (!Number.isFinite(largest)) return -1;
    // The entry's own step: its largest cosine is ±127 steps, whatever the word's spread.
    const step = largest / LEVELS || 1;
    reserve(length);
    const location = used;
    for (let i = 0; i < length; i++) bytes[location + i] = Math.round(d[i]! / step);
    used += length;
    if (id === -1) {
      id = wordIds.get(word) ?? wordIds.size;
      wordIds.set(word, id);
      // The same word may come again later in the message: it has its id now.
      for (let v = w; v < parts.words.length; v++) if (parts.words[v] === word) known[v] = id;
    }
    cells += length + ROW_SCAN.entryCells;
    return place(id * ranges + range, location, step);
  };
  // Reused across messages: where each word's cosines with the range start, and its weight times the step.
  let wordFrom = new Int32Array(16);
  let wordStep = new Float64Array(16);
  const exactAt = (query: Float32Array, r: number) => {
    let s = 0;
    for (let d = 0, at = r * dims; d < dims; d++) s += query[d]! * matrix[at + d]!;
    return s;
  };
  return {
    rows,
    exact: exactAt,
    candidates(parts, residual, k, out, range = 0) {
      const start = edges[range]!;
      const length = edges[range + 1]! - start;
      if (k <= 0) return 0;
      if (k >= length) return everyRow(out, start, length);
      // Every word's cosines first: one left out means a full scan.
      const words = parts.words.length;
      if (wordFrom.length < words) {
        wordFrom = new Int32Array(2 * words);
        wordStep = new Float64Array(2 * words);
      }
      // What the quantised cosines may be off by in all: each by at most half its step.
      let rounding = 0;
      for (let w = 0; w < words; w++) {
        const slot = wordDots(parts, w, range);
        if (slot < 0) return everyRow(out, start, length);
        wordFrom[w] = slotAt[slot]!;
        wordStep[w] = parts.weights[w]! * slotStep[slot]!;
        rounding += Math.abs(wordStep[w]!) / 2;
      }
      // The common component's share first, rounded to float32 once, as a Float32Array store would.
      startEstimates(0, length, commonAt + 8 * start, parts.commonWeight);
      // Four words a call (a missing fourth weighs nothing): the kernel sums in float32.
      for (let w = 0; w < words; w += 4) {
        const last = wordFrom[w]!;
        accumulate4(
          0,
          length,
          last,
          wordStep[w]!,
          w + 1 < words ? wordFrom[w + 1]! : last,
          w + 1 < words ? wordStep[w + 1]! : 0,
          w + 2 < words ? wordFrom[w + 2]! : last,
          w + 2 < words ? wordStep[w + 2]! : 0,
          w + 3 < words ? wordFrom[w + 3]! : last,
          w + 3 < words ? wordStep[w + 3]! : 0,
        );
      }
      // Float32 sums: each product and sum rounds by at most 2^-24 of what it adds up, the largest of
      // which is bounded by every cosine at its largest (127 steps) and the common component's (at most 1).
      let largest = Math.abs(parts.commonWeight);
      for (let w = 0; w < words; w++) largest += LEVELS * Math.abs(wordStep[w]!);
      const summing = (3 * words + 4) * 2 ** -24 * largest;
      // The k best estimates' rows, as insertion into a short sorted list finds them.
      bestOf(0, length, k, bestAt, bestRowAt);
      // Those k rows' exact cosines: the k-th best cosine is at least the least of them, so a row whose
      // cosine is surely below it is not among the best k.
      let kth = Number.POSITIVE_INFINITY;
      for (let j = 0; j < k; j++)
        kth = Math.min(kth, exactAt(parts.vector, start + words32[bestRowAt / 4 + j]!));
      // An estimate is within `error` of the cosine: rows are units, and the sums' rounding is tiny.
      const error =
        residual * (1 + 1e-6) + 1e-9 + rounding * (1 + 1e-6) + summing + 1e-13 * Math.abs(parts.commonWeight);
      const floor = kth - error;
      // The rows within reach of the floor, compared in float64 as the floor is.
      const count = select(0, length, floor, start, keptAt);
      for (let c = 0, at = keptAt / 4; c < count; c++) out[c] = words32[at + c]!;
      return count;
    },
  };
}

/** Fills `out` with the range's rows: a full scan. */
export function everyRow(out: Int32Array, start: number, length: number): number {
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
