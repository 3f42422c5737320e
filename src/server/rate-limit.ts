import type { Request, RequestHandler } from "express";
import ipaddr from "ipaddr.js";
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
 * A short, bounded rate-limit key for an address, or undefined when it is not one: "::ffff:10.0.0.1" →
 * "ip:10.0.0.1"; an IPv6 address → its /64 ("ip:2001:db8:0:1::/64"), which one household usually holds.
 */
export function addressKey(address: string): string | undefined {
  if (address.length > 64 || !ipaddr.isValid(address)) return undefined;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === "ipv4") return `ip:${parsed.toString()}`;
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `ip:${new ipaddr.IPv6([...parts, 0, 0, 0, 0]).toString()}/64`;
}

function refuse(res: Parameters<RequestHandler>[1], decision: RateDecision, what: string): void {
  res.set("Retry-After", String(decision.retryAfterSeconds));
  sendJsonError(
    res,
    429,
    "rate_limited",
    `Too many ${what}. Please wait ${decision.retryAfterSeconds} seconds and try again.`,
  );
}

/**
 * Express middleware: refuses a client over its limit with 429, `Retry-After` and a JSON error, before
 * the body is read. A client address that is not an IP (a forwarded header full of anything, under a
 * TRUST_PROXY that counts more proxies than there are) is refused with 400, never made a key.
 */
export function rateLimitByIp(limiter: RateLimiter, what = "messages"): RequestHandler {
  return (req, res, next) => {
    const key = addressKey(clientIp(req));
    if (key === undefined) {
      sendJsonError(
        res,
        400,
        "invalid_client_address",
        "The client address is not an IP address: check X-Forwarded-For and the proxy count in TRUST_PROXY.",
      );
      return;
    }
    const decision = limiter.hit(key);
    if (decision.allowed) next();
    else refuse(res, decision, what);
  };
}

/**
 * After the body is read: refuses a widget conversation over its own limit (429, `Retry-After`), so
 * patients sharing one address (clinic Wi-Fi) each keep their allowance. A message starting a new
 * conversation counts only against the looser per-address ceiling.
 */
export function rateLimitByConversation(limiter: RateLimiter): RequestHandler {
  return (req, res, next) => {
    const id = (req.body as { conversationId?: unknown } | undefined)?.conversationId;
    // The chat route refuses a malformed id with 400; only a well-formed one is a key.
    if (typeof id !== "string" || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
      next();
      return;
    }
    const decision = limiter.hit(`web:${id}`);
    if (decision.allowed) next();
    else refuse(res, decision, "messages in this conversation");
  };
}
