import { describe, expect, it } from "vitest";
import { createContext } from "../../src/dialog/context.ts";
import type { ExplainingEngine } from "../../src/dialog/engine.ts";
import { FOLLOW_UP_EASINGS, fitConversationSetting, fitFollowUps } from "../../src/dialog/follow-up-fit.ts";
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

/** Fits the follow-up easing, as `cli fit` does. */
const fitEasing = (items: typeof conversations, build: () => (easing: number) => ExplainingEngine) =>
  fitConversationSetting(kb, items, build, 5, FOLLOW_UP_EASINGS);

describe("fitting a conversation setting (the follow-up easing)", () => {
  it("takes the least easing under which the most later turns are right", () => {
    const fitted = fitEasing(conversations, () => fake((e) => (e >= 0.1 ? "aftercare" : "cost")));
    expect(fitted.value).toBe(0.1);
    expect(fitted.turns).toBe(40);
    expect(fitted.tried.map((t) => t.value)).toEqual([...FOLLOW_UP_EASINGS]);
    expect(fitted.tried.find((t) => t.value === 0.1)?.right).toBe(40);
  });
  it("fits nothing without conversations: the engine's default stands", () => {
    const singles = conversations.map((c) => ({
      ...c,
      turns: c.turns.slice(0, 1),
      expect: c.expect.slice(0, 1),
    }));
    expect(fitEasing(singles, () => fake(() => "aftercare"))).toEqual({
      value: undefined,
      tried: [],
      turns: 0,
    });
  });
  it("keeps the least value when the conversations do not say a larger one helps", () => {
    expect(fitEasing(conversations, () => fake(() => "aftercare")).value).toBe(0);
  });
});

describe("fitting the follow-up table", () => {
  // Every first question answered as hair loss; every follow-up read alone, and answered, as upkeep.
  const engine = {
    explain: ({ text }: { text: string }) => {
      const topic = text.startsWith("first") ? "hair-loss" : "maintenance";
      return {
        reply: { kind: "answer", topic },
        trace: { decidedBy: topic === "maintenance" ? "follow-up: on its own: sure" : "rank: sure" },
        context: { ...createContext(0), recentTopics: [topic] },
        extras: {},
      };
    },
  } as unknown as ExplainingEngine;
  const asked = (second: string) =>
    Array.from({ length: 20 }, (_, i) => ({
      id: `h${i}`,
      turns: [`first question number ${i}`, "how often would I need it"],
      expect: ["hair-loss", second],
    }));
  const sum = (counts: readonly number[] | undefined) => (counts ?? []).reduce((a, b) => a + b, 0);
  it("counts the conversations that went to a third topic, beside those that stayed and moved", () => {
    const [entry] = fitFollowUps(kb, asked("session-interval"), () => engine, 5);
    expect(entry).toMatchObject({ after: "hair-loss", asked: "maintenance" });
    expect(sum(entry?.stays) + sum(entry?.moves)).toBe(0);
    expect(sum(entry?.elsewhere?.["session-interval"])).toBe(20);
  });
  it("counts no third label that is no topic", () => {
    expect(fitFollowUps(kb, asked("fallback"), () => engine, 5)).toEqual([]);
  });
});
