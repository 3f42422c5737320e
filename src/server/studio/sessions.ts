import { randomBytes, timingSafeEqual } from "node:crypto";
import type { ConversationContext } from "../../dialog/types.ts";
import { STUDIO_DEFAULTS } from "./defaults.ts";

/** One signed-in editor: who they said they are, their CSRF token, their Try-it conversation. */
export interface Session {
  id: string;
  who: string;
  csrf: string;
  lastSeen: number;
  tryContext: ConversationContext | null;
}

export interface SessionStore {
  create(who: string): Session;
  /** The live session with this id, touched; undefined when unknown or idle too long. */
  get(id: string | undefined): Session | undefined;
  delete(id: string): void;
}

/** 32 random bytes, URL-safe: session ids and CSRF tokens. */
export const randomToken = () => randomBytes(32).toString("base64url");

/** Compares secrets in constant time, so response timing reveals nothing about them. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Sessions in this process's memory: a restart signs everyone out, which is the safe direction. */
export function createSessionStore(now: () => number = Date.now): SessionStore {
  const sessions = new Map<string, Session>();
  return {
    create(who) {
      if (sessions.size >= STUDIO_DEFAULTS.maxSessions) {
        const oldest = [...sessions.values()].sort((a, b) => a.lastSeen - b.lastSeen)[0];
        if (oldest) sessions.delete(oldest.id);
      }
      const session: Session = {
        id: randomToken(),
        who,
        csrf: randomToken(),
        lastSeen: now(),
        tryContext: null,
      };
      sessions.set(session.id, session);
      return session;
    },
    get(id) {
      if (!id) return undefined;
      const session = sessions.get(id);
      if (!session) return undefined;
      if (now() - session.lastSeen > STUDIO_DEFAULTS.sessionIdleMs) {
        sessions.delete(id);
        return undefined;
      }
      session.lastSeen = now();
      return session;
    },
    delete(id) {
      sessions.delete(id);
    },
  };
}
