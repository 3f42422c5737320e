import type { Example } from "./examples.ts";

export type { Example } from "./examples.ts";

/** The in-memory knowledge base: what `loadKnowledge` returns once every file has validated. */
export interface Source {
  id: string;
  title: string;
  file: string;
}

export interface SupportQuote {
  source: string;
  quote: string;
}

export interface Claim {
  statement: string;
  support: SupportQuote[];
}

export interface TopicConflictPosition {
  source: string;
  claim: string;
  quote: string;
}

export interface TopicConflict {
  summary: string;
  positions: TopicConflictPosition[];
}

export interface Agreement {
  summary: string;
  sources: string[];
}

export interface Topic {
  id: string;
  question: string;
  phrasings: string[];
  answer: string;
  short: string;
  claims: Claim[];
  conflicts: TopicConflict[];
  agreements: Agreement[];
  related: string[];
  /** Stricter than the global answer threshold for this topic only, when set. */
  minConfidence?: number;
  /** Path of the YAML file it came from, relative to the knowledge folder. */
  file: string;
}

export interface Vocabulary {
  /** canonical word → words and phrases users say instead (price → [cost, fee]). */
  synonyms: Record<string, string[]>;
  /** correct word → common misspellings (results → [rsults, resluts]). */
  misspellings: Record<string, string[]>;
  /** text-speak → words ("u" → "you", "b4" → "before"). */
  shorthand: Record<string, string>;
  areas: string[];
  concerns: string[];
  /** Neighbouring subjects the pack does not cover: asked alone, they fall back. */
  outOfScope: string[];
}

export interface SmalltalkIntent {
  id: string;
  phrasings: string[];
  reply: string;
  /** Said around a statement that asks nothing ("good morning from Lagos"), the message is still this. */
  frames?: boolean;
}

export interface ConversationRules {
  smalltalk: SmalltalkIntent[];
  handoff: { phrasings: string[]; reply: string };
  urgent: {
    reply: string;
    /** Added to an answer when someone reports a symptom of their own that is not clearly urgent. */
    caution?: string;
    /** Said when they take the urgent advice ("ok, calling them now, thanks"), instead of the thanks reply. */
    closing?: string;
    /** Phrases urgent on their own ("can't breathe", "throat is swelling"). */
    redFlags: string[];
    /** Symptoms urgent only with a severity or persistence word ("bleeding" + "won't stop"). */
    symptoms: string[];
    severity: string[];
    /** Expected after-effects ("tight", "pink"): a report of one gets the safety line, never urgency. */
    afterEffects: string[];
  };
  fallback: {
    reply: string;
    outOfScopeReply: string;
    /** After "None of these": offer a rephrase or a person. */
    noneOfTheseReply?: string;
    /** "I only answer in English", by language code ("es"), in that language. */
    otherLanguage?: Record<string, string>;
  };
  clarify: { prompt: string; noneOfThese: string };
}

/** One thing the pack is about; every one of its names reads as the subject's id. */
export interface Subject {
  id: string;
  /** How replies name it ("teeth whitening"); the id when not given. */
  label: string;
  names: string[];
}

/** A page the server serves from the pack (privacy notice, terms of use): paragraphs split by blank lines. */
export interface CopyPage {
  title: string;
  body: string;
}

/** What the channels say around the answers; {clinic}-style placeholders are filled at reply time. */
export interface PackCopy {
  assistantName: string;
  /** What the assistant is about, in a few words, for sentences like "I answer questions about …". */
  subjectLine: string;
  welcome: string;
  disclosure: string;
  smsHelp: string;
  smsPrompt: string;
  examples: string[];
  widget: { title: string; greeting: string; starters: string[] };
  demoPage: {
    title: string;
    eyebrow: string;
    heading: string;
    lead: string;
    cards: Array<{ title: string; text: string }>;
  };
  /** Emergency numbers as the urgent reply writes them ("911"): channels make them tappable. */
  emergencyNumbers: string[];
  /** Served at /privacy and /terms (the Teams app package links them); absent: not served. */
  privacy?: CopyPage;
  terms?: CopyPage;
}

/** The clinic's contact details a demo runs with; production takes the real ones from settings. */
export interface ContactDetails {
  name: string;
  phone: string;
  email?: string;
  bookingUrl?: string;
  hours?: string;
}

/** Limits the validator holds topics to: fewer phrasings, longer answers are warnings. */
export interface PackChecks {
  minPhrasings: number;
  maxAnswerWords: number;
  maxShortChars: number;
}

/** The manifest (pack.yaml): what the pack is about, what it must answer and what channels say. */
export interface Pack {
  name: string;
  /** BCP 47 language the pack answers in ("en"). */
  language: string;
  /** "articles": every answer cites verified quotes; "own-words": the clinic's own answers. */
  citations: "articles" | "own-words";
  subjects: Subject[];
  requiredTopics: string[];
  starterTopics: string[];
  comparisonTopics: string[];
  /** What answers someone describing a mild symptom of their own and asking if it is normal; first wins. */
  symptomTopics: string[];
  checks: PackChecks;
  copy: PackCopy;
  demoContact: ContactDetails;
}

/** calibration.yaml as written by `cli fit`; matching checks its features against its own. */
export interface PackCalibration {
  source: string;
  /** followUpEasing: how much less confidence a follow-up needs; nextTopicWeight: how much where conversations go next counts (both fitted on the dev set's conversations). */
  thresholds: { answer: number; clarify: number; followUpEasing?: number; nextTopicWeight?: number };
  ranker: { features: string[]; weights: number[]; bias: number };
  acceptor: { features: string[]; weights: number[]; bias: number };
  /** When a message alone is as near the labelled urgent messages as this (and leads the topics by `lead`). */
  urgent?: { nearness: number; lead: number };
  /** The same for handoff requests (the pack's handoff phrasings and examples). */
  handoff?: { nearness: number; lead: number };
  /**
   * What the dev set's conversations did after topic `after` when a follow-up read alone as `asked`:
   * per cross-validation fold, how many stayed with `after` and how many moved to `asked`.
   */
  followUps?: FollowUpCounts[];
}

export interface FollowUpCounts {
  after: string;
  asked: string;
  stays: number[];
  moves: number[];
  /** Per fold, follow-ups labelled with a third topic, by topic. */
  elsewhere?: Record<string, number[]>;
}

export interface KnowledgeBase {
  pack: Pack;
  /** The pack's fitted calibration, when it has one. */
  calibration?: PackCalibration;
  /** Off-topic questions the pack adds to the language's background (off-topic.yaml). */
  offTopic: string[];
  /** Labelled real messages matching learns from beside the phrasings (first turns of dev.jsonl). */
  examples: readonly Example[];
  /** Keys (conversationKey) of dev.jsonl's conversations of more than one turn: what taught the follow-up table. */
  devConversations?: ReadonlySet<string>;
  /** How often dev.jsonl's conversations went from one topic to the next, per fold (key: transitionKey). */
  transitions?: ReadonlyMap<string, readonly number[]>;
  sources: ReadonlyMap<string, Source>;
  topics: readonly Topic[];
  topicById: ReadonlyMap<string, Topic>;
  vocabulary: Vocabulary;
  conversation: ConversationRules;
  /** Content hash: changes whenever any file changes. */
  version: string;
}

export type IssueSeverity = "error" | "warning";

/** One problem found in the knowledge base, pointing at the file, line and column to fix. */
export interface KnowledgeIssue {
  severity: IssueSeverity;
  code: string;
  file: string;
  line: number;
  column: number;
  message: string;
}

export type LoadResult =
  | { ok: true; kb: KnowledgeBase; warnings: KnowledgeIssue[] }
  | { ok: false; issues: KnowledgeIssue[] };
