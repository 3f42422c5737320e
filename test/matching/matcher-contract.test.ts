import { describe, expect, it } from "vitest";
import { analyze } from "../../src/matching/analyze.ts";
import { createBayesMatcher } from "../../src/matching/bayes-matcher.ts";
import { createBm25Matcher } from "../../src/matching/bm25-matcher.ts";
import type { Matcher, TrainingExample } from "../../src/matching/matcher.ts";
import { createSemanticIndex, createSemanticMatcher } from "../../src/matching/semantic-matcher.ts";
import { createTfidfMatcher } from "../../src/matching/tfidf-matcher.ts";
import { shippedIndex } from "../support/shipped.ts";

const lexicon = shippedIndex().lexicon;
const example = (label: string, text: string): TrainingExample => {
  const a = analyze(text, lexicon);
  return { label, text, features: a.features, tokens: a.tokens };
};
function semanticIndexOf(examples: TrainingExample[]) {
  const words = (e: TrainingExample) =>
    analyze(e.text, lexicon).words.filter((w) => !lexicon.language.stopwords.has(w));
  const labels = [...new Set(examples.map((e) => e.label))];
  return createSemanticIndex(
    labels.map((label) => ({
      label,
      phrasings: examples.filter((e) => e.label === label).map(words),
      answer: [],
    })),
    [],
    lexicon,
    new Map(labels.map((label) => [label, examples.filter((e) => e.label === label).map((e) => e.text)])),
  );
}

const EXAMPLES = [
  example("pain", "does it hurt"),
  example("pain", "is it painful"),
  example("cost", "how much does it cost"),
  example("cost", "what is the price"),
  example("aftercare", "what should i put on my skin after"),
];
const MATCHERS: Array<[string, Matcher]> = [
  ["bayes", createBayesMatcher(EXAMPLES)],
  ["tfidf", createTfidfMatcher(EXAMPLES)],
  [
    "bm25",
    createBm25Matcher(
      EXAMPLES.map((e) => ({ label: e.label, features: e.features, weights: e.features.map(() => 1) })),
    ),
  ],
  ["semantic", createSemanticMatcher(semanticIndexOf(EXAMPLES), ["pain", "cost", "aftercare"])],
];

// Every Matcher honours one contract: scores in [0, 1], best first, shortlist respected, empty input safe.
describe.each(MATCHERS)("%s matcher", (_name, matcher) => {
  const q = (text: string) => analyze(text, lexicon);

  it("ranks the label whose phrasing the message repeats first", () => {
    expect(matcher.match(q("is it painful"), ["pain", "cost", "aftercare"])[0]?.label).toBe("pain");
  });
  it("scores in [0, 1], best first", () => {
    const scores = matcher.match(q("how much is the price"), ["pain", "cost", "aftercare"]);
    for (const s of scores) expect(s.score).toBeGreaterThanOrEqual(0);
    for (const s of scores) expect(s.score).toBeLessThanOrEqual(1);
    for (let i = 1; i < scores.length; i++)
      expect(scores[i - 1]!.score).toBeGreaterThanOrEqual(scores[i]!.score);
  });
  it("returns only shortlisted labels when given a shortlist", () => {
    for (const s of matcher.match(q("does it hurt"), ["cost"])) expect(s.label).toBe("cost");
  });
  it("returns nothing usable for an empty message without throwing", () => {
    const scores = matcher.match(q(""), ["pain"]);
    for (const s of scores) expect(s.score).toBeLessThanOrEqual(1);
  });
});
