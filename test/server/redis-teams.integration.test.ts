import { createHash } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REDIS_KEY_PREFIX } from "../../src/server/stores/redis-client.ts";
import { messageActivity, startConnector, waitForReply } from "../channels/teams/http.ts";
import type { RedisServer } from "../support/redis-server.ts";
import { postJson, type ServerLogLine, type ServerProcess } from "../support/server-process.ts";
import { shippedKnowledge } from "../support/shipped.ts";
import { startTwoInstancesOnRedis, stopTwoInstances } from "../support/two-instances.ts";

type Connector = Awaited<ReturnType<typeof startConnector>>;

interface TeamsTurn {
  /** The reply activity as the Bot Connector received it. */
  activity: {
    text?: string;
    attachments?: { content: { actions?: { title: string }[] } }[];
    channelData?: unknown;
  };
  /** What the instance logged for the turn ("teams reply sent"): the reply's kind and topic. */
  kind: unknown;
  topic: unknown;
}

const repliesLogged = (server: ServerProcess): ServerLogLine[] =>
  server.logs.filter((l) => l.msg === "teams reply sent");

const storeWarnings = (server: ServerProcess): ServerLogLine[] =>
  server.logs.filter((l) => l.level === "warn" && /^teams state (read|write) failed/.test(l.msg));

/** A clarify offers topics' own questions, so the card's choice text names the topic it leads to. */
function topicAsked(question: string | undefined): string | undefined {
  return shippedKnowledge().topics.find((t) => t.question === question)?.id;
}

/** One Teams conversation; `say` waits for the reply and its log line, so turns never overlap. */
function teamsConversation(connector: Connector, conversationId: string) {
  let turn = 0;
  return async (server: ServerProcess, text: string): Promise<TeamsTurn> => {
    const activityId = `${conversationId}/activity-${++turn}`;
    const before = repliesLogged(server).length;
    const res = await postJson(
      `${server.url}/api/messages`,
      messageActivity(connector.url, {
        id: activityId,
        text,
        conversation: { id: conversationId, conversationType: "personal" },
      }),
    );
    expect(res.status).toBe(200);
    const reply = await waitForReply(connector, activityId);
    expect(reply.path).toBe(
      `/v3/conversations/${encodeURIComponent(conversationId)}/activities/${encodeURIComponent(activityId)}`,
    );
    // Turns to one instance are sequential, so the first line past `before` is this turn's.
    await server.waitForLog(() => repliesLogged(server).length > before);
    const logged = repliesLogged(server)[before]!;
    return { activity: reply.body as TeamsTurn["activity"], kind: logged.kind, topic: logged.topic };
  };
}

const choices = (turn: TeamsTurn) =>
  turn.activity.attachments?.[0]?.content.actions?.map((a) => a.title) ?? [];

describe("Teams conversations across instances sharing Redis (real redis-server, server processes, connector)", () => {
  let redis: RedisServer;
  let connector: Connector;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    connector = await startConnector();
    // No MicrosoftAppId in the children's env: anonymous botbuilder replies to the local connector.
    ({ redis, a, b } = await startTwoInstancesOnRedis());
  });

  afterAll(async () => {
    await stopTwoInstances({ redis, a, b });
    await connector?.stop();
  });

  it("keeps a Teams conversation's follow-up context when its turns alternate between instances", async () => {
    const followUp = teamsConversation(connector, "a:redis-teams-follow-up");
    const first = await followUp(a, "does microneedling help acne scars");
    expect(first).toMatchObject({ kind: "answer", topic: "acne-scars" });
    expect(first.activity.channelData).toEqual({ feedbackLoopEnabled: true });
    // "that" only means acne-scar results if B reads the context A wrote.
    const second = await followUp(b, "and how long does that last?");
    expect(second).toMatchObject({ kind: "answer", topic: "results-duration" });

    const pick = teamsConversation(connector, "a:redis-teams-clarify");
    const clarify = await pick(b, "how long does it take?");
    expect(clarify.kind).toBe("clarify");
    const offered = choices(clarify);
    expect(offered.length).toBeGreaterThanOrEqual(3);
    const secondChoice = topicAsked(offered[1]);
    expect(secondChoice).toBeDefined();
    // The choices B offered are picked on A by number: only the shared context makes "2" an answer.
    const picked = await pick(a, "2");
    expect(picked).toMatchObject({ kind: "answer", topic: secondChoice });

    // The state really is in Redis (the instances share nothing else), under the Teams storage keys.
    const raw = new Redis(redis.url);
    try {
      const keys = await raw.keys(`${REDIS_KEY_PREFIX}*`);
      const hashed = (key: string) =>
        `${REDIS_KEY_PREFIX}teams:${createHash("sha256").update(key).digest("hex").slice(0, 32)}`;
      expect(keys).toEqual(
        expect.arrayContaining([
          hashed("msteams/conversations/a:redis-teams-follow-up/"),
          hashed("msteams/conversations/a:redis-teams-clarify/"),
        ]),
      );
      // Conversation ids identify people in a tenant: no key holds one, only its hash.
      expect(keys.filter((key) => key.includes("redis-teams"))).toEqual([]);
    } finally {
      raw.disconnect();
    }
    for (const s of [a, b]) expect(storeWarnings(s)).toEqual([]);
  });

  it("replies without context while Redis is down, with a store warning, and resumes context once it is back", async () => {
    const say = teamsConversation(connector, "a:redis-teams-outage");
    const offered = await say(a, "how long does it take?");
    expect(offered.kind).toBe("clarify");

    await redis.stop();
    // B cannot read the choices A stored, so "2" still gets a reply, just not an answer.
    const withoutContext = await say(b, "2");
    expect(withoutContext.kind).toBe("fallback");
    expect(withoutContext.activity.text).not.toMatch(/something went wrong/i);
    const stillAnswered = await say(a, "does it hurt?");
    expect(stillAnswered.kind).toBe("answer");
    for (const s of [a, b]) expect(storeWarnings(s).length).toBeGreaterThan(0);

    await redis.start();
    // The clients reconnect on their own within about a second.
    const reconnected = (s: ServerProcess) => s.logs.filter((l) => l.msg === "redis connected").length >= 2;
    await Promise.all(
      [a, b].map((s) => s.waitForLog(() => reconnected(s), undefined, "a reconnect to Redis")),
    );
    const clarify = await say(a, "how long does it take?");
    expect(clarify.kind).toBe("clarify");
    const secondChoice = topicAsked(choices(clarify)[1]);
    expect(secondChoice).toBeDefined();
    const picked = await say(b, "2");
    expect(picked).toMatchObject({ kind: "answer", topic: secondChoice });
    for (const s of [a, b]) {
      expect(s.logs.filter((l) => l.level === "error")).toEqual([]);
      expect(s.logs.filter((l) => l.msg === "teams turn failed" || l.msg === "teams request failed")).toEqual(
        [],
      );
    }
  });
});
