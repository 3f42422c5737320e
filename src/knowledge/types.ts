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
  /** Other names for the treatment itself ("derma roller", "CIT"): all mean microneedling. */
  treatment: string[];
  /** canonical word → words and phrases users say instead ("pain" → ["hurt", "sore"]). */
  synonyms: Record<string, string[]>;
  /** correct word → common misspellings ("microneedling" → ["microneedeling"]). */
  misspellings: Record<string, string[]>;
  /** text-speak → words ("u" → "you", "b4" → "before"). */
  shorthand: Record<string, string>;
  areas: string[];
  concerns: string[];
  /** Treatments and topics the articles do not cover (Botox, peels…): asked alone, they fall back. */
  outOfScope: string[];
}

export interface SmalltalkIntent {
  id: string;
  phrasings: string[];
  reply: string;
}

export interface ConversationRules {
  smalltalk: SmalltalkIntent[];
  handoff: { phrasings: string[]; reply: string };
  urgent: {
    reply: string;
    /** Phrases urgent on their own ("can't breathe", "throat is swelling"). */
    redFlags: string[];
    /** Symptoms urgent only with a severity or persistence word ("bleeding" + "won't stop"). */
    symptoms: string[];
    severity: string[];
  };
  fallback: { reply: string; outOfScopeReply: string };
  clarify: { prompt: string; noneOfThese: string };
}

export interface KnowledgeBase {
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
