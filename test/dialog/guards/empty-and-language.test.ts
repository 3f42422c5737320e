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
  it("names a language by its script, most of the letters being in it", () => {
    for (const [text, language] of [
      ["微针治疗疼不疼？", "zh"],
      ["مرحبا", "ar"],
      ["Сколько стоит микронидлинг?", "ru"],
    ] as const)
      expect(runGuard(otherLanguageGuard, text)?.decision, text).toMatchObject({ language });
  });
  it("names a longer message by its function words, borrowed words and all", () => {
    expect(
      runGuard(
        otherLanguageGuard,
        "J'ai une peau qui marque très vite, est-ce que le microneedling va laisser une tache ?",
      )?.decision,
    ).toMatchObject({ language: "fr" });
  });
  it("names a language by its commonest words, and leaves the pack's own pleasantry in it to the pleasantries", () => {
    expect(
      runGuard(otherLanguageGuard, "Po zabiegu mam gorączkę i ropę na policzku, chyba mam infekcję")
        ?.decision,
    ).toMatchObject({ language: "pl" });
    expect(runGuard(otherLanguageGuard, "salamat po")).toBeUndefined();
  });
  it("passes English, including English with a borrowed word", () => {
    for (const text of [
      "how much does it cost",
      "is the treatment a la carte",
      "de-stress before my session?",
      "mi cara esta un poco roja despues del tratamiento, es normal? sorry my english not good, is my face ok",
      "is the redness normal after my session? 谢谢",
    ])
      expect(runGuard(otherLanguageGuard, text)).toBeUndefined();
  });
});
