import type { KnowledgeBase } from "../knowledge/types.ts";
import {
  buildMatchingIndex,
  type Calibration,
  type Candidate,
  type MatchingIndex,
  type MatchResult,
} from "../matching/index.ts";
import type { Reply } from "../reply.ts";
import { readClarifyPick } from "./clarify-pick.ts";
import { createContext, freshContext, recordTurn } from "./context.ts";
import { type Decision, decide } from "./decide.ts";
import { carryableWords, isElliptical, switchesToTreatment } from "./follow-up.ts";
import { asksForPerson } from "./handoff.ts";
import { resolveProfile } from "./profile.ts";
import { answerReply, clarifyReply, emptyReply, fillClinic, suggestionsFor } from "./replies.ts";
import type { ClinicInfo, ConversationContext, Engine, TurnInput, TurnResult } from "./types.ts";
import { createUrgentDetector } from "./urgent.ts";

export interface Thresholds {
  /** Answer when the final confidence reaches this. */
  answer: number;
  /** Offer choices when two or more topics reach this and lie within `clarifyMargin` of the best. */
  clarify: number;
  /** Runner-up within this margin of the top candidate counts as "about equally likely". */
  clarifyMargin: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { answer: 0.27, clarify: 0.25, clarifyMargin: 0.05 };
const DEFAULT_CONTEXT_TTL_MS = 30 * 60_000;
const READING_CACHE_SIZE = 5_000;

/** The text-only part of a turn: the same for every conversation that sends this text. */
interface Reading {
  analysis: ReturnType<MatchingIndex["analyze"]>;
  urgent: ReturnType<ReturnType<typeof createUrgentDetector>["detect"]>;
  match?: MatchResult;
}

export interface EngineOptions {
  /** The clinic's details from settings; an unset field takes the pack's demo value, "" means none. */
  clinic?: Partial<ClinicInfo>;
  thresholds?: Partial<Thresholds>;
  /** A context idle longer than this starts fresh. */
  contextTtlMs?: number;
  calibration?: Calibration;
  /** Recent messages whose text-only work is kept (default 5,000; 0 turns the cache off, as benchmarks do). */
  readingCacheSize?: number;
}

/** Why the engine replied as it did: for `cli ask --explain` and the unanswered-questions log. */
export interface TurnTrace {
  analysis: ReturnType<MatchingIndex["analyze"]>;
  candidates: Candidate[];
  decidedBy: string;
  followUp: boolean;
}

export interface ExplainingEngine extends Engine {
  explain(input: TurnInput): TurnResult & { trace: TurnTrace };
}

export function createEngine(kb: KnowledgeBase, options: EngineOptions): ExplainingEngine {
  const index = buildMatchingIndex(kb, options.calibration);
  const urgent = createUrgentDetector(kb.conversation.urgent);
  const thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const ttl = options.contextTtlMs ?? DEFAULT_CONTEXT_TTL_MS;
  const profile = resolveProfile(kb, options.clinic ?? {});
  const fill = (text: string) => fillClinic(text, profile.clinic);
  const starters = (covered: readonly string[]) => suggestionsFor(kb, [], covered);
  // Reading a message depends only on its text and this (immutable) knowledge base, and FAQ traffic
  // repeats itself: keep the text-only work of recent messages. Decisions still use each conversation.
  const readings = new Map<string, Reading>();
  const readingCacheSize = options.readingCacheSize ?? READING_CACHE_SIZE;
  const read = (text: string): Reading => {
    const hit = readings.get(text);
    if (hit) {
      readings.delete(text);
      readings.set(text, hit);
      return hit;
    }
    const analysis = index.analyze(text);
    const reading: Reading = { analysis, urgent: urgent.detect(analysis.corrected) };
    readings.set(text, reading);
    if (readings.size > readingCacheSize) readings.delete(readings.keys().next().value!);
    return reading;
  };
  const matchOf = (reading: Reading): MatchResult => {
    reading.match ??= index.matchAnalysis(reading.analysis);
    return reading.match;
  };

  function fallback(
    text: string,
    confidence: number,
    candidates: Candidate[],
    covered: readonly string[],
  ): Reply {
    const near = candidates
      .filter((c) => kb.topicById.has(c.label) && c.confidence >= 0.1)
      .map((c) => c.label);
    return {
      ...emptyReply("fallback", fill(text), confidence),
      suggestions: suggestionsFor(kb, near, covered),
    };
  }

  function render(decision: Decision, context: ConversationContext): Reply {
    const covered = context.coveredTopics;
    switch (decision.kind) {
      case "answer":
        return answerReply(kb, kb.topicById.get(decision.topic)!, decision.confidence, covered);
      case "clarify":
        return clarifyReply(kb, decision.alternatives, decision.confidence);
      case "smalltalk": {
        const intent = kb.conversation.smalltalk.find((s) => s.id === decision.intent)!;
        return {
          ...emptyReply("smalltalk", fill(intent.reply), decision.confidence),
          suggestions: starters(covered),
        };
      }
      case "handoff":
        return {
          ...emptyReply("handoff", fill(kb.conversation.handoff.reply), decision.confidence),
          suggestions: starters(covered),
        };
      case "urgent":
        return emptyReply("urgent", fill(kb.conversation.urgent.reply), 1);
      case "fallback": {
        const text = decision.outOfScope
          ? kb.conversation.fallback.outOfScopeReply
          : kb.conversation.fallback.reply;
        return fallback(text, decision.confidence, decision.candidates, covered);
      }
    }
  }

  function explain(input: TurnInput): TurnResult & { trace: TurnTrace } {
    const now = input.now ?? Date.now();
    const context = freshContext(input.context, now, ttl) ?? createContext(now);
    const reading = read(typeof input.text === "string" ? input.text : "");
    const analysis = reading.analysis;
    const trace: TurnTrace = { analysis, candidates: [], decidedBy: "", followUp: false };
    const done = (decision: Decision, decidedBy: string): TurnResult & { trace: TurnTrace } => {
      trace.decidedBy = decidedBy;
      const reply = render(decision, context);
      const topic = decision.kind === "answer" ? kb.topicById.get(decision.topic) : undefined;
      return {
        reply,
        context: recordTurn(context, decision, now, carryableWords(analysis)),
        extras: topic ? { short: topic.short } : {},
        trace,
      };
    };

    if (!analysis.normalized)
      return done({ kind: "fallback", confidence: 0, candidates: [], outOfScope: false }, "empty message");
    const signal = reading.urgent;
    if (signal) return done({ kind: "urgent" }, `urgent signal "${signal.matched}"`);

    if (context.pendingClarify) {
      const pick = readClarifyPick(
        analysis.corrected,
        context.pendingClarify,
        kb.conversation.clarify.noneOfThese,
      );
      if (pick.kind === "topic")
        return done({ kind: "answer", topic: pick.topic, confidence: 1 }, "clarify choice");
      if (pick.kind === "none") {
        return done(
          { kind: "fallback", confidence: 0, candidates: [], outOfScope: false },
          "none of the clarify choices",
        );
      }
      // "the appointment itself" picks a choice only when it also reads best as that choice on its own.
      const overall = index.matchAnalysis(analysis).candidates.find((c) => !c.label.startsWith("smalltalk:"));
      if (
        overall &&
        context.pendingClarify.some((a) => a.topic === overall.label) &&
        overall.confidence >= thresholds.clarify
      ) {
        trace.candidates = [overall];
        return done(
          { kind: "answer", topic: overall.label, confidence: overall.confidence },
          "clarify choice in free text",
        );
      }
    }

    if (asksForPerson(analysis.corrected))
      return done({ kind: "handoff", confidence: 1 }, "asks for a person");

    const lastWords = context.lastWords ?? [];
    if (lastWords.length && switchesToTreatment(analysis)) {
      // "how long does <other> last?" → "and <subject>?": the last question, asked of the subject named.
      const subject = analysis.subjects[0]!;
      const carried = index.match(`${lastWords.join(" ")} ${subject}`);
      const asked = decide(carried, { kb, analysis: carried.analysis, thresholds });
      if (asked.decision.kind === "answer") {
        trace.candidates = asked.candidates;
        return done(asked.decision, `the last question asked of ${subject}: ${asked.reason}`);
      }
    }

    const followUp = context.recentTopics.length > 0 && isElliptical(analysis);
    trace.followUp = followUp;
    const result = matchOf(reading);
    const decision = decide(result, {
      kb,
      analysis,
      thresholds,
      followUpOf: followUp ? context.recentTopics[0] : undefined,
    });
    trace.candidates = decision.candidates;
    return done(decision.decision, decision.reason);
  }

  return {
    knowledgeVersion: kb.version,
    profile,
    handleTurn: (input) => {
      const { reply, context, extras } = explain(input);
      return { reply, context, extras };
    },
    explain,
  };
}
