import { describe, expect, it } from "vitest";
import { readLabelledSet, runConversations, summarize } from "../../src/cli/eval.ts";
import { shippedEngine } from "../support/shipped.ts";

// Regression floors on the labelled sets: a change that makes understanding worse fails here.
// `cli eval` prints the current figures and every miss; raise these floors as the bot improves.
const rate = ([right, total]: [number, number]) => right / total;

describe("labelled dev set", () => {
  const engine = shippedEngine();
  const dev = summarize(runConversations(engine, readLabelledSet("test/dev-set/dev.jsonl").items));
  const holdout = summarize(runConversations(engine, readLabelledSet("test/dev-set/holdout.jsonl").items));

  it("answers in-scope questions with the right topic", () => {
    expect(rate(dev.inScope)).toBeGreaterThanOrEqual(0.86);
    expect(rate(holdout.inScope)).toBeGreaterThanOrEqual(0.84);
  });
  it("declines off-topic and near-domain questions", () => {
    expect(rate(dev.outOfScope)).toBeGreaterThanOrEqual(0.9);
    expect(rate(holdout.outOfScope)).toBeGreaterThanOrEqual(0.9);
  });
  it("catches urgent messages without false alarms", () => {
    expect(rate(dev.urgent)).toBeGreaterThanOrEqual(0.97);
    expect(rate(holdout.urgent)).toBe(1);
    expect(dev.urgentFalseAlarms + holdout.urgentFalseAlarms).toBeLessThanOrEqual(1);
  });
  it("resolves follow-ups", () => {
    expect(rate(dev.followUps)).toBeGreaterThanOrEqual(0.8);
  });
  it("clarifies rarely", () => {
    expect(dev.clarified / dev.inScope[1]).toBeLessThanOrEqual(0.08);
  });
});
