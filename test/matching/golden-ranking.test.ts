import { describe, expect, it } from "vitest";
import { shippedIndex } from "../support/shipped.ts";

// Realistic, messy messages and the topic that must rank first. Pins the ranking, not exact scores.
const GOLDEN: Array<[string, string]> = [
  ["dose it hurt", "pain"],
  ["is microneedeling painfull", "pain"],
  ["hw long do rsults last", "results-duration"],
  ["are the results permanent", "results-duration"],
  ["when will i see a difference", "results-onset"],
  ["how many sessions will i need", "number-of-sessions"],
  ["how far apart shud sessions be", "session-interval"],
  ["safe under eyes?", "under-eye"],
  ["can i wear makeup the next day", "makeup-after"],
  ["derma roller at home ok?", "at-home"],
  ["does it help acne scars", "acne-scars"],
  ["stretchmarks on my tummy", "stretch-marks"],
  ["is it ok for dark skin", "skin-types"],
  ["how much does it cost", "cost"],
  ["microneedling vs laser", "vs-alternatives"],
  ["can i combine it with prp", "combining-treatments"],
  ["what should i do before my appointment", "preparation"],
  ["wat is collagen induction therapy", "what-is-microneedling"],
  ["can it regrow my hair", "hair-loss"],
  ["who should do the treatment", "who-performs"],
];

describe("golden rankings on the shipped knowledge base", () => {
  it.each(GOLDEN)("ranks %j first as %s", (message, topic) => {
    expect(shippedIndex().match(message).candidates[0]?.label).toBe(topic);
  });

  it("returns confidences and ranks in [0, 1], ordered by the ranker, the best reading the most trusted", () => {
    const { candidates } = shippedIndex().match("how long is recovery");
    expect(candidates.length).toBeGreaterThan(1);
    for (const c of candidates) {
      for (const v of [c.confidence, c.rank]) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
    }
    for (let i = 1; i < candidates.length; i++)
      expect(candidates[i - 1]!.rank).toBeGreaterThanOrEqual(candidates[i]!.rank);
    expect(candidates[0]!.confidence).toBe(Math.max(...candidates.map((c) => c.confidence)));
  });
});
