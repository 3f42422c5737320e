import { describe, expect, it } from "vitest";
import { lintAnswer } from "../../src/knowledge/answer-lint.ts";
import type { TopicFile } from "../../src/knowledge/schema.ts";
import { YamlFile } from "../../src/knowledge/yaml-file.ts";

const claim = (statement: string, quote: string) => ({
  statement,
  support: [{ source: "lasts", quote }],
});

function figureWarnings(answer: string): string[] {
  const topic = {
    id: "results-duration",
    question: "How long do results last?",
    phrasings: [],
    answer,
    claims: [
      claim("Sessions are spaced out.", "Book sessions about a month apart."),
      claim("Results last for months.", "Results last 3 to 6 months for most people."),
      claim("Skin heals quickly.", "Redness fades within 2 days."),
    ],
  } as unknown as TopicFile;
  return lintAnswer(topic, new YamlFile("topics/results-duration.yaml", "answer: x\n"), 1)
    .filter((issue) => issue.code === "unsupported-figure")
    .map((issue) => issue.message.match(/says "([^"]+)"/)?.[1] ?? issue.message);
}

describe("lintAnswer's figures", () => {
  it.each([
    ["a figure a later quote gives", "Results last 3-6 months. Sessions are spaced out.", []],
    ["figures from two quotes, the later first", "Redness fades in 2 days. Results last 3 to 6 months.", []],
    ["a figure no quote gives", "Results last 12 months.", ["12 months"]],
    ["each figure on its own", "Results last 3 to 6 months, sessions take 2 hours.", ["2 hours"]],
  ])("%s", (_what, answer, unsupported) => {
    expect(figureWarnings(answer)).toEqual(unsupported);
  });
});
