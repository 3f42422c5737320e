import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadLanguage } from "../../src/lang/language.ts";
import { compilePatterns, type PatternSet, withoutMatches } from "../../src/lang/patterns.ts";
import { normalizeText, splitWords } from "../../src/matching/normalize.ts";

const words = (text: string) => splitWords(normalizeText(text));

/** Every pattern set of a language, by where it sits ("symptoms.personal"). */
function patternSets(value: unknown, path = ""): Array<[string, PatternSet]> {
  if (typeof value !== "object" || value === null) return [];
  if ("patterns" in value && "match" in value) return [[path, value as PatternSet]];
  return Object.entries(value).flatMap(([key, inner]) => patternSets(inner, path ? `${path}.${key}` : key));
}

describe("compilePatterns", () => {
  const set = compilePatterns(["^how", "how (long|much)", "... hurt", "does it hurt$"]);

  it.each([
    ["how long does it take", "^how"],
    ["so how long", "how (long|much)"],
    ["so how does it work", undefined],
    ["will my face hurt", "... hurt"],
    ["so does it hurt", "... hurt"],
  ])("%s → the first pattern that matches, in order (%s)", (text, source) => {
    expect(set.match(words(text))?.source).toBe(source);
  });

  it.each([
    ["(it|its)? (is|s)? (normal|ok)$", "normal", true],
    ["(it|its)? (is|s)? (normal|ok)$", "so its normal", true],
    ["(it|its)? (is|s)? (normal|ok)$", "it is", false],
    ["(a ...|b) c", "a x y c", true],
    ["(a ...|b) c", "b c", true],
    ["(a|b ...)? c", "c", true],
    ["(a (b|c)?|d) e", "a c e", true],
    ["(a (b|c)?|d) e", "d e", true],
    ["(a (b|c)?|d) e", "b e", false],
    ["* (x|y) @sign", "so y swelling", true],
    ["* (x|y) @sign", "so y itch", false],
  ])("%s on %s: %s, whatever its optional items and alternatives need", (source, text, matched) => {
    const lists = new Map([["sign", new Set(["swelling", "pus"])]]);
    expect(compilePatterns([source], lists).test(words(text))).toBe(matched);
  });

  it("needs every word of a pattern with more compulsory items than the set indexes", () => {
    const many = Array.from({ length: 40 }, (_, i) => `w${i}`);
    const set = compilePatterns([many.join(" ")]);
    expect(set.test(many)).toBe(true);
    expect(set.test(many.slice(0, 39))).toBe(false);
    expect(set.test([...many.slice(0, 39), "w0"])).toBe(false);
  });

  it("tries a pattern from the first word that can start it, not before", () => {
    const set = compilePatterns(["so (long|far)", "^so far$"]);
    expect(set.match(words("so so long"))?.source).toBe("so (long|far)");
    expect(set.match(words("far so far"))?.source).toBe("so (long|far)");
    expect(set.match(words("so far"))?.source).toBe("so (long|far)");
    expect(compilePatterns(["^so far$"]).test(words("ok so far"))).toBe(false);
  });

  it("matches the shipped language's patterns as trying each in order does, on every dev-set message", () => {
    const language = loadLanguage("en");
    const messages = readFileSync("knowledge/microneedling/dev.jsonl", "utf8")
      .split("\n")
      .filter(Boolean)
      .flatMap((line) => (JSON.parse(line) as { turns: string[] }).turns)
      .map(words);
    const sets = patternSets(language);
    expect(sets.length).toBeGreaterThan(20);
    for (const [name, patterns] of sets)
      for (const message of messages) {
        const inOrder = patterns.patterns.find((p) => p.test(message));
        if (patterns.match(message) !== inOrder) expect.fail(`${name}: ${message.join(" ")}`);
      }
  });
});

describe("withoutMatches", () => {
  it("removes each span a pattern matches, the shortest one, wherever it is", () => {
    const set = compilePatterns(["(is|are) (that|this) (normal|ok)", "question mark"]);
    expect(
      withoutMatches(set, words("blisters coming up is that normal and is this ok question mark")),
    ).toEqual(words("blisters coming up and"));
    expect(withoutMatches(set, words("is it normal"))).toEqual(words("is it normal"));
  });
});
