import { describe, expect, it } from "vitest";
import { isUnanswered, scrubMessage } from "../../src/server/learning/index.ts";
import { makeReply } from "./helpers.ts";

describe("scrubMessage", () => {
  it.each([
    ["call me on 07700 900123 please", "call me on [phone] please"],
    ["my number is +1 (555) 013-4210", "my number is [phone]"],
    ["text 555.013.4210", "text [phone]"],
    ["me (07700 900123, or later)", "me ([phone], or later)"],
    ["email jane.doe+spa@mail.example.co.uk", "email [email]"],
    ["see https://example.com/a?b=1, or www.foo.org.", "see [url], or [url]."],
    ["is lumenskin.co.uk legit?", "is [url] legit?"],
    ["ask @sarah_j", "ask [handle]"],
  ])("removes contact details: %j", (text, expected) => {
    expect(scrubMessage(text)).toBe(expected);
  });

  it.each([
    ["my name is jane doe and does it hurt?", "my name is [name] and does it hurt?"],
    ["My name is Jane Doe, does it hurt", "My name is [name], does it hurt"],
    ["Hi, I'm Sarah, does it hurt?", "Hi, I'm [name], does it hurt?"],
    ["I am Anna and I want to know about downtime", "I am [name] and I want to know about downtime"],
    ["this is Maria Lopez from accounts", "this is [name] from accounts"],
    ["Hello Dr Smith, how long do results last?", "Hello Dr [name], how long do results last?"],
    ["Dear Anna, is it safe?", "Dear [name], is it safe?"],
    ["how long does it last? Thanks, Anna", "how long does it last? Thanks, [name]"],
    ["how much is it? cheers Tom x", "how much is it? cheers [name] x"],
    ["does it hurt?\nSarah", "does it hurt?\n[name]"],
  ])("removes names: %j", (text, expected) => {
    expect(scrubMessage(text)).toBe(expected);
  });

  it.each([
    "I'm worried about scarring",
    "Is it safe? I am pregnant",
    "hi there does it hurt",
    "Hi, Does it hurt?",
    "results last 30-45 days, 3 to 6 months, in 2024",
    "I'm Going to book soon, thanks",
    "can I use Retinol after microneedling?",
  ])("leaves ordinary questions alone: %j", (text) => {
    expect(scrubMessage(text)).toBe(text);
  });
});

describe("isUnanswered", () => {
  it("takes fallbacks, clarifies and answers below the threshold, not confident answers or small talk", () => {
    expect(isUnanswered(makeReply({ kind: "fallback", topic: null, confidence: 0.1 }), 0.6)).toBe(true);
    expect(isUnanswered(makeReply({ kind: "clarify", topic: null, confidence: 0.5 }), 0.6)).toBe(true);
    expect(isUnanswered(makeReply({ kind: "answer", confidence: 0.55 }), 0.6)).toBe(true);
    expect(isUnanswered(makeReply({ kind: "answer", confidence: 0.6 }), 0.6)).toBe(false);
    expect(isUnanswered(makeReply({ kind: "smalltalk", topic: null, confidence: 0.2 }), 0.6)).toBe(false);
    expect(isUnanswered(makeReply({ kind: "urgent", topic: null, confidence: 0 }), 0.6)).toBe(false);
  });
});
