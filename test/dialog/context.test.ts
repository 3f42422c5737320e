import { describe, expect, it } from "vitest";
import { createContext, freshContext, recordTurn } from "../../src/dialog/context.ts";

describe("conversation context", () => {
  it("remembers the last message's subject words, and only the last", () => {
    const first = recordTurn(
      createContext(0),
      { kind: "fallback", confidence: 0, candidates: [], outOfScope: true },
      1,
      ["how", "long", "last"],
    );
    expect(first.lastWords).toEqual(["how", "long", "last"]);
    expect(recordTurn(first, { kind: "urgent" }, 2).lastWords).toEqual([]);
  });

  it("reads a stored context without lastWords, or with a malformed one, as having none", () => {
    const stored = { recentTopics: [], coveredTopics: [], pendingClarify: null, turns: 1, updatedAt: 0 };
    expect(freshContext(stored, 1, 1000)?.lastWords).toEqual([]);
    const malformed = { ...stored, lastWords: "how long" } as unknown as typeof stored;
    expect(freshContext(malformed, 1, 1000)?.lastWords).toEqual([]);
  });
});
