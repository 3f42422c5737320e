import { describe, expect, it } from "vitest";
import { normalizerFrom } from "../../src/matching/analyze.ts";
import { normalizeText } from "../../src/matching/normalize.ts";
import { shippedIndex } from "../support/shipped.ts";

const analyze = (text: string) => shippedIndex().analyze(text);

describe("analyze", () => {
  it("expands text-speak", () => {
    expect(analyze("hw long b4 u c results").corrected).toContain("how long before you");
  });
  it("reads words said around a question ('tho', 'pls') as no part of what it asks", () => {
    expect(analyze("is it safe tho").content).toEqual(analyze("is it safe").content);
    expect(analyze("can i book in pls").content).toEqual(analyze("can i book in").content);
  });
  it("corrects misspellings against the knowledge base's words", () => {
    expect(analyze("microneedeling rsults").corrected).toBe("microneedling results");
  });
  it("leaves real English words it does not know alone", () => {
    const a = analyze("whats the snooker score in france");
    expect(a.corrected).toContain("snooker score");
    expect(a.unknown).toEqual(expect.arrayContaining(["snooker"]));
  });
  it("leaves an acronym in capitals as written, unless the whole message is in capitals or the pack maps it", () => {
    expect(analyze("Does HRT help with wrinkles?").words).toContain("hrt");
    expect(analyze("does hrt help").words).toContain("hurt");
    expect(analyze("DOES IT HRT").words).toContain("hurt");
    // Text-speak and the pack's own acronyms still read as the pack reads them.
    expect(analyze("can i use SPF after").content).toContain("sunscreen");
  });
  it("reads words written without their vowels as the pack's words, before any other correction", () => {
    expect(analyze("cnt brth prprly aftr th nmbng crm").corrected).toContain("breathe properly after");
    expect(analyze("thrt feels tght").corrected).toBe("throat feels tight");
    // An initialism or a word the language has stays as written.
    expect(analyze("ok gn").words).toContain("gn");
  });
  it("reads a word stretched for effect as the word, not as a misspelling of another", () => {
    expect(analyze("hiii there").words).toEqual(["hi", "there"]);
    expect(analyze("does it hurrrt").words).toContain("hurt");
    // Some runs said once, others kept; and a stretched word some message of the pack wrote is still stretched.
    expect(analyze("hellooo anyone there").words).toContain("hello");
    expect(analyze("soooo does it hurt").words[0]).toBe("so");
    // A word of the dictionary keeps its double letters.
    expect(analyze("is it too painful").words).toContain("too");
  });
  it("writes the punctuation voice dictation spells out, and keeps 'period' a word", () => {
    const dictated = analyze("does micro needling hurt comma like a lot question mark");
    expect(dictated.words).not.toContain("comma");
    expect(dictated.words).not.toContain("question");
    expect(dictated.questionMark).toBe(true);
    expect(analyze("can i have it on my period").words).toContain("period");
  });
  it("reads a measure named in formal English as the question asking it", () => {
    expect(analyze("what is the number of sittings needed").questionType).toBe("count");
    expect(analyze("kindly tell what is the duration of the procedure").questionType).toBe("duration");
    expect(analyze("what is the frequency of top ups").questionType).toBe("frequency");
    expect(analyze("what is the best cream").questionType).toBe("choice");
  });
  it("splits words people run together", () => {
    expect(analyze("undereye").tokens).toContain("undereye");
    expect(analyze("stretchmarks").tokens).toContain("stretchmarks");
  });
  it("maps every name of a subject to one token", () => {
    for (const name of ["derma roller", "dermapen", "collagen induction therapy", "micro-needling"]) {
      expect(analyze(`is ${name} safe`).subjects).toEqual(["microneedling"]);
    }
  });
  it("finds treatments the articles do not cover", () => {
    expect(analyze("how long does botox last").outOfScope).toEqual(["botox"]);
    expect(analyze("chemical peel downtime").outOfScope).toEqual(["chemical peel"]);
  });
  it("scores coverage by known content words", () => {
    expect(analyze("does it hurt").coverage).toBe(1);
    expect(analyze("who wrote pride and prejudice").coverage).toBeLessThan(0.5);
  });
});

describe("normalising from kept analyses", () => {
  it("gives normalizeText's result, from the analysis for a text it holds and by normalising any other", () => {
    const texts = ["Does it HURT??", "<b>pleaseeee</b> 👋 tell me", "don't & won't"];
    const analyses = new Map(texts.slice(0, 2).map((t) => [t, analyze(t)]));
    const normalize = normalizerFrom(analyses);
    for (const text of texts) expect(normalize(text)).toBe(normalizeText(text));
    expect(normalizerFrom(undefined)(texts[2]!)).toBe(normalizeText(texts[2]!));
  });
});
