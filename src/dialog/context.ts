import type { Decision } from "./decision.ts";
import type { ConversationContext } from "./types.ts";

const MAX_RECENT = 3;
const MAX_COVERED = 40;

export function createContext(now: number): ConversationContext {
  return {
    recentTopics: [],
    coveredTopics: [],
    pendingClarify: null,
    turns: 0,
    updatedAt: now,
    lastWords: [],
  };
}

const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === "string");

/** The stored context when it is well-formed and recent; undefined means "start fresh". */
export function freshContext(
  context: ConversationContext | null | undefined,
  now: number,
  ttlMs: number,
): ConversationContext | undefined {
  if (!context || typeof context !== "object") return undefined;
  if (typeof context.updatedAt !== "number" || now - context.updatedAt > ttlMs) return undefined;
  if (!isStringArray(context.recentTopics) || !isStringArray(context.coveredTopics)) return undefined;
  const pending = Array.isArray(context.pendingClarify) ? context.pendingClarify : null;
  const lastWords = isStringArray(context.lastWords) ? context.lastWords : [];
  const fresh: ConversationContext = {
    ...context,
    pendingClarify: pending,
    turns: Number(context.turns) || 0,
    lastWords,
  };
  if (typeof context.clarifiedQuestion !== "string" || !pending) delete fresh.clarifiedQuestion;
  if (typeof context.lastKind !== "string") delete fresh.lastKind;
  return fresh;
}

/** The context after a turn: what was answered moves to the front; a clarify waits for its pick. */
export function recordTurn(
  context: ConversationContext,
  decision: Decision,
  now: number,
  turn: { lastWords: string[]; question: string },
): ConversationContext {
  const answered = decision.kind === "answer" ? decision.topic : undefined;
  const next: ConversationContext = {
    recentTopics: answered
      ? [answered, ...context.recentTopics.filter((t) => t !== answered)].slice(0, MAX_RECENT)
      : context.recentTopics,
    coveredTopics: answered
      ? [...context.coveredTopics.filter((t) => t !== answered), answered].slice(-MAX_COVERED)
      : context.coveredTopics,
    pendingClarify: decision.kind === "clarify" ? decision.alternatives : null,
    turns: context.turns + 1,
    updatedAt: now,
    lastWords: turn.lastWords,
    lastKind: decision.kind,
  };
  // The question a clarify asks about, kept one turn so "None of these" can log what went unanswered.
  if (decision.kind === "clarify") next.clarifiedQuestion = turn.question;
  return next;
}
