import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { OptOutStore, SmsSession, SmsSessionStore } from "../../channels/sms/state.ts";
import { createFailSoft } from "./warn-throttle.ts";

const OPT_OUT = (userId: string) => `sms:optout:${userId}`;
const SESSION = (userId: string) => `sms:session:${userId}`;

/**
 * SMS opt-outs in Redis, kept until the number texts START. With Redis down a check answers
 * "not opted out" (Twilio itself blocks replies to numbers that sent STOP) and a STOP is logged.
 */
export function createRedisOptOutStore(redis: Redis, logger: Logger): OptOutStore {
  const soft = createFailSoft(logger, { channel: "sms" });
  return {
    has: (userId) =>
      soft.read(
        async () => (await redis.exists(OPT_OUT(userId))) === 1,
        "sms opt-out check failed: Twilio's own STOP list applies",
        false,
      ),
    add: (userId) =>
      soft.write(
        () => redis.set(OPT_OUT(userId), "1"),
        "sms opt-out not saved: Twilio's own STOP list applies",
      ),
    delete: (userId) => soft.write(() => redis.del(OPT_OUT(userId)), "sms opt-in not saved"),
  };
}

/** MORE pages and numbered choices in Redis with an idle TTL; a failure loses only the page. */
export function createRedisSmsSessionStore(
  redis: Redis,
  logger: Logger,
  options: { ttlMs: number },
): SmsSessionStore {
  const soft = createFailSoft(logger, { channel: "sms" });
  return {
    get: (userId) =>
      soft.read(
        async () => {
          const json = await redis.get(SESSION(userId));
          return json === null ? undefined : (JSON.parse(json) as SmsSession);
        },
        "sms session read failed: starting fresh",
        undefined,
      ),
    set: (userId, session) =>
      soft.write(
        () => redis.set(SESSION(userId), JSON.stringify(session), "PX", options.ttlMs),
        "sms session write failed",
      ),
    delete: (userId) => soft.write(() => redis.del(SESSION(userId)), "sms session delete failed"),
  };
}
