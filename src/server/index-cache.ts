import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import { crc32 } from "node:zlib";
import type { KnowledgeBase, KnowledgeIssue } from "../knowledge/types.ts";
import { type Analysis, hasQuestionMark } from "../matching/analyze.ts";
import type { Calibration } from "../matching/calibration.ts";
import type { IndexSnapshot } from "../matching/index.ts";
import { cacheFileFor, INDEX_CACHE_DIR, type PrefetchedIndexCache } from "./index-cache-file.ts";

/** The index cache's named defaults. */
export const INDEX_CACHE = Object.freeze({
  /** Beside the installed packages, where build tools keep their caches; `git clean` and `npm ci` clear it. */
  dir: INDEX_CACHE_DIR,
  /** The code that reads a pack (src/ or dist/): a new build misses the cache. */
  code: fileURLToPath(new URL("../", import.meta.url)),
  /** What `npm run build` writes last in dist/ (its time): it stands for the whole build in the key. */
  buildStamp: ".built",
  /** Bumped when the file's shape changes, so an old file is never misread. */
  format: 8,
});

/**
 * What a start can skip: the validated knowledge base (with its warnings), the analyses of the pack's
 * own texts, the fitted lexical scorers and sentence vectors, and a calibration derived at load.
 */
export interface IndexCacheEntry {
  knowledge?: { kb: KnowledgeBase; warnings: KnowledgeIssue[] };
  analyses: Map<string, Analysis>;
  /** The fitted scorers and sentence vectors of the build (typed arrays, read in place). */
  snapshot?: IndexSnapshot;
  /** Porter stems of the pack's and the background's words (word → stem). */
  stems?: Map<string, string>;
  calibration?: Calibration;
}

/** The lists of words an analysis holds, in the order they are written. */
const WORD_LISTS = [
  "words",
  "tokens",
  "content",
  "features",
  "subjects",
  "outOfScope",
  "unknown",
  "names",
] as const satisfies ReadonlyArray<keyof Analysis>;

/**
 * The analyses as one table of strings and one run of integers: each distinct word is read once and
 * shared, where the serializer would make a string per occurrence (100,000 of them for 14,000 words),
 * each hashed again by every Map lookup of the build.
 */
interface PackedAnalyses {
  strings: string[];
  /** Per analysis: text, normalized, corrected, questionType (-1: none); each word list as its length
   * then its strings; the corrections as their count, then from and to of each. */
  ints: Int32Array;
  coverage: Float64Array;
}

function packAnalyses(analyses: ReadonlyMap<string, Analysis>): PackedAnalyses {
  const strings: string[] = [];
  const ids = new Map<string, number>();
  const id = (text: string) => {
    let i = ids.get(text);
    if (i === undefined) {
      i = strings.push(text) - 1;
      ids.set(text, i);
    }
    return i;
  };
  const ints: number[] = [];
  const coverage = new Float64Array(analyses.size);
  let n = 0;
  for (const [text, a] of analyses) {
    ints.push(
      id(text),
      id(a.normalized),
      id(a.corrected),
      a.questionType === undefined ? -1 : id(a.questionType),
    );
    for (const list of WORD_LISTS) ints.push(a[list].length, ...a[list].map(id));
    ints.push(a.corrections.length);
    for (const c of a.corrections) ints.push(id(c.from), id(c.to));
    coverage[n++] = a.coverage;
  }
  return { strings, ints: new Int32Array(ints), coverage };
}

function unpackAnalyses({ strings, ints, coverage }: PackedAnalyses): Map<string, Analysis> {
  const analyses = new Map<string, Analysis>();
  let at = 0;
  const next = () => strings[ints[at++]!]!;
  // Plain loops and pushes (no destructuring, no Array.from): this runs once per start, before the JIT warms up.
  const list = () => {
    const words: string[] = [];
    for (let count = ints[at++]!; count > 0; count--) words.push(next());
    return words;
  };
  for (let n = 0; n < coverage.length; n++) {
    const text = next();
    const normalized = next();
    const corrected = next();
    const type = ints[at++]!;
    const words = list();
    const tokens = list();
    const content = list();
    const features = list();
    const subjects = list();
    const outOfScope = list();
    const unknown = list();
    const names = list();
    const corrections: Array<{ from: string; to: string }> = [];
    for (let count = ints[at++]!; count > 0; count--) corrections.push({ from: next(), to: next() });
    // In analyze()'s order of fields, so an engine built from the cache holds what a fresh one does.
    analyses.set(text, {
      normalized,
      corrected,
      words,
      tokens,
      content,
      features,
      corrections,
      subjects,
      outOfScope,
      unknown,
      names,
      coverage: coverage[n]!,
      questionType: type < 0 ? undefined : strings[type],
      questionMark: hasQuestionMark(text),
    });
  }
  return analyses;
}

/**
 * The file: one line of JSON (format, key, the V8 that wrote it, a CRC-32 of the rest), then the entry
 * through V8's serializer, which keeps Maps, typed arrays (the vectors' float bytes, bit for bit) and
 * undefined as a fresh build has them, and reads back faster than JSON.
 */
interface CacheHeader {
  format: number;
  key: string;
  v8: string;
  crc32: number;
}

type StoredEntry = Omit<IndexCacheEntry, "analyses"> & { analyses: PackedAnalyses };

/** The entry in `bytes` if they are whole and were written for `key` by this V8; anything else is a miss. */
function decodeEntry(bytes: Buffer, key: string): IndexCacheEntry | undefined {
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) return undefined;
  const header = JSON.parse(bytes.toString("utf8", 0, newline)) as Partial<CacheHeader>;
  const body = bytes.subarray(newline + 1);
  if (header.format !== INDEX_CACHE.format || header.key !== key || header.v8 !== process.versions.v8)
    return undefined;
  // A torn or damaged file is what this catches, not a forged one: CRC-32 reads 11 MB in 2 ms, SHA-256 in 25.
  if (header.crc32 !== crc32(body)) return undefined;
  const stored = deserialize(body) as StoredEntry;
  // The typed arrays stay views of the file's bytes, which they are most of: copying them costs a start
  // tens of milliseconds to free the few megabytes of the rest.
  return { ...stored, analyses: unpackAnalyses(stored.analyses) };
}

function encodeEntry(entry: IndexCacheEntry, key: string): Buffer {
  const stored: StoredEntry = { ...entry, analyses: packAnalyses(entry.analyses) };
  const body = serialize(stored);
  const header: CacheHeader = {
    format: INDEX_CACHE.format,
    key,
    v8: process.versions.v8,
    crc32: crc32(body),
  };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]);
}

/** Every file under `dir`, sorted, as path → bytes; a missing folder is empty. */
function filesOf(dir: string): Array<[string, Buffer]> {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: "utf8" });
  } catch {
    return [];
  }
  return entries
    .sort()
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => [relative(dir, path), readFileSync(path)]);
}

/** The code's part of the key: a build's stamp (dist/ holds 5 MB, vectors included), else every file (src/). */
function codeFiles(code: string): Array<[string, Buffer]> {
  try {
    return [[INDEX_CACHE.buildStamp, readFileSync(join(code, INDEX_CACHE.buildStamp))]];
  } catch {
    return filesOf(code); // no stamp: the source itself (tsx), hashed file by file
  }
}

/**
 * The key of a pack's index: a hash of every file of the pack, of the articles its quotes are checked
 * against, and of the code that reads them (language packs included), so any edit misses the cache.
 * Compiled code counts by its build stamp: every build, and only a build, changes dist/.
 */
export function indexCacheKey(
  packDir: string,
  articlesDir?: string,
  code: string = INDEX_CACHE.code,
): string {
  const hash = createHash("sha256").update(`format ${INDEX_CACHE.format}\n`);
  const parts: Array<[string, Array<[string, Buffer]>]> = [
    ["pack", filesOf(packDir)],
    ["articles", articlesDir ? filesOf(articlesDir) : []],
    ["code", codeFiles(code)],
  ];
  for (const [label, files] of parts)
    for (const [path, bytes] of files) hash.update(`${label}/${path}\n`).update(bytes);
  return hash.digest("hex");
}

/** The cached entry for this key, or an empty one to fill; a missing, stale or corrupt file is a miss. */
export function readIndexCache(
  packDir: string,
  key: string,
  dir: string = INDEX_CACHE.dir,
  prefetched?: PrefetchedIndexCache,
): IndexCacheEntry {
  try {
    const { path } = cacheFileFor(packDir, key, dir);
    const entry = decodeEntry(prefetched?.path === path ? prefetched.bytes : readFileSync(path), key);
    if (entry) return entry;
  } catch {
    // A miss: build and write it.
  }
  return { analyses: new Map() };
}

/**
 * Writes the entry (atomically, then removes this pack's older entries). A read-only install only
 * loses the speed-up, so a failure is returned for the caller to log, never thrown.
 */
export function writeIndexCache(
  packDir: string,
  key: string,
  entry: IndexCacheEntry,
  dir: string = INDEX_CACHE.dir,
): Error | undefined {
  const { prefix, path } = cacheFileFor(packDir, key, dir);
  try {
    mkdirSync(dir, { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, encodeEntry(entry, key));
    renameSync(temporary, path);
    for (const name of readdirSync(dir))
      if (name.startsWith(prefix) && join(dir, name) !== path) rmSync(join(dir, name), { force: true });
    return undefined;
  } catch (error) {
    return error as Error;
  }
}
