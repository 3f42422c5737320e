import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { TwilioParams } from "./twilio-adapter.ts";

let signatureFailures = 0;

/** Requests rejected for a missing or wrong X-Twilio-Signature since start, for metrics. */
export function smsSignatureFailures(): number {
  return signatureFailures;
}

export function recordSignatureFailure(): void {
  signatureFailures += 1;
}

/**
 * Twilio's request signature: base64(HMAC-SHA1(authToken, url + each POST key and value, keys sorted)).
 * A repeated key contributes each distinct value, sorted: ("u", {b:"2", a:"1"}) signs "ua1b2".
 */
export function computeTwilioSignature(authToken: string, url: string, params: TwilioParams): string {
  let data = url;
  for (const key of Object.keys(params).sort()) {
    const value = params[key]!;
    const values = Array.isArray(value) ? [...new Set(value)].sort() : [value];
    for (const v of values) data += key + v;
  }
  return createHmac("sha1", authToken).update(Buffer.from(data, "utf-8")).digest("base64");
}

// Twilio may have signed the URL with or without the default port ("https://h/x" vs "https://h:443/x").
function portVariants(url: string): string[] {
  const match = /^(https?):\/\/([^/?#]*)(.*)$/i.exec(url);
  if (!match) return [url];
  const [, scheme, authority, rest] = match as unknown as [string, string, string, string];
  const defaultPort = scheme.toLowerCase() === "https" ? "443" : "80";
  const host = authority.replace(/:\d+$/, "");
  const port = /:(\d+)$/.exec(authority)?.[1];
  if (port && port !== defaultPort) return [url];
  return [...new Set([url, `${scheme}://${host}${rest}`, `${scheme}://${host}:${defaultPort}${rest}`])];
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** True when `signature` is what Twilio would send for this URL and these parameters. */
export function isValidTwilioSignature(
  authToken: string,
  signature: string | undefined,
  url: string,
  params: TwilioParams,
): boolean {
  if (!signature) return false;
  let valid = false;
  // Every variant is checked (no early exit) so timing does not reveal which one matched.
  for (const candidate of portVariants(url)) {
    if (safeEqual(computeTwilioSignature(authToken, candidate, params), signature)) valid = true;
  }
  return valid;
}

/** What an Express request looks like here; a bare IncomingMessage works too. */
export type SmsRequest = IncomingMessage & { body?: unknown; originalUrl?: string; protocol?: string };

/**
 * The URL Twilio signed: `publicUrl` + path when the app sits behind a proxy that rewrites host or
 * scheme ("https://bot.example.com" + "/api/sms"), else the request's own protocol, host and path.
 */
export function signedUrl(req: SmsRequest, publicUrl?: string): string {
  const path = req.originalUrl ?? req.url ?? "/";
  if (publicUrl) return publicUrl.replace(/\/+$/, "") + path;
  const encrypted = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  const protocol = req.protocol ?? (encrypted ? "https" : "http");
  return `${protocol}://${req.headers.host ?? "localhost"}${path}`;
}
