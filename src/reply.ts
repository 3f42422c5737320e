/** The reply contract of ../shared/knowledge-spec.md: every surface renders from this one object. */
export const REPLY_KINDS = ["answer", "clarify", "fallback", "smalltalk", "handoff", "urgent"] as const;
export type ReplyKind = (typeof REPLY_KINDS)[number];

export interface Citation {
  source: string;
  title: string;
  quote: string;
}

export interface ConflictPosition {
  source: string;
  title: string;
  claim: string;
  quote: string;
}

export interface Conflict {
  summary: string;
  positions: ConflictPosition[];
}

export interface Alternative {
  topic: string;
  question: string;
}

export interface Reply {
  kind: ReplyKind;
  topic: string | null;
  text: string;
  confidence: number;
  citations: Citation[];
  conflicts: Conflict[];
  suggestions: string[];
  alternatives: Alternative[];
  /**
   * Clarify only: the label of the way out ("None of these"), which the engine understands when sent
   * back. Channels render `alternatives` and this label as the choices; `text` is only the prompt.
   */
  noneOfThese?: string;
}

/** What a turn produced beyond the contract, for channels that need it (SMS short form, logs). */
export interface ReplyExtras {
  /** The entry's short answer (≤ 280 characters) when the reply is an answer. */
  short?: string;
  /**
   * After "None of these": the question the clarify was about, which the bot could not answer. The
   * learning log records it (scrubbed) instead of the words "None of these".
   */
  unanswered?: string;
}
