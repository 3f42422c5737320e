import { request } from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHORTENED_NOTICE } from "../../src/channels/web/index.ts";
import { type FullServer, postSms, smsForm, startFullServer } from "./abuse-server.ts";
import { makeReply, PRODUCTION_ENV } from "./helpers.ts";

const ROUTES = [
  "/api/chat",
  "/api/messages",
  "/api/sms",
  "/api/feedback",
  "/metrics",
  "/healthz",
  "/widget.js",
  "/",
  "/nope",
  "/api/chat/x",
];
const REQUEST_TIMEOUT_MS = 30_000;

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request over node:http, so any method, header or byte can be sent; fails on a hang. */
function send(
  url: string,
  options: {
    method: string;
    path: string;
    headers?: Record<string, string>;
    body?: Uint8Array | string;
    /** Send the body in pieces of this many bytes, a few milliseconds apart. */
    chunkSize?: number;
  },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}${options.path}`,
      // A fresh connection each time: a request the server refuses at the parser closes its socket.
      { method: options.method, headers: options.headers, timeout: REQUEST_TIMEOUT_MS, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${options.method} ${options.path} hung`)));
    req.on("error", reject);
    if (options.chunkSize === undefined || options.body === undefined) {
      req.end(options.body);
      return;
    }
    const bytes = Buffer.from(options.body);
    const size = options.chunkSize;
    const writeFrom = (at: number) => {
      if (at >= bytes.length) {
        req.end();
        return;
      }
      req.write(bytes.subarray(at, at + size));
      setTimeout(() => writeFrom(at + size), 2);
    };
    writeFrom(0);
  });
}

const json = (body: unknown) => JSON.stringify(body);
const nested = (depth: number, open: string, close: string) => open.repeat(depth) + close.repeat(depth);

// Bodies a hostile or broken client might send.
const hostileBody = fc.oneof(
  fc.uint8Array({ maxLength: 4096 }),
  fc.string({ unit: "binary", maxLength: 2000 }),
  fc.string({ maxLength: 50 }).map((s) => s.repeat(2000)),
  fc.integer({ min: 1, max: 40_000 }).map((d) => nested(d, "[", "]")),
  fc.integer({ min: 1, max: 20_000 }).map((d) => nested(d, '{"a":', "}").replace(/}$/, "1}")),
  fc.jsonValue({ maxDepth: 6 }).map(json),
  fc.jsonValue().map((v) => json(v).slice(0, -1)),
  fc.record({ text: fc.anything(), conversationId: fc.anything() }).map((r) => json(r) ?? ""),
  fc.record({ type: fc.string(), conversation: fc.anything(), serviceUrl: fc.webUrl() }).map(json),
  // Bot Framework activities with a part missing or wrong: no conversation, odd invokes, odd URLs.
  fc
    .record(
      {
        type: fc.constantFrom("message", "invoke", "conversationUpdate", "event", "typing"),
        name: fc.oneof(
          fc.constantFrom("message/submitAction", "adaptiveCard/action", "task/fetch"),
          fc.string(),
        ),
        id: fc.oneof(fc.string(), fc.integer()),
        channelId: fc.constantFrom("msteams", "emulator", ""),
        serviceUrl: fc.oneof(
          fc.constantFrom(
            "http://127.1:6379/",
            "http://0x7f000001/",
            "https://smba.trafficmanager.net/emea/",
            "x",
          ),
          fc.webUrl(),
        ),
        conversation: fc.oneof(
          fc.constant(undefined),
          fc.record({ id: fc.oneof(fc.string(), fc.integer()) }),
        ),
        from: fc.anything(),
        recipient: fc.anything(),
        text: fc.oneof(fc.string(), fc.integer()),
        value: fc.anything(),
        timestamp: fc.oneof(
          fc.string(),
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        ),
        membersAdded: fc.anything(),
      },
      { requiredKeys: ["type"] },
    )
    .map(json),
  // Twilio webhooks with odd senders and message ids.
  fc
    .record(
      {
        From: fc.oneof(
          fc.constantFrom("+15551234567", "+15551234567FromCityBOSTON", "whatsapp:+1555", ""),
          fc.string(),
        ),
        Body: fc.string(),
        MessageSid: fc.oneof(fc.constantFrom("SM1", "", "x".repeat(100)), fc.string()),
        NumMedia: fc.string(),
      },
      { requiredKeys: [] },
    )
    .map((form) => new URLSearchParams(form as Record<string, string>).toString()),
  fc.constantFrom(
    '{"__proto__":{"polluted":1},"text":"hi"}',
    '{"constructor":{"prototype":{"x":1}},"text":"hi"}',
    '\uFEFF{"text":"hi"}',
    '{"text":"\\ud800"}',
    "From=%ZZ&Body=%E0%A4%A&From=&From=x",
    "a=".repeat(5000),
    "null",
    "",
  ),
);

const contentType = fc.oneof(
  fc.constantFrom(
    "application/json",
    "application/json; charset=utf-16",
    "application/json; charset=nope",
    "application/x-www-form-urlencoded",
    "application/vnd.api+json",
    "text/plain",
    "multipart/form-data; boundary=x",
    "application/xml",
    ";;;",
    "",
  ),
  fc.string({ maxLength: 60 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
);

const oddHeaders = fc.record(
  {
    "content-encoding": fc.constantFrom("gzip", "deflate", "br", "identity", "x-unknown"),
    origin: fc.constantFrom("null", "https://evil.example", "javascript:alert(1)", "http://[::1", "%%%"),
    "x-forwarded-for": fc.constantFrom("1.2.3.4", "not-an-ip", "::1, 10.0.0.1", ",,,"),
    authorization: fc.constantFrom(
      "Bearer",
      "Bearer a.b.c",
      "Basic Zm9vOmJhcg==",
      "Bearer " + "x".repeat(3000),
    ),
    "accept-encoding": fc.constantFrom("gzip;q=0", "*", "br, x-nope", ""),
    "if-none-match": fc.constantFrom("*", '"nope"', "W/"),
    "x-twilio-signature": fc.constantFrom("", "AAAA", "=".repeat(100)),
    accept: fc.constantFrom("text/html", "*/*", "application/xml"),
  },
  { requiredKeys: [] },
);

const method = fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "PROPFIND", "FOO");

function expectSecurityHeaders(res: RawResponse): void {
  expect(res.headers["x-content-type-options"]).toBe("nosniff");
  expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
  expect(res.headers["x-frame-options"]).toBe("SAMEORIGIN");
  expect(res.headers["x-powered-by"]).toBeUndefined();
}

describe("hostile input at every route", () => {
  let server: FullServer;
  beforeAll(async () => {
    server = await startFullServer({ env: { RATE_LIMIT_PER_MINUTE: "0", LOG_LEVEL: "warn" } });
  });
  afterAll(async () => {
    await server.close();
  });

  it("never answers 5xx, never hangs, always sends security headers, and logs no unexpected error", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        method,
        contentType,
        oddHeaders,
        hostileBody,
        async (path, verb, type, headers, body) => {
          const withBody = verb !== "GET" && verb !== "HEAD";
          const res = await send(server.url, {
            method: verb,
            path,
            headers: { ...headers, ...(type ? { "content-type": type } : {}) },
            ...(withBody ? { body } : {}),
          });
          expect(res.status).toBeGreaterThanOrEqual(200);
          expect(res.status).toBeLessThan(500);
          // Node's HTTP parser itself refuses unknown methods (FOO) with a bare 400, before the app runs.
          if (verb !== "FOO") expectSecurityHeaders(res);
        },
      ),
      { numRuns: 400, interruptAfterTimeLimit: 60_000 },
    );
    expect(server.logs().filter((l) => l.level === "error")).toEqual([]);
    expect((await send(server.url, { method: "GET", path: "/healthz" })).status).toBe(200);
  }, 90_000);

  it("answers every 4xx from the API routes as a JSON error that does not echo the request", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/api/chat", "/api/messages", "/api/sms", "/nope"),
        contentType,
        hostileBody,
        async (path, type, body) => {
          const res = await send(server.url, {
            method: "POST",
            path,
            headers: { "content-type": type },
            body,
          });
          if (res.status < 400 || res.status === 403) return; // 403: Twilio's text body, or CORS
          const parsed = JSON.parse(res.body) as { error: { code: string; message: string } };
          expect(parsed.error.code).toMatch(/^[a-z_]+$/);
          expect(parsed.error.message.length).toBeGreaterThan(0);
          expect(res.body).not.toMatch(/\bat .+:\d+:\d+/);
        },
      ),
      { numRuns: 200, interruptAfterTimeLimit: 30_000 },
    );
  }, 60_000);
});

describe("hostile input at every route of a production-configured server", () => {
  let server: FullServer;
  beforeAll(async () => {
    server = await startFullServer({
      env: {
        ...PRODUCTION_ENV,
        SMS_DEV_MODE: "false",
        TWILIO_AUTH_TOKEN: "token",
        TRUST_PROXY: "1",
        LOG_LEVEL: "warn",
      },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it("never answers 5xx or hangs, with Teams demanding tokens and SMS signatures", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        method,
        contentType,
        oddHeaders,
        hostileBody,
        async (path, verb, type, headers, body) => {
          const withBody = verb !== "GET" && verb !== "HEAD";
          const res = await send(server.url, {
            method: verb,
            path,
            headers: { ...headers, ...(type ? { "content-type": type } : {}) },
            ...(withBody ? { body } : {}),
          });
          expect(res.status).toBeGreaterThanOrEqual(200);
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 250, interruptAfterTimeLimit: 45_000 },
    );
    expect(server.logs().filter((l) => l.level === "error")).toEqual([]);
  }, 90_000);
});

describe("limits", () => {
  let server: FullServer;
  beforeAll(async () => {
    server = await startFullServer({ env: { RATE_LIMIT_PER_MINUTE: "0" } });
  });
  afterAll(async () => {
    expect(server.logs().filter((l) => l.level === "error")).toEqual([]);
    await server.close();
  });

  const chat = (body: string, type = "application/json") =>
    send(server.url, { method: "POST", path: "/api/chat", headers: { "content-type": type }, body });

  it("cuts text over 2,000 characters before the engine and says so beside the reply", async () => {
    const before = server.engine.inputs.length;
    const res = await chat(json({ text: "does it hurt? ".repeat(1000) }));
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body);
    expect(body.notice).toBe(SHORTENED_NOTICE);
    expect(SHORTENED_NOTICE).toBe("Your message was shortened to 2,000 characters.");
    expect(body.reply).toEqual(makeReply());
    expect(Object.keys(body).sort()).toEqual(["conversationId", "notice", "reply"]);
    const sent = server.engine.inputs.slice(before).map((i) => i.text);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.length).toBeLessThanOrEqual(2000);
    expect(sent[0]!.startsWith("does it hurt?")).toBe(true);
  });

  it("sends text of exactly 2,000 characters whole, with no notice", async () => {
    const before = server.engine.inputs.length;
    const body = JSON.parse((await chat(json({ text: "a".repeat(2000) }))).body);
    expect(body.notice).toBeUndefined();
    expect(server.engine.inputs[before]!.text).toHaveLength(2000);
  });

  it("never cuts an emoji in half", async () => {
    const before = server.engine.inputs.length;
    await chat(json({ text: `${"a".repeat(1999)}😀 and more` }));
    expect(server.engine.inputs[before]!.text).toBe("a".repeat(1999));
  });

  it.each([
    ["/api/chat", "application/json", 413, "payload_too_large", json({ text: "x".repeat(70 * 1024) })],
    ["/api/chat", "application/json", 400, "invalid_json", '{"text": "hi"'],
    ["/api/chat", "text/plain", 415, "unsupported_media_type", "hi"],
    [
      "/api/messages",
      "application/json",
      413,
      "payload_too_large",
      json({ type: "message", text: "x".repeat(300 * 1024) }),
    ],
    ["/api/messages", "application/json", 400, "invalid_json", '{"type": "message"'],
    ["/api/messages", "text/plain", 415, "unsupported_media_type", "hi"],
    [
      "/api/sms",
      "application/x-www-form-urlencoded",
      413,
      "payload_too_large",
      smsForm("+1555", "x".repeat(70 * 1024)),
    ],
    ["/api/sms", "application/json", 415, "unsupported_media_type", '{"From":"+1555"}'],
    ["/api/sms", "application/x-www-form-urlencoded", 400, "invalid_request", "Body=hi"],
  ])("POST %s (%s) answers %i %s as a JSON error", async (path, type, status, code, body) => {
    const res = await send(server.url, { method: "POST", path, headers: { "content-type": type }, body });
    expect(res.status).toBe(status);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(res.body).error.code).toBe(code);
    expectSecurityHeaders(res);
  });

  it.each(["gzip", "deflate", "br", "x-unknown"])(
    "refuses a %s-encoded chat body with 415, saying to send it uncompressed",
    async (encoding) => {
      const res = await send(server.url, {
        method: "POST",
        path: "/api/chat",
        headers: { "content-type": "application/json", "content-encoding": encoding },
        body: "not compressed at all",
      });
      expect(res.status).toBe(415);
      expect(JSON.parse(res.body).error).toEqual({
        code: "unsupported_media_type",
        message: "Send the request body uncompressed: Content-Encoding is not supported here.",
      });
    },
  );

  it("reads a chat body sent in many small chunks, with a byte-order mark", async () => {
    const res = await send(server.url, {
      method: "POST",
      path: "/api/chat",
      headers: { "content-type": "application/json; charset=UTF-8" },
      body: `\uFEFF${JSON.stringify({ text: "does it hurt?" })}`,
      chunkSize: 3,
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).reply.topic).toBe("pain");
  });

  it("names each route's own size limit", async () => {
    const res = await send(server.url, {
      method: "POST",
      path: "/api/messages",
      headers: { "content-type": "application/json" },
      body: json({ type: "message", text: "x".repeat(300 * 1024) }),
    });
    expect(JSON.parse(res.body).error.message).toBe("The request body must be at most 256KB.");
  });

  it("still answers SMS normally after all that", async () => {
    const res = await postSms(server.url, smsForm("+15551234567", "does it hurt?"));
    expect(res.status).toBe(200);
  });
});

describe("security headers on every kind of response", () => {
  let server: FullServer;
  beforeAll(async () => {
    server = await startFullServer({
      env: {
        RATE_LIMIT_PER_MINUTE: "1",
        ...PRODUCTION_ENV,
        SMS_DEV_MODE: "false",
        TWILIO_AUTH_TOKEN: "token",
      },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it.each([
    ["GET", "/", undefined],
    ["GET", "/healthz", undefined],
    ["GET", "/widget.js", undefined],
    ["GET", "/no/such/page", undefined],
    ["DELETE", "/api/chat", undefined],
    ["POST", "/api/chat", "{bad"],
    ["POST", "/api/chat", "{bad"],
    ["POST", "/api/messages", json({ type: "message", serviceUrl: "https://evil.example" })],
    ["GET", "/api/messages", undefined],
    ["POST", "/api/sms", "From=%2B1555&Body=hi"],
  ])("%s %s", async (verb, path, body) => {
    const res = await send(server.url, {
      method: verb,
      path,
      headers: { "content-type": "application/json" },
      ...(body ? { body } : {}),
    });
    expectSecurityHeaders(res);
    expect(res.headers["strict-transport-security"]).toMatch(/max-age=\d+/);
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
    expect(res.headers["cross-origin-opener-policy"]).toBe("same-origin");
  });
});
