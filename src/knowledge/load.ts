import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { EXAMPLES_PATH } from "./examples.ts";
import { type KnowledgeFile, type ParseOptions, parseKnowledge } from "./parse.ts";
import { buildQuoteRecord, QUOTE_RECORD_PATH } from "./quote-record.ts";
import type { KnowledgeBase, KnowledgeIssue, LoadResult } from "./types.ts";

export { type KnowledgeFile, type ParseOptions, parseKnowledge } from "./parse.ts";

export interface LoadOptions {
  /**
   * Folder of the article texts: where it can be read, titles and quotes are checked against it;
   * elsewhere (a deployment without the articles) against the pack's verified-quote record.
   */
  articlesDir?: string;
  /** Topic ids that must exist; the 33 of the spec unless given. */
  requiredTopics?: ParseOptions["requiredTopics"];
}

const FIXED_FILES = [
  "pack.yaml",
  "sources.yaml",
  "vocabulary.yaml",
  "conversation.yaml",
  "calibration.yaml",
  "off-topic.yaml",
  EXAMPLES_PATH,
  QUOTE_RECORD_PATH,
];

/**
 * Reads and validates the knowledge folder `dir`: sources.yaml, topics/*.yaml, vocabulary.yaml and
 * conversation.yaml. Every issue's `file` is `dir` joined with the file's path inside it
 * ("knowledge/topics/pain.yaml"). Problems in the content are returned, never thrown.
 */
export function loadKnowledge(dir: string, options: LoadOptions = {}): LoadResult {
  const files = readKnowledgeFiles(dir);
  const { articlesDir } = options;
  const parseOptions: ParseOptions = {};
  if (articlesDir !== undefined && isReadableDir(articlesDir))
    parseOptions.articles = readArticles(articlesDir);
  else if (articlesDir !== undefined) parseOptions.articlesDir = articlesDir;
  if (options.requiredTopics) parseOptions.requiredTopics = options.requiredTopics;
  const result = parseKnowledge(files, parseOptions);
  const relocate = (issue: KnowledgeIssue): KnowledgeIssue => ({ ...issue, file: join(dir, issue.file) });
  if (!result.ok) return { ok: false, issues: result.issues.map(relocate) };
  const stale = parseOptions.articles ? staleRecord(result.kb, files, parseOptions.articles) : [];
  return { ...result, warnings: [...result.warnings, ...stale].map(relocate) };
}

/**
 * With the articles at hand the quotes were checked against them; this says whether the record still
 * vouches for the pack as it is, so that a deployment without the articles loads it too.
 */
function staleRecord(
  kb: KnowledgeBase,
  files: readonly KnowledgeFile[],
  articles: ReadonlyMap<string, string>,
): KnowledgeIssue[] {
  if (kb.sources.size === 0) return [];
  const recorded = files.find((file) => file.path === QUOTE_RECORD_PATH)?.text;
  if (recorded === buildQuoteRecord(kb, articles)) return [];
  const why = recorded === undefined ? "is missing" : "does not match the pack and its articles";
  return [
    {
      severity: "warning",
      code: "quote-record-stale",
      file: QUOTE_RECORD_PATH,
      line: 1,
      column: 1,
      message: `${QUOTE_RECORD_PATH} ${why}: run \`npm run --silent cli -- validate --sources DIR\` to rewrite it, or a deployment without the articles will refuse this pack`,
    },
  ];
}

/** The knowledge files that exist under `dir`, with paths relative to it; missing ones are reported by the parser. */
export function readKnowledgeFiles(dir: string): KnowledgeFile[] {
  const files: KnowledgeFile[] = [];
  for (const path of FIXED_FILES) {
    const full = join(dir, path);
    if (existsSync(full)) files.push({ path, text: readFileSync(full, "utf8") });
  }
  const topicsDir = join(dir, "topics");
  if (existsSync(topicsDir)) {
    for (const name of readdirSync(topicsDir).sort()) {
      if (/\.ya?ml$/.test(name))
        files.push({ path: `topics/${name}`, text: readFileSync(join(topicsDir, name), "utf8") });
    }
  }
  return files;
}

/** Every regular file in `dir` by name; an absent folder gives an empty map, so each source reports its missing file. */
export function readArticles(dir: string): Map<string, string> {
  const articles = new Map<string, string>();
  if (!existsSync(dir)) return articles;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isFile()) articles.set(name, readFileSync(full, "utf8"));
  }
  return articles;
}

/** Whether `dir` is a folder this process can list. */
export function isReadableDir(dir: string): boolean {
  try {
    if (!statSync(dir).isDirectory()) return false;
    readdirSync(dir);
    return true;
  } catch {
    return false; // absent or not permitted: the caller falls back to the verified-quote record
  }
}
