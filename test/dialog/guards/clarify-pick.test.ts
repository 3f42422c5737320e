import { describe, expect, it } from "vitest";
import { clarifyPickGuard, readClarifyPick } from "../../../src/dialog/guards/clarify-pick.ts";
import { env, runGuard } from "./helpers.ts";

const choices = [
  { topic: "session-duration", question: "How long does one appointment take?" },
  { topic: "recovery-downtime", question: "How long is the recovery or downtime?" },
];
const pending = { pendingClarify: choices };
const words = (text: string) => env.index.analyze(text).words;

describe("reading a clarify pick", () => {
  it("takes a number, an ordinal or 'last'", () => {
    for (const [text, topic] of [
      ["2", "recovery-downtime"],
      ["the first one", "session-duration"],
      ["last", "recovery-downtime"],
    ] as const) {
      expect(readClarifyPick(words(text), choices, "None of these", env.language)).toEqual({
        kind: "topic",
        topic,
      });
    }
  });
  it("takes a choice's own words, also misspelled", () => {
    expect(readClarifyPick(words("the recovery one"), choices, "None of these", env.language)).toEqual({
      kind: "topic",
      topic: "recovery-downtime",
    });
    expect(
      readClarifyPick(words("How long is the recovery or downtime"), choices, "x", env.language),
    ).toMatchObject({
      topic: "recovery-downtime",
    });
  });
  it("recognises 'none of these' in several wordings", () => {
    for (const text of ["none of these", "neither", "nope", "None of these"])
      expect(readClarifyPick(words(text), choices, "None of these", env.language)).toEqual({ kind: "none" });
  });
});

describe("clarify pick guard", () => {
  it("answers the picked topic only while a clarify waits", () => {
    expect(runGuard(clarifyPickGuard, "2", pending)?.decision).toMatchObject({
      kind: "answer",
      topic: "recovery-downtime",
    });
    expect(runGuard(clarifyPickGuard, "2")).toBeUndefined();
  });
  it("turns 'none of these' into its own fallback", () => {
    expect(runGuard(clarifyPickGuard, "none of these", pending)?.decision).toMatchObject({
      kind: "fallback",
      reason: "none-of-these",
    });
  });
  it("passes a new question", () => {
    expect(runGuard(clarifyPickGuard, "what about the cost", pending)).toBeUndefined();
  });
});
