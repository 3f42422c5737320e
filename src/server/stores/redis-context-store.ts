import type { Redis } from "ioredis";
import type { ConversationContext, ConversationStore } from "../../dialog/types.ts";

const KEY = (conversationId: string) => `ctx:${conversationId}`;

/** Conversation contexts as JSON with an idle TTL, shared by every instance using the same Redis. */
export function createRedisContextStore(redis: Redis, options: { ttlMs: number }): ConversationStore {
  return {
    async get(conversationId) {
      const json = await redis.get(KEY(conversationId));
      return json === null ? undefined : (JSON.parse(json) as ConversationContext);
    },
    async set(conversationId, context) {
      await redis.set(KEY(conversationId), JSON.stringify(context), "PX", options.ttlMs);
    },
  };
}
