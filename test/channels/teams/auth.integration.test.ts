import { AuthenticationConstants } from "botframework-connector";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TeamsFeedback } from "../../../src/channels/teams/index.ts";
import {
  createSigningKey,
  epochSeconds,
  type OpenIdServer,
  type SigningKey,
  signJwt,
  startOpenIdServer,
} from "../../support/jwt.ts";
import { fakeEngine, silentLogger } from "./fakes.ts";
import { messageActivity, startBot } from "./http.ts";

const APP_ID = "11111111-2222-3333-4444-555555555555";
const SERVICE_URL = "https://smba.trafficmanager.net/emea/";
const ISSUER = "https://api.botframework.com";

// A feedback invoke is answered in the HTTP response, so an accepted request needs no outbound call
// (which would fetch a real token from login.microsoftonline.com).
const feedbackInvoke = () =>
  messageActivity(SERVICE_URL, {
    type: "invoke",
    name: "message/submitAction",
    text: undefined,
    replyToId: "sent-1",
    value: { actionName: "feedback", actionValue: { reaction: "like", feedback: "{}" } },
  });

describe("Teams authentication with a local Bot Framework key set", () => {
  let openId: OpenIdServer;
  let bot: { url: string; stop(): Promise<void> };
  let key: SigningKey;
  let otherKey: SigningKey;
  const engine = fakeEngine();
  const logger = silentLogger();
  const feedback: TeamsFeedback[] = [];

  beforeAll(async () => {
    key = createSigningKey("bf-key-1");
    otherKey = createSigningKey("bf-key-1"); // same kid, different key: a forged signature
    openId = await startOpenIdServer([key]);
    bot = await startBot({
      engine,
      logger,
      onFeedback: (f) => void feedback.push(f),
      openIdMetadataUrl: openId.metadataUrl,
      config: {
        appId: APP_ID,
        appPassword: "not-a-real-secret",
        appType: "SingleTenant",
        tenantId: "00000000-0000-0000-0000-00000000000a",
      },
    });
    // botbuilder prints verification failures to console.error; keep the test output readable.
    vi.spyOn(console, "error").mockImplementation(() => {});
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await Promise.all([bot?.stop(), openId?.stop()]);
  });

  const claims = (overrides: Record<string, unknown> = {}) => ({
    iss: ISSUER,
    aud: APP_ID,
    serviceurl: SERVICE_URL,
    nbf: epochSeconds(-60),
    iat: epochSeconds(-60),
    exp: epochSeconds(3600),
    ...overrides,
  });

  const post = (authorization?: string) =>
    fetch(`${bot.url}/api/messages`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        ...(authorization ? { Authorization: authorization } : {}),
      },
      body: JSON.stringify(feedbackInvoke()),
    });

  async function expectRefused(authorization: string | undefined): Promise<void> {
    const before = feedback.length;
    const res = await post(authorization);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: "unauthorized", message: "A valid Bot Framework bearer token is required." },
    });
    expect(feedback.length).toBe(before);
  }

  it("uses the same public-cloud endpoints as botbuilder, apart from the key set", () => {
    expect(AuthenticationConstants.ToBotFromChannelTokenIssuer).toBe(ISSUER);
    expect(AuthenticationConstants.ToChannelFromBotLoginUrl).toBe(
      "https://login.microsoftonline.com/botframework.com",
    );
    expect(AuthenticationConstants.ToChannelFromBotOAuthScope).toBe("https://api.botframework.com");
    expect(AuthenticationConstants.OAuthUrl).toBe("https://api.botframework.com");
  });

  it("accepts a valid token signed by a published key, and runs the turn", async () => {
    const res = await post(`Bearer ${signJwt(claims(), key)}`);
    expect(res.status).toBe(200);
    expect(feedback).toHaveLength(1);
    expect(openId.requests).toEqual(["/v1/.well-known/openidconfiguration", "/v1/keys"]);
  });

  it("refuses a request without a token", async () => {
    await expectRefused(undefined);
  });

  it.each([
    ["garbage", "Bearer not.a.jwt"],
    ["an empty bearer", "Bearer "],
    ["another scheme", "Basic dXNlcjpwYXNz"],
  ])("refuses %s", async (_case, header) => {
    await expectRefused(header);
  });

  it("refuses an expired token (past the 5-minute clock tolerance)", async () => {
    await expectRefused(
      `Bearer ${signJwt(claims({ exp: epochSeconds(-600), iat: epochSeconds(-4000) }), key)}`,
    );
  });

  it("refuses a token that is not valid yet", async () => {
    await expectRefused(`Bearer ${signJwt(claims({ nbf: epochSeconds(3600) }), key)}`);
  });

  it("refuses a token signed with another key under a published key id", async () => {
    await expectRefused(`Bearer ${signJwt(claims(), otherKey)}`);
  });

  it("refuses a token whose key id is not published", async () => {
    await expectRefused(`Bearer ${signJwt(claims(), key, { headerKid: "unknown-kid" })}`);
  });

  it("refuses a token for another bot (wrong audience)", async () => {
    await expectRefused(`Bearer ${signJwt(claims({ aud: "99999999-0000-0000-0000-000000000000" }), key)}`);
  });

  it("refuses a token from another issuer", async () => {
    await expectRefused(`Bearer ${signJwt(claims({ iss: "https://evil.example" }), key)}`);
  });

  it("refuses a token issued for another serviceUrl", async () => {
    await expectRefused(`Bearer ${signJwt(claims({ serviceurl: "https://evil.example/" }), key)}`);
  });

  it("refuses an unsigned token (alg none)", async () => {
    const valid = signJwt(claims(), key);
    const [, payload] = valid.split(".");
    const header = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT", kid: key.kid })).toString(
      "base64url",
    );
    await expectRefused(`Bearer ${header}.${payload}.`);
  });

  it("never reached the engine and logged each refusal as a warning, never a failure", () => {
    expect(engine.inputs).toHaveLength(0);
    expect(logger.warnings.some((w) => w.msg === "teams request refused: bad token")).toBe(true);
    expect(logger.warnings.some((w) => w.msg === "teams request failed")).toBe(false);
  });
});
