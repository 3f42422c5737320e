import { countWords } from "./quote-match.ts";
import type { TopicFile } from "./schema.ts";
import type { KnowledgeIssue, Pack } from "./types.ts";
import type { YamlFile, YamlPath } from "./yaml-file.ts";

export const MAX_QUOTE_WORDS = 40;

/** What a topic is held to: the manifest's limits, and whether answers must cite articles. */
export type TopicRules = Pick<Pack, "checks" | "citations">;

const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isKebabCase(id: string): boolean {
  return KEBAB_CASE.test(id);
}

/** "topics/opening-hours.yaml" → "opening-hours" */
export function topicIdFromPath(path: string): string {
  return (path.split("/").pop() ?? path).replace(/\.ya?ml$/, "");
}

/** Checks one topic on its own: id, counts, lengths, quotes, source ids. Cross-topic checks live in parse.ts. */
export function checkTopic(
  file: YamlFile,
  topic: TopicFile,
  sourceIds: ReadonlySet<string>,
  rules: TopicRules,
): KnowledgeIssue[] {
  const issues: KnowledgeIssue[] = [];
  const error = (code: string, path: YamlPath, message: string) =>
    issues.push(file.issue(code, path, message));
  const warn = (code: string, path: YamlPath, message: string) =>
    issues.push(file.issue(code, path, message, "warning"));
  const { minPhrasings, maxAnswerWords, maxShortChars } = rules.checks;
  const phrasingList = topic.phrasings ?? [];
  const claims = topic.claims ?? [];

  const expectedId = topicIdFromPath(file.path);
  if (!isKebabCase(topic.id)) {
    error(
      "id-not-kebab-case",
      ["id"],
      `topic id '${topic.id}' is not kebab-case: use lower-case words joined by '-', like 'opening-hours'`,
    );
  }
  if (topic.id !== expectedId) {
    error(
      "id-file-mismatch",
      ["id"],
      `topic id '${topic.id}' does not match its file name '${expectedId}': rename one so they agree`,
    );
  }
  for (const field of ["question", "answer"] as const) {
    if (topic[field].trim() === "") error("empty-field", [field], `${field} is empty: write it`);
  }
  if (topic.short === undefined || topic.short.trim() === "") {
    warn(
      "missing-short",
      topic.short === undefined ? ["id"] : ["short"],
      "no short form: SMS and previews will cut the answer instead; write a `short` of one or two sentences",
    );
  }

  const phrasings = phrasingList.length;
  if (phrasings < minPhrasings) {
    warn(
      "too-few-phrasings",
      topic.phrasings === undefined ? ["id"] : ["phrasings"],
      `phrasings has ${phrasings} entries, fewer than the ${minPhrasings} this pack asks for: add ${minPhrasings - phrasings} more ways people ask this question, so the bot recognises more wordings`,
    );
  }
  phrasingList.forEach((phrasing, i) => {
    if (phrasing.trim() === "")
      error("empty-field", ["phrasings", i], "this phrasing is empty: write it or remove the line");
  });

  const answerWords = countWords(topic.answer);
  if (answerWords > maxAnswerWords) {
    warn(
      "answer-too-long",
      ["answer"],
      `answer has ${answerWords} words, over this pack's limit of ${maxAnswerWords}: shorten it so it reads well on a phone`,
    );
  }
  const shortChars = [...(topic.short ?? "").trim()].length;
  if (shortChars > maxShortChars) {
    warn(
      "short-too-long",
      ["short"],
      `short has ${shortChars} characters, over this pack's limit of ${maxShortChars}: shorten it so it fits one SMS`,
    );
  }

  if (claims.length === 0 && rules.citations === "articles") {
    error(
      "answer-without-claims",
      topic.claims === undefined ? ["id"] : ["claims"],
      "the answer has no claims: add at least one claim with a quote from an article (or declare `citations: own-words` in pack.yaml if the answers are the clinic's own words)",
    );
  }
  claims.forEach((claim, c) => {
    if (claim.statement.trim() === "")
      error("empty-field", ["claims", c, "statement"], "this claim's statement is empty: write it");
    const support = claim.support ?? [];
    if (support.length === 0) {
      error(
        "claim-without-support",
        ["claims", c],
        "this claim has no support: add a `support` item with a source id and a quote copied from it",
      );
    }
    support.forEach((item, s) => {
      const path = ["claims", c, "support", s];
      issues.push(...checkSourceRef(file, item.source, [...path, "source"], sourceIds));
      issues.push(...checkQuote(file, item.quote, [...path, "quote"]));
    });
  });

  const conflicts = topic.conflicts ?? [];
  conflicts.forEach((conflict, c) => {
    if (conflict.positions.length < 2) {
      error(
        "conflict-too-few-positions",
        ["conflicts", c],
        `this conflict has ${conflict.positions.length} position(s): a conflict needs at least two articles' positions; add the other side or remove it`,
      );
    }
    conflict.positions.forEach((position, p) => {
      const path = ["conflicts", c, "positions", p];
      issues.push(...checkSourceRef(file, position.source, [...path, "source"], sourceIds));
      issues.push(...checkQuote(file, position.quote, [...path, "quote"]));
    });
  });

  (topic.agreements ?? []).forEach((agreement, a) => {
    if (agreement.sources.length < 2) {
      error(
        "agreement-too-few-sources",
        ["agreements", a, "sources"],
        "an agreement names the two or more sources whose figures agree: add the other source id",
      );
    }
    agreement.sources.forEach((source, s) => {
      issues.push(...checkSourceRef(file, source, ["agreements", a, "sources", s], sourceIds));
    });
  });

  if (topic.min_confidence !== undefined && !(topic.min_confidence >= 0 && topic.min_confidence <= 1)) {
    error(
      "min-confidence-out-of-range",
      ["min_confidence"],
      `min_confidence is ${topic.min_confidence}, outside 0 to 1: use a value like 0.6`,
    );
  }
  return issues;
}

function checkSourceRef(
  file: YamlFile,
  source: string,
  path: YamlPath,
  sourceIds: ReadonlySet<string>,
): KnowledgeIssue[] {
  if (sourceIds.has(source)) return [];
  const known = [...sourceIds].join(", ");
  return [
    file.issue(
      "unknown-source",
      path,
      `unknown source id '${source}': use one of the ids in sources.yaml (${known})`,
    ),
  ];
}

function checkQuote(file: YamlFile, quote: string, path: YamlPath): KnowledgeIssue[] {
  if (quote.trim() === "")
    return [
      file.issue("empty-quote", path, "the quote is empty: copy the supporting words from the article"),
    ];
  const words = countWords(quote);
  if (words <= MAX_QUOTE_WORDS) return [];
  return [
    file.issue(
      "quote-too-long",
      path,
      `quote has ${words} words, over the limit of ${MAX_QUOTE_WORDS}: keep the words that support the claim, or skip some with '...'`,
    ),
  ];
}
