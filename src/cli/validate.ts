import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_ARTICLES_DIR, DEFAULT_KNOWLEDGE_DIR, resolvePackDir } from "../config.ts";
import { isReadableDir, loadKnowledge, readArticles } from "../knowledge/load.ts";
import { buildQuoteRecord, QUOTE_RECORD_PATH } from "../knowledge/quote-record.ts";
import type { KnowledgeBase, KnowledgeIssue } from "../knowledge/types.ts";

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const USAGE = "usage: validate [--dir PACK] [--sources DIR]";

/**
 * `validate [--dir PACK] [--sources DIR]`: prints every issue as `file:line:column: severity: message`
 * and a summary; returns 1 when there are errors (or bad arguments), 0 otherwise. Quotes are checked
 * against ARTICLES_DIR (or the pack's verified-quote record where it cannot be read); with `--sources`
 * against DIR, which must exist, and a valid pack's record is rewritten from it.
 */
export async function runValidate(argv: string[], io: CliIo): Promise<number> {
  let values: { dir?: string; sources?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { dir: { type: "string" }, sources: { type: "string" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.err(`validate: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 1;
  }
  const dir = resolvePackDir(values.dir ?? (process.env.KNOWLEDGE_DIR || DEFAULT_KNOWLEDGE_DIR));
  if (values.sources !== undefined && !isReadableDir(values.sources)) {
    io.err(
      `validate: --sources ${values.sources} is not a folder this user can read: give the folder of the article texts`,
    );
    return 1;
  }
  const articlesDir = values.sources ?? (process.env.ARTICLES_DIR || DEFAULT_ARTICLES_DIR);
  const result = loadKnowledge(dir, { articlesDir });
  let issues = result.ok ? result.warnings : result.issues;
  if (result.ok && values.sources !== undefined) {
    io.out(writeQuoteRecord(dir, result.kb, values.sources));
    issues = issues.filter((issue) => issue.code !== "quote-record-stale");
  }
  for (const issue of sortIssues(issues)) io.out(formatIssue(issue));

  const errors = issues.filter((issue) => issue.severity === "error").length;
  const warnings = issues.length - errors;
  const counts = result.ok
    ? `${result.kb.topics.length} topics, ${result.kb.sources.size} sources, ` +
      `${result.kb.topics.reduce((n, topic) => n + topic.claims.length, 0)} claims, ` +
      `${result.kb.topics.reduce((n, topic) => n + topic.conflicts.length, 0)} conflicts`
    : "not loaded";
  io.out(`knowledge: ${counts} — ${plural(errors, "error")}, ${plural(warnings, "warning")}`);
  return errors > 0 ? 1 : 0;
}

/** Rewrites the pack's verified-quote record from the articles in `articlesDir` when it has changed. */
function writeQuoteRecord(dir: string, kb: KnowledgeBase, articlesDir: string): string {
  const path = join(dir, QUOTE_RECORD_PATH);
  const text = buildQuoteRecord(kb, readArticles(articlesDir));
  const where = relative(process.cwd(), resolve(path)) || path;
  if (existsSync(path) && readFileSync(path, "utf8") === text) return `${where}: verified quotes up to date`;
  writeFileSync(path, text);
  return `${where}: verified quotes written`;
}

/** `knowledge/topics/pain.yaml:12:5: error: …` with the file relative to the working directory. */
export function formatIssue(issue: KnowledgeIssue): string {
  const file = relative(process.cwd(), resolve(issue.file)) || issue.file;
  return `${file}:${issue.line}:${issue.column}: ${issue.severity}: ${issue.message}`;
}

function sortIssues(issues: readonly KnowledgeIssue[]): KnowledgeIssue[] {
  return [...issues].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
