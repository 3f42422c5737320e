import type { ChatResponse, SendFailure } from "./types.ts";

export type SendResult =
  | { ok: true; response: ChatResponse }
  | { ok: false; failure: Exclude<SendFailure, "rate-limited"> }
  | { ok: false; failure: "rate-limited"; retryAfterSeconds: number };

export const API_LIMITS = Object.freeze({
  timeoutMs: 20_000,
  /** A 429 without a readable Retry-After waits this long. */
  defaultRetryAfterSeconds: 10,
  /** A longer Retry-After is capped: nobody watches a countdown for an hour. */
  maxRetryAfterSeconds: 300,
});

// A function, not a field read, so TypeScript does not narrow it across the await.
const isOffline = () => navigator.onLine === false;

/** "30" => 30; "Wed, 21 Oct 2026 07:28:00 GMT" => seconds until then; junk => the default. At least 1. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number {
  const { defaultRetryAfterSeconds, maxRetryAfterSeconds } = API_LIMITS;
  const value = header?.trim() ?? "";
  let seconds: number = defaultRetryAfterSeconds;
  if (/^\d+$/.test(value)) seconds = Number(value);
  // An HTTP date names its day and month; Date.parse alone would also take "-5" or "1.5".
  else if (/[a-z]{3}/i.test(value) && !Number.isNaN(Date.parse(value))) {
    seconds = Math.ceil((Date.parse(value) - now) / 1000);
  }
  return Math.min(maxRetryAfterSeconds, Math.max(1, seconds));
}

/** POSTs one message to `${api}/api/chat`; every way it can fail is a value, never a throw. */
export async function postChat(
  api: string,
  body: { conversationId: string | undefined; text: string },
): Promise<SendResult> {
  if (isOffline()) return { ok: false, failure: "offline" };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), API_LIMITS.timeoutMs);
  try {
    const response = await fetch(`${api}/api/chat`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      signal: controller.signal,
      credentials: "omit",
    });
    if (response.status === 429) {
      const wait = retryAfterSeconds(response.headers.get("Retry-After"));
      return { ok: false, failure: "rate-limited", retryAfterSeconds: wait };
    }
    if (!response.ok) return { ok: false, failure: response.status >= 500 ? "server" : "rejected" };
    const data = (await response.json()) as ChatResponse;
    if (typeof data?.conversationId !== "string" || typeof data.reply?.text !== "string") {
      return { ok: false, failure: "server" };
    }
    return { ok: true, response: data };
  } catch (error) {
    // fetch rejects on connection failure and abort; which one decides the wording.
    if (controller.signal.aborted) return { ok: false, failure: "timeout" };
    if (isOffline()) return { ok: false, failure: "offline" };
    return { ok: false, failure: error instanceof SyntaxError ? "server" : "network" };
  } finally {
    clearTimeout(timer);
  }
}

export const FAILURE_TEXT: Record<SendFailure, string> = {
  offline: "Not sent: you appear to be offline.",
  network: "Not sent: we couldn't reach the assistant.",
  timeout: "Not sent: the assistant took too long to answer.",
  server: "Not sent: something went wrong on our side.",
  rejected: "Not sent: the assistant couldn't accept this message.",
  "rate-limited": "Not sent yet: too many messages in a short time.",
};
