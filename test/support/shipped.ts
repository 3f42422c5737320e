import { createEngine, type ExplainingEngine } from "../../src/dialog/engine.ts";
import { resolveProfile } from "../../src/dialog/profile.ts";
import type { AssistantProfile, ClinicInfo } from "../../src/dialog/types.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import type { KnowledgeBase } from "../../src/knowledge/types.ts";
import type { MatchingIndex } from "../../src/matching/index.ts";

let kb: KnowledgeBase | undefined;
let index: MatchingIndex | undefined;

/** The shipped knowledge base, loaded once per test file. */
export function shippedKnowledge(): KnowledgeBase {
  if (!kb) {
    const loaded = loadKnowledge("knowledge/microneedling", {});
    if (!loaded.ok)
      throw new Error(`shipped knowledge base invalid: ${loaded.issues.map((i) => i.message).join("; ")}`);
    kb = loaded.kb;
  }
  return kb;
}

export function shippedIndex(): MatchingIndex {
  index ??= sharedEngine().index;
  return index;
}

export const TEST_CLINIC = { name: "Lumen Skin Clinic", phone: "+1 555 0100", email: "hello@lumen.example" };

let engine: ExplainingEngine | undefined;
/** One engine per test file for read-only uses (its index); `shippedEngine()` gives a fresh one. */
function sharedEngine(): ExplainingEngine {
  engine ??= shippedEngine();
  return engine;
}

export function shippedEngine(): ExplainingEngine {
  return createEngine(shippedKnowledge(), { clinic: TEST_CLINIC });
}

/** A reply's keys as the contract lists them: a clarify's extra way-out label is checked on its own. */
export function contractKeysOf(reply: object & { kind: string }): string[] {
  return Object.keys(reply)
    .filter((key) => !(reply.kind === "clarify" && key === "noneOfThese"))
    .sort();
}

/** Every field of the reply contract (../shared/knowledge-spec.md), sorted. */
export const CONTRACT_KEYS = [
  "alternatives",
  "citations",
  "confidence",
  "conflicts",
  "kind",
  "suggestions",
  "text",
  "topic",
];

/** The shipped pack's profile with TEST_CLINIC's details: what fake engines hand the channels. */
export function shippedProfile(clinic: Partial<ClinicInfo> = TEST_CLINIC): AssistantProfile {
  return resolveProfile(shippedKnowledge(), clinic);
}
