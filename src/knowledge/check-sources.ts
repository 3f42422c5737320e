import { normalizeText, quoteOccursIn } from "./quote-match.ts";
import type { SourcesFile, TopicFile } from "./schema.ts";
import type { KnowledgeIssue } from "./types.ts";
import type { YamlFile } from "./yaml-file.ts";

/**
 * Checks the knowledge base against the article texts (file name → text): each title is its file's
 * first line, each file exists, and each quote occurs in its article, `...` marking skipped words.
 */
export function checkAgainstArticles(
  sourcesFile: YamlFile,
  sources: SourcesFile["sources"],
  topics: ReadonlyArray<{ file: YamlFile; topic: TopicFile }>,
  articles: ReadonlyMap<string, string>,
): KnowledgeIssue[] {
  const issues: KnowledgeIssue[] = [];
  const normalized = new Map<string, string>();
  sources.forEach((source, i) => {
    const text = articles.get(source.file);
    if (text === undefined) {
      issues.push(
        sourcesFile.issue(
          "source-file-missing",
          ["sources", i, "file"],
          `article file '${source.file}' of source '${source.id}' is not in the sources folder: check the file name or add the file`,
        ),
      );
      return;
    }
    normalized.set(source.id, normalizeText(text));
    const firstLine = (text.split(/\r?\n/, 1)[0] ?? "").replace(/^\uFEFF/, "").trim();
    if (source.title !== firstLine) {
      issues.push(
        sourcesFile.issue(
          "source-title-mismatch",
          ["sources", i, "title"],
          `title of source '${source.id}' is "${source.title}" but its article's first line is "${firstLine}": copy the first line exactly`,
        ),
      );
    }
  });

  for (const { file, topic } of topics) {
    const check = (source: string, quote: string, path: Array<string | number>) => {
      const article = normalized.get(source);
      if (article === undefined || quote.trim() === "" || quoteOccursIn(quote, article)) return;
      issues.push(
        file.issue(
          "quote-not-found",
          path,
          `quote not found in article '${source}': "${quote}". Copy the words exactly from the article (use '...' to skip words)`,
        ),
      );
    };
    (topic.claims ?? []).forEach((claim, c) => {
      (claim.support ?? []).forEach((item, s) => {
        check(item.source, item.quote, ["claims", c, "support", s, "quote"]);
      });
    });
    (topic.conflicts ?? []).forEach((conflict, c) => {
      conflict.positions.forEach((position, p) => {
        check(position.source, position.quote, ["conflicts", c, "positions", p, "quote"]);
      });
    });
  }
  return issues;
}
