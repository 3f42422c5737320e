import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeWordVectors, encodeWordVectors } from "../../src/lang/word-vectors.ts";

const entry = (word: string, rank: number) => ({ word, rank, vector: [rank + 1, 1, -1] });

describe("decodeWordVectors", () => {
  it("finds each word of the file in place, accented and symbol ones included, and no other", () => {
    const words = ["the", "café", "’", "naïve", "a", "£"];
    const vectors = decodeWordVectors(encodeWordVectors(words.map(entry), 3, 2, ["absent"]));
    for (const [rank, word] of words.entries()) {
      expect(vectors.has(word)).toBe(true);
      expect(vectors.rank(word)).toBe(rank);
      expect(vectors.get(word)?.length).toBe(3);
    }
    for (const word of ["", "th", "thee", "cafe", "café ", "'", "absent"]) {
      expect(vectors.has(word)).toBe(false);
      expect(vectors.get(word)).toBeUndefined();
      expect(vectors.rank(word)).toBeUndefined();
    }
    expect(vectors.words).toEqual(words);
    expect([...vectors.absent]).toEqual(["absent"]);
  });

  it("gives a word written twice its last place, as it always has", () => {
    const vectors = decodeWordVectors(
      encodeWordVectors([entry("x", 0), entry("y", 1), entry("x", 2)], 3, 3, []),
    );
    expect(vectors.rank("x")).toBe(2);
    expect(vectors.rank("y")).toBe(1);
  });

  it("holds no words", () => {
    const vectors = decodeWordVectors(encodeWordVectors([], 3, 0, []));
    expect(vectors.has("")).toBe(false);
    expect(vectors.words).toEqual([]);
  });

  it("refuses a file whose word list is cut short", () => {
    const bytes = encodeWordVectors([entry("ab", 0), entry("cd", 1)], 3, 2, []);
    // The count says two words; turning the newline between them into a letter leaves one.
    const at = bytes.indexOf(0x0a);
    const corrupt = Uint8Array.from(bytes);
    corrupt[at] = 0x61;
    expect(() => decodeWordVectors(corrupt)).toThrow(/corrupt/);
  });

  it("finds every word of the shipped file", () => {
    const vectors = decodeWordVectors(
      readFileSync(new URL("../../src/lang/en/vectors.bin", import.meta.url)),
    );
    expect(vectors.words.length).toBe(vectors.size);
    expect(vectors.words.filter((word) => !vectors.has(word))).toEqual([]);
    expect(vectors.has(`${vectors.words[0]}qqq`)).toBe(false);
  });
});
