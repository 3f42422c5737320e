import type { Engine, TurnInput } from "../../../src/dialog/types.ts";
import type { Reply } from "../../../src/reply.ts";
import { shippedProfile } from "../../support/shipped.ts";

export function reply(overrides: Partial<Reply> = {}): Reply {
  return {
    kind: "answer",
    topic: "results-duration",
    text: "Results build over months and are long-lasting but not permanent.",
    confidence: 0.91,
    citations: [
      {
        source: "cleveland",
        title: "Microneedling: What It Is, Benefits, Risks & Recovery",
        quote: "Results are long-lasting but not permanent.",
      },
      {
        source: "healthline",
        title: "Microneedling: Benefits, Side Effects, and Cost",
        quote: "You may need maintenance sessions.",
      },
    ],
    conflicts: [],
    suggestions: [],
    alternatives: [],
    ...overrides,
  };
}

/** An engine that answers from a script and records every input it was given. */
export function fakeEngine(
  answer: (input: TurnInput) => Reply = () => reply(),
): Engine & { inputs: TurnInput[] } {
  const inputs: TurnInput[] = [];
  return {
    knowledgeVersion: "test",
    get profile() {
      return shippedProfile();
    },
    inputs,
    handleTurn(input) {
      inputs.push(structuredClone(input));
      const now = input.now ?? Date.now();
      const out = answer(input);
      const previous = input.context;
      return {
        reply: out,
        context: {
          recentTopics: out.topic ? [out.topic, ...(previous?.recentTopics ?? [])].slice(0, 3) : [],
          coveredTopics: out.topic ? [...(previous?.coveredTopics ?? []), out.topic] : [],
          pendingClarify: out.kind === "clarify" ? out.alternatives : null,
          turns: (previous?.turns ?? 0) + 1,
          updatedAt: now,
        },
        extras: {},
      };
    },
  };
}

export const silentLogger = () => {
  const warnings: { obj: object; msg?: string }[] = [];
  const infos: { obj: object; msg?: string }[] = [];
  return {
    warnings,
    infos,
    info: (obj: object, msg?: string) => void infos.push({ obj, msg }),
    warn: (obj: object, msg?: string) => void warnings.push({ obj, msg }),
  };
};
