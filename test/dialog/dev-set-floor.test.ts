import { describe, expect, it } from "vitest";
import { readLabelledSet, runConversations, summarize } from "../../src/cli/eval.ts";
import { shippedEngine } from "../support/shipped.ts";

// Regression floors on the pack's labelled dev set (tuning data, not a held-out measure): a change that
// makes understanding worse fails here. `cli eval` prints the figures and every miss; held-out figures
// come from fresh blind sets (test/blind/README.md), never from a floor.
const rate = ([right, total]: [number, number]) => right / total;

describe("labelled dev set", () => {
  const engine = shippedEngine();
  const dev = summarize(runConversations(engine, readLabelledSet("knowledge/microneedling/dev.jsonl").items));

  it("answers in-scope questions with the right topic", () => {
    expect(rate(dev.inScope)).toBeGreaterThanOrEqual(0.85);
  });
  it("declines off-topic and near-domain questions", () => {
    expect(rate(dev.outOfScope)).toBeGreaterThanOrEqual(0.93);
  });
  it("catches urgent messages without false alarms", () => {
    expect(rate(dev.urgent)).toBeGreaterThanOrEqual(0.98);
    expect(dev.urgentFalseAlarms).toBeLessThanOrEqual(3);
  });
  it("resolves follow-ups", () => {
    expect(rate(dev.followUps)).toBeGreaterThanOrEqual(0.83);
  });
  it("clarifies rarely", () => {
    expect(dev.clarified / dev.inScope[1]).toBeLessThanOrEqual(0.04);
  });
});
