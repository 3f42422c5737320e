import type { KnowledgeBase } from "../knowledge/types.ts";
import { type Language, loadLanguage } from "../lang/language.ts";
import { backgroundOf, type ConversationalMatch } from "../matching/evidence.ts";
import { FIT, fitByFolds, packCalibration } from "../matching/fit.ts";
import {
  type Analysis,
  buildMatchingIndex,
  type Calibration,
  type Candidate,
  type IndexSnapshot,
  type MatchingIndex,
  type MatchResult,
  normalizerFrom,
} from "../matching/index.ts";
import type { Reply } from "../reply.ts";
import { createContext, freshContext, recordTurn } from "./context.ts";
import type { Decision } from "./decision.ts";
import { clarifyPickGuard } from "./guards/clarify-pick.ts";
import { emptyGuard } from "./guards/empty.ts";
import { followUpGuard } from "./guards/follow-up.ts";
import type { DialogEnv, Guard, GuardOutcome, PartReading, Thresholds, Turn } from "./guards/guard.ts";
import { handoffGuard } from "./guards/handoff.ts";
import { otherLanguageGuard } from "./guards/other-language.ts";
import { DECIDE, rankGuard } from "./guards/rank.ts";
import { smalltalkGuard } from "./guards/smalltalk.ts";
import { subjectSwitchGuard } from "./guards/subject-switch.ts";
import { urgentFollowUpGuard, urgentGuard } from "./guards/urgent.ts";
import { NEXT_TOPIC } from "./next-topic.ts";
import { resolveProfile } from "./profile.ts";
import { answerReply, clarifyReply, emptyReply, fillClinic, suggestionsFor } from "./replies.ts";
import { createTiming } from "./timing.ts";
import { createTriage, type Triage } from "./triage.ts";
import type { ClinicInfo, ConversationContext, Engine, TurnInput, TurnResult } from "./types.ts";

export type { Thresholds } from "./guards/guard.ts";

/** The dialog, in order: each guard decides the turn or passes it on; rank always decides. */
export const GUARDS: readonly Guard[] = Object.freeze([
  emptyGuard,
  otherLanguageGuard,
  urgentGuard,
  clarifyPickGuard,
  handoffGuard,
  smalltalkGuard,
  urgentFollowUpGuard,
  subjectSwitchGuard,
  followUpGuard,
  rankGuard,
]);

/** The engine's named defaults. */
export const ENGINE_DEFAULTS = Object.freeze({
  clarifyMargin: 0.05,
  contextTtlMs: 30 * 60_000,
  /** Recent messages whose text-only work (analysis, matching, triage) is kept. */
  readingCacheSize: 5_000,
  /** Candidates below this confidence are not suggested after a fallback. */
  suggestFloor: 0.1,
  /** Semantic neighbours shown by `--explain`. */
  neighbours: 3,
  /** Words a follow-up that stayed on its topic carries on, the newest kept (bounds a long conversation). */
  carriedWords: 16,
});

/** The text-only part of a turn: the same for every conversation that sends this text. */
export interface Reading {
  analysis: Analysis;
  converse?: ConversationalMatch[];
  match?: MatchResult;
  triage?: Triage;
}

export interface EngineOptions {
  /** The clinic's details from settings; an unset field takes the pack's demo value, "" means none. */
  clinic?: Partial<ClinicInfo>;
  /** Override the pack's fitted thresholds (ANSWER_THRESHOLD, CLARIFY_THRESHOLD). */
  thresholds?: Partial<Thresholds>;
  /** A context idle longer than this starts fresh. */
  contextTtlMs?: number;
  /** Instead of the pack's calibration.yaml (fitting and evaluation try candidates). */
  calibration?: Calibration;
  /** The language pack; the pack's own language (`pack.yaml` language) when not given. */
  language?: Language;
  /** Recent messages whose text-only work is kept (0 turns the cache off, as benchmarks do). */
  readingCacheSize?: number;
  /** The matching index of this same pack, already built: fitting tries dialog settings without rebuilding it. */
  index?: MatchingIndex;
  /** Analyses of the pack's own texts, from a cache; filled with those it lacked (see server/index-cache). */
  analyses?: Map<string, Analysis>;
  /** What a previous build of the same pack computed (sentence vectors); filled when missing (see server/index-cache). */
  snapshot?: IndexSnapshot;
}

/** Why the engine replied as it did: for `cli ask --explain`, the studio and the unanswered log. */
export interface TurnTrace {
  analysis: Analysis;
  candidates: Candidate[];
  /** Handoff and pleasantries as the ranker read the message beside the topics (what the handoff guard weighs). */
  conversational: Candidate[];
  /** The pack's labelled urgent reports as the ranker read the message beside the topics (urgent guard). */
  urgent?: Candidate;
  /** The guard that decided and why: "rank: confidence 0.81 ≥ 0.40". */
  decidedBy: string;
  guard: string;
  followUp: boolean;
  /** A follow-up's best topic read alone, when the follow-up guard read it so. */
  readAlone?: string;
  /** The phrasings nearest in meaning, across topics. */
  neighbours: Array<{ label: string; phrasing: string; similarity: number }>;
  /** Where the calibration came from: "fitted on dev.jsonl (812 messages)" or "derived at load". */
  calibration: string;
  triage: Triage | undefined;
}

export interface ExplainingEngine extends Engine {
  explain(input: TurnInput): TurnResult & { trace: TurnTrace };
  readonly index: MatchingIndex;
  /** What the guards read: for tests of a single guard and for tools. */
  readonly env: DialogEnv;
}

/** Why a listed warning sign did not make the reply urgent, for the trace. */
const passedSign = (decided: GuardOutcome, reading: Reading) =>
  decided.decision.kind !== "urgent" && reading.triage?.level === "urgent"
    ? `; the sign "${reading.triage.signal}" reads unlike the labelled urgent reports and ${decided.decision.kind === "answer" ? "a topic answers it" : "is asked about, tied to no treatment"}`
    : "";

/** A turn for `text` in `context`, reading and triaging lazily: what the pipeline hands each guard. */
export function createTurn(
  env: DialogEnv,
  text: string,
  context: ConversationContext,
  reading?: Reading,
): Turn {
  const read: Reading = reading ?? { analysis: env.index.analyze(text) };
  const parts = new Map<string, PartReading>();
  const match = () => {
    read.match ??= env.index.matchAnalysis(read.analysis);
    return read.match;
  };
  return {
    env,
    text,
    analysis: read.analysis,
    context,
    match,
    triage: () => {
      read.triage ??= env.triage(read.analysis);
      return read.triage;
    },
    converse: () => {
      read.converse ??= env.index.evidence.converse(read.analysis);
      return read.converse;
    },
    part(partText) {
      let known = parts.get(partText);
      if (!known) {
        const analysis = env.index.analyze(partText);
        let matched: MatchResult | undefined;
        known = { analysis, match: () => (matched ??= env.index.matchAnalysis(analysis)) };
        parts.set(partText, known);
      }
      return known;
    },
  };
}

/** The calibration to use: given, the pack's fitted one, or one derived now by folds over its phrasings. */
export function calibrationFor(kb: KnowledgeBase, language: Language, given?: Calibration): Calibration {
  if (given) return given;
  const fitted = packCalibration(kb);
  if (fitted.calibration) return fitted.calibration;
  return fitByFolds(kb, language, backgroundOf(kb, language), {
    folds: 3,
    perFold: FIT.loadSamplesPerFold,
    source: `derived at load (${fitted.problem}; run cli fit)`,
  }).calibration;
}

export function createEngine(kb: KnowledgeBase, options: EngineOptions = {}): ExplainingEngine {
  const language = options.language ?? loadLanguage(kb.pack.language);
  const background = backgroundOf(kb, language);
  const calibration = calibrationFor(kb, language, options.calibration);
  // Without a cache's, a map of its own: a text the build reads twice (a phrasing that is also a dev
  // example, timing's phrasings) is analysed and normalised once.
  const analyses = options.analyses ?? new Map<string, Analysis>();
  const index =
    options.index ??
    buildMatchingIndex(kb, {
      language,
      calibration,
      background,
      analyses,
      snapshot: options.snapshot,
    });
  const thresholds: Thresholds = {
    answer: options.thresholds?.answer ?? calibration.thresholds.answer,
    clarify: options.thresholds?.clarify ?? calibration.thresholds.clarify,
    clarifyMargin: options.thresholds?.clarifyMargin ?? ENGINE_DEFAULTS.clarifyMargin,
    followUpEasing:
      options.thresholds?.followUpEasing ?? calibration.thresholds.followUpEasing ?? DECIDE.followUpEasing,
    nextTopicWeight:
      options.thresholds?.nextTopicWeight ?? calibration.thresholds.nextTopicWeight ?? NEXT_TOPIC.weight,
  };
  const env: DialogEnv = {
    kb,
    index,
    language,
    thresholds,
    triage: createTriage(kb.conversation.urgent, language, index.lexicon.subjectTokens, language.vectors(), {
      areas: kb.vocabulary.areas,
      frequencies: index.lexicon.frequencies,
    }),
    timing: createTiming(kb, language, normalizerFrom(analyses)),
  };
  const ttl = options.contextTtlMs ?? ENGINE_DEFAULTS.contextTtlMs;
  const profile = resolveProfile(kb, options.clinic ?? {});
  const fill = (text: string) => fillClinic(text, profile.clinic);
  const replies = language.replies;
  const caution = fill(kb.conversation.urgent.caution ?? replies.caution);
  const starters = (covered: readonly string[]) => suggestionsFor(kb, [], covered);

  // Reading a message depends only on its text and this (immutable) pack, and FAQ traffic repeats
  // itself: keep the text-only work of recent messages. Decisions still use each conversation.
  const readings = new Map<string, Reading>();
  const cacheSize = options.readingCacheSize ?? ENGINE_DEFAULTS.readingCacheSize;
  const read = (text: string): Reading => {
    const hit = readings.get(text);
    if (hit) {
      readings.delete(text);
      readings.set(text, hit);
      return hit;
    }
    const reading: Reading = { analysis: index.analyze(text) };
    if (cacheSize > 0) {
      readings.set(text, reading);
      if (readings.size > cacheSize) readings.delete(readings.keys().next().value!);
    }
    return reading;
  };

  function render(decision: Decision, context: ConversationContext): Reply {
    const covered = context.coveredTopics;
    switch (decision.kind) {
      case "answer":
        return answerReply(kb, kb.topicById.get(decision.topic)!, decision.confidence, covered, {
          clinic: profile.clinic,
          replies,
          ...(decision.missing ? { missing: decision.missing } : {}),
          ...(decision.caution ? { caution } : {}),
        });
      case "clarify":
        return clarifyReply(kb, decision.alternatives, decision.confidence);
      case "smalltalk": {
        if (decision.afterUrgent)
          return emptyReply(
            "smalltalk",
            fill(kb.conversation.urgent.closing ?? replies.afterUrgent),
            decision.confidence,
          );
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
        const f = kb.conversation.fallback;
        const byReason: Record<typeof decision.reason, string> = {
          empty: f.reply,
          unsure: f.reply,
          "out-of-scope": f.outOfScopeReply,
          "none-of-these": f.noneOfTheseReply ?? replies.noneOfThese,
          "other-language": f.otherLanguage?.[decision.language ?? ""] ?? replies.otherLanguage,
        };
        const text = fill(byReason[decision.reason]) + (decision.caution ? `\n\n${caution}` : "");
        const near = decision.candidates
          .filter((c) => kb.topicById.has(c.label) && c.confidence >= ENGINE_DEFAULTS.suggestFloor)
          .map((c) => c.label);
        return {
          ...emptyReply("fallback", text, decision.confidence),
          suggestions: suggestionsFor(kb, near, covered),
        };
      }
    }
  }

  // With one subject, naming it tells no topic apart; with several, it says which ("does whitening hurt").
  const carriesSubjects = kb.pack.subjects.length > 1;
  /** The message's words a later follow-up carries over: known to the pack, subjects only when they tell topics apart. */
  const carryable = (analysis: Analysis, before: readonly string[] = []) => {
    const uncovered = new Set(analysis.outOfScope.flatMap((p) => p.split(" ")));
    const own = analysis.content.filter(
      (t) =>
        (carriesSubjects || !analysis.subjects.includes(t)) &&
        !uncovered.has(t) &&
        !analysis.unknown.includes(t),
    );
    // Naming none, the message keeps the subject the one before it named ("…and does it last?").
    if (!carriesSubjects || analysis.subjects.length) return own;
    return [...before.filter((w) => index.lexicon.subjectTokens.has(w)), ...own];
  };

  /** A follow-up that only re-asked the last question ("the face") carries that question's words on too. */
  const carried = (decided: GuardOutcome, turn: Turn, context: ConversationContext, own: string[]) => {
    const last = context.recentTopics[0];
    if (!turn.restatesLast || decided.decision.kind !== "answer" || decided.decision.topic !== last)
      return own;
    const words = [...(context.lastWords ?? []).filter((w) => !own.includes(w)), ...own];
    return words.slice(-ENGINE_DEFAULTS.carriedWords);
  };

  /** One turn through the guards: the decision, and what the trace is made of. */
  function run(input: TurnInput) {
    const now = input.now ?? Date.now();
    const context = freshContext(input.context, now, ttl) ?? createContext(now);
    const text = typeof input.text === "string" ? input.text : "";
    const reading = read(text);
    const turn = createTurn(env, text, context, reading);
    let outcome: GuardOutcome | undefined;
    let guard = rankGuard;
    for (const g of GUARDS) {
      outcome = g.run(turn);
      if (outcome) {
        guard = g;
        break;
      }
    }
    const decided = outcome!;
    const reply = render(decided.decision, context);
    const topic = decided.decision.kind === "answer" ? kb.topicById.get(decided.decision.topic) : undefined;
    const extras: TurnResult["extras"] = topic ? { short: topic.short } : {};
    if (
      decided.decision.kind === "fallback" &&
      decided.decision.reason === "none-of-these" &&
      context.clarifiedQuestion
    )
      extras.unanswered = context.clarifiedQuestion;
    const result: TurnResult = {
      reply,
      context: recordTurn(context, decided.decision, now, {
        lastWords: carried(decided, turn, context, carryable(reading.analysis, context.lastWords)),
        question: text,
      }),
      extras,
    };
    return { result, decided, guard, turn, reading };
  }

  function explain(input: TurnInput): TurnResult & { trace: TurnTrace } {
    const { result, decided, guard, turn, reading } = run(input);
    const trace: TurnTrace = {
      analysis: reading.analysis,
      candidates: decided.candidates ?? reading.match?.candidates ?? [],
      conversational: reading.match?.conversational ?? [],
      ...(reading.match?.urgent ? { urgent: reading.match.urgent } : {}),
      decidedBy: `${guard.name}: ${decided.reason}${passedSign(decided, reading)}`,
      guard: guard.name,
      followUp: turn.followUpOf !== undefined,
      ...(turn.readAlone ? { readAlone: turn.readAlone } : {}),
      neighbours: reading.match?.evidence.neighbours(ENGINE_DEFAULTS.neighbours) ?? [],
      calibration: calibration.source,
      triage: reading.triage,
    };
    return { ...result, trace };
  }

  return {
    knowledgeVersion: kb.version,
    profile,
    index,
    env,
    handleTurn: (input) => run(input).result,
    explain,
  };
}
