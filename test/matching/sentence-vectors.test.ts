import { describe, expect, it } from "vitest";
import { decodeWordVectors, encodeWordVectors, type WordVectors } from "../../src/lang/word-vectors.ts";
import { createSentenceEncoder, dot, sifWeight } from "../../src/matching/sentence-vectors.ts";

const DIMS = 16;

/** Deterministic pseudo-random numbers in [-1, 1) (a linear congruential generator). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 30 - 1;
  };
}

function vectorsFor(words: readonly string[], seed: number): WordVectors {
  const next = random(seed);
  const entries = words.map((word, rank) => ({
    word,
    rank: rank * 50,
    // A shared direction plus noise: sentences then have a common component, as real ones do.
    vector: Array.from({ length: DIMS }, (_, d) => (d === 0 ? 1 : 0) + next()),
  }));
  return decodeWordVectors(encodeWordVectors(entries, DIMS, words.length, []));
}

/** The common component by the full 30 steps of power iteration, as the encoder has always found it. */
function referenceComponent(corpus: readonly string[][], vectors: WordVectors): Float32Array {
  const rows = corpus.map((words) => {
    const sum = new Float32Array(DIMS);
    for (const word of words) {
      const v = vectors.get(word)!;
      const w = sifWeight(vectors.rank(word));
      for (let i = 0; i < DIMS; i++) sum[i]! += w * v[i]!;
    }
    return sum;
  });
  let v = new Float32Array(DIMS).fill(1 / Math.sqrt(DIMS));
  for (let iteration = 0; iteration < 30; iteration++) {
    const next = new Float32Array(DIMS);
    for (const row of rows) {
      const p = dot(row, v);
      for (let i = 0; i < DIMS; i++) next[i]! += p * row[i]!;
    }
    const norm = Math.sqrt(dot(next, next));
    for (let i = 0; i < DIMS; i++) next[i]! /= norm;
    v = next;
  }
  return v;
}

describe("createSentenceEncoder", () => {
  // Corpora 1 and 27 end in a two-step cycle of the last bit (the full count ends on either of its
  // two vectors), the others in a fixed point.
  it.each([1, 2, 3, 4, 27])(
    "finds the common component the full power iteration does, bit for bit (corpus %i)",
    (seed) => {
      const words = Array.from({ length: 40 }, (_, i) => `w${i}`);
      const vectors = vectorsFor(words, seed);
      const pick = random(seed * 7919);
      const corpus = Array.from({ length: 60 }, () =>
        Array.from({ length: 2 + Math.floor((pick() + 1) * 4) }, () => words[Math.floor((pick() + 1) * 20)]!),
      );
      const encoder = createSentenceEncoder(vectors, corpus);
      expect(encoder.common).toEqual(referenceComponent(corpus, vectors));
    },
  );

  it("encodes a corpus sentence as it encodes the same words given again", () => {
    const words = ["alpha", "beta", "gamma", "delta"];
    const vectors = vectorsFor(words, 11);
    const corpus = [["alpha", "beta"], ["gamma"], ["beta", "delta", "delta"]];
    const encoder = createSentenceEncoder(vectors, corpus);
    for (const sentence of corpus) expect(encoder.encode(sentence)).toEqual(encoder.encode([...sentence]));
    expect(encoder.encode(corpus[0]!)).toEqual(encoder.decompose(corpus[0]!)?.vector);
  });
});
