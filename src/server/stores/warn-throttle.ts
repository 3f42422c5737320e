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
