import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { OptOutStore, SeenMessages, SmsSession, SmsSessionStore } from "../../channels/sms/state.ts";
import { createFailSoft } from "./warn-throttle.ts";

const OPT_OUT = (userId: string) => `sms:optout:${userId}`;
const SEEN = (sid: string) => `sms:seen:${sid}`;
/** How long an answered MessageSid is remembered: replays after a day are not worth a key each. */
export const SEEN_MESSAGE_TTL_MS = 24 * 60 * 60_000;

/**
 * Answered MessageSids in Redis (SET NX with a TTL), so a replay to any instance gets nothing. With
 * Redis down the check says "new": a replay then costs an answer, never a lost one.
 */
export function createRedisSeenMessages(redis: Redis, logger: Logger): SeenMessages {
  const soft = createFailSoft(logger, { channel: "sms" });
  return {
    firstSeen: (sid) =>
      soft.read(
        async () => (await redis.set(SEEN(sid), "1", "PX", SEEN_MESSAGE_TTL_MS, "NX")) === "OK",
        "sms replay check failed: answering",
        true,
      ),
  };
}
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
