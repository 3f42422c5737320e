import { describe, expect, it } from "vitest";
import { createContext } from "../../src/dialog/context.ts";
import { createEngine, createTurn } from "../../src/dialog/engine.ts";
import { decide } from "../../src/dialog/guards/rank.ts";
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
  const text = "how often would i have to come in for that";
  /** The follow-up's reading alone after a question on the number of sessions, with `transitions`. */
  const readAlone = (
    transitions: KnowledgeBase["transitions"],
    nextTopicWeight: number = NEXT_TOPIC.weight,
  ) => {
    const env = createEngine(
      { ...kb, transitions },
      { clinic: TEST_CLINIC, thresholds: { nextTopicWeight, followUpEasing: 0.2 } },
    ).env;
    const turn = createTurn(env, text, { ...createContext(0), recentTopics: ["number-of-sessions"] });
    turn.followUpOf = "number-of-sessions";
    return decide(turn, turn.match(), { after: "number-of-sessions" });
  };
  // Read without the prior: the best reading and the runner-up the prior may lift.
  const plain = readAlone(new Map(), 0);
  const [first, second] = plain.candidates!;

  it("puts first the reading the pack's conversations went on to, among readings nearly alike", () => {
    expect(plain.decision).toMatchObject({ kind: "answer", topic: first!.label });
    const led = readAlone(steps("number-of-sessions", { [second!.label]: 100, [first!.label]: 1 }));
    expect(led.candidates![0]!.label).toBe(second!.label);
    // A question as generic as "how often" then offers both, the led reading first.
    expect(led.decision).toMatchObject({
      kind: "clarify",
      alternatives: [{ topic: second!.label }, { topic: first!.label }],
    });
  });

  it("answers the led reading and says why when the question is not a generic one", () => {
    const env = createEngine(
      { ...kb, transitions: steps("number-of-sessions", { [second!.label]: 100, [first!.label]: 1 }) },
      { clinic: TEST_CLINIC, thresholds: { nextTopicWeight: NEXT_TOPIC.weight, followUpEasing: 0.2 } },
    ).env;
    const turn = createTurn(env, text, { ...createContext(0), recentTopics: ["number-of-sessions"] });
    turn.followUpOf = "number-of-sessions";
    const led = decide(turn, { ...turn.match(), generic: false }, { after: "number-of-sessions" });
    expect(led.decision).toMatchObject({ kind: "answer", topic: second!.label });
    expect(led.reason).toContain(
      `conversations went on from number-of-sessions to ${second!.label} 100 times, to ${first!.label} 1, of 101`,
    );
  });

  it("is read as before when the conversations went the other way, or the prior weighs nothing", () => {
    const other = readAlone(steps("number-of-sessions", { [first!.label]: 30, [second!.label]: 1 }));
    expect(other.decision).toEqual(plain.decision);
    expect(other.reason).not.toMatch(/went on from/);
    expect(readAlone(steps("number-of-sessions", { [second!.label]: 30 }), 0).decision).toEqual(
      plain.decision,
    );
  });
});
