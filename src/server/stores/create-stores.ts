import type { Storage } from "botbuilder";
import type { Logger } from "pino";
import type { OptOutStore, SeenMessages, SmsSessionStore } from "../../channels/sms/state.ts";
import type { Config } from "../../config.ts";
import { createMemoryContextStore } from "../../dialog/memory-context-store.ts";
import type { ConversationStore } from "../../dialog/types.ts";
import { createFileOptOutStore } from "./file-opt-outs.ts";
import { createBoundedMemoryStorage } from "./teams-storage.ts";

export interface Stores {
  kind: "redis" | "memory";
  conversations: ConversationStore;
  teams: Storage;
  /** Opt-outs in Redis or a file that survives restarts; pages and answered MessageSids in Redis or memory. */
  sms: { optOuts: OptOutStore; sessions?: SmsSessionStore; seenMessages?: SeenMessages };
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
  config: Pick<Config, "redisUrl"> & { sms: Pick<Config["sms"], "optOutFile"> },
  logger: Logger,
  limits: StoreLimits,
): Promise<Stores> {
  if (config.redisUrl === undefined) {
    return {
      kind: "memory",
      conversations: createMemoryContextStore(limits),
      teams: createBoundedMemoryStorage(limits),
      // A STOP is a legal obligation: it outlives a restart even without Redis.
      sms: { optOuts: await createFileOptOutStore(config.sms.optOutFile) },
      close: async () => {},
    };
  }
  // ioredis loads only when used: it is a tenth of the server's start-up otherwise.
  const [
    { closeRedis, createRedisClient, waitForRedis },
    { createRedisContextStore },
    { createRedisOptOutStore, createRedisSeenMessages, createRedisSmsSessionStore },
    { resilientContextStore, resilientStorage },
    { createRedisTeamsStorage },
  ] = await Promise.all([
    import("./redis-client.ts"),
    import("./redis-context-store.ts"),
    import("./redis-sms.ts"),
    import("./resilient.ts"),
    import("./teams-storage.ts"),
  ]);
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
      seenMessages: createRedisSeenMessages(redis, logger),
    },
    close: () => closeRedis(redis),
  };
}
