import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { insertAt, topLabels } from "../../src/matching/label-scores.ts";

describe("topLabels", () => {
  it("returns the best positive scores, best first, ties in index order", () => {
    const scores = Float64Array.from([0.2, 0, 0.9, 0.5, Number.NaN, 0.5, -1]);
    const labels = ["a", "b", "c", "d", "e", "f", "g"];
    expect(topLabels(scores, labels, 3)).toEqual([
      { label: "c", score: 0.9 },
      { label: "d", score: 0.5 },
      { label: "f", score: 0.5 },
    ]);
  });

  it("agrees with a full sort for any scores and limit", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 25 }),
        (values, limit) => {
          const labels = values.map((_, i) => `l${i}`);
          const expected = values
            .map((score, i) => ({ label: labels[i]!, score }))
            .filter((s) => s.score > 0)
            .sort((a, b) => b.score - a.score)
            .slice(0, limit);
          expect(topLabels(Float64Array.from(values), labels, limit)).toEqual(expected);
        },
      ),
    );
  });
});

describe("insertAt", () => {
  it("shifts later items right and drops what falls past the limit", () => {
    const list = [1, 2, 3];
    insertAt(list, 1, 9, 3);
    expect(list).toEqual([1, 9, 2]);
    insertAt(list, 2, 7, 5);
    expect(list).toEqual([1, 9, 7, 2]);
    insertAt(list, 4, 5, 5);
    expect(list).toEqual([1, 9, 7, 2, 5]);
  });
});
