import { describe, expect, it } from "vitest";
import { emptyGuard } from "../../../src/dialog/guards/empty.ts";
import { otherLanguageGuard } from "../../../src/dialog/guards/other-language.ts";
import { runGuard } from "./helpers.ts";

describe("empty guard", () => {
  it("declines a message with nothing to read, saying why", () => {
    for (const text of ["", "   ", "?!…", "<b></b>"]) {
      expect(runGuard(emptyGuard, text)).toMatchObject({
        decision: { kind: "fallback", reason: "empty" },
        reason: "empty message",
      });
    }
  });
  it("passes anything with words on", () => {
    expect(runGuard(emptyGuard, "hi")).toBeUndefined();
  });
});

describe("other-language guard", () => {
  it("names the language a message is written in", () => {
    expect(runGuard(otherLanguageGuard, "¿cuánto cuesta el tratamiento para la cara?")).toMatchObject({
      decision: { kind: "fallback", reason: "other-language", language: "es" },
    });
    expect(
      runGuard(otherLanguageGuard, "combien coûte le traitement pour le visage")?.decision,
    ).toMatchObject({
      language: "fr",
    });
  });
  it("passes English, including English with a borrowed word", () => {
    for (const text of [
      "how much does it cost",
      "is the treatment a la carte",
      "de-stress before my session?",
    ])
      expect(runGuard(otherLanguageGuard, text)).toBeUndefined();
  });
});
