import type { WordVectors } from "../lang/word-vectors.ts";

/** Smooth inverse frequency (Arora et al. 2017): a word's weight is A / (A + p(word)). */
const SIF_A = 1e-3;
/** Zipf's law over the source's 341,479 words: p(rank r) ≈ 1 / ((r + 1) · H), H ≈ ln(N) + γ. */
const ZIPF_H = Math.log(341_479) + 0.5772;

/** A sentence vector as a sum: Σ weights[i] · vector(words[i]) + commonWeight · common, up to rounding. */
export interface SentenceParts {
  vector: Float32Array;
  /** The words with a vector, in order, repeats included. */
  words: string[];
  weights: number[];
  commonWeight: number;
}

export interface SentenceEncoder {
  readonly dims: number;
  /** The corpus's common component, removed from every sentence (undefined for a corpus under 2 sentences). */
  readonly common: Float32Array | undefined;
  /** Unit SIF-weighted average of the words' vectors, common component removed; undefined without a known word. */
  encode(words: readonly string[]): Float32Array | undefined;
  /** encode's vector with the sum it is made of (see SentenceParts): scans bound cosines by it. */
  decompose(words: readonly string[]): SentenceParts | undefined;
  /** Word weight: rare words count more than frequent ones. */
  weight(word: string): number;
}

export function sifWeight(rank: number | undefined): number {
  if (rank === undefined) return 1;
  return SIF_A / (SIF_A + 1 / ((rank + 1) * ZIPF_H));
}

export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function normalize(v: Float32Array): Float32Array | undefined {
  const norm = Math.sqrt(dot(v, v));
  if (!(norm > 1e-9)) return undefined;
  for (let i = 0; i < v.length; i++) v[i]! /= norm;
  return v;
}

/** into += scale · v. A function of its own: small and called thousands of times, it is optimised early. */
function addScaled(into: Float32Array, scale: number, v: Float32Array): void {
  for (let i = 0; i < into.length; i++) into[i]! += scale * v[i]!;
}

function weightedSum(
  words: readonly string[],
  vectors: WordVectors,
  used?: { words: string[]; weights: number[] },
): Float32Array | undefined {
  const sum = new Float32Array(vectors.dims);
  let any = false;
  for (let k = 0; k < words.length; k++) {
    const word = words[k]!;
    const v = vectors.get(word);
    if (!v) continue;
    const w = sifWeight(vectors.rank(word));
    addScaled(sum, w, v);
    used?.words.push(word);
    used?.weights.push(w);
    any = true;
  }
  return any ? sum : undefined;
}

/** Power-iteration steps for the common component: what it has always run, so fits stay the same. */
const POWER_ITERATIONS = 30;

const sameVector = (a: Float32Array, b: Float32Array | undefined) => {
  if (!b) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/**
 * Σ dot(row, v) · row over the rows, in float32 as `addScaled` adds them one row after another. Four
 * rows a pass: their dot products are four independent sums (each taken in order, as `dot` takes it),
 * which the processor overlaps, and each component is rounded after every row, in row order, as before.
 */
function powerStep(rows: readonly Float32Array[], v: Float32Array, dims: number): Float32Array {
  const next = new Float32Array(dims);
  const round = Math.fround;
  let r = 0;
  for (; r + 3 < rows.length; r += 4) {
    const a = rows[r]!;
    const b = rows[r + 1]!;
    const c = rows[r + 2]!;
    const e = rows[r + 3]!;
    let sa = 0;
    let sb = 0;
    let sc = 0;
    let se = 0;
    for (let d = 0; d < dims; d++) {
      const x = v[d]!;
      sa += a[d]! * x;
      sb += b[d]! * x;
      sc += c[d]! * x;
      se += e[d]! * x;
    }
    for (let d = 0; d < dims; d++)
      next[d] = round(round(round(next[d]! + sa * a[d]!) + sb * b[d]!) + sc * c[d]!) + se * e[d]!;
  }
  for (; r < rows.length; r++) addScaled(next, dot(rows[r]!, v), rows[r]!);
  return next;
}

/** The first principal component of `rows` by power iteration: what every sentence of the corpus shares. */
function principalComponent(rows: readonly Float32Array[], dims: number): Float32Array | undefined {
  if (rows.length < 2) return undefined;
  let v: Float32Array = new Float32Array(dims).fill(1 / Math.sqrt(dims));
  let before: Float32Array | undefined;
  for (let iteration = 0; iteration < POWER_ITERATIONS; iteration++) {
    const next = powerStep(rows, v, dims);
    const unit = normalize(next);
    if (!unit) return undefined;
    // Each step depends only on the last: once float32 rounding settles into a fixed point or a
    // two-step cycle (about halfway for a pack), the iterate the full count ends on is known.
    if (sameVector(unit, v)) return unit;
    if (sameVector(unit, before)) return (POWER_ITERATIONS - 1 - iteration) % 2 === 0 ? unit : v;
    before = v;
    v = unit;
  }
  return v;
}

/**
 * A sentence encoder fitted to a corpus (the pack's phrasings): SIF weights, then the corpus's common
 * component removed, so "how long does it take" and "how long do results last" are told apart by
 * what differs, not by what every question shares. `fitted` gives the component a previous fit found
 * on the same corpus (an index cache), instead of the corpus.
 */
export function createSentenceEncoder(
  vectors: WordVectors,
  corpus: readonly (readonly string[])[] | { fitted: Float32Array | undefined },
): SentenceEncoder {
  // The corpus's sums, kept until each of its sentences is encoded once (a build encodes them all next).
  const sums = new Map<readonly string[], Float32Array>();
  const rows: Float32Array[] = [];
  if (!("fitted" in corpus))
    for (const words of corpus) {
      const sum = weightedSum(words, vectors);
      if (!sum) continue;
      rows.push(sum);
      sums.set(words, sum);
    }
  const common = "fitted" in corpus ? corpus.fitted : principalComponent(rows, vectors.dims);
  // One computation for both: `used` (when given) records what the vector is the sum of.
  const encodeRecording = (words: readonly string[], used?: Omit<SentenceParts, "vector">) => {
    const kept = used ? undefined : sums.get(words);
    if (kept) sums.delete(words);
    const sum = kept ?? weightedSum(words, vectors, used);
    if (!sum) return undefined;
    let p = 0;
    if (common) {
      p = dot(sum, common);
      for (let i = 0; i < sum.length; i++) sum[i]! -= p * common[i]!;
    }
    if (used) {
      const norm = Math.sqrt(dot(sum, sum));
      for (let i = 0; i < used.weights.length; i++) used.weights[i]! /= norm;
      used.commonWeight = -p / norm;
    }
    return normalize(sum);
  };
  const decompose = (words: readonly string[]): SentenceParts | undefined => {
    const used = { words: [], weights: [], commonWeight: 0 };
    const vector = encodeRecording(words, used);
    return vector && { vector, ...used };
  };
  return {
    dims: vectors.dims,
    common,
    weight: (word) => sifWeight(vectors.rank(word)),
    encode: (words) => encodeRecording(words),
    decompose,
  };
}
