import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { type KnowledgeFile, type ParseOptions, parseKnowledge } from "./parse.ts";
import type { KnowledgeIssue, LoadResult } from "./types.ts";

export { type KnowledgeFile, type ParseOptions, parseKnowledge } from "./parse.ts";

export interface LoadOptions {
  /** Folder of the article texts; when given, titles and quotes are checked against them. */
  sourcesDir?: string;
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
];

/**
 * Reads and validates the knowledge folder `dir`: sources.yaml, topics/*.yaml, vocabulary.yaml and
 * conversation.yaml. Every issue's `file` is `dir` joined with the file's path inside it
 * ("knowledge/topics/pain.yaml"). Problems in the content are returned, never thrown.
 */
export function loadKnowledge(dir: string, options: LoadOptions = {}): LoadResult {
  const files = readKnowledgeFiles(dir);
  const articles = options.sourcesDir === undefined ? undefined : readArticles(options.sourcesDir);
  const parseOptions: ParseOptions = {};
  if (articles) parseOptions.articles = articles;
  if (options.requiredTopics) parseOptions.requiredTopics = options.requiredTopics;
  const result = parseKnowledge(files, parseOptions);
  const relocate = (issue: KnowledgeIssue): KnowledgeIssue => ({ ...issue, file: join(dir, issue.file) });
  if (!result.ok) return { ok: false, issues: result.issues.map(relocate) };
  return { ...result, warnings: result.warnings.map(relocate) };
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
