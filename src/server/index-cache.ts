import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { KnowledgeBase, KnowledgeIssue, Source, Topic } from "../knowledge/types.ts";
import type { Analysis } from "../matching/analyze.ts";
import type { Calibration } from "../matching/calibration.ts";
import type { SemanticSnapshot } from "../matching/semantic-matcher.ts";

/** The index cache's named defaults. */
export const INDEX_CACHE = Object.freeze({
  /** Beside the installed packages, where build tools keep their caches; `git clean` and `npm ci` clear it. */
  dir: fileURLToPath(new URL("../../node_modules/.cache/faq-index/", import.meta.url)),
  /** The code that reads a pack (src/ or dist/): a new build misses the cache. */
  code: fileURLToPath(new URL("../", import.meta.url)),
  /** What `npm run build` writes last in dist/ (its time): it stands for the whole build in the key. */
  buildStamp: ".built",
  /** Bumped when the file's shape changes, so an old file is never misread. */
  format: 3,
});

/**
 * What a start can skip: the validated knowledge base (with its warnings), the analyses of the pack's
 * own texts, their sentence vectors, and a calibration derived at load.
 */
export interface IndexCacheEntry {
  knowledge?: { kb: KnowledgeBase; warnings: KnowledgeIssue[] };
  analyses: Map<string, Analysis>;
  semantic?: SemanticSnapshot;
  /** Porter stems of the pack's and the background's words (word → stem). */
  stems?: Map<string, string>;
  calibration?: Calibration;
}

/** A snapshot's typed arrays as base64 of their bytes: read back bit for bit, a third of JSON's size. */
interface SemanticFile {
  dims: number;
  common?: string;
  vectors: string;
  present: string;
}

const toBase64 = (array: Float32Array | Uint8Array) =>
  Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString("base64");

function fromBase64<T>(text: string, Type: { new (buffer: ArrayBuffer): T; BYTES_PER_ELEMENT: number }): T {
  const bytes = Buffer.from(text, "base64");
  // A copy of its own: Buffer's pooled memory is not aligned for a Float32Array.
  return new Type(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

const encodeSemantic = (s: SemanticSnapshot): SemanticFile => ({
  dims: s.dims,
  ...(s.common ? { common: toBase64(s.common) } : {}),
  vectors: toBase64(s.vectors),
  present: toBase64(s.present),
});

const decodeSemantic = (f: SemanticFile): SemanticSnapshot => ({
  dims: f.dims,
  common: f.common === undefined ? undefined : fromBase64(f.common, Float32Array),
  vectors: fromBase64(f.vectors, Float32Array),
  present: fromBase64(f.present, Uint8Array),
});

interface CacheFile {
  format: number;
  key: string;
  knowledge?: {
    kb: Omit<KnowledgeBase, "sources" | "topicById"> & { sources: Array<[string, Source]> };
    warnings: KnowledgeIssue[];
  };
  analyses: Array<[string, Analysis]>;
  semantic?: SemanticFile;
  stems?: Array<[string, string]>;
  calibration?: Calibration;
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

const fileFor = (packDir: string, key: string, dir: string) => {
  const pack = createHash("sha256").update(resolve(packDir)).digest("hex").slice(0, 12);
  return { pack, path: join(dir, `${pack}-${key.slice(0, 24)}.json`) };
};

/** The cached entry for this key, or an empty one to fill; a missing, stale or corrupt file is a miss. */
export function readIndexCache(packDir: string, key: string, dir: string = INDEX_CACHE.dir): IndexCacheEntry {
  try {
    const file = JSON.parse(readFileSync(fileFor(packDir, key, dir).path, "utf8")) as CacheFile;
    if (file.format === INDEX_CACHE.format && file.key === key) {
      const knowledge = file.knowledge && {
        kb: {
          ...file.knowledge.kb,
          sources: new Map(file.knowledge.kb.sources),
          topicById: new Map(file.knowledge.kb.topics.map((t: Topic) => [t.id, t])),
        },
        warnings: file.knowledge.warnings,
      };
      return {
        ...(knowledge ? { knowledge } : {}),
        analyses: new Map(file.analyses),
        ...(file.semantic ? { semantic: decodeSemantic(file.semantic) } : {}),
        ...(file.stems ? { stems: new Map(file.stems) } : {}),
        ...(file.calibration ? { calibration: file.calibration } : {}),
      };
    }
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
  const { pack, path } = fileFor(packDir, key, dir);
  const knowledge = entry.knowledge && {
    kb: (({ topicById: _byId, ...kb }) => ({ ...kb, sources: [...kb.sources] }))(entry.knowledge.kb),
    warnings: entry.knowledge.warnings,
  };
  const file: CacheFile = {
    format: INDEX_CACHE.format,
    key,
    ...(knowledge ? { knowledge } : {}),
    analyses: [...entry.analyses],
    ...(entry.semantic ? { semantic: encodeSemantic(entry.semantic) } : {}),
    ...(entry.stems ? { stems: [...entry.stems] } : {}),
    ...(entry.calibration ? { calibration: entry.calibration } : {}),
  };
  try {
    mkdirSync(dir, { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(file));
    renameSync(temporary, path);
    for (const name of readdirSync(dir))
      if (name.startsWith(`${pack}-`) && join(dir, name) !== path) rmSync(join(dir, name), { force: true });
    return undefined;
  } catch (error) {
    return error as Error;
  }
}
