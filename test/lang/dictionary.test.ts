import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { createDictionary } from "../../src/lang/dictionary.ts";

const require = createRequire(import.meta.url);

describe("createDictionary", () => {
  it.each([
    [
      "finds every word of a sorted compact array",
      '["aa","ab","b","ba","c"]',
      ["aa", "ab", "b", "ba", "c"],
      [],
    ],
    ["finds no word between, before or after them", '["aa","ab","c"]', [], ["a", "aaa", "abc", "b", "d", ""]],
    ["holds one word", '["x"]', ["x"], ["", "y", "xx"]],
    ["holds none", "[]", [], ["a", ""]],
    ["reads an unsorted, spaced array by parsing it", '[ "c", "a",\n "b" ]', ["a", "b", "c"], ["d", " "]],
    ["never takes a fragment of the text for a word", '["ab","cd"]', [], ['ab","cd', '"', ","]],
  ])("%s", (_behaviour, json, words, others) => {
    const has = createDictionary(json);
    for (const w of words) expect(has(w), w).toBe(true);
    for (const w of others) expect(has(w), w).toBe(false);
  });

  it.each([
    ['["aa","ab","b","ba","c"]', ["aa", "ab", "b", "ba", "c"], ["a", "aaa", "abc", "bb", "d", "", "é"]],
    ['["ab","cd"]', ["ab", "cd"], ['ab","cd', '"', ","]],
    ["[]", [], ["a", ""]],
    ['[ "c", "a" ]', ["a", "c"], ["b", " "]],
    ['["café","tea"]', ["café", "tea"], ["cafe", "te"]],
  ])("reads %s as bytes as it reads it as text", (json, words, others) => {
    const has = createDictionary(new TextEncoder().encode(json));
    for (const w of words) expect(has(w), w).toBe(true);
    for (const w of others) expect(has(w), w).toBe(false);
  });

  it("refuses text that is not an array of words", () => {
    expect(() => createDictionary('{"a": 1}')).toThrow(/JSON array of words/);
  });

  it("agrees with a Set of the shipped English dictionary on its words and their neighbours", () => {
    const path = require.resolve("an-array-of-english-words");
    const words = JSON.parse(readFileSync(path, "utf8")) as string[];
    // The binary search needs its order: the package ships sorted, and stays so across updates.
    for (let i = 1; i < words.length; i++) if (!(words[i - 1]! < words[i]!)) expect.fail(`unsorted at ${i}`);
    const has = createDictionary(readFileSync(path, "utf8"));
    const hasBytes = createDictionary(readFileSync(path));
    const set = new Set(words);
    for (let i = 0; i < words.length; i += 7) {
      const w = words[i]!;
      for (const probe of [w, `${w}q`, w.slice(0, -1), `${w}s`])
        if (has(probe) !== set.has(probe) || hasBytes(probe) !== set.has(probe)) expect.fail(probe);
    }
  });
});
