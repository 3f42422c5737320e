import { extractFigures, type Figure, figureSupported } from "./figures.ts";
import { normalizedWords } from "./quote-match.ts";
import type { TopicFile } from "./schema.ts";
import type { KnowledgeIssue } from "./types.ts";
import type { YamlFile, YamlPath } from "./yaml-file.ts";

/** Thresholds of the answer lint, named in one place. */
export const ANSWER_LINT = Object.freeze({
  /** A sentence is traced to the claims when at least this share of its content words are theirs. */
  minSharedWords: 0.5,
  /** Words shorter than this carry no content for tracing. */
  minWordLength: 3,
});

// Function words say nothing about what a sentence claims; leaving them in would trace anything to anything.
const FUNCTION_WORDS = new Set(
  (
    "the and for are but not you your yours with this that these those its it's from into onto than then " +
    "they them their there here what when where which who whom whose how why can could may might will would " +
    "should shall must has have had does did done was were been being very also just only about after before " +
    "over under again more most some any each every all both either neither other such same own our ours " +
    "one ones say says said usually often generally typically yes"
  ).split(" "),
);

// "treatments" → "treatment", "healing" → "heal": enough to match a sentence's words to a claim's.
function root(word: string): string {
  return word.replace(/(?:ies|ing|ed|es|s|ly)$/, "").replace(/'s$/, "");
}

function contentWords(text: string): Set<string> {
  return new Set(
    normalizedWords(text)
      .filter((word) => word.length >= ANSWER_LINT.minWordLength && !FUNCTION_WORDS.has(word))
      .map(root),
  );
}

/** "It helps. Results vary (a lot)! Ask us." → ["It helps.", "Results vary (a lot)!", "Ask us."] */
export function sentencesOf(text: string): string[] {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .split(/(?<=[.!?])\s+(?=["'(\p{Lu}\p{N}])/u)
    .filter((sentence) => sentence.trim() !== "");
}

const sameSentence = (a: string, b: string) => normalizedWords(a).join(" ") === normalizedWords(b).join(" ");

/** Every text that vouches for part of an answer: each claim, each conflict, with their quotes. */
function evidenceUnits(topic: TopicFile): string[] {
  const units = (topic.claims ?? []).map((claim) =>
    [claim.statement, ...(claim.support ?? []).map((item) => item.quote)].join(" "),
  );
  for (const conflict of topic.conflicts ?? []) {
    units.push(
      [conflict.summary, ...conflict.positions.flatMap((position) => [position.claim, position.quote])].join(
        " ",
      ),
    );
  }
  for (const agreement of topic.agreements ?? []) units.push(agreement.summary);
  return units;
}

/**
 * Whether a figure the articles give for this topic backs `figure`: in the quotes of its claims and
 * conflicts, read one by one only as far as needed (most answers have no figure, or one an early quote gives).
 */
function quotedFigures(topic: TopicFile): (figure: Figure) => boolean {
  const quotes = [
    ...(topic.claims ?? []).flatMap((claim) => (claim.support ?? []).map((item) => item.quote)),
    ...(topic.conflicts ?? []).flatMap((conflict) => conflict.positions.map((position) => position.quote)),
  ];
  const read: Figure[] = [];
  let next = 0;
  return (figure) => {
    if (figureSupported(figure, read)) return true;
    while (next < quotes.length) {
      const more = extractFigures(quotes[next++]!, { everyNumber: true });
      read.push(...more);
      if (figureSupported(figure, more)) return true;
    }
    return false;
  };
}

// "Two articles say…", "three of the five articles": counts of the pack's own sources, not figures from them.
const NAMES_SOURCES = /\b(?:articles?|sources?)\b/i;

/**
 * Holds a topic's answer and short form to its evidence: every number, duration, count, percentage or
 * range must be backed by a quote of the topic's claims or conflicts (as the conflict lint reads them:
 * "four to six weeks" = "4-6 weeks"), and every answer sentence must be traceable to a claim: by the
 * claim's `answer_sentence`, or by having most of its content words in the topic's claims and conflicts.
 */
export function lintAnswer(topic: TopicFile, file: YamlFile, sourceCount: number): KnowledgeIssue[] {
  const issues: KnowledgeIssue[] = [];
  const warn = (code: string, path: YamlPath, message: string) =>
    issues.push(file.issue(code, path, message, "warning"));
  const backedByQuotes = quotedFigures(topic);
  for (const field of ["answer", "short"] as const) {
    const text = topic[field] ?? "";
    const countsSources = NAMES_SOURCES.test(text);
    for (const figure of extractFigures(text)) {
      if (
        figure.kind === "count" &&
        countsSources &&
        Number.isInteger(figure.max) &&
        figure.max <= sourceCount
      )
        continue;
      if (backedByQuotes(figure)) continue;
      warn(
        "unsupported-figure",
        [field],
        `${field} says "${figure.text}", and no quote of this topic's claims gives that figure: cite the article that does, or take it out`,
      );
    }
  }

  const claims = topic.claims ?? [];
  const backedBy = (claim: (typeof claims)[number]) => [claim.answer_sentence ?? []].flat();
  const named = claims.flatMap(backedBy);
  const evidenceWords = contentWords(evidenceUnits(topic).join(" "));
  for (const sentence of sentencesOf(topic.answer)) {
    if (named.some((backed) => sameSentence(backed, sentence))) continue;
    const words = [...contentWords(sentence)];
    if (words.length === 0) continue;
    const shared = words.filter((word) => evidenceWords.has(word)).length;
    if (shared / words.length >= ANSWER_LINT.minSharedWords) continue;
    warn(
      "untraced-sentence",
      ["answer"],
      `answer sentence "${sentence}" does not trace to any claim: add the claim that backs it (with \`answer_sentence\` set to this sentence if the words differ), or take the sentence out`,
    );
  }
  const sentences = sentencesOf(topic.answer);
  claims.forEach((claim, c) => {
    backedBy(claim).forEach((backed, b) => {
      if (sentences.some((sentence) => sameSentence(backed, sentence))) return;
      const path = Array.isArray(claim.answer_sentence)
        ? ["claims", c, "answer_sentence", b]
        : ["claims", c, "answer_sentence"];
      warn(
        "stale-answer-sentence",
        path,
        `answer_sentence "${backed}" is not a sentence of this topic's answer: copy the sentence this claim backs exactly, or remove it`,
      );
    });
  });
  return issues;
}
