import { afterEach, describe, expect, it } from "vitest";
import { computeTwilioSignature } from "../../src/channels/sms/index.ts";
import { createRateLimiter } from "../../src/server/rate-limit.ts";
import { messageActivity, startConnector } from "../channels/teams/http.ts";
import { type FullServer, postSms, smsForm, startFullServer } from "./abuse-server.ts";

describe("createRateLimiter", () => {
  function clocked(limit: number, maxKeys?: number) {
    let time = 1_000_000;
    const limiter = createRateLimiter({ limit, windowMs: 60_000, now: () => time, maxKeys });
    return { limiter, advance: (ms: number) => (time += ms) };
  }

  it("allows the limit per window, then refuses with the seconds left", () => {
    const { limiter, advance } = clocked(3);
    expect([1, 2, 3].map(() => limiter.hit("a").allowed)).toEqual([true, true, true]);
    advance(15_500);
    expect(limiter.hit("a")).toEqual({ allowed: false, retryAfterSeconds: 45 });
    advance(44_500);
    expect(limiter.hit("a").allowed).toBe(true);
  });

  it("counts each key apart", () => {
    const { limiter } = clocked(1);
    expect(limiter.hit("a").allowed).toBe(true);
    expect(limiter.hit("a").allowed).toBe(false);
    expect(limiter.hit("b").allowed).toBe(true);
  });

  it("allows everything when the limit is 0, remembering nothing", () => {
    const { limiter } = clocked(0);
    for (let i = 0; i < 1000; i++) expect(limiter.hit("a").allowed).toBe(true);
    expect(limiter.size()).toBe(0);
  });

  it("forgets clients whose window has passed", () => {
    const { limiter, advance } = clocked(5);
    for (let i = 0; i < 500; i++) limiter.hit(`client-${i}`);
    expect(limiter.size()).toBe(500);
    advance(61_000);
    limiter.hit("late");
    expect(limiter.size()).toBe(1);
  });

  it("stays within maxKeys under a flood of new clients, dropping the oldest first", () => {
    const { limiter, advance } = clocked(1, 100);
    limiter.hit("first");
    for (let i = 0; i < 10_000; i++) {
      limiter.hit(`flood-${i}`);
      if (i % 100 === 0) advance(1);
    }
    expect(limiter.size()).toBeLessThanOrEqual(100);
    expect(limiter.hit("flood-9999").allowed).toBe(false);
    expect(limiter.hit("first").allowed).toBe(true);
  });
});

const chat = (server: FullServer, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/chat`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify({ text: "does it hurt?" }),
  });

describe("rate limiting over HTTP", () => {
  let server: FullServer;
  afterEach(async () => {
    expect(server.logs().filter((l) => l.level === "error")).toEqual([]);
    await server.close();
  });

  it("answers 429 with Retry-After and a JSON error once an IP passes RATE_LIMIT_PER_IP_PER_MINUTE on /api/chat", async () => {
    server = await startFullServer({ env: { RATE_LIMIT_PER_IP_PER_MINUTE: "3" } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await chat(server)).status);
    expect(statuses).toEqual([200, 200, 200]);
    const refused = await chat(server);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(refused.headers.get("x-content-type-options")).toBe("nosniff");
    expect(refused.headers.get("cache-control")).toBe("no-store");
    expect((await refused.json()).error).toEqual({
      code: "rate_limited",
      message: `Too many messages. Please wait ${retryAfter} seconds and try again.`,
    });
    expect(server.engine.inputs).toHaveLength(3);
  });

  it("counts malformed requests too, and refuses before reading the body", async () => {
    server = await startFullServer({ env: { RATE_LIMIT_PER_IP_PER_MINUTE: "2" } });
    const bad = () =>
      fetch(`${server.url}/api/chat`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: "{nope",
      });
    expect((await bad()).status).toBe(400);
    expect((await bad()).status).toBe(400);
    expect((await bad()).status).toBe(429);
  });

  it("sends the CORS header with a 429, so the widget on an allowed site can read it", async () => {
    server = await startFullServer({
      env: { RATE_LIMIT_PER_IP_PER_MINUTE: "1", WIDGET_ALLOWED_ORIGINS: "https://lumenskin.example" },
    });
    const origin = { Origin: "https://lumenskin.example" };
    expect((await chat(server, origin)).status).toBe(200);
    const refused = await chat(server, origin);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("access-control-allow-origin")).toBe("https://lumenskin.example");
  });

  it("ignores X-Forwarded-For unless TRUST_PROXY is set, so a client cannot pick a fresh key", async () => {
    server = await startFullServer({ env: { RATE_LIMIT_PER_IP_PER_MINUTE: "2" } });
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await chat(server, { "X-Forwarded-For": `10.0.0.${i}` })).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
  });

  it("keys on the forwarded client address behind a trusted proxy (TRUST_PROXY)", async () => {
    server = await startFullServer({ env: { RATE_LIMIT_PER_IP_PER_MINUTE: "1", TRUST_PROXY: "loopback" } });
    expect((await chat(server, { "X-Forwarded-For": "203.0.113.7" })).status).toBe(200);
    expect((await chat(server, { "X-Forwarded-For": "203.0.113.7" })).status).toBe(429);
    expect((await chat(server, { "X-Forwarded-For": "203.0.113.8" })).status).toBe(200);
    // One IPv6 household (a /64) is one client; an IPv4-mapped address is its IPv4 address.
    expect((await chat(server, { "X-Forwarded-For": "2001:db8:1:2::1" })).status).toBe(200);
    expect((await chat(server, { "X-Forwarded-For": "2001:db8:1:2:ffff::9" })).status).toBe(429);
    expect((await chat(server, { "X-Forwarded-For": "::ffff:203.0.113.8" })).status).toBe(429);
  });

  it("refuses a forwarded address that is not an IP, never keeping it as a key (a hop count set too high)", async () => {
    server = await startFullServer({ env: { RATE_LIMIT_PER_IP_PER_MINUTE: "5", TRUST_PROXY: "2" } });
    for (const garbage of ["x".repeat(12 * 1024), "not-an-ip", "1.2.3.4.5", "<script>"]) {
      const res = await chat(server, { "X-Forwarded-For": `${garbage}, 127.0.0.1` });
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe("invalid_client_address");
    }
    expect(server.engine.inputs).toHaveLength(0);
    expect((await chat(server, { "X-Forwarded-For": "198.51.100.1, 127.0.0.1" })).status).toBe(200);
  });

  it("keys the widget's limit per conversation, so patients sharing clinic Wi-Fi keep their own allowance", async () => {
    server = await startFullServer({
      env: { RATE_LIMIT_PER_MINUTE: "2", RATE_LIMIT_PER_IP_PER_MINUTE: "100" },
    });
    const say = (conversationId: string) =>
      fetch(`${server.url}/api/chat`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text: "does it hurt?", conversationId }),
      });
    // 30 patients behind one address, two messages each: all answered.
    const patients = Array.from({ length: 30 }, (_, i) => `patient-${String(i).padStart(4, "0")}`);
    for (const id of patients) for (let turn = 0; turn < 2; turn++) expect((await say(id)).status).toBe(200);
    const refused = await say(patients[0]!);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await refused.json()).error.message).toMatch(
      /^Too many messages in this conversation\. Please wait \d+ seconds/,
    );
  });

  it("still holds one address to the looser ceiling, however many conversations it opens", async () => {
    server = await startFullServer({
      env: { RATE_LIMIT_PER_MINUTE: "2", RATE_LIMIT_PER_IP_PER_MINUTE: "5" },
    });
    const statuses = [];
    for (let i = 0; i < 7; i++) {
      const res = await fetch(`${server.url}/api/chat`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text: "hi", conversationId: `conversation-${i}` }),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
  });

  it("is off with RATE_LIMIT_PER_MINUTE=0 (load tests behind a gateway)", async () => {
    server = await startFullServer({ env: { RATE_LIMIT_PER_MINUTE: "0" } });
    const statuses = await Promise.all(Array.from({ length: 60 }, () => chat(server).then((r) => r.status)));
    expect(new Set(statuses)).toEqual(new Set([200]));
  });

  it("limits Teams per conversation id, with 429 and Retry-After", async () => {
    const connector = await startConnector();
    try {
      server = await startFullServer({ env: { RATE_LIMIT_PER_MINUTE: "2" } });
      const post = (conversation: string) =>
        fetch(`${server.url}/api/messages`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(
            messageActivity(connector.url, {
              conversation: { id: conversation, conversationType: "personal" },
            }),
          ),
        });
      expect((await post("a:one")).status).toBe(200);
      expect((await post("a:one")).status).toBe(200);
      const refused = await post("a:one");
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect((await refused.json()).error.code).toBe("rate_limited");
      expect((await post("a:two")).status).toBe(200);
      expect(server.engine.inputs).toHaveLength(3);
      expect(connector.captured).toHaveLength(3);
    } finally {
      await connector.stop();
    }
  });

  it("limits SMS per sender with an empty TwiML (no reply, no Twilio retry), logging only the hash", async () => {
    server = await startFullServer({ env: { RATE_LIMIT_PER_MINUTE: "2" } });
    for (let i = 0; i < 2; i++) {
      const res = await postSms(server.url, smsForm("+15551234567", "does it hurt?"));
      expect(await res.text()).toContain("<Message>");
    }
    const refused = await postSms(server.url, smsForm("+15551234567", "does it hurt?"));
    expect(refused.status).toBe(200);
    expect(await refused.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect(await (await postSms(server.url, smsForm("+15550000000", "does it hurt?"))).text()).toContain(
      "<Message>",
    );
    expect(server.engine.inputs).toHaveLength(3);
    const warning = server.logs().find((l) => l.msg.startsWith("sms rate limit"));
    expect(warning?.user).toMatch(/^sms-[0-9a-f]{32}$/);
    expect(JSON.stringify(server.logs())).not.toContain("5551234567");
  });

  it("does not let unsigned SMS requests use up a real number's allowance", async () => {
    const token = "test-twilio-token";
    server = await startFullServer({ env: { RATE_LIMIT_PER_MINUTE: "1", TWILIO_AUTH_TOKEN: token } });
    const form = smsForm("+15551234567", "does it hurt?");
    for (let i = 0; i < 3; i++) expect((await postSms(server.url, form)).status).toBe(403);
    const params = Object.fromEntries(new URLSearchParams(form));
    const signature = computeTwilioSignature(token, `${server.url}/api/sms`, params);
    const signed = await postSms(server.url, form, { "X-Twilio-Signature": signature });
    expect(signed.status).toBe(200);
    expect(await signed.text()).toContain("<Message>");
  });
});
