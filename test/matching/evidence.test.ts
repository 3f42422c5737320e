import { describe, expect, it } from "vitest";
import {
  type ConversationalMatch,
  closestInWords,
  nearestConversational,
} from "../../src/matching/evidence.ts";
import { shippedIndex } from "../support/shipped.ts";

/** Matches whose meaning counts each read, as a scan would cost one. */
function counted(rows: Array<[label: string, lexical: number, semantic: number]>) {
  const reads = new Map<string, number>();
  const matches: ConversationalMatch[] = rows.map(([label, lexical, semantic]) => ({
    label,
    lexical,
    phrasing: undefined,
    get semantic() {
      reads.set(label, (reads.get(label) ?? 0) + 1);
      return semantic;
    },
  }));
  return { matches, reads };
}

const pleasantry = (m: ConversationalMatch) => m.label.startsWith("smalltalk:");

describe("the closest conversational reading in words", () => {
  it("is the one nearest in words, and reads no meaning when it stands alone", () => {
    const { matches, reads } = counted([
      ["handoff", 0.9, 0.9],
      ["smalltalk:thanks", 0.2, 0.9],
      ["smalltalk:greeting", 0.6, 0.1],
    ]);
    expect(closestInWords(matches, pleasantry)?.label).toBe("smalltalk:greeting");
    expect(reads.size).toBe(0);
  });

  it("among readings equally near in words is the nearest in meaning, the first of equals", () => {
    const { matches, reads } = counted([
      ["smalltalk:thanks", 0, 0.3],
      ["smalltalk:greeting", 0, 0.5],
      ["smalltalk:goodbye", 0, 0.5],
      ["smalltalk:identity", -0, 0.1],
    ]);
    expect(closestInWords(matches, pleasantry)?.label).toBe("smalltalk:greeting");
    expect(reads.size).toBe(4);
    expect(closestInWords([], pleasantry)).toBeUndefined();
  });
});

describe("the nearest conversational reading", () => {
  it("weighs words and meaning together, the first of equals", () => {
    const { matches } = counted([
      ["smalltalk:thanks", 0.5, 0.2],
      ["smalltalk:greeting", 0.3, 0.5],
      ["smalltalk:goodbye", 0.2, 0.6],
    ]);
    expect(nearestConversational(matches, pleasantry)?.label).toBe("smalltalk:greeting");
  });
});

describe("a message read against the conversational labels", () => {
  it("gives every label, its meaning read when asked and the same each time", () => {
    const index = shippedIndex();
    const matches = index.evidence.converse(index.analyze("thank you so much"));
    expect(matches.map((m) => m.label)).toEqual(index.evidence.conversational);
    const thanks = matches.find((m) => m.label === "smalltalk:thanks")!;
    expect(thanks.lexical).toBeGreaterThan(0);
    expect(thanks.semantic).toBeGreaterThan(0);
    expect(thanks.semantic).toBe(thanks.semantic);
    expect(closestInWords(matches, pleasantry)?.label).toBe("smalltalk:thanks");
  });
});
