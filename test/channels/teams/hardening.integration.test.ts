import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  createSigningKey,
  epochSeconds,
  type OpenIdServer,
  type SigningKey,
  signJwt,
  startOpenIdServer,
} from "../../support/jwt.ts";
import { type ServerProcess, startServerProcess } from "../../support/server-process.ts";
import { fakeEngine, silentLogger } from "./fakes.ts";
import { messageActivity, startBot, startConnector } from "./http.ts";

const APP_ID = "11111111-2222-3333-4444-555555555555";
const TEAMS_URL = "https://smba.trafficmanager.net/emea/";

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/messages`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

describe("Teams with credentials: tokens and service URLs (real HTTP, local Bot Framework key set)", () => {
  let openId: OpenIdServer;
  let key: SigningKey;
  let bot: { url: string; stop(): Promise<void> };
  const engine = fakeEngine();
  const logger = silentLogger();

  beforeAll(async () => {
    key = createSigningKey("bf-key-1");
    openId = await startOpenIdServer([key]);
    bot = await startBot({
      engine,
      logger,
      openIdMetadataUrl: openId.metadataUrl,
      config: {
        appId: APP_ID,
        appPassword: "not-a-real-secret",
        appType: "SingleTenant",
        tenantId: "00000000-0000-0000-0000-00000000000a",
        serviceUrlHosts: ["*.relay.example"],
      },
    });
    vi.spyOn(console, "error").mockImplementation(() => {});
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await Promise.all([bot?.stop(), openId?.stop()]);
  });

  const token = (serviceurl: string, claims: Record<string, unknown> = {}) =>
    `Bearer ${signJwt(
      {
        iss: "https://api.botframework.com",
        aud: APP_ID,
        serviceurl,
        nbf: epochSeconds(-60),
        iat: epochSeconds(-60),
        exp: epochSeconds(3600),
        ...claims,
      },
      key,
    )}`;
  // Answered in the HTTP response, so an accepted request makes no outbound call.
  const feedback = (serviceUrl: string) =>
    messageActivity(serviceUrl, {
      type: "invoke",
      name: "message/submitAction",
      text: undefined,
      replyToId: "sent-1",
      value: { actionName: "feedback", actionValue: { reaction: "like", feedback: "{}" } },
    });

  it("accepts a signed, bounded token from a Bot Framework service URL", async () => {
    const res = await post(bot.url, feedback(TEAMS_URL), { Authorization: token(TEAMS_URL) });
    expect(res.status).toBe(200);
  });

  it.each([
    ["no expiry", { exp: undefined }],
    ["an expiry ten years away", { exp: epochSeconds(10 * 365 * 24 * 3600) }],
    ["a lifetime of a year", { iat: epochSeconds(-60), exp: epochSeconds(365 * 24 * 3600) }],
  ])("refuses a validly signed token with %s (401)", async (_case, claims) => {
    const res = await post(bot.url, feedback(TEAMS_URL), { Authorization: token(TEAMS_URL, claims) });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: "unauthorized", message: "A valid Bot Framework bearer token is required." },
    });
  });

  it.each([
    "http://127.1:6379/",
    "http://0x7f000001:8080/admin",
    "https://127.0.0.1/",
    "https://localhost/",
    "http://smba.trafficmanager.net/emea/",
    "https://smba.trafficmanager.net:8443/emea/",
    "https://user@smba.trafficmanager.net/emea/",
    "https://evil.example/",
    "https://smba.trafficmanager.net.evil.example/",
  ])("refuses to reply to %s even with a token issued for it (403)", async (serviceUrl) => {
    const res = await post(bot.url, feedback(serviceUrl), { Authorization: token(serviceUrl) });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("service_url_not_allowed");
  });

  it("accepts a host added by TEAMS_SERVICE_URL_HOSTS", async () => {
    const url = "https://eu.relay.example/teams/";
    const res = await post(bot.url, feedback(url), { Authorization: token(url) });
    expect(res.status).toBe(200);
  });

  it("never ran a turn for a refused request", () => {
    expect(engine.inputs).toHaveLength(0);
  });
});

describe("Teams answers malformed activities with clear 4xx JSON, never 5xx (real HTTP, anonymous)", () => {
  const stops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (stops.length) await stops.pop()?.();
  });

  async function anonymous() {
    const connector = await startConnector();
    const logger = silentLogger();
    const bot = await startBot({ engine: fakeEngine(), config: {}, logger });
    stops.push(connector.stop, bot.stop);
    return { connector, bot, logger };
  }

  it.each([
    ["no conversation", { conversation: undefined }],
    ["a conversation without an id", { conversation: {} }],
    ["a conversation id that is not text", { conversation: { id: 42 } }],
  ])("refuses an activity with %s (400 invalid_activity)", async (_case, overrides) => {
    const { connector, bot } = await anonymous();
    const res = await post(bot.url, messageActivity(connector.url, overrides));
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("invalid_activity");
  });

  it("refuses an invoke it does not handle (400 unknown_invoke)", async () => {
    const { connector, bot } = await anonymous();
    const res = await post(
      bot.url,
      messageActivity(connector.url, { type: "invoke", name: "composeExtension/query", value: {} }),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: "unknown_invoke",
        message: "This bot does not handle 'composeExtension/query' invokes.",
      },
    });
  });

  it("answers a message whose serviceUrl is unreachable without a 5xx, and logs the failed delivery", async () => {
    const { connector, bot, logger } = await anonymous();
    await connector.stop(); // nothing listens on its port any more
    stops.splice(stops.indexOf(connector.stop), 1);
    const res = await post(bot.url, messageActivity(connector.url));
    expect(res.status).toBeLessThan(300);
    // Either the retries ran out within the deadline, or the request was answered at the deadline.
    const messages = logger.warnings.map((w) => w.msg);
    expect(
      messages.some((m) => m === "teams turn failed" || m === "teams turn still running: answered 202"),
    ).toBe(true);
    const logged = JSON.stringify(logger.warnings);
    expect(logged).not.toContain("a:conv-1");
    expect(logged).not.toContain(connector.url);
  }, 60_000);
});

describe("Teams in production (real server process)", () => {
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.kill();
    server = undefined;
  });
  const production = { NODE_ENV: "production", CLINIC_NAME: "Glow Clinic", CLINIC_PHONE: "+1 555 0199" };

  it("refuses to start without credentials, naming the variable and the ways out", async () => {
    await expect(startServerProcess(production, { startTimeoutMs: 60_000 })).rejects.toThrow(
      /MicrosoftAppId: is required in production while Teams is on[\s\S]*TEAMS_ENABLED=false[\s\S]*TEAMS_ANONYMOUS=true/,
    );
  }, 90_000);

  it("runs anonymously only on the explicit opt-out, and says so loudly", async () => {
    server = await startServerProcess({ ...production, TEAMS_ANONYMOUS: "true" }, { startTimeoutMs: 60_000 });
    const loud = server.logs.find(
      (l) => l.level === "error" && l.msg.startsWith("TEAMS_ANONYMOUS=true in production"),
    );
    expect(loud?.msg).toContain("UNAUTHENTICATED");
  }, 90_000);

  it("answers other methods on /api/messages with 405 naming POST, and does not mount it when Teams is off", async () => {
    server = await startServerProcess({ ...production, TEAMS_ANONYMOUS: "true" }, { startTimeoutMs: 60_000 });
    for (const method of ["GET", "PUT", "DELETE"]) {
      const res = await fetch(`${server.url}/api/messages`, { method });
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("POST");
      expect((await res.json()).error.code).toBe("method_not_allowed");
    }
    await server.kill();
    server = await startServerProcess({ ...production, TEAMS_ENABLED: "false" }, { startTimeoutMs: 60_000 });
    expect((await post(server.url, { type: "message" })).status).toBe(404);
  }, 120_000);
});
