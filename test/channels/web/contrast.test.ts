import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contrastRatio, parseHexColor, themeFor } from "../../../src/channels/web/widget/contrast.ts";

const rgb = (hex: string) => parseHexColor(hex)!;
const WHITE = rgb("#ffffff");

describe("widget colours", () => {
  it("parses short and long hex colours and rejects the rest", () => {
    expect(parseHexColor("#0f766e")).toEqual([15, 118, 110]);
    expect(parseHexColor("abc")).toEqual([170, 187, 204]);
    expect(parseHexColor("red")).toBeNull();
    expect(parseHexColor("#12345")).toBeNull();
  });

  it("computes WCAG contrast ratios", () => {
    expect(contrastRatio(rgb("#000000"), WHITE)).toBeCloseTo(21, 5);
    expect(contrastRatio(rgb("#777777"), WHITE)).toBeCloseTo(4.48, 2);
  });

  it("puts white on dark brands and dark text on light ones", () => {
    expect(themeFor("#0f766e").onBrand).toBe("#ffffff");
    expect(themeFor("#fde68a").onBrand).toBe("#000000");
  });

  it("falls back to the default colour for an invalid data-color", () => {
    expect(themeFor("javascript:alert(1)").brand).toBe("#0f766e");
    expect(themeFor(undefined).brand).toBe("#0f766e");
  });

  it("passes WCAG AA for every brand colour: text on brand, accent on white and on tint", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffff }), (n) => {
        const theme = themeFor(`#${n.toString(16).padStart(6, "0")}`);
        expect(contrastRatio(rgb(theme.onBrand), rgb(theme.brand))).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(rgb(theme.accent), WHITE)).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(rgb(theme.accent), rgb(theme.tint))).toBeGreaterThanOrEqual(4.5);
      }),
      { numRuns: 2000 },
    );
  });
});
