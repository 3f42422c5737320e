import { afterEach, describe, expect, it } from "vitest";
import type { TeamsFeedback } from "../../../src/channels/teams/index.ts";
import { citationEntity } from "../../../src/channels/teams/render.ts";
import { ConfigError } from "../../../src/errors.ts";
import { shippedProfile } from "../../support/shipped.ts";
import { fakeEngine, reply, silentLogger } from "./fakes.ts";
import { messageActivity, startBot, startConnector } from "./http.ts";

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (stops.length) await stops.pop()?.();
});

async function anonymousBot(options: { onFeedback?: (f: TeamsFeedback) => void } = {}) {
  const logger = silentLogger();
  const connector = await startConnector();
  const conflicted = reply({
    suggestions: ["How many sessions will I need?"],
    conflicts: [
      {
        summary: "How long results last.",
        positions: [
          { source: "a", title: "Article A", claim: "Up to a year.", quote: "q" },
          { source: "b", title: "Article B", claim: "Three to six months.", quote: "q" },
        ],
      },
    ],
  });
  const bot = await startBot({
    engine: fakeEngine(() => conflicted),
    config: {},
    logger,
    onFeedback: options.onFeedback,
  });
  stops.push(connector.stop, bot.stop);
  return { connector, bot, logger };
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/messages`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

describe("POST /api/messages over real HTTP (express 5)", () => {
  it("answers a message by posting the reply activity, card included, to the serviceUrl", async () => {
    const { connector, bot, logger } = await anonymousBot();
    const res = await post(bot.url, messageActivity(connector.url));
    expect(res.status).toBe(200);

    expect(connector.captured).toHaveLength(1);
    const [sent] = connector.captured;
    expect(sent?.path).toBe(`/v3/conversations/${encodeURIComponent("a:conv-1")}/activities/incoming-1`);
    const activity = sent!.body;
    expect(activity).toMatchObject({
      type: "message",
      replyToId: "incoming-1",
      conversation: { id: "a:conv-1" },
      recipient: { id: "29:user" },
      channelData: { feedbackLoopEnabled: true },
    });
    expect(activity.text).toMatch(/not permanent\. \[1\] \[2\]/);
    // Whole entity, byte for byte: botbuilder's connector would otherwise strip all but `type`.
    expect(activity.entities).toEqual([citationEntity(reply().citations)]);
    const attachments = activity.attachments as {
      contentType: string;
      content: { version: string; body: unknown[] };
    }[];
    expect(attachments[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(attachments[0]?.content.version).toBe("1.5");
    expect(JSON.stringify(attachments[0]?.content)).toContain("Articles disagree");
    expect((activity.suggestedActions as { actions: unknown[] }).actions).toHaveLength(1);
    expect(logger.warnings.map((w) => w.msg).join(" ")).toContain("unauthenticated");
    expect(logger.warnings.some((w) => w.msg?.includes("failed"))).toBe(false);
  });

  it("welcomes on conversationUpdate over HTTP", async () => {
    const { connector, bot } = await anonymousBot();
    const update = messageActivity(connector.url, {
      type: "conversationUpdate",
      text: undefined,
      membersAdded: [{ id: "28:bot" }],
    });
    expect((await post(bot.url, update)).status).toBe(200);
    expect(String(connector.captured[0]?.body.text)).toContain("not a clinician");
  });

  it("answers the feedback invoke in the HTTP response and reports the answer's topic", async () => {
    const feedback: TeamsFeedback[] = [];
    const { connector, bot } = await anonymousBot({ onFeedback: (f) => void feedback.push(f) });
    await post(bot.url, messageActivity(connector.url));
    const invoke = messageActivity(connector.url, {
      type: "invoke",
      id: "incoming-2",
      name: "message/submitAction",
      text: undefined,
      replyToId: "sent-1",
      value: { actionName: "feedback", actionValue: { reaction: "like", feedback: "{}" } },
    });
    const res = await post(bot.url, invoke);
    expect(res.status).toBe(200);
    expect(feedback).toEqual([{ reaction: "like", topic: "results-duration", confidence: 0.91 }]);
  });

  it("refuses a body that is not an activity with a clear 400", async () => {
    const { bot } = await anonymousBot();
    const res = await post(bot.url, { text: "no type" });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_activity" } });
  });

  it("in anonymous mode refuses to reply to a non-local serviceUrl (403)", async () => {
    const { connector, bot } = await anonymousBot();
    const res = await post(bot.url, messageActivity("https://smba.trafficmanager.net/teams/"));
    expect(res.status).toBe(403);
    expect(connector.captured).toHaveLength(0);
  });

  it("with credentials configured, refuses a request without an Authorization header (401)", async () => {
    const connector = await startConnector();
    const logger = silentLogger();
    const engine = fakeEngine();
    const bot = await startBot({
      engine,
      config: {
        appId: "00000000-0000-0000-0000-000000000001",
        appPassword: "secret",
        appType: "SingleTenant",
        tenantId: "00000000-0000-0000-0000-000000000002",
      },
      logger,
    });
    stops.push(connector.stop, bot.stop);
    const res = await post(bot.url, messageActivity(connector.url));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: "unauthorized", message: "A valid Bot Framework bearer token is required." },
    });
    expect(engine.inputs).toHaveLength(0);
    expect(connector.captured).toHaveLength(0);
    expect(logger.warnings.some((w) => w.msg?.includes("unauthenticated"))).toBe(false);
  });

  it("fails at creation, naming the variable, when credentials are half set", async () => {
    await expect(
      startBot({
        engine: fakeEngine(),
        config: { appId: "id", appType: "SingleTenant" },
      }),
    ).rejects.toThrow(ConfigError);
    await expect(
      startBot({
        engine: fakeEngine(),
        config: { appId: "id", appType: "SingleTenant" },
      }),
    ).rejects.toThrow(/MicrosoftAppTenantId/);
  });

  it("answers with a generic 500 when the engine throws, without echoing the error", async () => {
    const connector = await startConnector();
    const logger = silentLogger();
    const bot = await startBot({
      engine: {
        knowledgeVersion: "x",
        profile: shippedProfile(),
        handleTurn: () => {
          throw new Error("secret internals");
        },
      },
      config: {},
      logger,
    });
    stops.push(connector.stop, bot.stop);
    const res = await post(bot.url, messageActivity(connector.url));
    // The turn error handler apologises in the chat; the HTTP exchange itself completed.
    expect(res.status).toBe(200);
    expect(String(connector.captured[0]?.body.text)).toContain("Sorry, something went wrong");
    expect(JSON.stringify(connector.captured)).not.toContain("secret internals");
    expect(logger.warnings.some((w) => w.msg === "teams turn failed")).toBe(true);
  });
});
