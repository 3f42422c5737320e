import { Redis } from "ioredis";
import type { Logger } from "pino";
import { createWarnOnce } from "./warn-throttle.ts";

/** Every key this app writes starts with this, so one Redis can serve other apps too. */
export const REDIS_KEY_PREFIX = "needle-faq-bot:";

/**
 * A client that fails fast instead of queueing: a command on a down Redis errors within
 * `commandTimeout` (or at once when disconnected), and the caller answers without context.
 * It keeps reconnecting in the background, so context resumes when Redis is back.
 */
export function createRedisClient(url: string, logger: Logger): Redis {
  const warn = createWarnOnce(logger, 5_000);
  const redis = new Redis(url, {
    keyPrefix: REDIS_KEY_PREFIX,
    connectTimeout: 1_000,
    commandTimeout: 500,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
  });
  redis.on("error", (error: Error) => warn({ err: error.message }, "redis connection error"));
  redis.on("ready", () => logger.info({}, "redis connected"));
  return redis;
}

/** Resolves when the client is connected, or after `timeoutMs` (the app starts anyway, degraded). */
export function waitForRedis(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === "ready") return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      redis.off("ready", onReady);
      resolve(ok);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    redis.on("ready", onReady);
  });
}

/** QUIT when connected (pending replies arrive first), otherwise drop the connection. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === "ready") {
    try {
      await redis.quit();
      return;
    } catch (error) {
      // Already closing or a timeout: fall through to disconnect, the process is stopping anyway.
      void error;
    }
  }
  redis.disconnect();
}
