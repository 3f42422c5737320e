import { describe, expect, it } from "vitest";
import { fieldProblems } from "../../../src/server/studio/form-values.ts";
import { quoteOf, splitSentences } from "../../../src/server/studio/intake.ts";
import { resolvePackPath } from "../../../src/server/studio/pack-paths.ts";
import { locateQuote } from "../../../src/server/studio/quote-locate.ts";

describe("article intake helpers", () => {
  it("splits an article into sentences at stops and line breaks", () => {
    expect(splitSentences("First one. Second one?\nA heading\nThird “quoted.” Last")).toEqual([
      "First one.",
      "Second one?",
      "A heading",
      "Third “quoted.”",
      "Last",
    ]);
  });

  it("cuts a long sentence to a verbatim quote of at most 40 words", () => {
    const sentence = Array.from({ length: 50 }, (_, i) => `w${i}`).join(" ");
    expect(quoteOf(sentence).split(" ")).toHaveLength(40);
    expect(sentence.startsWith(quoteOf(sentence))).toBe(true);
  });
});

describe("locateQuote", () => {
  const article = "Title\n\nIt’s  usually   4–6 weeks between sessions. Results vary.";
  it("marks the quoted words in the original text, forgiving typography", () => {
    const found = locateQuote("it's usually 4-6 weeks", article);
    expect(found.found).toBe(true);
    expect(found.spans.map((s) => article.slice(s.start, s.end))).toEqual(["It’s  usually   4–6 weeks"]);
  });
  it("marks each part of a quote with '...'", () => {
    const found = locateQuote("usually ... sessions", article);
    expect(found.spans.map((s) => article.slice(s.start, s.end))).toEqual(["usually", "sessions"]);
  });
  it("points at the closest sentence when the quote is not there", () => {
    const missing = locateQuote("usually 8 weeks between sessions", article);
    expect(missing.found).toBe(false);
    expect(article.slice(missing.closest!.start, missing.closest!.end)).toBe(
      "It’s  usually   4–6 weeks between sessions.",
    );
  });
});

describe("form safety", () => {
  it("names a field with markup or an over-long paste", () => {
    const problems = fieldProblems({ answer: "<b>bold</b>", claims: [{ statement: "x".repeat(6000) }] });
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ["answer", "markup"],
      ["claims.0.statement", "too-long"],
    ]);
    expect(fieldProblems({ answer: "Less than 5 < 6 and a > b." })).toEqual([]);
  });
  it("resolves only the pack's own files", () => {
    expect(resolvePackPath("/pack", "topics/pain.yaml")).toBe("/pack/topics/pain.yaml");
    for (const bad of [
      "../x.yaml",
      "/etc/passwd",
      "topics/../../x.yaml",
      "topics/a/b.yaml",
      "node_modules/x",
      "topics\\\\x.yaml",
    ]) {
      expect(resolvePackPath("/pack", bad), bad).toBeUndefined();
    }
  });
});
