import { describe, expect, it } from "vitest";
import { recent } from "../../src/matching/recent.ts";

describe("recent values by identity", () => {
  it("finds a key set among the last `size`, by identity, and forgets the oldest beyond", () => {
    const kept = recent<object, number>(2);
    const [a, b, c] = [{}, {}, {}];
    kept.set(a, 1);
    kept.set(b, 2);
    expect(kept.get(a)).toBe(1);
    expect(kept.get({})).toBeUndefined();
    kept.set(a, 3);
    expect(kept.get(a)).toBe(3);
    kept.set(c, 4);
    expect(kept.get(a)).toBeUndefined();
    expect([kept.get(b), kept.get(c)]).toEqual([2, 4]);
  });
});
