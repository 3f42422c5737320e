import { describe, expect, it } from "vitest";
import { topicFromForm } from "../../../src/server/studio/topic-form.ts";

const claimForm = (answerSentence: string) => ({
  question: "Does it hurt?",
  phrasings: "does it hurt",
  answer: "It stings a little.",
  claims: [
    { statement: "It stings.", answer_sentence: answerSentence, support: [{ source: "a", quote: "q" }] },
  ],
});

describe("the studio's topic form", () => {
  it("keeps a claim's answer sentence as one sentence, a list, or leaves it out when blank", () => {
    const one = topicFromForm(claimForm("It stings a little."), {}, "pain");
    expect(one.claims![0]!.answer_sentence).toBe("It stings a little.");
    const two = topicFromForm(claimForm("It stings a little.\nIt passes."), {}, "pain");
    expect(two.claims![0]!.answer_sentence).toEqual(["It stings a little.", "It passes."]);
    const none = topicFromForm(claimForm("  "), {}, "pain");
    expect(none.claims![0]).not.toHaveProperty("answer_sentence");
  });

  it("keeps keys the form does not know, after the ones it does", () => {
    const value = topicFromForm(claimForm(""), { note: "kept" }, "pain");
    expect(Object.keys(value).at(-1)).toBe("note");
  });
});
