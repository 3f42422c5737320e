import { describe, expect, it } from "vitest";
import { rankGuard } from "../../../src/dialog/guards/rank.ts";
import { runGuard } from "./helpers.ts";

describe("rank guard", () => {
  it("answers a clear question with its confidence and says why", () => {
    const outcome = runGuard(rankGuard, "how many sessions will i need");
    expect(outcome?.decision).toMatchObject({ kind: "answer", topic: "number-of-sessions" });
    expect(outcome?.reason).toMatch(/^confidence [01]\.\d\d ≥ 0\.\d\d/);
  });
  it("declines a question about something the pack does not cover", () => {
    expect(runGuard(rankGuard, "how long does botox last")?.decision).toMatchObject({
      kind: "fallback",
      reason: "out-of-scope",
    });
  });
  it("says plainly what the answer does not cover when a question mixes in an uncovered subject", () => {
    const outcome = runGuard(rankGuard, "can i get botox and microneedling the same day");
    expect(outcome?.decision).toMatchObject({ kind: "answer", missing: expect.arrayContaining(["botox"]) });
  });
  it("declines off-topic questions", () => {
    for (const text of ["whats the capital of peru", "recipe for banana bread", "did arsenal win"])
      expect(runGuard(rankGuard, text)?.decision.kind, text).toBe("fallback");
  });
  it("asks which one when a generic question fits several topics", () => {
    expect(runGuard(rankGuard, "how long will it take?")?.decision).toMatchObject({ kind: "clarify" });
  });
});
