import { afterEach, describe, expect, it } from "vitest";
import { createSmsRoute, smsSignatureFailures } from "../../../src/channels/sms/index.ts";
import { ConfigError } from "../../../src/errors.ts";
import {
  AUTH_TOKEN,
  BASE_CONFIG,
  closeStartedServers,
  fakeEngine,
  inbound,
  makeReply,
  memoryStore,
  messagesOf,
  startServer,
} from "./helpers.ts";

afterEach(closeStartedServers);

describe("SMS route: signature", () => {
  it("answers a correctly signed request with TwiML", async () => {
    const server = await startServer();
    const response = await server.post(inbound("How long do results last?"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/xml/);
    const body = await response.text();
    expect(body).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?><Response><Message>[\s\S]+<\/Message><\/Response>$/,
    );
    expect(messagesOf(body)[0]).toContain("Results usually last one to five years");
    expect(server.engine.inputs.map((i) => i.text)).toEqual(["How long do results last?"]);
  });

  it("rejects a wrong signature with 403 and a short text body, and counts it", async () => {
    const server = await startServer();
    const before = smsSignatureFailures();
    const response = await server.post(inbound("hi"), { signature: "bm90IHRoZSByaWdodCBzaWduYXR1cmU=" });
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await response.text()).toBe("Invalid Twilio signature.");
    expect(smsSignatureFailures()).toBe(before + 1);
    expect(server.engine.inputs).toEqual([]);
  });

  it("rejects a request with no signature header", async () => {
    const server = await startServer();
    const response = await server.post(inbound("hi"), { signature: null });
    expect(response.status).toBe(403);
  });

  it("rejects a replayed body with one parameter changed", async () => {
    const server = await startServer();
    const original = inbound("What does it cost?");
    const signature = (await import("twilio")).default.getExpectedTwilioSignature(
      AUTH_TOKEN,
      server.url,
      original,
    );
    expect((await server.post(original, { signature })).status).toBe(200);
    const tampered = { ...original, From: "+15559999999" };
    expect((await server.post(tampered, { signature })).status).toBe(403);
    const tamperedBody = { ...original, Body: "STOP" };
    expect((await server.post(tamperedBody, { signature })).status).toBe(403);
  });

  it("rejects a signature made with another auth token", async () => {
    const server = await startServer();
    const params = inbound("hi");
    const twilio = (await import("twilio")).default;
    const signature = twilio.getExpectedTwilioSignature("another-token", server.url, params);
    expect((await server.post(params, { signature })).status).toBe(403);
  });

  it("verifies against PUBLIC_URL + path when set, not the request's own host", async () => {
    const server = await startServer({ config: { publicUrl: "https://bot.example.com/" } });
    const params = inbound("Does it hurt?");
    expect((await server.post(params, { signUrl: "https://bot.example.com/api/sms" })).status).toBe(200);
    expect((await server.post(inbound("Does it hurt?"))).status).toBe(403);
  });

  it("accepts a signature made over the URL with the default port spelled out", async () => {
    const server = await startServer({ config: { publicUrl: "https://bot.example.com" } });
    const response = await server.post(inbound("hi"), { signUrl: "https://bot.example.com:443/api/sms" });
    expect(response.status).toBe(200);
  });

  it("parses the form body itself when no body parser ran", async () => {
    const server = await startServer({ rawBody: true });
    const response = await server.post(inbound("How long do results last?"));
    expect(response.status).toBe(200);
    expect(messagesOf(await response.text())[0]).toContain("Results usually last");
    expect((await server.post(inbound("x"), { signature: "AAAA" })).status).toBe(403);
  });

  it("answers a non-form body with 415 JSON", async () => {
    const server = await startServer({ rawBody: true });
    const response = await fetch(server.url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ From: "+1555", Body: "hi" }),
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: { code: "unsupported_media_type" } });
  });

  it("answers a signed request without From with 400 JSON", async () => {
    const server = await startServer();
    const response = await server.post({ Body: "hi", MessageSid: "SM1" });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "invalid_request" } });
  });
});

describe("SMS route: configuration", () => {
  it("refuses to start without an auth token unless in development mode", () => {
    const deps = { engine: fakeEngine(), store: memoryStore() };
    expect(() => createSmsRoute({ ...deps, config: { ...BASE_CONFIG, authToken: undefined } })).toThrow(
      ConfigError,
    );
    expect(() => createSmsRoute({ ...deps, config: { ...BASE_CONFIG, authToken: "" } })).toThrow(
      /TWILIO_AUTH_TOKEN/,
    );
  });

  it("runs unsigned in development mode without a token, and says so in the log", async () => {
    const server = await startServer({ config: { authToken: undefined, devMode: true } });
    const response = await server.post(inbound("How long do results last?"), { signature: null });
    expect(response.status).toBe(200);
    expect(server.logger.lines.some((l) => l.level === "warn" && /verification is off/.test(l.message))).toBe(
      true,
    );
  });

  it("still checks signatures in development mode when a token is set", async () => {
    const server = await startServer({ config: { devMode: true } });
    expect((await server.post(inbound("hi"), { signature: null })).status).toBe(403);
  });
});

describe("SMS route: messages", () => {
  it("prompts for a question when the body is empty, without asking the engine", async () => {
    const server = await startServer();
    const text = await server.text("   ");
    expect(text).toContain("Send a question about microneedling, e.g.");
    expect(server.engine.inputs).toEqual([]);
  });

  it("handles a 1,600-character message, passing the engine at most 500 characters", async () => {
    const server = await startServer();
    const long = "how long do microneedling results last for someone like me ".repeat(30).slice(0, 1600);
    expect(long).toHaveLength(1600);
    const text = await server.text(long);
    expect(text).toContain("Results usually last");
    const passed = server.engine.inputs[0]!.text;
    expect(passed.length).toBeLessThanOrEqual(500);
    expect(long.startsWith(passed)).toBe(true);
    expect(passed.endsWith(" ")).toBe(false);
  });

  it("begins the first reply to a new number with the disclosure, and only the first", async () => {
    const server = await startServer();
    const first = await server.text("How long do results last?");
    expect(first.startsWith("Automated assistant, not a clinician.")).toBe(true);
    const second = await server.text("And how many sessions?");
    expect(second).not.toContain("Automated assistant");
    const otherNumber = await server.text("How long do results last?", "+447700900123");
    expect(otherNumber.startsWith("Automated assistant, not a clinician.")).toBe(true);
  });

  it("escapes XML special characters in the reply", async () => {
    const engine = fakeEngine(() => ({
      reply: makeReply({ kind: "smalltalk", text: 'Tom & "Jerry" <3 it\'s fine' }),
    }));
    const server = await startServer({ engine });
    const response = await server.post(inbound("hi"));
    const body = await response.text();
    expect(body).toContain("Tom &amp; &quot;Jerry&quot; &lt;3 it&apos;s fine");
    expect(messagesOf(body)[0]).toContain(`Tom & "Jerry" <3 it's fine`);
  });

  it("logs hashed numbers and no message text", async () => {
    const server = await startServer();
    await server.text("my secret question about scars");
    const logged = JSON.stringify(server.logger.lines);
    expect(logged).not.toContain("5551234567");
    expect(logged).not.toContain("secret");
    expect(
      server.logger.lines.some(
        (l) => typeof l.fields.user === "string" && /^sms-[0-9a-f]{32}$/.test(l.fields.user),
      ),
    ).toBe(true);
  });

  it("answers 500 with generic text when the engine throws, logging no user text", async () => {
    const engine = fakeEngine(() => {
      throw new Error("boom");
    });
    const server = await startServer({ engine });
    const response = await server.post(inbound("private words"));
    expect(response.status).toBe(500);
    expect(await response.text()).toBe("Internal error.");
    expect(JSON.stringify(server.logger.lines)).not.toContain("private words");
    expect(server.logger.lines.some((l) => l.level === "error")).toBe(true);
  });
});
