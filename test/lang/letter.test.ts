import { describe, expect, it } from "vitest";
import { loadLanguage } from "../../src/lang/language.ts";
import { letterBody } from "../../src/lang/letter.ts";
import { compilePatterns } from "../../src/lang/patterns.ts";

const frame = {
  openings: compilePatterns(["^dear", "^(hi|hello)$"]),
  closings: compilePatterns(["^(kind|best) regards$", "^(thanks|many thanks)$", "^sent from my"]),
  signatureLines: 3,
  lineWords: 6,
};

describe("letterBody", () => {
  it("leaves out a letter's greeting line and its sign-off with the signature after it", () => {
    const text =
      "Dear Sir or Madam,\n\nDoes it help with deep acne marks?\nHe is nineteen.\n\nMany thanks,\nKind regards,\nRajesh Menon\nLeicester";
    expect(letterBody(text, frame)).toBe("Does it help with deep acne marks?\nHe is nineteen.");
    expect(letterBody("does it hurt?\n\nSent from my iPhone", frame)).toBe("does it hurt?");
  });
  it("keeps a message of one line, one that is all frame, and lines that only look like a frame", () => {
    for (const text of [
      "Dear me, does it hurt? Kind regards, Jo",
      "Hello,\nKind regards,\nJo",
      "thanks\nbut does it hurt?",
      // A line after the sign-off that asks, or runs long, is no signature.
      "Does it hurt?\nThanks\nand how long does the redness last after the first session?",
      "Dear clinic, my face has been burning since yesterday and it is spreading down my neck\nwhat do I do",
    ])
      expect(letterBody(text, frame), text).toBe(text);
  });
  it("is what the English language pack reads a message through", () => {
    const english = loadLanguage("en");
    expect(english.body("Dear Clinic Team,\n\nIs it safe for rosacea?\n\nYours faithfully,\nEleanor")).toBe(
      "Is it safe for rosacea?",
    );
  });
});
