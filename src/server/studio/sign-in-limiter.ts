import { STUDIO_DEFAULTS } from "./defaults.ts";

/** Addresses remembered at once; beyond this the stalest are forgotten first. */
const MAX_ADDRESSES = 10_000;

export interface SignInLimiter {
  /** Seconds until `key` may try again, or 0 when it may try now. */
  waitSeconds(key: string): number;
  recordFailure(key: string): void;
}

/** Counts failed sign-ins per address in a sliding window: a right password never uses up the budget. */
export function createSignInLimiter(now: () => number = Date.now): SignInLimiter {
  const { signInAttempts: limit, signInWindowMs: windowMs } = STUDIO_DEFAULTS;
  const failures = new Map<string, number[]>();
  const recent = (key: string) => (failures.get(key) ?? []).filter((time) => now() - time < windowMs);
  return {
    waitSeconds(key) {
      const times = recent(key);
      if (times.length < limit) return 0;
      return Math.max(1, Math.ceil((times[0]! + windowMs - now()) / 1000));
    },
    recordFailure(key) {
      const times = recent(key);
      times.push(now());
      failures.delete(key);
      failures.set(key, times);
      if (failures.size > MAX_ADDRESSES) failures.delete(failures.keys().next().value!);
    },
  };
}
