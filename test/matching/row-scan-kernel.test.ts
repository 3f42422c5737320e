import { describe, expect, it } from "vitest";
import { ROW_SCAN_KERNEL } from "../../src/matching/row-scan-kernel.ts";

const instance = () =>
  new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(ROW_SCAN_KERNEL, "base64")))
    .exports as unknown as {
    memory: WebAssembly.Memory;
    accumulate4: (...args: number[]) => void;
    start: (out: number, length: number, common: number, weight: number) => void;
    best: (est: number, length: number, k: number, best: number, rows: number) => void;
    select: (est: number, length: number, floor: number, start: number, out: number) => number;
  };

/** A repeatable spread of values in [-1, 1): the same every run. */
const spread = (count: number, seed: number) =>
  Array.from({ length: count }, (_, i) => (((i * 7919 + seed * 104_729) % 1000) - 500) / 500);

describe("row scan kernel", () => {
  it("adds four weighted int8 lists to float32 sums, the rows past a lane's end included", () => {
    const { memory, accumulate4 } = instance();
    const out = new Float32Array(memory.buffer, 0, 16).fill(1);
    const lists = new Int8Array(memory.buffer, 64, 64);
    for (let i = 0; i < 64; i++) lists[i] = (i % 16) - 8;
    // Ten rows: the kernel works in eights, so it writes sixteen.
    accumulate4(0, 10, 64, 0.5, 80, -1, 96, 2, 112, 0);
    for (let i = 0; i < 16; i++) expect(out[i]).toBeCloseTo(1 + (0.5 - 1 + 2) * ((i % 16) - 8), 5);
  });

  it("starts the estimates at the common component's share, rounded once to float32, and -inf past the end", () => {
    const { memory, start } = instance();
    const common = new Float64Array(memory.buffer, 1024, 16);
    common.set(spread(16, 3).map((v) => v / 3));
    const out = new Float32Array(memory.buffer, 0, 16).fill(7);
    start(0, 11, 1024, 0.7);
    for (let i = 0; i < 11; i++) expect(out[i]).toBe(Math.fround(0.7 * common[i]!));
    for (let i = 11; i < 16; i++) expect(out[i]).toBe(Number.NEGATIVE_INFINITY);
  });

  it("keeps the k best estimates best first, the earlier of equals first, as an insertion would", () => {
    const { memory, best } = instance();
    for (const [length, k] of [
      [37, 1],
      [37, 3],
      [64, 5],
      [9, 8],
    ] as const) {
      const est = new Float32Array(memory.buffer, 0, 64);
      // Rounded to tenths: many equal estimates.
      est.set(spread(length, length + k).map((v) => Math.round(v * 10) / 10));
      best(0, length, k, 512, 1024);
      const expected = [...est.subarray(0, length)]
        .map((value, row) => ({ value, row }))
        .sort((a, b) => b.value - a.value || a.row - b.row)
        .slice(0, k);
      expect([...new Int32Array(memory.buffer, 1024, k)]).toEqual(expected.map((e) => e.row));
      expect([...new Float32Array(memory.buffer, 512, k)]).toEqual(expected.map((e) => e.value));
    }
  });

  it("selects the rows at or above a float64 floor, in order, offset by the range's start", () => {
    const { memory, select } = instance();
    const est = new Float32Array(memory.buffer, 0, 24);
    est.set(spread(21, 5));
    // Between two neighbouring float32s: a float32 comparison would round it to one of them.
    const floor = (Math.fround(0.3) + Math.fround(0.3 + 2 ** -20)) / 2;
    est[1] = Math.fround(0.3);
    est[2] = Math.fround(0.3 + 2 ** -20);
    const count = select(0, 21, floor, 100, 512);
    const expected = [...est.subarray(0, 21)].flatMap((v, i) => (v >= floor ? [100 + i] : []));
    expect(expected).not.toContain(101);
    expect(expected).toContain(102);
    expect([...new Int32Array(memory.buffer, 512, count)]).toEqual(expected);
  });
});
