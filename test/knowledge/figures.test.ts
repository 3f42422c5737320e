import { describe, expect, it } from "vitest";
import { extractFigures, figureSupported } from "../../src/knowledge/figures.ts";
import { findMarkup } from "../../src/knowledge/markup.ts";

const figure = (text: string) => extractFigures(text).map((f) => [f.kind, f.min, f.max]);

describe("extractFigures", () => {
  it.each([
    ["Sessions last 2 hours.", [["minutes", 120, 120]]],
    ["four to six weeks apart", [["days", 28, 42]]],
    ["about 20% of people", [["percent", 20, 20]]],
    ["reduced by 30 per cent", [["percent", 30, 30]]],
    ["needles 0.25-0.5mm long", [["count", 0.25, 0.5]]],
    ["rate it 1 to 10", [["count", 1, 10]]],
    ["one article says so", []],
  ])("reads %j", (text, expected) => {
    expect(figure(text)).toEqual(expected);
  });

  it("takes '4-6 weeks' as support for 'four to six weeks', and not for '2 hours' or '8 weeks'", () => {
    const evidence = extractFigures("wait 4-6 weeks; it takes 30 to 60 minutes", { everyNumber: true });
    const supported = (text: string) => extractFigures(text).every((f) => figureSupported(f, evidence));
    expect(supported("four to six weeks")).toBe(true);
    expect(supported("about six weeks")).toBe(true);
    expect(supported("2 hours")).toBe(false);
    expect(supported("8 weeks")).toBe(false);
    expect(supported("four")).toBe(true);
    expect(supported("ninety")).toBe(false);
  });
});

describe("findMarkup", () => {
  it.each([
    ["<script>x</script>", "an HTML tag"],
    ["a </b> b", "an HTML tag"],
    ["&lt;b&gt;", "an HTML entity"],
    ["![x](y.png)", "a markdown link or image"],
    ["go to javascript:alert(1)", "a script or data URL"],
    ["`code`", "markdown emphasis or code"],
    ["# Heading", "a markdown heading"],
  ])("finds %j", (text, what) => {
    expect(findMarkup(text)?.what).toBe(what);
  });

  it.each(["Less than 1% (<1%) react.", "Q&A: does it hurt?", "Results: 4-6 weeks; see [1]", "Mon–Fri 9:00"])(
    "leaves plain text alone: %j",
    (text) => {
      expect(findMarkup(text)).toBeUndefined();
    },
  );
});
