import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  contentHash,
  type KnowledgeFile,
  type KnowledgeIssue,
  type LoadResult,
  parseKnowledge,
  readArticles,
  readKnowledgeFiles,
} from "../../knowledge/index.ts";
import { resolvePackPath } from "./pack-paths.ts";

/** The pack as it is on disk right now, validated against the articles. */
export interface PackState {
  files: KnowledgeFile[];
  /** The same content hash the server's engine reports as its knowledge version. */
  version: string;
  result: LoadResult;
  articles: ReadonlyMap<string, string>;
}

export interface DraftCheck {
  result: LoadResult;
  /** Errors and warnings in the changed files. */
  ownIssues: KnowledgeIssue[];
  /** Errors the change would add: in the changed files, or new ones elsewhere. */
  blocking: KnowledgeIssue[];
}

export interface Workspace {
  readonly packDir: string;
  readonly articlesDir: string;
  /** Reads and validates the pack; parsing is cached by content, so repeated calls are cheap. */
  state(): PackState;
  /** Validates the pack with `changes` (path → text) in place of what is on disk. */
  check(changes: ReadonlyMap<string, string>, state?: PackState): DraftCheck;
  /** A pack file's text, or undefined when it does not exist or is not a pack file. */
  read(path: string): string | undefined;
}

/** "some text" → a short sha256: what a form remembers to detect a file changed under it. */
export const textHash = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 16);

const issueKey = (issue: KnowledgeIssue) => `${issue.code}|${issue.file}|${issue.message}`;

export function issuesOf(result: LoadResult): KnowledgeIssue[] {
  return result.ok ? result.warnings : result.issues;
}

export function createWorkspace(options: { packDir: string; articlesDir: string }): Workspace {
  const { packDir, articlesDir } = options;
  let cache: { key: string; result: LoadResult } | undefined;

  const parse = (files: KnowledgeFile[], articles: ReadonlyMap<string, string>): LoadResult =>
    parseKnowledge(files, { articles });

  const articlesKey = (articles: ReadonlyMap<string, string>) =>
    contentHash([...articles].map(([path, text]) => ({ path, text })));

  function state(): PackState {
    const files = readKnowledgeFiles(packDir);
    const articles = readArticles(articlesDir);
    const version = contentHash(files);
    const key = `${version}:${articlesKey(articles)}`;
    if (cache?.key !== key) cache = { key, result: parse(files, articles) };
    return { files, version, result: cache.result, articles };
  }

  return {
    packDir,
    articlesDir,
    state,
    check(changes, given) {
      const current = given ?? state();
      const files = current.files.filter((file) => !changes.has(file.path));
      for (const [path, text] of changes) files.push({ path, text });
      const result = parse(files, current.articles);
      const issues = issuesOf(result);
      const before = new Set(
        issuesOf(current.result)
          .filter((i) => i.severity === "error")
          .map(issueKey),
      );
      const ownIssues = issues.filter((issue) => changes.has(issue.file));
      const blocking = issues.filter(
        (issue) => issue.severity === "error" && (changes.has(issue.file) || !before.has(issueKey(issue))),
      );
      return { result, ownIssues, blocking };
    },
    read(path) {
      const full = resolvePackPath(packDir, path);
      return full && existsSync(full) ? readFileSync(full, "utf8") : undefined;
    },
  };
}

/** The pack's labelled dev set (dev.jsonl beside pack.yaml), when it has one. */
export const devSetPath = (packDir: string) => join(packDir, "dev.jsonl");
