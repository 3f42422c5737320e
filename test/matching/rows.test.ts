import { describe, expect, it } from "vitest";
import { featureRows, groupByRow, rowsOfFeatures } from "../../src/matching/rows.ts";

/** A feature index that counts its lookups. */
class CountingMap extends Map<string, number> {
  lookups = 0;
  override get(feature: string) {
    this.lookups++;
    return super.get(feature);
  }
}

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

  it("gives a message's features their rows (-1 for a stranger), looking a message up once per index", () => {
    const { row } = featureRows(lists);
    const counted = new CountingMap(row);
    const message = ["cost", "price", "hurt", "cost"];
    expect([...rowsOfFeatures(counted, message).subarray(0, 4)]).toEqual([1, -1, 0, 1]);
    expect(counted.lookups).toBe(4);
    // The same message again (the next matcher on this index): nothing looked up.
    expect([...rowsOfFeatures(counted, message).subarray(0, 4)]).toEqual([1, -1, 0, 1]);
    expect(counted.lookups).toBe(4);
    // A longer message than any before: its own rows, every one.
    const longer = Array.from({ length: 40 }, (_, i) => (i % 2 ? "none" : "hurt"));
    expect([...rowsOfFeatures(counted, longer).subarray(0, 40)]).toEqual(
      longer.map((f) => (f === "none" ? 2 : 0)),
    );
    expect(counted.lookups).toBe(44);
  });
});
