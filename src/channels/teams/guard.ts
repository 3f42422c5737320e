// Checks on an inbound activity before botbuilder sees it: where a reply may go, and how long a token may live.

/**
 * Where Bot Framework channels post from: Teams (public and government clouds) and the Bot Framework
 * services. `*.` matches any subdomain. Extended by TEAMS_SERVICE_URL_HOSTS.
 */
export const BOT_FRAMEWORK_HOSTS: readonly string[] = Object.freeze([
  "smba.trafficmanager.net",
  "*.botframework.com",
  "*.botframework.azure.us",
  "*.teams.microsoft.com",
  "*.teams.microsoft.us",
]);

export const TEAMS_GUARD_DEFAULTS = Object.freeze({
  /** Bot Framework's tokens last about an hour; a day allows for clock skew, never a token for years. */
  maxTokenLifetimeSeconds: 24 * 60 * 60,
});

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

function hostMatches(host: string, pattern: string): boolean {
  const wanted = pattern.toLowerCase();
  return wanted.startsWith("*.")
    ? host.endsWith(wanted.slice(1)) && host.length > wanted.length - 1
    : host === wanted;
}

/** What a serviceUrl may be: loopback only (anonymous local testing), else https on an allowed host. */
export interface ServiceUrlPolicy {
  loopbackOnly: boolean;
  hosts: readonly string[];
}

/**
 * "https://smba.trafficmanager.net/emea/" → true; "http://127.1:6379/" → false unless loopbackOnly;
 * an https URL with a user name, another port or a host off the list → false.
 */
export function isAllowedServiceUrl(value: unknown, policy: ServiceUrlPolicy): boolean {
  if (typeof value !== "string" || !URL.canParse(value)) return false;
  const url = new URL(value);
  if (url.username !== "" || url.password !== "") return false;
  if (policy.loopbackOnly) return LOOPBACK.has(url.hostname) && /^https?:$/.test(url.protocol);
  if (url.protocol !== "https:" || url.port !== "") return false;
  return policy.hosts.some((pattern) => hostMatches(url.hostname.toLowerCase(), pattern));
}

/**
 * Why a bearer token's lifetime is refused, or undefined when it is bounded: botbuilder checks the
 * signature, issuer, audience and expiry, but accepts a token with no `exp`, or one valid for years.
 * Anything unreadable is left to botbuilder, which refuses it.
 */
export function unboundedTokenLifetime(
  authorization: string,
  nowSeconds: number,
  maxLifetimeSeconds: number = TEAMS_GUARD_DEFAULTS.maxTokenLifetimeSeconds,
): string | undefined {
  const payload = /^Bearer\s+[^.\s]+\.([^.\s]+)\.[^.\s]*$/i.exec(authorization)?.[1];
  if (payload === undefined) return undefined;
  let claims: { exp?: unknown; iat?: unknown };
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as {
      exp?: unknown;
      iat?: unknown;
    };
  } catch {
    return undefined; // not JSON: botbuilder refuses it as malformed
  }
  if (claims === null || typeof claims !== "object") return undefined;
  if (typeof claims.exp !== "number") return "the token has no expiry (exp)";
  if (claims.exp - nowSeconds > maxLifetimeSeconds) return "the token expires too far in the future";
  if (typeof claims.iat === "number" && claims.exp - claims.iat > maxLifetimeSeconds)
    return "the token's lifetime is longer than a day";
  return undefined;
}
