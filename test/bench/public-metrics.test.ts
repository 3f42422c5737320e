import { describe, expect, it } from "vitest";
import { percent, publicMetrics, type QueryOutcome, sweep } from "../../bench/public-metrics.ts";

const inScope = (ranked: string, answered: string | null, confidence: number): QueryOutcome => ({
  accepted: ["a"],
  answered,
  ranked,
  confidence,
  latencyMs: 1,
});
const outOfScope = (answered: string | null, confidence: number): QueryOutcome => ({
  accepted: [],
  answered,
  ranked: "a",
  confidence,
  latencyMs: 1,
});

describe("public benchmark metrics", () => {
  it("counts right answers, declined out-of-scope queries, false rejections and top-1 apart", () => {
    const m = publicMetrics([
      inScope("a", "a", 0.9),
      inScope("a", null, 0.2),
      inScope("b", "b", 0.8),
      outOfScope(null, 0.1),
      outOfScope("a", 0.7),
    ]);
    expect(m.inScope).toEqual({ count: 1, total: 3, rate: 1 / 3 });
    expect(m.oosRejection).toEqual({ count: 1, total: 2, rate: 0.5 });
    expect(m.falseRejection.count).toBe(1);
    expect(m.overall).toEqual({ count: 2, total: 5, rate: 0.4 });
    expect(m.top1.count).toBe(2);
  });

  it("sweeps thresholds for the best in-scope accuracy that still declines 80% of out-of-scope", () => {
    const ins = [
      inScope("a", "a", 0.9),
      inScope("a", "a", 0.6),
      inScope("a", "a", 0.3),
      inScope("b", null, 0.95),
    ];
    const oos = [0.1, 0.2, 0.25, 0.4, 0.7].map((c) => outOfScope(null, c));
    // At 0.4 only 3 of 5 are declined; 0.6 declines 4 of 5 (80%) and keeps two right answers.
    expect(sweep(ins, oos)).toEqual({ inScope: 0.5, threshold: 0.6, oosRejection: 0.8 });
  });

  it("has no sweep without out-of-scope queries, and prints what it cannot measure as a dash", () => {
    expect(sweep([inScope("a", "a", 0.9)], [])).toBeNull();
    expect(percent(null)).toBe("–");
    expect(percent({ count: 0, total: 0, rate: null })).toBe("–");
    expect(percent(0.8123)).toBe("81.2%");
  });
});
