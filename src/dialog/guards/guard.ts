import type { KnowledgeBase } from "../../knowledge/types.ts";
import type { Language } from "../../lang/language.ts";
import type { ConversationalMatch, Evidence } from "../../matching/evidence.ts";
import type { Analysis, Candidate, MatchingIndex, MatchResult } from "../../matching/index.ts";
import type { Decision } from "../decision.ts";
import type { Timing } from "../timing.ts";
import type { Triage, TriageFn } from "../triage.ts";
import type { ConversationContext } from "../types.ts";

export interface Thresholds {
  /** Answer when the calibrated confidence reaches this. */
  answer: number;
  /** Offer choices when two or more topics reach this and lie close to the best. */
  clarify: number;
  /** Runner-up within this margin of the top candidate counts as "about equally likely". */
  clarifyMargin: number;
  /** A follow-up (or a message the last question agrees with) needs this much less confidence. */
  followUpEasing: number;
  /** How much where the pack's conversations go next weighs beside a follow-up's reading alone. */
  nextTopicWeight: number;
}

/** What every guard may read: the pack, its matching index, the language, the thresholds. */
export interface DialogEnv {
  kb: KnowledgeBase;
  index: MatchingIndex;
  language: Language;
  thresholds: Thresholds;
  triage: TriageFn;
  timing: Timing;
}

/** A part of the message (a clause, the words after a greeting) as read alone: matched on first use. */
export interface PartReading {
  analysis: Analysis;
  match(): MatchResult;
}

/** One turn as the guards see it; matching and triage run once, on first use. */
export interface Turn {
  env: DialogEnv;
  /** The message as written: its punctuation says where a question starts. */
  text: string;
  analysis: Analysis;
  context: ConversationContext;
  match(): MatchResult;
  triage(): Triage;
  /** The message against the pack's smalltalk and handoff phrasings, best first. */
  converse(): ConversationalMatch[];
  /**
   * A part of the message read alone, once a turn whichever guards ask: several read the same clause
   * (is it a pleasantry? does it ask?), and a match is most of a turn's cost.
   */
  part(text: string): PartReading;
  /** Set by the follow-up guard when the message leans on the last answered topic. */
  followUpOf?: string;
  /** Set when a follow-up only re-asks the last question ("and my back?"): the next turn reads both. */
  restatesLast?: boolean;
  /** A follow-up's best topic read alone, without the last question (what the fitted follow-up table keys on). */
  readAlone?: string;
}

/** A guard's verdict: the decision, why (for `--explain`), and the candidates it looked at. */
export interface GuardOutcome {
  decision: Decision;
  reason: string;
  candidates?: Candidate[];
  /** The evidence the decision rests on, when it came from matching. */
  evidence?: Evidence;
}

/** One step of the dialog pipeline: decides the turn, or passes (undefined) to the next guard. */
export interface Guard {
  readonly name: string;
  run(turn: Turn): GuardOutcome | undefined;
}
