import { readFileSync } from "node:fs";

/**
 * Pretrained word vectors in the compact file `npm run vectors` writes (scripts/build-vectors.ts):
 * int8 components with one scale per word, each vector of unit length before quantising.
 *
 * Layout (little-endian): "FQV1", then u32 dims, count, top, absentCount, wordsBytes, absentBytes;
 * the words ("\n"-joined UTF-8), the absent words (checked, not in the source); padding to 4 bytes;
 * u32 rank[count] (the source's frequency rank); f32 scale[count]; int8 vector[count × dims].
 */
export interface WordVectors {
  readonly dims: number;
  /** How many of the source's most frequent words the file holds besides the packs' words. */
  readonly top: number;
  readonly size: number;
  /** The unit vector of `word`, or undefined when the file lacks it. */
  get(word: string): Float32Array | undefined;
  /** 0-based frequency rank of `word` in the source corpus (0 = most frequent), or undefined. */
  rank(word: string): number | undefined;
  has(word: string): boolean;
  /** Words the build looked up and the source does not have (a pack's coined words): no need to rebuild for them. */
  readonly absent: ReadonlySet<string>;
  readonly words: readonly string[];
}

export const VECTOR_MAGIC = "FQV1";
const HEADER_BYTES = 4 + 6 * 4;

const align4 = (n: number) => (n + 3) & ~3;

/** Parses the compact file's bytes; throws on a file that is not one. */
export function decodeWordVectors(bytes: Uint8Array): WordVectors {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = new TextDecoder().decode(bytes.subarray(0, 4));
  if (magic !== VECTOR_MAGIC) throw new Error(`not a word-vector file (magic "${magic}")`);
  const [dims, count, top, absentCount, wordsBytes, absentBytes] = [0, 1, 2, 3, 4, 5].map((i) =>
    view.getUint32(4 + i * 4, true),
  ) as [number, number, number, number, number, number];
  let at = HEADER_BYTES;
  const text = new TextDecoder();
  const words = wordsBytes ? text.decode(bytes.subarray(at, at + wordsBytes)).split("\n") : [];
  at += wordsBytes;
  const absentList = absentBytes ? text.decode(bytes.subarray(at, at + absentBytes)).split("\n") : [];
  at = align4(at + absentBytes);
  if (words.length !== count || absentList.length !== absentCount)
    throw new Error("word-vector file is corrupt");
  const ranks = new Uint32Array(bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + at + 4 * count));
  at += 4 * count;
  const scales = new Float32Array(
    bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + at + 4 * count),
  );
  at += 4 * count;
  const components = new Int8Array(bytes.buffer, bytes.byteOffset + at, count * dims);
  const index = new Map<string, number>();
  // An index loop: destructuring [i, word] walks an iterator per word, 40,000 times before the JIT warms up.
  for (let i = 0; i < words.length; i++) index.set(words[i]!, i);
  // Decoded on first use: a message touches a few dozen of the file's tens of thousands of words. By
  // index in an array, not a Map: a build asks for a word's vector about a hundred thousand times.
  const decoded = new Array<Float32Array | undefined>(count);
  const vectorAt = (i: number) => {
    let vector = decoded[i];
    if (!vector) {
      vector = new Float32Array(dims);
      const scale = scales[i]!;
      for (let d = 0; d < dims; d++) vector[d] = components[i * dims + d]! * scale;
      decoded[i] = vector;
    }
    return vector;
  };
  return {
    dims,
    top,
    size: count,
    words,
    absent: new Set(absentList),
    has: (word) => index.has(word),
    get(word) {
      const i = index.get(word);
      return i === undefined ? undefined : vectorAt(i);
    },
    rank(word) {
      const i = index.get(word);
      return i === undefined ? undefined : ranks[i];
    },
  };
}

export function readWordVectors(path: string): WordVectors {
  return decodeWordVectors(readFileSync(path));
}

/** The compact file for `words` (unit vectors, in any order) with their source ranks. */
export function encodeWordVectors(
  entries: ReadonlyArray<{ word: string; rank: number; vector: ArrayLike<number> }>,
  dims: number,
  top: number,
  absent: readonly string[],
): Uint8Array {
  const encoder = new TextEncoder();
  const words = encoder.encode(entries.map((e) => e.word).join("\n"));
  const absentBytes = encoder.encode(absent.join("\n"));
  const count = entries.length;
  const start = align4(HEADER_BYTES + words.length + absentBytes.length);
  const total = start + 8 * count + count * dims;
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  bytes.set(encoder.encode(VECTOR_MAGIC), 0);
  for (const [i, n] of [dims, count, top, absent.length, words.length, absentBytes.length].entries())
    view.setUint32(4 + i * 4, n, true);
  bytes.set(words, HEADER_BYTES);
  bytes.set(absentBytes, HEADER_BYTES + words.length);
  entries.forEach((entry, i) => {
    view.setUint32(start + 4 * i, entry.rank, true);
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += entry.vector[d]! ** 2;
    norm = Math.sqrt(norm) || 1;
    let max = 0;
    for (let d = 0; d < dims; d++) max = Math.max(max, Math.abs(entry.vector[d]! / norm));
    const scale = max / 127 || 1;
    view.setFloat32(start + 4 * count + 4 * i, scale, true);
    for (let d = 0; d < dims; d++) {
      view.setInt8(start + 8 * count + i * dims + d, Math.round(entry.vector[d]! / norm / scale));
    }
  });
  return bytes;
}
