import { describe, expect, it } from "vitest";
import { urgentGuard } from "../../../src/dialog/guards/urgent.ts";
import { runGuard } from "./helpers.ts";

describe("urgent guard", () => {
  it("acts on a possible complication of the writer's own, in many wordings", () => {
    for (const text of [
      "the redness is getting worse after 5 days and its hot to touch",
      "my throat feels tight since my appointment",
      "Post-treatment day 2. Pus bumps. Fever. Advice?",
      "bleeding wont stop after i used my dermaroller",
      "my daughter had it done yesterday and now her lips are swelling",
    ]) {
      expect(runGuard(urgentGuard, text), text).toMatchObject({ decision: { kind: "urgent" } });
    }
  });
  it("says which warning sign it acted on", () => {
    expect(runGuard(urgentGuard, "i have a fever since my treatment")?.reason).toMatch(/fever/);
  });
  it("passes general questions about risks and other people's past stories", () => {
    for (const text of [
      "can it cause an infection?",
      "my friend had an allergic reaction to microneedling, how common is that?",
      "is it normal to be a bit red the next day?",
      "what are the risks",
    ]) {
      expect(runGuard(urgentGuard, text), text).toBeUndefined();
    }
  });
  it("reads a pain that is worse than the days before, or keeps them awake, as worsening", () => {
    for (const text of [
      "day 4 and it hurts way more than yesterday",
      "the burning is constant since my session and i cant sleep",
    ]) {
      expect(runGuard(urgentGuard, text), text).toMatchObject({ decision: { kind: "urgent" } });
    }
  });
  it("does not take a time alone, a rating scale or a word merely near a sign for a complication", () => {
    for (const text of [
      "on a scale of 1 to 10 how much does it hurt",
      "my skin is a bit dry 3 days later, is that expected?",
      "which cream helps cold sores heal quicker?",
      "could you get an allergic reaction to the numbing cream?",
    ]) {
      expect(runGuard(urgentGuard, text), text).toBeUndefined();
    }
  });
});
