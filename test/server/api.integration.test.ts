import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { shippedProfile } from "../support/shipped.ts";
import { fakeEngine, makeReply, postChat, startTestServer, type TestServer } from "./helpers.ts";

const SECRET = "my phone is 555-0199 and it hurts";

describe("POST /api/chat", () => {
  let server: TestServer;
  let unexpectedErrorsAllowed = false;
  beforeEach(async () => {
    server = await startTestServer();
    unexpectedErrorsAllowed = false;
  });
  afterEach(async () => {
    // An unhandled error reaching the error handler fails the test unless it was the point of it.
    if (!unexpectedErrorsAllowed) expect(server.logs.filter((l) => l.level === "error")).toEqual([]);
    await server.close();
  });

  it("answers with a new conversation id and the reply contract", async () => {
    const res = await postChat(server, { text: "does it hurt?" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json();
    expect(body.conversationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.reply).toEqual(makeReply());
    expect(body.contact).toBeUndefined();
  });

  it("keeps context per conversation id and starts fresh ones apart", async () => {
    const engine = fakeEngine((text) => makeReply({ text: `reply to ${text.length} chars` }));
    await server.close();
    server = await startTestServer({ engine });
    const first = await (await postChat(server, { text: "does it hurt?" })).json();
    const second = await (
      await postChat(server, { conversationId: first.conversationId, text: "and after?" })
    ).json();
    const other = await (await postChat(server, { text: "hello" })).json();
    expect(second.conversationId).toBe(first.conversationId);
    expect(other.conversationId).not.toBe(first.conversationId);
    expect(engine.inputs.map((i) => i.context?.turns ?? 0)).toEqual([0, 1, 0]);
  });

  it("adds the clinic's contact details to handoff and urgent replies", async () => {
    await server.close();
    server = await startTestServer({ engine: fakeEngine(() => makeReply({ kind: "handoff", topic: null })) });
    const body = await (await postChat(server, { text: "can I book?" })).json();
    expect(body.contact).toMatchObject({ name: "Lumen Skin Clinic", phone: expect.any(String) });
    expect(body.contact.emergencyNumbers).toBeUndefined();
  });

  it("adds the pack's emergency numbers to an urgent reply's contact details", async () => {
    await server.close();
    server = await startTestServer({ engine: fakeEngine(() => makeReply({ kind: "urgent", topic: null })) });
    const body = await (await postChat(server, { text: "I can't breathe" })).json();
    const { emergencyNumbers } = shippedProfile().copy;
    expect(emergencyNumbers.length).toBeGreaterThan(0);
    expect(body.contact).toMatchObject({ name: "Lumen Skin Clinic", emergencyNumbers });
  });

  it("logs one line per turn with channel, topic, kind, confidence, latency and a hashed id, never the text", async () => {
    const { conversationId } = await (await postChat(server, { text: SECRET })).json();
    const turns = server.logs.filter((l) => l.msg === "turn");
    expect(turns).toHaveLength(1);
    expect(turns[0]).toMatchObject({ channel: "web", topic: "pain", kind: "answer", confidence: 0.91 });
    expect(turns[0]!.latencyMs).toEqual(expect.any(Number));
    expect(turns[0]!.conversation).toMatch(/^[0-9a-f]{12}$/);
    expect(server.rawLogs()).not.toContain("555-0199");
    expect(server.rawLogs()).not.toContain(conversationId);
  });

  it.each([
    ["text is missing", { conversationId: "abcdefgh" }, /"text" is required/],
    ["text is not a string", { text: 42 }, /"text" must be a string/],
    ["text is blank", { text: "   " }, /"text" must not be empty/],
    ["the conversation id is malformed", { text: "hi", conversationId: "../../etc" }, /"conversationId"/],
    ["the body is an array", [], /JSON object/],
    ["the body is null", null, /JSON object/],
  ])("answers 400 naming the field when %s", async (_case, body, message) => {
    const res = await postChat(server, JSON.stringify(body));
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.error.code).toBe("invalid_request");
    expect(json.error.message).toMatch(message);
  });

  it("answers 400 for invalid JSON without echoing it", async () => {
    const res = await postChat(server, `{"text": "${SECRET}"`);
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(JSON.parse(text).error.code).toBe("invalid_json");
    expect(text).not.toContain("555-0199");
  });

  it("answers 413 for a body over 64 KB", async () => {
    const res = await postChat(server, { text: "x".repeat(70 * 1024) });
    expect(res.status).toBe(413);
    expect((await res.json()).error).toEqual({
      code: "payload_too_large",
      message: "The request body must be at most 64KB.",
    });
  });

  it.each(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])(
    "answers 415 for Content-Type %s",
    async (type) => {
      const res = await postChat(server, "text=hi", { "Content-Type": type });
      expect(res.status).toBe(415);
      expect((await res.json()).error.code).toBe("unsupported_media_type");
    },
  );

  it("answers 405 with Allow for other methods", async () => {
    const res = await fetch(`${server.url}/api/chat`);
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    expect((await res.json()).error.code).toBe("method_not_allowed");
  });

  it("answers a generic, logged 500 when the engine throws, without the stack", async () => {
    await server.close();
    server = await startTestServer({
      engine: fakeEngine(() => {
        throw new Error("matcher exploded at secret.ts:12");
      }),
    });
    unexpectedErrorsAllowed = true;
    const res = await postChat(server, { text: SECRET });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text).error.code).toBe("internal_error");
    expect(text).not.toMatch(/exploded|secret\.ts|at /);
    expect(server.logs.filter((l) => l.level === "error")).toHaveLength(1);
    expect(server.rawLogs()).not.toContain("555-0199");
  });
});

describe("other routes", () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    expect(server.logs.filter((l) => l.level === "error")).toEqual([]);
    await server.close();
  });

  it("reports health with the knowledge version", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", knowledgeVersion: "kb-test-1" });
  });

  it("answers 404 as a JSON error for unknown routes", async () => {
    const res = await fetch(`${server.url}/nope/<script>`);
    expect(res.status).toBe(404);
    const text = await res.text();
    expect(JSON.parse(text).error.code).toBe("not_found");
    expect(text).not.toContain("script");
  });

  it("serves the demo page with the widget added by one script tag", async () => {
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain("Lumen Skin Clinic");
    expect(html.match(/<script\b/g)).toHaveLength(1);
    expect(html).toMatch(/<script src="\/widget\.js" defer data-color="#0f766e" data-position="right">/);
  });

  it("escapes the clinic's configured details in the demo page", async () => {
    await server.close();
    server = await startTestServer({
      engine: fakeEngine(undefined, { name: '<img src=x onerror="alert(1)">', hours: "9–5 & later" }),
    });
    const html = await (await fetch(server.url)).text();
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain("9–5 &amp; later");
  });

  it("serves widget.js gzipped, embeddable from other sites, with an ETag", async () => {
    const res = await fetch(`${server.url}/widget.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(res.headers.get("content-encoding")).toBe("gzip");
    const code = await res.text();
    expect(code).toContain("faq-chat");
    // The running pack's widget copy rides in the script, so a bare tag needs no data- attributes.
    const { widget, assistantName } = shippedProfile().copy;
    expect(code).toContain(JSON.stringify(widget.title));
    expect(code).toContain(JSON.stringify(assistantName));
    expect(code).not.toContain("__FAQ_WIDGET_DEFAULTS__");
    const again = await fetch(`${server.url}/widget.js`, {
      headers: { "If-None-Match": res.headers.get("etag")! },
    });
    expect(again.status).toBe(304);
  });

  it.each(["/", "/healthz", "/widget.js", "/nope", "/api/chat"])(
    "sends security headers on %s",
    async (path) => {
      const res = await fetch(`${server.url}${path}`);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
      expect(res.headers.get("content-security-policy")).toContain("object-src 'none'");
      expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("x-powered-by")).toBeNull();
    },
  );
});
