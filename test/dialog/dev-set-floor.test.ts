import { describe, expect, it } from "vitest";
import { readLabelledSet, summarize } from "../../src/cli/eval.ts";
import { createEngine } from "../../src/dialog/engine.ts";
import { runCrossValidated } from "../../src/dialog/labelled-set.ts";
import { shippedEngine, shippedKnowledge, TEST_CLINIC } from "../support/shipped.ts";

// Regression floors on the pack's labelled dev set (tuning data, not a held-out measure): a change that
// makes understanding worse fails here. Matching learns from the dev set's messages, so each is answered
// by an engine built without its fold (as `cli eval` does). `cli eval` prints the figures and every miss; held-out figures
// come from fresh blind sets (test/blind/README.md), never from a floor.
const rate = ([right, total]: [number, number]) => right / total;

describe("labelled dev set", () => {
  const items = readLabelledSet("knowledge/microneedling/dev.jsonl").items;
  const { outcomes, heldOut } = runCrossValidated(shippedEngine(), shippedKnowledge(), items, (kb) =>
    createEngine(kb, { clinic: TEST_CLINIC }),
  );
  const dev = summarize(outcomes);

  it("cross-validates the messages matching learns from", () => {
    expect(heldOut).toBeGreaterThan(items.length / 2);
  });

  it("answers in-scope questions with the right topic", () => {
    expect(rate(dev.inScope)).toBeGreaterThanOrEqual(0.88);
  });
  it("declines off-topic and near-domain questions", () => {
    expect(rate(dev.outOfScope)).toBeGreaterThanOrEqual(0.91);
  });
  it("catches urgent messages without false alarms", () => {
    expect(rate(dev.urgent)).toBeGreaterThanOrEqual(0.99);
    // A share of the other turns, so the floor holds as the dev set grows; ranking urgent with the topics
    // trades a few mild reports taken as urgent for recall (the target is at most 1%).
    const others = outcomes.length - dev.urgent[1];
    expect(dev.urgentFalseAlarms / others).toBeLessThanOrEqual(0.006);
  });
  it("resolves follow-ups", () => {
    // Set X's conversations (68.8% held out) joined at 83.4%; set Z's 80 (79.8% held out) brought it to 82.7%.
    expect(rate(dev.followUps)).toBeGreaterThanOrEqual(0.82);
  });
  it("clarifies rarely", () => {
    expect(dev.clarified / dev.inScope[1]).toBeLessThanOrEqual(0.04);
  });
});
