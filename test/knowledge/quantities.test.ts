import { describe, expect, it } from "vitest";
import { extractQuantities, type Quantity, rangesAgree } from "../../src/knowledge/quantities.ts";

const INF = Number.POSITIVE_INFINITY;

function figures(text: string): Array<[string, number, number]> {
  return extractQuantities(text).map((q) => [q.dimension, q.min, q.max]);
}

function days(min: number, max = min): Quantity {
  return { dimension: "days", min, max, text: "", start: 0, end: 0 };
}

describe("extractQuantities", () => {
  it.each([
    ["maintenance every 4-6 weeks", [["days", 28, 42]]],
    ["wait 4–6 weeks", [["days", 28, 42]]],
    ["four to six weeks apart", [["days", 28, 42]]],
    ["results last between 30 and 45 days", [["days", 30, 45]]],
    ["six months to one year apart", [["days", 180, 365]]],
    ["approximately every 45 days", [["days", 45, 45]]],
    ["professionals suggest three Microneedling sessions", [["sessions", 3, 3]]],
    ["up to six treatments", [["sessions", 1, 6]]],
    ["typically lasts 30 to 60 minutes", [["minutes", 30, 60]]],
    ["It commonly takes one-day to heal", [["days", 1, 1]]],
    ["wear makeup 24 hours after the session", [["days", 1, 1]]],
    ["it can go 18 months apart", [["days", 540, 540]]],
    ["within a week of it", [["days", 1, 7]]],
    ["subsides within a day or two", [["days", 1, 2]]],
    ["after two or three sessions", [["sessions", 2, 3]]],
    ["a few weeks to a month", [["days", 14, 35]]],
    ["several months to a year", [["days", 60, 365]]],
    ["between five and nine months total", [["days", 150, 270]]],
    ["forty-five days", [["days", 45, 45]]],
    ["a single session may be sufficient", [["sessions", 1, 1]]],
    ["at least 4-6 weeks between sessions", [["days", 28, INF]]],
    [
      "sessions last 30 minutes, or about 2 hours for the back",
      [
        ["minutes", 30, 30],
        ["minutes", 120, 120],
      ],
    ],
  ])("reads %j", (text, expected) => {
    expect(figures(text)).toEqual(expected);
  });

  it("reads 'a' as one only before a unit of time, never before a session", () => {
    expect(figures("within one week of a microneedling session")).toEqual([["days", 1, 7]]);
    expect(figures("a session lasts an hour")).toEqual([["minutes", 60, 60]]);
  });

  it.each([
    "your 12-step skincare routine",
    "an infomercial at 3 am",
    "needle lengths (0.25mm to 0.5mm)",
    "one of the best procedures",
    "a lot of us have stubborn skin issues",
    "after the first session",
  ])("finds no figure in %j", (text) => {
    expect(extractQuantities(text)).toEqual([]);
  });
});

describe("rangesAgree", () => {
  it("treats every 45 days and 6 weeks (42 days) as agreeing, within 10%", () => {
    expect(rangesAgree(days(45), days(42))).toBe(true);
  });

  it("treats every 45 days and 4 weeks (28 days) as disagreeing", () => {
    expect(rangesAgree(days(45), days(28))).toBe(false);
  });

  it("treats overlapping ranges as agreeing and open ranges as reaching infinity", () => {
    expect(rangesAgree(days(28, 42), days(30, 45))).toBe(true);
    expect(rangesAgree(days(28, INF), days(365))).toBe(true);
    expect(rangesAgree(days(30, 45), days(730))).toBe(false);
  });
});
