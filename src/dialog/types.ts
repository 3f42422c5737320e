import type { PackCopy } from "../knowledge/types.ts";
import type { Alternative, Reply, ReplyExtras } from "../reply.ts";

/** How the clinic is reached: filled into handoff and urgent replies and the channels' copy. */
export interface ClinicInfo {
  name: string;
  phone: string;
  email?: string;
  bookingUrl?: string;
  hours?: string;
}

/** Who the assistant is, for the channels: the pack's copy with the clinic's details filled in. */
export interface AssistantProfile {
  packName: string;
  /** The language the pack answers in ("en"). */
  language: string;
  /** "own-words" packs cite no articles. */
  citations: "articles" | "own-words";
  clinic: ClinicInfo;
  copy: PackCopy;
}

/** What the bot remembers about one conversation between turns: small, serialisable, expiring. */
export interface ConversationContext {
  /** Topics answered recently, newest first (at most a few). */
  recentTopics: string[];
  /** Every topic answered in this conversation, so suggestions do not repeat them. */
  coveredTopics: string[];
  /** The choices offered by the last clarify, awaiting a pick. */
  pendingClarify: Alternative[] | null;
  /** Turns so far in this conversation. */
  turns: number;
  /** Epoch milliseconds of the last turn; a context older than the TTL is treated as new. */
  updatedAt: number;
  /**
   * The last message's words the pack knows, subjects and uncovered subjects left out: what a
   * follow-up ("and for X?", "how long does that take?") carries over. Words, never the message.
   */
  lastWords?: string[];
  /**
   * While a clarify waits for its pick: the question it asked about, so a "None of these" can be logged
   * as unanswered (the learning log scrubs it). Dropped on the next turn.
   */
  clarifiedQuestion?: string;
  /** The kind of the last reply: after an urgent one, "should I wait?" is still about the complication. */
  lastKind?: string;
}

export interface TurnInput {
  text: string;
  context?: ConversationContext | null;
  /** Epoch milliseconds; defaults to Date.now(). */
  now?: number;
}

export interface TurnResult {
  reply: Reply;
  context: ConversationContext;
  extras: ReplyExtras;
}

/** The whole bot as the edges see it: a message and its context in, a reply and new context out. */
export interface Engine {
  handleTurn(input: TurnInput): TurnResult;
  /** Version of the knowledge base in use (changes on hot reload). */
  readonly knowledgeVersion: string;
  /** The pack's copy and the clinic's details (change on hot reload). */
  readonly profile: AssistantProfile;
}

/** Where conversation contexts live between turns: memory by default, Redis across instances. */
export interface ConversationStore {
  get(conversationId: string): Promise<ConversationContext | undefined>;
  set(conversationId: string, context: ConversationContext): Promise<void>;
}
