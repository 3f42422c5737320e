import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { OptOutStore, SmsSession, SmsSessionStore } from "../../channels/sms/state.ts";
import { createWarnOnce } from "./warn-throttle.ts";

const OPT_OUT = (userId: string) => `sms:optout:${userId}`;
const SESSION = (userId: string) => `sms:session:${userId}`;
const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * SMS opt-outs in Redis, kept until the number texts START. With Redis down a check answers
 * "not opted out" (Twilio itself blocks replies to numbers that sent STOP) and a STOP is logged.
 */
export function createRedisOptOutStore(redis: Redis, logger: Logger): OptOutStore {
  const warn = createWarnOnce(logger, 5_000);
  return {
    async has(userId) {
      try {
        return (await redis.exists(OPT_OUT(userId))) === 1;
      } catch (error) {
        warn(
          { err: reason(error), channel: "sms" },
          "sms opt-out check failed: Twilio's own STOP list applies",
        );
        return false;
      }
    },
    async add(userId) {
      try {
        await redis.set(OPT_OUT(userId), "1");
      } catch (error) {
        warn({ err: reason(error), channel: "sms" }, "sms opt-out not saved: Twilio's own STOP list applies");
      }
    },
    async delete(userId) {
      try {
        await redis.del(OPT_OUT(userId));
      } catch (error) {
        warn({ err: reason(error), channel: "sms" }, "sms opt-in not saved");
      }
    },
  };
}

/** MORE pages and numbered choices in Redis with an idle TTL; a failure loses only the page. */
export function createRedisSmsSessionStore(
  redis: Redis,
  logger: Logger,
  options: { ttlMs: number },
): SmsSessionStore {
  const warn = createWarnOnce(logger, 5_000);
  return {
    async get(userId) {
      try {
        const json = await redis.get(SESSION(userId));
        return json === null ? undefined : (JSON.parse(json) as SmsSession);
      } catch (error) {
        warn({ err: reason(error), channel: "sms" }, "sms session read failed: starting fresh");
        return undefined;
      }
    },
    async set(userId, session) {
      try {
        await redis.set(SESSION(userId), JSON.stringify(session), "PX", options.ttlMs);
      } catch (error) {
        warn({ err: reason(error), channel: "sms" }, "sms session write failed");
      }
    },
    async delete(userId) {
      try {
        await redis.del(SESSION(userId));
      } catch (error) {
        warn({ err: reason(error), channel: "sms" }, "sms session delete failed");
      }
    },
  };
}
