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

/** The word table's named defaults. */
export const WORD_TABLE = Object.freeze({
  /** Words whose place in the file is kept once looked up (a message's words, a build's few thousand). */
  rememberedWords: 50_000,
});

/** FNV-1a over one UTF-8 byte: the table hashes a word's bytes in the file and a looked-up word's alike. */
const fnv = (hash: number, byte: number) => Math.imul(hash ^ byte, 0x01000193);
const FNV_START = 0x811c9dc5;

/**
 * The file's words found in place: an open-addressed table of their offsets in the bytes, so a start
 * makes neither 40,000 strings nor a Map of them (about 40 ms); a word's index, or -1 when absent.
 * `starts` has count + 1 offsets: word i is bytes starts[i] to starts[i + 1] - 1 (its newline).
 */
function wordIndexOf(bytes: Uint8Array, from: number, length: number, count: number) {
  const starts = new Int32Array(count + 1);
  let size = 1;
  while (size < 2 * count) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  const sameWord = (i: number, j: number) => {
    const length = starts[i + 1]! - starts[i]!;
    if (length !== starts[j + 1]! - starts[j]!) return false;
    for (let k = 0; k < length - 1; k++) if (bytes[starts[i]! + k] !== bytes[starts[j]! + k]) return false;
    return true;
  };
  // One pass: each word's bytes are hashed up to its newline, then it takes its slot.
  let n = 0;
  let hash = FNV_START;
  starts[0] = from;
  for (let at = from, end = from + length; at <= end; at++) {
    const byte = at < end ? bytes[at]! : 0x0a;
    if (byte !== 0x0a) {
      hash = fnv(hash, byte);
      continue;
    }
    if (n === count) throw new Error("word-vector file is corrupt");
    starts[n + 1] = at + 1;
    let slot = hash & mask;
    // A word written twice resolves to its last place, as a Map filled in file order does.
    while (slots[slot] !== -1 && !sameWord(slots[slot]!, n)) slot = (slot + 1) & mask;
    slots[slot] = n++;
    hash = FNV_START;
  }
  if (n !== count) throw new Error("word-vector file is corrupt");
  const encoder = new TextEncoder();
  return (word: string): number => {
    let utf8: Uint8Array | undefined;
    for (let k = 0; k < word.length; k++)
      if (word.charCodeAt(k) >= 0x80) {
        utf8 = encoder.encode(word);
        break;
      }
    const length = utf8 ? utf8.length : word.length;
    const byteAt = (k: number) => (utf8 ? utf8[k]! : word.charCodeAt(k));
    let hash = FNV_START;
    for (let k = 0; k < length; k++) hash = fnv(hash, byteAt(k));
    for (let slot = hash & mask; slots[slot] !== -1; slot = (slot + 1) & mask) {
      const i = slots[slot]!;
      const start = starts[i]!;
      if (starts[i + 1]! - 1 - start !== length) continue;
      let k = 0;
      while (k < length && bytes[start + k] === byteAt(k)) k++;
      if (k === length) return i;
    }
    return -1;
  };
}

/** Parses the compact file's bytes; throws on a file that is not one. */
export function decodeWordVectors(bytes: Uint8Array): WordVectors {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = new TextDecoder().decode(bytes.subarray(0, 4));
  if (magic !== VECTOR_MAGIC) throw new Error(`not a word-vector file (magic "${magic}")`);
  const [dims, count, top, absentCount, wordsBytes, absentBytes] = [0, 1, 2, 3, 4, 5].map((i) =>
    view.getUint32(4 + i * 4, true),
  ) as [number, number, number, number, number, number];
  const wordsAt = HEADER_BYTES;
  let at = HEADER_BYTES + wordsBytes;
  const text = new TextDecoder();
  const absentList = absentBytes ? text.decode(bytes.subarray(at, at + absentBytes)).split("\n") : [];
  at = align4(at + absentBytes);
  if ((wordsBytes === 0) !== (count === 0) || absentList.length !== absentCount)
    throw new Error("word-vector file is corrupt");
  const ranks = new Uint32Array(bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + at + 4 * count));
  at += 4 * count;
  const scales = new Float32Array(
    bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + at + 4 * count),
  );
  at += 4 * count;
  const components = new Int8Array(bytes.buffer, bytes.byteOffset + at, count * dims);
  const find = count ? wordIndexOf(bytes, wordsAt, wordsBytes, count) : () => -1;
  // A word's place once found (-1: not in the file), in a Map: a message's words are asked for again and again.
  const found = new Map<string, number>();
  const indexOf = (word: string) => {
    let i = found.get(word);
    if (i === undefined) {
      // Bounded whatever the traffic: cleared when full.
      if (found.size >= WORD_TABLE.rememberedWords) found.clear();
      i = find(word);
      found.set(word, i);
    }
    return i;
  };
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
  let words: string[] | undefined;
  return {
    dims,
    top,
    size: count,
    get words() {
      words ??= wordsBytes ? text.decode(bytes.subarray(wordsAt, wordsAt + wordsBytes)).split("\n") : [];
      return words;
    },
    absent: new Set(absentList),
    has: (word) => indexOf(word) !== -1,
    get(word) {
      const i = indexOf(word);
      return i === -1 ? undefined : vectorAt(i);
    },
    rank(word) {
      const i = indexOf(word);
      return i === -1 ? undefined : ranks[i];
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
