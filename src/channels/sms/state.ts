import { createHmac } from "node:crypto";

/**
 * "+1 555 123 4567" => "sms-3f0c…" (32 hex digits of HMAC-SHA256 under `key`, the SMS_HASH_SECRET): the only
 * form a phone number takes in state, keys and logs. Without the key, a hash cannot be reversed by trying
 * every number.
 */
export function hashPhoneNumber(phone: string, key: string): string {
  const normalized = phone.replace(/[\s().-]/g, "");
  return "sms-" + createHmac("sha256", key).update(normalized).digest("hex").slice(0, 32);
}

/** A phone number as Twilio sends it: "+" and 7 to 15 digits, the first not 0 (E.164). */
export const E164 = /^\+[1-9]\d{6,14}$/;

/** Whether a webhook's MessageSid is new: Twilio gives every message its own, so a repeat is a replay. */
export interface SeenMessages {
  /** True the first time `sid` is given within the window, false after. */
  firstSeen(sid: string): Promise<boolean>;
}

/** Remembers MessageSids for `windowMs` (default 24 h), at most `maxEntries` (default 100,000), oldest dropped first. */
export function createMemorySeenMessages(
  options: { windowMs?: number; maxEntries?: number; now?: () => number } = {},
): SeenMessages {
  const windowMs = options.windowMs ?? 24 * 60 * 60_000;
  const maxEntries = options.maxEntries ?? 100_000;
  const now = options.now ?? Date.now;
  const seen = new Map<string, number>();
  return {
    async firstSeen(sid) {
      const at = now();
      for (const [old, time] of seen) {
        if (at - time < windowMs && seen.size < maxEntries) break;
        seen.delete(old);
      }
      if (seen.has(sid)) return false;
      seen.set(sid, at);
      return true;
    },
  };
}

/** Who has texted STOP: memory by default, anything shared (Redis) across instances. Keys are hashed numbers. */
export interface OptOutStore {
  has(userId: string): Promise<boolean>;
  add(userId: string): Promise<void>;
  delete(userId: string): Promise<void>;
}

export function createMemoryOptOutStore(): OptOutStore {
  const optedOut = new Set<string>();
  return {
    has: async (userId) => optedOut.has(userId),
    add: async (userId) => {
      optedOut.add(userId);
    },
    delete: async (userId) => {
      optedOut.delete(userId);
    },
  };
}

/** SMS-only state between texts, kept apart from the engine's ConversationContext. */
export interface SmsSession {
  /** Text not yet sent, delivered when the user replies MORE. */
  rest: string | null;
  /** What "1", "2"… stand for after a reply that offered numbered choices. */
  choices: string[];
  /** The first-contact disclosure has been sent. */
  disclosed: boolean;
}

export interface SmsSessionStore {
  get(userId: string): Promise<SmsSession | undefined>;
  set(userId: string, session: SmsSession): Promise<void>;
  delete(userId: string): Promise<void>;
}

export interface MemorySessionOptions {
  /** A session idle longer than this is forgotten (MORE then has nothing to send). Default 30 minutes. */
  ttlMs?: number;
  /** Oldest sessions are dropped beyond this many numbers. Default 10,000. */
  maxEntries?: number;
  now?: () => number;
}

export function createMemorySmsSessionStore(options: MemorySessionOptions = {}): SmsSessionStore {
  const ttlMs = options.ttlMs ?? 30 * 60_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  // Map keeps insertion order; re-inserting on write makes the first key the least recently written.
  const sessions = new Map<string, { session: SmsSession; expiresAt: number }>();
  return {
    async get(userId) {
      const entry = sessions.get(userId);
      if (!entry) return undefined;
      if (entry.expiresAt <= now()) {
        sessions.delete(userId);
        return undefined;
      }
      return entry.session;
    },
    async set(userId, session) {
      sessions.delete(userId);
      sessions.set(userId, { session, expiresAt: now() + ttlMs });
      while (sessions.size > maxEntries) {
        const oldest = sessions.keys().next().value;
        if (oldest === undefined) break;
        sessions.delete(oldest);
      }
    },
    async delete(userId) {
      sessions.delete(userId);
    },
  };
}
