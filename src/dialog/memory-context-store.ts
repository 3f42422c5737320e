import type { Alternative } from "../reply.ts";
import type { ConversationContext, ConversationStore } from "./types.ts";

export interface MemoryContextStoreOptions {
  /** Most conversations kept; the least recently used is dropped first. */
  maxEntries: number;
  /** A conversation idle longer than this is forgotten. */
  ttlMs: number;
  /** Clock in epoch milliseconds; tests pass a fake one. */
  now?: () => number;
}

interface Entry {
  context: ConversationContext;
  expiresAt: number;
}

/**
 * The stored context is a frozen copy, handed out as it is: a caller's later change to what it stored
 * cannot leak in, and a change to what it got back throws. (structuredClone on every get and set was a
 * tenth of a chat request's CPU.)
 */
function frozenCopy(context: ConversationContext): ConversationContext {
  return Object.freeze({
    ...context,
    recentTopics: Object.freeze([...context.recentTopics]) as string[],
    coveredTopics: Object.freeze([...context.coveredTopics]) as string[],
    pendingClarify: context.pendingClarify
      ? (Object.freeze(context.pendingClarify.map((a) => Object.freeze({ ...a }))) as Alternative[])
      : null,
  });
}

/**
 * An in-process LRU store with idle expiry: O(1) per operation, no timers.
 * Every touch moves an entry to the end of the Map, so insertion order is also expiry order
 * and expired entries are pruned from the front.
 */
export function createMemoryContextStore(options: MemoryContextStoreOptions): ConversationStore & {
  readonly size: number;
} {
  const { maxEntries, ttlMs, now = Date.now } = options;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError(`maxEntries must be a whole number of at least 1, got ${maxEntries}`);
  }
  if (!(ttlMs > 0)) throw new RangeError(`ttlMs must be a positive number of milliseconds, got ${ttlMs}`);
  const entries = new Map<string, Entry>();

  function touch(id: string, context: ConversationContext, at: number): void {
    entries.delete(id);
    entries.set(id, { context, expiresAt: at + ttlMs });
  }

  function pruneExpired(at: number): void {
    for (const [id, entry] of entries) {
      if (entry.expiresAt > at) return;
      entries.delete(id);
    }
  }

  return {
    get size() {
      return entries.size;
    },
    async get(conversationId) {
      const at = now();
      const entry = entries.get(conversationId);
      if (entry === undefined) return undefined;
      if (entry.expiresAt <= at) {
        entries.delete(conversationId);
        return undefined;
      }
      touch(conversationId, entry.context, at);
      return entry.context;
    },
    async set(conversationId, context) {
      const at = now();
      pruneExpired(at);
      touch(conversationId, frozenCopy(context), at);
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
  };
}
