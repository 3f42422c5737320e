import { describe, expect, it } from "vitest";
import { shippedEngine } from "../support/shipped.ts";

describe("the semantic index's word supports", () => {
  it("weigh a message's unexplained words the same the first time a label is asked and every time after", () => {
    const { index } = shippedEngine();
    const texts = [
      "my cousin in portugal says the needles scratch like a cat",
      "does the aftercare serum smell of lavender or citrus",
    ];
    const ask = () =>
      texts.map((text) => {
        const evidence = index.evidence.gather(index.analyze(text));
        return evidence.labels.map((label) => evidence.unexplained(label));
      });
    const first = ask();
    expect(first.flat(2).some((x) => x > 0)).toBe(true);
    expect(ask()).toEqual(first);
  });
});
