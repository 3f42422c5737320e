import { describe, expect, it } from "vitest";
import { createContext } from "../../src/dialog/context.ts";
import type { ExplainingEngine } from "../../src/dialog/engine.ts";
import { FOLLOW_UP_EASINGS, fitFollowUpEasing } from "../../src/dialog/follow-up-fit.ts";
import type { KnowledgeBase } from "../../src/knowledge/types.ts";
import { shippedEngine } from "../support/shipped.ts";

const kb: KnowledgeBase = shippedEngine().env.kb;

/** An engine answering every follow-up with `topic(easing)`: what the easing changes, and nothing else. */
const fake =
  (topic: (easing: number) => string) =>
  (easing: number): ExplainingEngine =>
    ({
      explain: () => ({
        reply: { kind: "answer", topic: topic(easing) },
        trace: {},
        context: createContext(0),
        extras: {},
      }),
    }) as unknown as ExplainingEngine;

const conversations = Array.from({ length: 40 }, (_, i) => ({
  id: `c${i}`,
  turns: [`first question number ${i}`, "and after?"],
  expect: ["cost", "aftercare"],
}));

describe("fitting the follow-up easing", () => {
  it("takes the least easing under which the most later turns are right", () => {
    const fitted = fitFollowUpEasing(
      kb,
      conversations,
      () => fake((e) => (e >= 0.1 ? "aftercare" : "cost")),
      5,
    );
    expect(fitted.easing).toBe(0.1);
    expect(fitted.turns).toBe(40);
    expect(fitted.tried.map((t) => t.easing)).toEqual([...FOLLOW_UP_EASINGS]);
    expect(fitted.tried.find((t) => t.easing === 0.1)?.right).toBe(40);
  });
  it("fits nothing without conversations: the engine's default stands", () => {
    const singles = conversations.map((c) => ({
      ...c,
      turns: c.turns.slice(0, 1),
      expect: c.expect.slice(0, 1),
    }));
    expect(fitFollowUpEasing(kb, singles, () => fake(() => "aftercare"), 5)).toEqual({
      easing: undefined,
      tried: [],
      turns: 0,
    });
  });
  it("keeps no easing when the conversations do not say it helps", () => {
    expect(fitFollowUpEasing(kb, conversations, () => fake(() => "aftercare"), 5).easing).toBe(0);
  });
});
