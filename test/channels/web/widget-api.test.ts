import { describe, expect, it } from "vitest";
import { API_LIMITS, retryAfterSeconds } from "../../../src/channels/web/widget/api.ts";

describe("how long the widget waits after a 429", () => {
  const now = Date.parse("2026-10-21T07:28:00Z");

  it("reads Retry-After in seconds or as an HTTP date", () => {
    expect(retryAfterSeconds("30", now)).toBe(30);
    expect(retryAfterSeconds(" 7 ", now)).toBe(7);
    expect(retryAfterSeconds("Wed, 21 Oct 2026 07:28:45 GMT", now)).toBe(45);
  });

  it("waits at least a second and at most the cap", () => {
    expect(retryAfterSeconds("0", now)).toBe(1);
    expect(retryAfterSeconds("Wed, 21 Oct 2026 07:00:00 GMT", now)).toBe(1);
    expect(retryAfterSeconds("86400", now)).toBe(API_LIMITS.maxRetryAfterSeconds);
  });

  it("waits the default when the header is missing or unreadable", () => {
    for (const header of [null, "", "soon", "-5", "1.5"]) {
      expect(retryAfterSeconds(header, now)).toBe(API_LIMITS.defaultRetryAfterSeconds);
    }
  });
});
