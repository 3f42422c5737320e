import { describe, expect, it } from "vitest";
import type { ExplainingEngine } from "../../src/dialog/engine.ts";
import { runCrossValidated } from "../../src/dialog/labelled-set.ts";
import { conversationKey, foldOf } from "../../src/knowledge/examples.ts";
import type { KnowledgeBase } from "../../src/knowledge/types.ts";
import { shippedEngine } from "../support/shipped.ts";

/** An engine that answers every message as the shipped one does, remembering which examples it was built with. */
function recordingEngine(kb: KnowledgeBase, built: Array<readonly string[]>): ExplainingEngine {
  built.push(kb.examples.map((e) => e.text));
  return shippedEngine();
}

describe("cross-validated scoring", () => {
  const examples = [
    { label: "pain", text: "will it sting a lot" },
    { label: "cost", text: "what will it set me back" },
    { label: "aftercare", text: "what do i put on my face after" },
  ];
  const kb = { examples } as unknown as KnowledgeBase;

  it("answers a message the pack learned from with an engine built without its fold", () => {
    const built: Array<readonly string[]> = [];
    const items = [
      { id: "a", turns: ["Will it  STING a lot"], expect: ["pain"] },
      { id: "b", turns: ["is it safe for dark skin"], expect: ["skin-types"] },
    ];
    const { outcomes, heldOut } = runCrossValidated(shippedEngine(), kb, items, (k) =>
      recordingEngine(k, built),
    );
    expect(heldOut).toBe(1);
    expect(outcomes.map((o) => o.id)).toEqual(["a", "b"]);
    expect(built).toHaveLength(1);
    expect(built[0]).not.toContain("will it sting a lot");
    const fold = foldOf("will it sting a lot");
    expect(built[0]).toEqual(examples.filter((e) => foldOf(e.text) !== fold).map((e) => e.text));
  });

  it("builds no other engine when no message is one of the pack's examples", () => {
    const built: Array<readonly string[]> = [];
    const items = [
      {
        id: "b",
        turns: ["is it safe for dark skin", "and for the back?"],
        expect: ["skin-types", "body-areas"],
      },
    ];
    const { outcomes, heldOut } = runCrossValidated(shippedEngine(), kb, items, (k) =>
      recordingEngine(k, built),
    );
    expect([heldOut, built.length, outcomes.length]).toEqual([0, 0, 2]);
  });

  it("answers a dev-set conversation, which taught the follow-up table, without its fold, and any other with the full engine", () => {
    const built: Array<readonly string[]> = [];
    const dev = {
      id: "d",
      turns: ["Is it safe for DARK skin", "and for the back?"],
      expect: ["skin-types", "body-areas"],
    };
    const unseen = {
      id: "u",
      turns: ["is it safe for dark skin", "how long till i see it"],
      expect: ["skin-types", "results-onset"],
    };
    const devKb = {
      examples,
      devConversations: new Set([conversationKey(["is it safe for dark skin", "and for the back?"])]),
    } as unknown as KnowledgeBase;
    const { outcomes, heldOut } = runCrossValidated(shippedEngine(), devKb, [dev, unseen], (k) =>
      recordingEngine(k, built),
    );
    expect([heldOut, built.length, outcomes.length]).toEqual([1, 1, 4]);
  });
});
