import type { Logger } from "pino";

/**
 * A warning logged at most once per `intervalMs` per message, with how many were suppressed:
 * a down Redis fails every request, and one line per request would flood the logs.
 */
export function createWarnOnce(
  logger: Logger,
  intervalMs: number,
  now: () => number = Date.now,
): (fields: Record<string, unknown>, message: string) => void {
  const last = new Map<string, { at: number; suppressed: number }>();
  return (fields, message) => {
    const at = now();
    const seen = last.get(message);
    if (seen !== undefined && at - seen.at < intervalMs) {
      seen.suppressed++;
      return;
    }
    logger.warn({ ...fields, suppressed: seen?.suppressed ?? 0 }, message);
    last.set(message, { at, suppressed: 0 });
  };
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Store calls that must never fail a turn: a failure is warned about, and a read answers `fallback`. */
export interface FailSoft {
  read<T>(call: () => Promise<T>, message: string, fallback: T): Promise<T>;
  write(call: () => Promise<unknown>, message: string): Promise<void>;
}

/**
 * A `FailSoft` whose warnings (throttled as `createWarnOnce` does, every 5 s) carry the error's
 * message and `fields`: `read(() => redis.get(key), "read failed", undefined)`.
 */
export function createFailSoft(logger: Logger, fields: Record<string, unknown> = {}): FailSoft {
  const warn = createWarnOnce(logger, 5_000);
  return {
    async read(call, message, fallback) {
      try {
        return await call();
      } catch (error) {
        warn({ err: reason(error), ...fields }, message);
        return fallback;
      }
    },
    async write(call, message) {
      try {
        await call();
      } catch (error) {
        warn({ err: reason(error), ...fields }, message);
      }
    },
  };
}
