import { Writable } from "node:stream";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/server/logger.ts";
import { closeRedis, createRedisClient, waitForRedis } from "../../src/server/stores/redis-client.ts";
import { createRedisContextStore } from "../../src/server/stores/redis-context-store.ts";
import { resilientContextStore } from "../../src/server/stores/resilient.ts";
import { createRedisTeamsStorage } from "../../src/server/stores/teams-storage.ts";
import { type RedisServer, startRedisServer } from "../support/redis-server.ts";
import { chat, type ServerProcess } from "../support/server-process.ts";
import { startTwoInstancesOnRedis, stopTwoInstances } from "../support/two-instances.ts";
import { WAIT } from "../support/wait.ts";

const logLines: string[] = [];
const logger = createLogger(
  { logLevel: "info" },
  new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  }),
);

/** A conversation moving between instances: each turn goes to the next server in `servers`. */
async function converse(servers: ServerProcess[], turns: string[]) {
  let conversationId: string | undefined;
  const replies = [];
  for (const [i, text] of turns.entries()) {
    const { status, body } = await chat(servers[i % servers.length]!, text, conversationId);
    expect(status).toBe(200);
    conversationId = body.conversationId;
    replies.push(body.reply);
  }
  return replies;
}

describe("several instances sharing Redis (real redis-server and server processes)", () => {
  let redis: RedisServer;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    ({ redis, a, b } = await startTwoInstancesOnRedis());
  });

  afterAll(() => stopTwoInstances({ redis, a, b }));

  it("keeps a conversation's context when its turns alternate between instances", async () => {
    const [first, second] = await converse(
      [a, b],
      ["does microneedling help acne scars", "and how long does that last?"],
    );
    expect(first).toMatchObject({ kind: "answer", topic: "acne-scars" });
    expect(second).toMatchObject({ kind: "answer", topic: "results-duration" });
    // A clarify's choices offered by B are picked on A: "2" means something only with the shared context.
    const [clarify, picked] = await converse([b, a], ["how long does it take?", "2"]);
    expect(clarify!.kind).toBe("clarify");
    expect(picked).toMatchObject({ kind: "answer", topic: clarify!.alternatives[1]!.topic });
    expect(a.logs.some((l) => l.msg === "conversation state in redis")).toBe(true);
  });

  it("answers without context while Redis is down, and resumes context once it is back", async () => {
    await redis.stop();
    const [offered, withoutContext] = await converse([a, b], ["how long does it take?", "2"]);
    expect(offered!.kind).toBe("clarify");
    // Without the stored choices, a bare "2" is not an answer.
    expect(withoutContext!.kind).toBe("fallback");
    const statuses = await Promise.all(
      [a, b, a, b].map(async (s) => (await chat(s, "does it hurt?")).status),
    );
    expect(statuses).toEqual([200, 200, 200, 200]);
    // Logs are written asynchronously: the warning may reach the pipe just after the reply.
    await b.waitForLog((l) => l.level === "warn" && /store (read|write) failed/.test(l.msg));

    await redis.start();
    // The clients reconnect on their own within about a second.
    const reconnected = (s: ServerProcess) => s.logs.filter((l) => l.msg === "redis connected").length >= 2;
    await Promise.all(
      [a, b].map((s) => s.waitForLog(() => reconnected(s), undefined, "a reconnect to Redis")),
    );
    const [clarify, resumed] = await converse([a, b], ["how long does it take?", "2"]);
    expect(resumed).toMatchObject({ kind: "answer", topic: clarify!.alternatives[1]!.topic });
    for (const s of [a, b]) expect(s.logs.filter((l) => l.level === "error")).toEqual([]);
  });
});

describe("Redis stores (real redis-server)", () => {
  let server: RedisServer;
  let client: Redis;
  beforeAll(async () => {
    server = await startRedisServer();
    client = createRedisClient(server.url, logger);
    expect(await waitForRedis(client, WAIT.logLineMs)).toBe(true);
  });
  afterAll(async () => {
    await closeRedis(client);
    await server?.stop();
  });

  it("stores contexts as JSON under the key prefix with an idle TTL", async () => {
    const store = createRedisContextStore(client, { ttlMs: 60_000 });
    const context = {
      recentTopics: ["pain"],
      coveredTopics: ["pain"],
      pendingClarify: null,
      turns: 1,
      updatedAt: 1,
    };
    await store.set("web:abc", context);
    expect(await store.get("web:abc")).toEqual(context);
    expect(await store.get("web:missing")).toBeUndefined();
    const raw = new Redis(server.url);
    try {
      expect(JSON.parse((await raw.get("needle-faq-bot:ctx:web:abc"))!)).toEqual(context);
      const ttl = await raw.pttl("needle-faq-bot:ctx:web:abc");
      expect(ttl).toBeGreaterThan(50_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
    } finally {
      raw.disconnect();
    }
  });

  it("gives Teams a botbuilder Storage: read, write and delete", async () => {
    const storage = createRedisTeamsStorage(client, { ttlMs: 60_000 });
    await storage.write({ "msteams/conversations/c1/": { context: { turns: 2 }, eTag: "*" } });
    expect(await storage.read(["msteams/conversations/c1/", "other"])).toEqual({
      "msteams/conversations/c1/": { context: { turns: 2 }, eTag: "*" },
    });
    await storage.delete(["msteams/conversations/c1/"]);
    expect(await storage.read(["msteams/conversations/c1/"])).toEqual({});
  });

  it("degrades to no context, with a warning, when the store fails", async () => {
    const failing = resilientContextStore(
      {
        get: () => Promise.reject(new Error("Connection is closed.")),
        set: () => Promise.reject(new Error("Connection is closed.")),
      },
      logger,
    );
    expect(await failing.get("web:x")).toBeUndefined();
    await expect(
      failing.set("web:x", {
        recentTopics: [],
        coveredTopics: [],
        pendingClarify: null,
        turns: 1,
        updatedAt: 1,
      }),
    ).resolves.toBeUndefined();
    expect(logLines.join("")).toContain("answering without context");
    expect(logLines.join("")).toContain("context not kept");
  });
});
