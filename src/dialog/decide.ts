import type { KnowledgeBase } from "../knowledge/types.ts";
import type { Analysis, Candidate, MatchResult } from "../matching/index.ts";
import { QUESTION_WORDS } from "../matching/stopwords.ts";
import type { Alternative } from "../reply.ts";
import type { Thresholds } from "./engine.ts";

export type Decision =
  | { kind: "answer"; topic: string; confidence: number }
  | { kind: "clarify"; alternatives: Alternative[]; confidence: number }
  | { kind: "smalltalk"; intent: string; confidence: number }
  | { kind: "handoff"; confidence: number }
  | { kind: "urgent" }
  | { kind: "fallback"; confidence: number; candidates: Candidate[]; outOfScope: boolean };

export interface DecideInput {
  kb: KnowledgeBase;
  analysis: Analysis;
  thresholds: Thresholds;
  /** The topic a follow-up leans on, when the message is elliptical and context is fresh. */
  followUpOf?: string;
}

const REFERS_BACK = /\b(it|this|that)\b/;
const RELATES =
  /\b(vs|versus|better|worse|compare|compared|comparison|difference|instead|than|combine|combined|together|same day|with)\b/;
const FOLLOW_UP_BOOST = 0.25;
/** Raw-score lead below which the top reading is not clearly ahead; raw scores sum four matchers (0–4). */
const TIE_MARGIN = 0.1;
/** Readings within this raw gap of the best join the choices offered. */
const RIVAL_GAP = 0.6;
/** Both readings must be likely on their own before a tie is worth a question. */
const STRONG = 0.6;
/** A generic question's other readings must be at least this likely relative to the best to be offered. */
const RIVAL_SHARE = 0.6;
const rawGap = (a: Candidate, b: Candidate) =>
  a.components.bayes +
  a.components.tfidf +
  a.components.fuzzy +
  a.components.bm25 -
  (b.components.bayes + b.components.tfidf + b.components.fuzzy + b.components.bm25);
/** Longer messages are questions, not pleasantries: "can I do one session and be done" is not goodbye. */
const SMALLTALK_MAX_WORDS = 6;
/** Most of the message's words unknown to the knowledge base ("who wrote pride and prejudice"): not ours. */
const MIN_COVERAGE = 0.4;
const COVERAGE_POWER = 0.5;
const FOLLOW_UP_EASING = 0.1;

export function decide(
  { candidates, generic }: Pick<MatchResult, "candidates" | "generic">,
  { kb, analysis, thresholds, followUpOf }: DecideInput,
): { decision: Decision; candidates: Candidate[]; reason: string } {
  const fallback = (reason: string, list: Candidate[], outOfScope = false) => ({
    decision: {
      kind: "fallback",
      confidence: list[0]?.confidence ?? 0,
      candidates: list,
      outOfScope,
    } as Decision,
    candidates: list,
    reason,
  });

  // Words the knowledge base has never seen ("weather", "pizza") are evidence of another subject.
  let list = candidates
    .filter((c) => analysis.content.length <= SMALLTALK_MAX_WORDS || !c.label.startsWith("smalltalk:"))
    .map((c) => ({ ...c, confidence: c.confidence * analysis.coverage ** COVERAGE_POWER }));
  if (analysis.outOfScope.length && !analysis.subjects.length) {
    // "how long does X last" asks about X; "is it better than X?" compares X with the pack's subject.
    const aboutUs =
      (REFERS_BACK.test(analysis.corrected) || followUpOf !== undefined) && RELATES.test(analysis.corrected);
    const comparison = kb.pack.comparisonTopics;
    list = aboutUs ? candidates.filter((c) => comparison.includes(c.label)) : [];
    if (!list.length) return fallback(`out of scope: ${analysis.outOfScope.join(", ")}`, candidates, true);
  }

  if (followUpOf) {
    const related = new Set([followUpOf, ...(kb.topicById.get(followUpOf)?.related ?? [])]);
    list = list
      .map((c) =>
        related.has(c.label) ? { ...c, confidence: c.confidence + FOLLOW_UP_BOOST * (1 - c.confidence) } : c,
      )
      .sort((a, b) => b.confidence - a.confidence);
  }

  const top = list[0];
  if (!top) return fallback("no candidate shares a word with the message", list);
  // "2" outside a clarify says nothing about a topic, however well it matches "every 2 weeks".
  const subject = analysis.content.filter((t) => !QUESTION_WORDS.has(t));
  if (subject.length && subject.every((t) => /^\d+$/.test(t))) {
    return fallback("only numbers, and no choices were offered", list);
  }
  if (analysis.coverage < MIN_COVERAGE && !analysis.subjects.length && !followUpOf) {
    return fallback(`most words unknown (${analysis.unknown.join(", ")})`, list);
  }
  if (top.label.startsWith("smalltalk:")) {
    return top.confidence >= thresholds.answer && analysis.coverage >= MIN_COVERAGE
      ? {
          decision: { kind: "smalltalk", intent: top.label.slice(10), confidence: top.confidence },
          candidates: list,
          reason: "smalltalk",
        }
      : fallback(
          `smalltalk ${top.confidence.toFixed(2)} < answer threshold ${thresholds.answer}, or unknown words`,
          list,
        );
  }
  if (top.label === "handoff") {
    return top.confidence >= thresholds.answer
      ? {
          decision: { kind: "handoff", confidence: top.confidence },
          candidates: list,
          reason: "handoff phrasing",
        }
      : fallback(`handoff ${top.confidence.toFixed(2)} < answer threshold ${thresholds.answer}`, list);
  }

  const topics = list.filter((c) => kb.topicById.has(c.label));
  const best = topics[0]!;
  const entry = kb.topicById.get(best.label)!;
  const threshold =
    Math.max(thresholds.answer, entry.minConfidence ?? 0) - (followUpOf ? FOLLOW_UP_EASING : 0);
  const close = topics
    .filter(
      (c) => c.confidence >= thresholds.clarify && best.confidence - c.confidence <= thresholds.clarifyMargin,
    )
    .slice(0, 3);
  // Two strong readings whose raw scores nearly tie ("how long does it take?"): ask rather than guess.
  const rivals = generic
    ? topics.filter(
        (c) =>
          c.confidence >= thresholds.clarify &&
          c.confidence >= best.confidence * RIVAL_SHARE &&
          rawGap(best, c) <= RIVAL_GAP,
      )
    : topics.filter(
        (c) => c.confidence >= STRONG && best.components.margin < TIE_MARGIN && rawGap(best, c) <= RIVAL_GAP,
      );
  if (rivals.length >= 2 && !followUpOf) {
    const alternatives = rivals
      .slice(0, 3)
      .map((c) => ({ topic: c.label, question: kb.topicById.get(c.label)!.question }));
    return {
      decision: { kind: "clarify", alternatives, confidence: best.confidence },
      candidates: list,
      reason: generic
        ? `a generic question fits ${alternatives.length} topics`
        : `${alternatives.length} strong readings nearly tie (lead ${best.components.margin.toFixed(2)} < ${TIE_MARGIN})`,
    };
  }

  if (best.confidence >= threshold) {
    return {
      decision: { kind: "answer", topic: best.label, confidence: best.confidence },
      candidates: list,
      reason: `confidence ${best.confidence.toFixed(2)} ≥ answer threshold ${threshold.toFixed(2)}${followUpOf ? " (follow-up)" : ""}`,
    };
  }
  if (close.length >= 2) {
    const alternatives = close.map((c) => ({
      topic: c.label,
      question: kb.topicById.get(c.label)!.question,
    }));
    return {
      decision: { kind: "clarify", alternatives, confidence: best.confidence },
      candidates: list,
      reason: `no topic reaches ${threshold.toFixed(2)}; ${close.length} lie within ${thresholds.clarifyMargin} of the best (${best.confidence.toFixed(2)})`,
    };
  }
  return fallback(
    `confidence ${best.confidence.toFixed(2)} < answer threshold ${threshold.toFixed(2)}`,
    list,
  );
}
