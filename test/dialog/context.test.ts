import { describe, expect, it } from "vitest";
import { createContext, freshContext, recordTurn } from "../../src/dialog/context.ts";

describe("conversation context", () => {
  it("remembers the last message's subject words, and only the last", () => {
    const first = recordTurn(
      createContext(0),
      { kind: "fallback", reason: "out-of-scope", confidence: 0, candidates: [] },
      1,
      { lastWords: ["how", "long", "last"], question: "how long does it last" },
    );
    expect(first.lastWords).toEqual(["how", "long", "last"]);
    expect(recordTurn(first, { kind: "urgent" }, 2, { lastWords: [], question: "help" }).lastWords).toEqual(
      [],
    );
  });

  it("keeps a clarify's question for one turn, so a 'None of these' can log what went unanswered", () => {
    const alternatives = [{ topic: "pain", question: "Does it hurt?" }];
    const asked = recordTurn(createContext(0), { kind: "clarify", alternatives, confidence: 0.4 }, 1, {
      lastWords: [],
      question: "how bad is it",
    });
    expect(asked.clarifiedQuestion).toBe("how bad is it");
    expect(asked.pendingClarify).toEqual(alternatives);
    const next = recordTurn(asked, { kind: "urgent" }, 2, { lastWords: [], question: "x" });
    expect(next.clarifiedQuestion).toBeUndefined();
    expect(next.pendingClarify).toBeNull();
  });

  it("reads a stored context without lastWords, or with a malformed one, as having none", () => {
    const stored = { recentTopics: [], coveredTopics: [], pendingClarify: null, turns: 1, updatedAt: 0 };
    expect(freshContext(stored, 1, 1000)?.lastWords).toEqual([]);
    const malformed = { ...stored, lastWords: "how long" } as unknown as typeof stored;
    expect(freshContext(malformed, 1, 1000)?.lastWords).toEqual([]);
  });
});
