import { describe, expect, it } from "vitest";
import { fillColumn, rowsOf } from "../../src/matching/rows.ts";

describe("posting lists side by side", () => {
  const lists = new Map([
    ["hurt", { at: [0, 3], weight: [0.5, 1.25] }],
    ["cost", { at: [2], weight: [2] }],
    ["none", { at: [], weight: [] }],
  ]);

  it("gives each list one range of every column, in the lists' order and with their values", () => {
    const rows = rowsOf(lists, (list) => list.at.length);
    const at = fillColumn(lists, rows, new Int32Array(rows.start.at(-1)!), (list) => list.at);
    const weight = fillColumn(lists, rows, new Float64Array(at.length), (list) => list.weight);
    const rangeOf = (key: string) => {
      const r = rows.row.get(key)!;
      return [rows.start[r]!, rows.start[r + 1]!] as const;
    };
    for (const [key, list] of lists) {
      const [start, end] = rangeOf(key);
      expect([...at.subarray(start, end)]).toEqual(list.at);
      expect([...weight.subarray(start, end)]).toEqual(list.weight);
    }
    expect([...rows.row.keys()]).toEqual(["hurt", "cost", "none"]);
  });

  it("has no row for a key it was not given", () => {
    expect(rowsOf(lists, (list) => list.at.length).row.get("price")).toBeUndefined();
  });
});
