import type { KnowledgeBase } from "../knowledge/types.ts";
import type { Engine } from "./types.ts";

/** How the clinic is reached: filled into handoff and urgent replies. */
export interface ClinicInfo {
  name: string;
  phone: string;
  email?: string;
  bookingUrl?: string;
  hours?: string;
}

export interface Thresholds {
  /** Answer when the final confidence reaches this. */
  answer: number;
  /** Below `answer` but above this, and with close runners-up: clarify. Below: fallback. */
  clarify: number;
  /** Runner-up within this margin of the top candidate counts as "about equally likely". */
  clarifyMargin: number;
}

export interface EngineOptions {
  clinic: ClinicInfo;
  thresholds?: Partial<Thresholds>;
  /** A context idle longer than this starts fresh. */
  contextTtlMs?: number;
}

// PLACEHOLDER until the matching/dialog pipeline lands: answers every message with a fallback.
export function createEngine(kb: KnowledgeBase, _options: EngineOptions): Engine {
  return {
    knowledgeVersion: kb.version,
    handleTurn(input) {
      const now = input.now ?? Date.now();
      return {
        reply: {
          kind: "fallback",
          topic: null,
          text: "placeholder",
          confidence: 0,
          citations: [],
          conflicts: [],
          suggestions: [],
          alternatives: [],
        },
        context: { recentTopics: [], coveredTopics: [], pendingClarify: null, turns: 1, updatedAt: now },
        extras: {},
      };
    },
  };
}
