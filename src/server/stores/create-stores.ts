import type { Storage } from "botbuilder";
import type { Logger } from "pino";
import type { OptOutStore, SmsSessionStore } from "../../channels/sms/state.ts";
import type { Config } from "../../config.ts";
import { createMemoryContextStore } from "../../dialog/memory-context-store.ts";
import type { ConversationStore } from "../../dialog/types.ts";
import { closeRedis, createRedisClient, waitForRedis } from "./redis-client.ts";
import { createRedisContextStore } from "./redis-context-store.ts";
import { createRedisOptOutStore, createRedisSmsSessionStore } from "./redis-sms.ts";
import { resilientContextStore, resilientStorage } from "./resilient.ts";
import { createBoundedMemoryStorage, createRedisTeamsStorage } from "./teams-storage.ts";

export interface Stores {
  kind: "redis" | "memory";
  conversations: ConversationStore;
  teams: Storage;
  /** Only with Redis: otherwise the SMS channel keeps its own per-instance memory stores. */
  sms?: { optOuts: OptOutStore; sessions: SmsSessionStore };
  close(): Promise<void>;
}

export interface StoreLimits {
  /** Idle time after which a conversation is forgotten. */
  ttlMs: number;
  /** Most conversations kept in memory per channel (memory stores only; Redis uses its own maxmemory). */
  maxEntries: number;
}

/** Redis-backed, shared stores when REDIS_URL is set; bounded in-memory ones otherwise. */
export async function createStores(
  config: Pick<Config, "redisUrl">,
  logger: Logger,
  limits: StoreLimits,
): Promise<Stores> {
  if (config.redisUrl === undefined) {
    return {
      kind: "memory",
      conversations: createMemoryContextStore(limits),
      teams: createBoundedMemoryStorage(limits),
      close: async () => {},
    };
  }
  const redis = createRedisClient(config.redisUrl, logger);
  if (!(await waitForRedis(redis, 2_000))) {
    logger.warn({}, "redis is not reachable yet: answering without context until it is");
  }
  const ttl = { ttlMs: limits.ttlMs };
  return {
    kind: "redis",
    conversations: resilientContextStore(createRedisContextStore(redis, ttl), logger),
    teams: resilientStorage(createRedisTeamsStorage(redis, ttl), logger),
    sms: {
      optOuts: createRedisOptOutStore(redis, logger),
      sessions: createRedisSmsSessionStore(redis, logger, ttl),
    },
    close: () => closeRedis(redis),
  };
}
