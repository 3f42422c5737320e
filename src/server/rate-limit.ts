import type { Request, RequestHandler } from "express";
import { sendJsonError } from "../channels/web/json-error.ts";

export const RATE_WINDOW_MS = 60_000;
/** Clients remembered per limiter; past this the oldest windows are forgotten first. */
export const MAX_RATE_KEYS = 20_000;

export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until the client's window resets (at least 1 when refused). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Counts one request for `key` and says whether it is within the limit. */
  hit(key: string): RateDecision;
  /** Clients currently remembered. */
  size(): number;
}

export interface RateLimiterOptions {
  /** Requests allowed per key per window; 0 allows everything (limiting off). */
  limit: number;
  windowMs?: number;
  maxKeys?: number;
  now?: () => number;
}

interface Window {
  start: number;
  count: number;
}

/**
 * A fixed-window counter per key, in memory. A key's entry is re-inserted when its window restarts, so
 * the map stays ordered by window start: expired entries are swept from the front on each hit, and when
 * more than `maxKeys` clients are active the oldest windows are dropped. No timers.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { limit } = options;
  const windowMs = options.windowMs ?? RATE_WINDOW_MS;
  const maxKeys = options.maxKeys ?? MAX_RATE_KEYS;
  const now = options.now ?? Date.now;
  const windows = new Map<string, Window>();

  function sweep(time: number): void {
    for (const [key, window] of windows) {
      if (time - window.start < windowMs && windows.size <= maxKeys) return;
      windows.delete(key);
    }
  }

  return {
    hit(key) {
      if (limit <= 0) return { allowed: true, retryAfterSeconds: 0 };
      const time = now();
      let window = windows.get(key);
      if (window === undefined || time - window.start >= windowMs) {
        windows.delete(key);
        window = { start: time, count: 0 };
        windows.set(key, window);
      }
      sweep(time);
      window.count += 1;
      const retryAfterSeconds = Math.max(1, Math.ceil((window.start + windowMs - time) / 1000));
      return { allowed: window.count <= limit, retryAfterSeconds };
    },
    size: () => windows.size,
  };
}

/** The client's address as express sees it: the socket's, or X-Forwarded-For's only under TRUST_PROXY. */
export const clientIp = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? "unknown";

/**
 * Express middleware: refuses a client over its limit with 429, `Retry-After` and a JSON error, before
 * the body is read.
 */
export function rateLimitByIp(limiter: RateLimiter): RequestHandler {
  return (req, res, next) => {
    const decision = limiter.hit(`ip:${clientIp(req)}`);
    if (decision.allowed) {
      next();
      return;
    }
    res.set("Retry-After", String(decision.retryAfterSeconds));
    sendJsonError(
      res,
      429,
      "rate_limited",
      `Too many messages. Please wait ${decision.retryAfterSeconds} seconds and try again.`,
    );
  };
}
