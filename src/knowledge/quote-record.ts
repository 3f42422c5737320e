import { createHash } from "node:crypto";
import { z } from "zod";
import { normalizeText } from "./quote-match.ts";
import type { SourcesFile, TopicFile } from "./schema.ts";
import type { KnowledgeBase, KnowledgeIssue } from "./types.ts";
import { type YamlFile, type YamlPath, yaml } from "./yaml-file.ts";

/** The pack's record of verified quotes, beside pack.yaml; written by `cli validate --sources DIR`. */
export const QUOTE_RECORD_PATH = "verified-quotes.yaml";

const SHA256 = z.string().regex(/^[0-9a-f]{64}$/, "must be a sha256 in hex");

export const QUOTE_RECORD_FILE = z
  .object({
    articles: z.array(
      z.object({ source: z.string(), file: z.string(), title: z.string(), sha256: SHA256 }).strict(),
    ),
    quotes: z.array(z.object({ source: z.string(), quote: z.string(), sha256: SHA256 }).strict()),
  })
  .strict();

export type QuoteRecordFile = z.infer<typeof QUOTE_RECORD_FILE>;

/** One quote a topic shows, and where it is written. */
export interface QuoteRef {
  file: YamlFile;
  source: string;
  quote: string;
  path: YamlPath;
}

/** Every quote the topics show: claims' support and conflicts' positions. */
export function quotesOf(topics: ReadonlyArray<{ file: YamlFile; topic: TopicFile }>): QuoteRef[] {
  const refs: QuoteRef[] = [];
  for (const { file, topic } of topics) {
    (topic.claims ?? []).forEach((claim, c) => {
      (claim.support ?? []).forEach((item, s) => {
        refs.push({
          file,
          source: item.source,
          quote: item.quote,
          path: ["claims", c, "support", s, "quote"],
        });
      });
    });
    (topic.conflicts ?? []).forEach((conflict, c) => {
      conflict.positions.forEach((position, p) => {
        refs.push({
          file,
          source: position.source,
          quote: position.quote,
          path: ["conflicts", c, "positions", p, "quote"],
        });
      });
    });
  }
  return refs;
}

/** sha256 of an article's text, in hex: what a recorded quote was verified against. */
export function articleHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

// A quote is recorded as written, and matched as the verifier reads it: typography does not count.
const quoteKey = (source: string, quote: string) => `${source}\u0000${normalizeText(quote)}`;

/**
 * The record's text for a knowledge base whose quotes have all just been verified against `articles`
 * (file name → text): each source's file, title and article hash, then each distinct quote with that hash.
 */
export function buildQuoteRecord(
  kb: Pick<KnowledgeBase, "sources" | "topics">,
  articles: ReadonlyMap<string, string>,
): string {
  const hashes = new Map<string, string>();
  const record: QuoteRecordFile = { articles: [], quotes: [] };
  for (const source of kb.sources.values()) {
    const text = articles.get(source.file);
    if (text === undefined) continue;
    const sha256 = articleHash(text);
    hashes.set(source.id, sha256);
    record.articles.push({ source: source.id, file: source.file, title: source.title, sha256 });
  }
  const seen = new Set<string>();
  const add = (source: string, quote: string) => {
    const sha256 = hashes.get(source);
    const key = quoteKey(source, quote);
    if (sha256 === undefined || seen.has(key)) return;
    seen.add(key);
    record.quotes.push({ source, quote: quote.trim(), sha256 });
  };
  for (const topic of kb.topics) {
    for (const claim of topic.claims) for (const item of claim.support) add(item.source, item.quote);
    for (const conflict of topic.conflicts)
      for (const position of conflict.positions) add(position.source, position.quote);
  }
  record.quotes.sort((a, b) => a.source.localeCompare(b.source) || a.quote.localeCompare(b.quote));
  return (
    "# Written by `npm run --silent cli -- validate --sources DIR`: do not edit by hand.\n" +
    "# Every quote and title this pack shows, checked word for word against the article text whose\n" +
    "# sha256 is given. Where the articles cannot be read, the pack loads only while all of it matches.\n" +
    yaml().stringify(record, { lineWidth: 0 })
  );
}

/** Where the record stands against the pack: quotes and sources it does not vouch for. */
export interface RecordCoverage {
  unverifiedSources: Array<{ index: number; id: string; why: string }>;
  unverifiedQuotes: QuoteRef[];
}

/** Which sources (by title and file) and quotes of the pack `record` does not vouch for. */
export function recordCoverage(
  record: QuoteRecordFile,
  sources: SourcesFile["sources"],
  topics: ReadonlyArray<{ file: YamlFile; topic: TopicFile }>,
): RecordCoverage {
  const articles = new Map(record.articles.map((article) => [article.source, article]));
  const unverifiedSources: RecordCoverage["unverifiedSources"] = [];
  sources.forEach((source, index) => {
    const article = articles.get(source.id);
    if (article === undefined) unverifiedSources.push({ index, id: source.id, why: "is not in it" });
    else if (article.title !== source.title)
      unverifiedSources.push({ index, id: source.id, why: "has another title there" });
    else if (article.file !== source.file)
      unverifiedSources.push({ index, id: source.id, why: "has another file there" });
  });
  const verified = new Set(
    record.quotes
      .filter((entry) => articles.get(entry.source)?.sha256 === entry.sha256)
      .map((entry) => quoteKey(entry.source, entry.quote)),
  );
  const unverifiedQuotes = quotesOf(topics).filter(
    (ref) => ref.quote.trim() !== "" && !verified.has(quoteKey(ref.source, ref.quote)),
  );
  return { unverifiedSources, unverifiedQuotes };
}

/**
 * Checks the pack against its record where the articles cannot be read: every source's title and file,
 * and every quote, must be there, verified against the recorded article text. Otherwise errors: the
 * pack is refused rather than show a quote nobody checked.
 */
export function checkAgainstRecord(
  record: { file: YamlFile; value: QuoteRecordFile } | undefined,
  sourcesFile: YamlFile,
  sources: SourcesFile["sources"],
  topics: ReadonlyArray<{ file: YamlFile; topic: TopicFile }>,
  articlesDir: string | undefined,
): KnowledgeIssue[] {
  const where =
    articlesDir === undefined
      ? "no articles folder was given"
      : `the articles folder '${articlesDir}' cannot be read`;
  const fix =
    "run `npm run --silent cli -- validate --sources DIR` where the articles are, and ship the record it writes";
  if (record === undefined) {
    if (sources.length === 0 && quotesOf(topics).length === 0) return [];
    return [
      sourcesFile.issue(
        "quotes-unverified",
        ["sources"],
        `quotes cannot be verified: ${where} and the pack has no ${QUOTE_RECORD_PATH}; ${fix}`,
      ),
    ];
  }
  const { unverifiedSources, unverifiedQuotes } = recordCoverage(record.value, sources, topics);
  const issues: KnowledgeIssue[] = [];
  for (const { index, id, why } of unverifiedSources) {
    issues.push(
      sourcesFile.issue(
        "source-unverified",
        ["sources", index],
        `source '${id}' ${why} in ${QUOTE_RECORD_PATH}, and ${where}: ${fix}`,
      ),
    );
  }
  for (const ref of unverifiedQuotes) {
    issues.push(
      ref.file.issue(
        "quote-unverified",
        ref.path,
        `quote not verified: it is not in ${QUOTE_RECORD_PATH} for article '${ref.source}', and ${where}; ${fix}`,
      ),
    );
  }
  return issues;
}
