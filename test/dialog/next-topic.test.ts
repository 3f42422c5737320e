import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/dialog/engine.ts";
import { NEXT_TOPIC, nextTopicPrior } from "../../src/dialog/next-topic.ts";
import { transitionKey } from "../../src/knowledge/examples.ts";
import type { KnowledgeBase } from "../../src/knowledge/types.ts";
import { shippedKnowledge, TEST_CLINIC } from "../support/shipped.ts";

const kb = shippedKnowledge();
const steps = (after: string, counts: Record<string, number>) =>
  new Map(Object.entries(counts).map(([next, n]) => [transitionKey(after, next), [n, 0, 0, 0, 0]]));

describe("the next-topic prior", () => {
  it("is each next topic's smoothed share of the steps the conversations took from a topic", () => {
    const prior = nextTopicPrior({ ...kb, transitions: steps("cost", { pain: 6, cost: 2 }) }, "cost")!;
    const spread = NEXT_TOPIC.smoothing * kb.topics.length;
    expect(prior.total).toBe(8);
    expect(prior.likelihood("pain")).toBeCloseTo((6 + NEXT_TOPIC.smoothing) / (8 + spread));
    expect(prior.likelihood("aftercare")).toBeCloseTo(NEXT_TOPIC.smoothing / (8 + spread));
    expect(prior.steps("pain")).toBe(6);
  });

  it("says nothing about a topic the conversations never left, or without conversations", () => {
    expect(nextTopicPrior({ ...kb, transitions: steps("cost", { pain: 3 }) }, "pain")).toBeUndefined();
    const { transitions: _, ...without } = kb;
    expect(nextTopicPrior(without as KnowledgeBase, "cost")).toBeUndefined();
  });
});

describe("a follow-up read alone, after a topic", () => {
  const conversation = (
    transitions: KnowledgeBase["transitions"],
    nextTopicWeight: number = NEXT_TOPIC.weight,
  ) => {
    const engine = createEngine(
      { ...kb, transitions },
      { clinic: TEST_CLINIC, thresholds: { nextTopicWeight } },
    );
    const first = engine.explain({ text: "how many sessions will i need", context: null, now: 0 });
    expect(first.reply).toMatchObject({ kind: "answer", topic: "number-of-sessions" });
    return engine.explain({
      text: "how often would i have to come in for that",
      context: first.context,
      now: 1000,
    });
  };

  // Read without the prior, the follow-up's best reading and the runner-up the prior may lift.
  const alone = conversation(new Map(), 0);
  const [first, second] = alone.trace.candidates;

  it("goes where the pack's conversations went on to, among readings nearly alike, and says so", () => {
    expect(alone.reply).toMatchObject({ kind: "answer", topic: first!.label });
    const led = conversation(steps("number-of-sessions", { [second!.label]: 30, [first!.label]: 1 }));
    expect(led.reply).toMatchObject({ kind: "answer", topic: second!.label });
    expect(led.trace.decidedBy).toContain(
      `conversations went on from number-of-sessions to ${second!.label} 30 times, to ${first!.label} 1, of 31`,
    );
  });

  it("is read as before when the conversations went the other way, or the prior weighs nothing", () => {
    const other = conversation(steps("number-of-sessions", { [first!.label]: 30, [second!.label]: 1 }));
    expect(other.reply).toEqual(alone.reply);
    expect(other.trace.decidedBy).not.toMatch(/went on from/);
    const unweighted = conversation(steps("number-of-sessions", { [second!.label]: 30 }), 0);
    expect(unweighted.reply).toEqual(alone.reply);
  });
});
