import { createHash } from "node:crypto";
import type { Storage, StoreItems } from "botbuilder";
import type { Redis } from "ioredis";

// botbuilder's keys hold the Teams conversation id ("msteams/conversations/a:1Fk…/"): hashed, as in the logs.
const KEY = (key: string) => `teams:${createHash("sha256").update(key).digest("hex").slice(0, 32)}`;

/**
 * botbuilder Storage on Redis: each item as JSON with an idle TTL. Last write wins (no eTag check):
 * a conversation's turns arrive one at a time, and the state is only follow-up context.
 */
export function createRedisTeamsStorage(redis: Redis, options: { ttlMs: number }): Storage {
  return {
    async read(keys) {
      const items: StoreItems = {};
      if (keys.length === 0) return items;
      const values = await redis.mget(keys.map(KEY));
      keys.forEach((key, i) => {
        const json = values[i];
        if (json !== null && json !== undefined) items[key] = JSON.parse(json);
      });
      return items;
    },
    async write(changes) {
      const entries = Object.entries(changes);
      if (entries.length === 0) return;
      const batch = redis.multi();
      for (const [key, value] of entries) batch.set(KEY(key), JSON.stringify(value), "PX", options.ttlMs);
      const results = await batch.exec();
      const failed = results?.find(([error]) => error !== null);
      if (results === null || failed) throw failed?.[0] ?? new Error("redis transaction aborted");
    },
    async delete(keys) {
      if (keys.length > 0) await redis.del(...keys.map(KEY));
    },
  };
}

/**
 * botbuilder's MemoryStorage keeps every conversation forever; this one keeps at most `maxEntries`
 * (least recently used dropped first), each forgotten after `ttlMs` idle.
 */
export function createBoundedMemoryStorage(options: {
  maxEntries: number;
  ttlMs: number;
  now?: () => number;
}): Storage & { readonly size: number } {
  const { maxEntries, ttlMs, now = Date.now } = options;
  const entries = new Map<string, { json: string; expiresAt: number }>();
  return {
    get size() {
      return entries.size;
    },
    async read(keys) {
      const at = now();
      const items: StoreItems = {};
      for (const key of keys) {
        const entry = entries.get(key);
        if (entry === undefined) continue;
        if (entry.expiresAt <= at) entries.delete(key);
        else items[key] = JSON.parse(entry.json);
      }
      return items;
    },
    async write(changes) {
      const at = now();
      for (const [id, entry] of entries) {
        if (entry.expiresAt > at) break;
        entries.delete(id);
      }
      for (const [key, value] of Object.entries(changes)) {
        entries.delete(key);
        entries.set(key, { json: JSON.stringify(value), expiresAt: at + ttlMs });
      }
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
    async delete(keys) {
      for (const key of keys) entries.delete(key);
    },
  };
}
