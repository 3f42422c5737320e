import type { Analysis } from "./analyze.ts";
import { insertAt } from "./label-scores.ts";
import { type Lexicon, meaningWord } from "./lexicon.ts";
import type { Matcher } from "./matcher.ts";
import { recent } from "./recent.ts";
import { createRowScan, everyRow, residualOf } from "./row-scan.ts";
import { createSentenceEncoder, dot, type SentenceEncoder, type SentenceParts } from "./sentence-vectors.ts";

/** A label's texts as the semantic matcher reads them: its phrasings, and what its answer says. */
export interface SemanticLabel {
  label: string;
  /** Each phrasing's words; may be left out when a snapshot gives their vectors and words. */
  phrasings?: readonly string[][];
  /** The answer and its claims as words; empty for labels without an answer (smalltalk, handoff). */
  answer: readonly string[];
}

/** Word-vector evidence for a message: how near its meaning is to each label, and to the background. */
export interface SemanticIndex {
  readonly encoder: SentenceEncoder;
  /** The message's words the encoder reads: its corrected words minus function words. */
  wordsOf(analysis: Analysis): string[];
  encode(analysis: Analysis): Float32Array | undefined;
  /** Best cosine to one of the label's phrasings (optionally ignoring one phrasing, for fitting). */
  nearest(query: Float32Array, label: string, exclude?: string): number;
  /** Mean similarity of the label's `k` nearest phrasings: several near phrasings beat one lucky one. */
  nearestMean(query: Float32Array, label: string, k: number, exclude?: string): number;
  centroid(query: Float32Array, label: string): number;
  answer(query: Float32Array, label: string): number;
  /** The `k` labels whose centroid is nearest: candidates for a message that shares no word with the pack. */
  leaders(query: Float32Array, k: number): string[];
  /** Best cosine to a background (off-topic) question. */
  background(query: Float32Array): number;
  /** Nearness to the pack's centroid minus nearness to the background's. */
  domain(query: Float32Array): number;
  /** Best cosine of one word to the words the label's texts use (0 when the word has no vector). */
  wordSupport(word: string, label: string): number;
  /** Best cosine of one word to any word the pack's topics use. */
  packSupport(word: string): number;
  /** The `count` phrasings of `labels` nearest in meaning to `query`, best first. */
  nearestPhrasings(
    query: Float32Array,
    labels: readonly string[],
    count: number,
  ): Array<{ label: string; phrasing: string; similarity: number }>;
}

/**
 * What building a semantic index computes, kept by an index cache: the encoder's common component and
 * every sentence vector the build encodes (phrasings, answers, background), side by side in build order.
 */
export interface SemanticSnapshot {
  dims: number;
  common: Float32Array | undefined;
  /** `present.length` rows of `dims`; a row whose text has no known word is zeros. */
  vectors: Float32Array;
  /** 1 where the text had a vector, 0 where it had none. */
  present: Uint8Array;
  /** Per label, its words, each once, in order of first use: its phrasings', then its answer's. */
  labelWords: string[][];
}

/** How deep nearest-phrasing scans prune: nearest and the mean of the nearest three. */
const NEAREST_KEPT = 3;
/**
 * (word, label) supports kept, about 20 MB whatever the pack: a message asks a few labels of thousands,
 * so they are kept per pair asked rather than in a row of every label per word.
 */
const SUPPORT_CACHE_ENTRIES = 400_000;
/** Messages (analyses, vectors) whose encoding and scans are kept: every reading of one turn, and more. */
const RECENT_QUERIES = 16;

/** into[at + d] += v[d]: a small function of its own, optimised after a few calls (sums of thousands of rows). */
function addAt(into: Float32Array, at: number, v: Float32Array): void {
  for (let d = 0; d < v.length; d++) into[at + d]! += v[d]!;
}

function unit(v: Float32Array): Float32Array {
  const n = Math.sqrt(dot(v, v)) || 1;
  for (let i = 0; i < v.length; i++) v[i]! /= n;
  return v;
}

/**
 * `cache.semantic`, when given and the same shape, is read instead of encoding the pack's texts again;
 * when missing it is filled with what this build encoded (see server/index-cache).
 */
export function createSemanticIndex(
  labels: readonly SemanticLabel[],
  background: readonly string[][],
  lexicon: Lexicon,
  phrasingTexts: ReadonlyMap<string, readonly string[]>,
  cache?: { semantic?: SemanticSnapshot },
): SemanticIndex {
  const vectors = lexicon.language.vectors();
  const dims = vectors.dims;
  const stop = lexicon.language.stopwords;
  const phrasingsOf = (l: SemanticLabel) => phrasingTexts.get(l.label) ?? [];
  const encodings =
    labels.reduce((n, l) => n + phrasingsOf(l).length + (l.answer.length ? 1 : 0), 0) + background.length;
  const given =
    cache?.semantic?.dims === dims &&
    cache.semantic.present.length === encodings &&
    cache.semantic.labelWords?.length === labels.length
      ? cache.semantic
      : undefined;
  const phrasingWordsOf = (l: SemanticLabel): readonly string[][] => {
    if (!l.phrasings) throw new Error(`semantic index: no words for "${l.label}" and no snapshot to read`);
    return l.phrasings;
  };
  // Each label's words once, in order of first use: what packSupport and wordSupport read.
  const labelWords =
    given?.labelWords ??
    labels.map((l) => {
      const seen = new Set<string>();
      for (const words of phrasingWordsOf(l)) for (let w = 0; w < words.length; w++) seen.add(words[w]!);
      for (let w = 0; w < l.answer.length; w++) seen.add(l.answer[w]!);
      return [...seen];
    });
  const encoder = createSentenceEncoder(
    vectors,
    given ? { fitted: given.common } : labels.flatMap(phrasingWordsOf),
  );
  // Every sentence the build encodes goes through here, in one fixed order: read back, or recorded.
  const made: Array<Float32Array | undefined> = [];
  const encodeText = (words: readonly string[]): Float32Array | undefined => {
    if (!given) {
      const v = encoder.encode(words);
      made.push(v);
      return v;
    }
    const i = made.push(undefined) - 1;
    return given.present[i] ? given.vectors.subarray(i * dims, (i + 1) * dims) : undefined;
  };
  const labelIndex = new Map(labels.map((l, i) => [l.label, i]));
  // Phrasing vectors side by side in one array; each label owns a range of rows.
  const rows: Float32Array[] = [];
  const rowText: string[] = [];
  const ranges: Array<[number, number]> = [];
  const centroids = new Float32Array(labels.length * dims);
  const answers: Array<Float32Array | undefined> = [];
  const profiles = new Array<Float32Array | undefined>(labels.length);
  // Every word the pack's topics use with a vector, in order of first use: for packSupport.
  // A label's words with a vector, each once, in order of first use: its phrasings', then its answer's.
  const collectVectors = (li: number, seen: Set<string>, into: Float32Array[]) => {
    const words = labelWords[li]!;
    for (let w = 0; w < words.length; w++) {
      const word = words[w]!;
      if (seen.has(word)) continue;
      seen.add(word);
      const v = vectors.get(word);
      if (v) into.push(v);
    }
  };
  const packWords: Float32Array[] = [];
  const packSeen = new Set<string>();
  labels.forEach((l, li) => {
    const start = rows.length;
    const texts = phrasingsOf(l);
    for (let pi = 0; pi < texts.length; pi++) {
      const v = encodeText(given ? [] : phrasingWordsOf(l)[pi]!);
      if (!v) continue;
      rows.push(v);
      rowText.push(texts[pi]!);
      addAt(centroids, li * dims, v);
    }
    ranges.push([start, rows.length]);
    unit(centroids.subarray(li * dims, (li + 1) * dims));
    answers.push(l.answer.length ? encodeText(l.answer) : undefined);
    collectVectors(li, packSeen, packWords);
  });
  // A label's words with a vector, in order of first use, side by side in one array like the background:
  // scanned for every new word of a message. Made when a message first asks about the label, not at
  // start: a build would copy every label's (about 5 MB for the shipped pack) before any is asked.
  const profileOf = (li: number): Float32Array => {
    let packed = profiles[li];
    if (packed) return packed;
    const profile: Float32Array[] = [];
    collectVectors(li, new Set(), profile);
    packed = new Float32Array(profile.length * dims);
    for (let i = 0; i < profile.length; i++) packed.set(profile[i]!, i * dims);
    profiles[li] = packed;
    return packed;
  };
  const bg = background.map(encodeText).filter((v): v is Float32Array => !!v);
  if (cache && !given) {
    const snapshot = new Float32Array(made.length * dims);
    for (const [i, v] of made.entries()) if (v) snapshot.set(v, i * dims);
    cache.semantic = {
      dims,
      common: encoder.common,
      vectors: snapshot,
      present: Uint8Array.from(made, (v) => (v ? 1 : 0)),
      labelWords,
    };
  }
  // Side by side in one array: the background scan runs on every message, so it is kept tight.
  const bgRows = new Float32Array(bg.length * dims);
  for (let i = 0; i < bg.length; i++) bgRows.set(bg[i]!, i * dims);
  const encoded = recent<Analysis, Float32Array | null>(RECENT_QUERIES);
  // Each encoded message's sum of word vectors, and how far the vector is from it: see RowScan.
  const partsOf = recent<Float32Array, { parts: SentenceParts; residual: number }>(RECENT_QUERIES);
  const backgroundScan = createRowScan(bgRows, dims, vectors, encoder.common);
  const centroidScan = createRowScan(centroids, dims, vectors, encoder.common);
  // Phrasing vectors side by side in one array too: a label's rows are scanned for every shortlisted label.
  const rowMatrix = new Float32Array(rows.length * dims);
  for (let r = 0; r < rows.length; r++) rowMatrix.set(rows[r]!, r * dims);
  const phrasingScan = createRowScan(rowMatrix, dims, vectors, encoder.common, [
    0,
    ...ranges.map(([, end]) => end),
  ]);
  const candidateRows = new Int32Array(Math.max(backgroundScan.rows, centroidScan.rows, rows.length, 1));
  // One label's cosines for one query, compacted (NaN for the excluded phrasing): nearest and
  // nearestMean read the same scan, kept for the last (query, label, exclude, depth) asked. Up to
  // NEAREST_KEPT deep, only the rows that may be among the label's nearest are scored.
  const scanned = new Float64Array(Math.max(1, ...ranges.map(([start, end]) => end - start)));
  let scannedQuery: Float32Array | undefined;
  let scannedLabel = -1;
  let scannedExclude: string | undefined;
  let scannedDeep = false;
  let scannedCount = 0;
  const scanLabel = (query: Float32Array, li: number, exclude: string | undefined, k: number): number => {
    const deep = k > NEAREST_KEPT;
    if (query === scannedQuery && li === scannedLabel && exclude === scannedExclude && deep === scannedDeep)
      return scannedCount;
    const [start, end] = ranges[li]!;
    const known = exclude === undefined && !deep ? partsOf.get(query) : undefined;
    let count = 0;
    if (known) {
      const found = phrasingScan.candidates(known.parts, known.residual, NEAREST_KEPT, candidateRows, li);
      for (let c = 0; c < found; c++) scanned[count++] = phrasingScan.exact(query, candidateRows[c]!);
    } else
      for (let r = start; r < end; r++)
        scanned[count++] =
          exclude !== undefined && rowText[r] === exclude ? Number.NaN : phrasingScan.exact(query, r);
    scannedQuery = query;
    scannedLabel = li;
    scannedExclude = exclude;
    scannedDeep = deep;
    scannedCount = count;
    return count;
  };
  const packCentroid = new Float32Array(dims);
  for (let r = 0; r < rows.length; r++) addAt(packCentroid, 0, rows[r]!);
  const bgCentroid = new Float32Array(dims);
  for (let r = 0; r < bg.length; r++) addAt(bgCentroid, 0, bg[r]!);
  unit(packCentroid);
  unit(bgCentroid);
  // Per word, its support by each label asked: one lookup by word, then by label index.
  const supportCache = new Map<string, Map<number, number>>();
  let supportEntries = 0;
  const packCache = new Map<string, number>();
  const backgroundOf = recent<Float32Array, number>(RECENT_QUERIES);

  // Per message vector, the nearest (key -1 - label) and nearest-three means (key label) already read:
  // the guards ask again for labels the ranking read (handoff, pleasantries), and a scan is the cost.
  const results = recent<Float32Array, Map<number, number>>(RECENT_QUERIES);
  const resultsOf = (query: Float32Array) => {
    let kept = results.get(query);
    if (!kept) {
      kept = new Map();
      results.set(query, kept);
    }
    return kept;
  };
  const nearestMeanOf = (query: Float32Array, li: number, k: number, exclude: string | undefined) => {
    const count = scanLabel(query, li, exclude, k);
    const top: number[] = [];
    for (let j = 0; j < count; j++) {
      const s = scanned[j]!;
      if (Number.isNaN(s)) continue; // the excluded phrasing
      if (top.length < k) top.push(s);
      else {
        let low = 0;
        for (let i = 1; i < k; i++) if (top[i]! < top[low]!) low = i;
        if (s > top[low]!) top[low] = s;
      }
    }
    return top.length ? top.reduce((a, b) => a + b, 0) / top.length : 0;
  };
  const wordsOf = (analysis: Analysis) => {
    const words: string[] = [];
    for (const w of analysis.words) if (!stop.has(w)) words.push(meaningWord(lexicon, w));
    return words;
  };
  return {
    encoder,
    wordsOf,
    encode(analysis) {
      let v = encoded.get(analysis);
      if (v === undefined) {
        const parts = encoder.decompose(wordsOf(analysis));
        v = parts?.vector ?? null;
        if (parts) partsOf.set(parts.vector, { parts, residual: residualOf(parts, vectors, encoder.common) });
        encoded.set(analysis, v);
      }
      return v ?? undefined;
    },
    nearest(query, label, exclude) {
      const li = labelIndex.get(label);
      if (li === undefined) return 0;
      const kept = exclude === undefined ? resultsOf(query) : undefined;
      const known = kept?.get(-1 - li);
      if (known !== undefined) return known;
      const count = scanLabel(query, li, exclude, 1);
      let best = 0;
      for (let j = 0; j < count; j++) if (scanned[j]! > best) best = scanned[j]!;
      kept?.set(-1 - li, best);
      return best;
    },
    nearestMean(query, label, k, exclude) {
      const li = labelIndex.get(label);
      if (li === undefined) return 0;
      const kept = exclude === undefined && k === NEAREST_KEPT ? resultsOf(query) : undefined;
      const known = kept?.get(li);
      if (known !== undefined) return known;
      const mean = nearestMeanOf(query, li, k, exclude);
      kept?.set(li, mean);
      return mean;
    },
    centroid(query, label) {
      const li = labelIndex.get(label);
      return li === undefined ? 0 : dot(query, centroids.subarray(li * dims, (li + 1) * dims));
    },
    answer(query, label) {
      const v = answers[labelIndex.get(label) ?? -1];
      return v ? dot(query, v) : 0;
    },
    leaders(query, k) {
      // The k best by insertion, ties in label order (as a stable sort gives): no array per label.
      const bestIndex: number[] = [];
      const bestScore: number[] = [];
      const known = partsOf.get(query);
      const count = known
        ? centroidScan.candidates(known.parts, known.residual, k, candidateRows)
        : labels.length;
      for (let c = 0; c < count; c++) {
        const li = known ? candidateRows[c]! : c;
        const s = centroidScan.exact(query, li);
        if (bestScore.length === k && !(s > bestScore[k - 1]!)) continue;
        let j = bestScore.length;
        while (j > 0 && bestScore[j - 1]! < s) j--;
        insertAt(bestIndex, j, li, k);
        insertAt(bestScore, j, s, k);
      }
      return bestIndex.map((li) => labels[li]!.label);
    },
    background(query) {
      // A message's vector is read by several guards in one turn; its scan is done once.
      let best = backgroundOf.get(query);
      if (best !== undefined) return best;
      best = 0;
      const known = partsOf.get(query);
      const count = known
        ? backgroundScan.candidates(known.parts, known.residual, 1, candidateRows)
        : backgroundScan.rows;
      for (let c = 0; c < count; c++) {
        const s = backgroundScan.exact(query, known ? candidateRows[c]! : c);
        if (s > best) best = s;
      }
      backgroundOf.set(query, best);
      return best;
    },
    domain: (query) => dot(query, packCentroid) - dot(query, bgCentroid),
    nearestPhrasings(query, wanted, count) {
      // The `count` best by insertion, ties in label then row order (as a stable sort gives). Each
      // label's rows that may be among its `count` nearest are all the overall best can come from.
      const found: Array<{ label: string; phrasing: string; similarity: number }> = [];
      const known = partsOf.get(query);
      for (const label of wanted) {
        const li = labelIndex.get(label);
        if (li === undefined || count <= 0) continue;
        const [start, end] = ranges[li]!;
        const rowCount = known
          ? phrasingScan.candidates(known.parts, known.residual, count, candidateRows, li)
          : everyRow(candidateRows, start, end - start);
        for (let c = 0; c < rowCount; c++) {
          const r = candidateRows[c]!;
          const similarity = phrasingScan.exact(query, r);
          if (found.length === count && !(similarity > found[count - 1]!.similarity)) continue;
          let at = found.length;
          while (at > 0 && found[at - 1]!.similarity < similarity) at--;
          insertAt(found, at, { label, phrasing: rowText[r]!, similarity }, count);
        }
      }
      return found;
    },
    packSupport(word) {
      let best = packCache.get(word);
      if (best === undefined) {
        best = 0;
        const v = vectors.get(word);
        if (v) for (const p of packWords) best = Math.max(best, dot(v, p));
        if (packCache.size > 100_000) packCache.clear();
        packCache.set(word, best);
      }
      return best;
    },
    wordSupport(word, label) {
      const li = labelIndex.get(label);
      if (li === undefined) return 0;
      let byLabel = supportCache.get(word);
      let best = byLabel?.get(li);
      if (best !== undefined) return best;
      best = 0;
      const v = vectors.get(word);
      const rows = v ? profileOf(li) : undefined;
      if (v && rows)
        for (let r = 0; r < rows.length; r += dims) {
          let s = 0;
          for (let d = 0; d < dims; d++) s += v[d]! * rows[r + d]!;
          if (s > best) best = s;
        }
      // Bounded whatever the traffic and the pack's size: cleared when full.
      if (supportEntries >= SUPPORT_CACHE_ENTRIES) {
        supportCache.clear();
        supportEntries = 0;
        byLabel = undefined;
      }
      if (!byLabel) {
        byLabel = new Map();
        supportCache.set(word, byLabel);
      }
      byLabel.set(li, best);
      supportEntries++;
      return best;
    },
  };
}

/** The semantic index as a Matcher: each label scored by its nearest phrasing in meaning (cosine, floored at 0). */
export function createSemanticMatcher(index: SemanticIndex, labels: readonly string[]): Matcher {
  return {
    name: "semantic",
    match(query, only) {
      const vector = index.encode(query);
      const scored = (only ?? labels).map((label) => ({
        label,
        score: vector ? Math.max(0, Math.min(1, index.nearest(vector, label))) : 0,
      }));
      return scored.sort((a, b) => b.score - a.score);
    },
  };
}
