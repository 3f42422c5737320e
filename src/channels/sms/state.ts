import { createHash } from "node:crypto";

/** Used when the configuration gives no salt; set one per deployment so hashes cannot be joined across. */
export const DEFAULT_PHONE_SALT = "needle-faq-bot/sms/v1";

/** "+1 555 123 4567" => "sms-3f0c…" (32 hex digits): the only form a phone number takes in state and logs. */
export function hashPhoneNumber(phone: string, salt: string = DEFAULT_PHONE_SALT): string {
  const normalized = phone.replace(/[\s().-]/g, "");
  return "sms-" + createHash("sha256").update(`${salt}\u0000${normalized}`).digest("hex").slice(0, 32);
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
