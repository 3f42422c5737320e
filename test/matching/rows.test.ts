import { describe, expect, it } from "vitest";
import { featureRows, groupByRow } from "../../src/matching/rows.ts";

describe("posting lists side by side", () => {
  const lists = [["hurt", "cost", "hurt"], [], ["cost", "none"]];

  it("numbers features in first-seen order and gives every occurrence its row", () => {
    const { row, rowOf, listStart } = featureRows(lists);
    expect([...row.keys()]).toEqual(["hurt", "cost", "none"]);
    expect([...rowOf]).toEqual([0, 1, 0, 1, 2]);
    expect([...listStart]).toEqual([0, 3, 3, 5]);
    expect(row.get("price")).toBeUndefined();
  });

  it("groups entries by row, keeping their order within a row", () => {
    const { rowOf } = featureRows(lists);
    const { start, order } = groupByRow(rowOf, rowOf.length, 3);
    expect([...start]).toEqual([0, 2, 4, 5]);
    expect([...order]).toEqual([0, 2, 1, 3, 4]);
  });
});
