import { describe, expect, it } from "vitest";
import { normalizeText } from "../../src/matching/normalize.ts";

describe("normalizeText", () => {
  it("lower-cases, strips markup and punctuation", () => {
    expect(normalizeText("<b>Does IT hurt?!</b>")).toBe("does it hurt");
  });
  it("joins apostrophes instead of splitting words", () => {
    expect(normalizeText("Don’t it’s")).toBe("dont its");
  });
  it("decodes entities and drops emoji that carry nothing", () => {
    expect(normalizeText("PRP &amp; serums 🧴")).toBe("prp and serums");
  });
  it("turns a wave into a greeting", () => {
    expect(normalizeText("👋")).toBe("hi");
  });
  it("shortens stretched letters", () => {
    expect(normalizeText("sooooo painful")).toBe("soo painful");
  });
  it("folds full-width and compatibility characters", () => {
    expect(normalizeText("ｍｉｃｒｏｎｅｅｄｌｉｎｇ")).toBe("microneedling");
  });
});
