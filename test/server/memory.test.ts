import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { Request, Response } from "express";
import { describe, expect, it } from "vitest";
import { createChatRoute } from "../../src/channels/web/chat-route.ts";
import { createMemoryContextStore } from "../../src/dialog/memory-context-store.ts";
import { CONVERSATION_TTL_MS, MAX_CONVERSATIONS } from "../../src/server/start.ts";
import { createBoundedMemoryStorage } from "../../src/server/stores/teams-storage.ts";
import { fakeEngine, makeReply, silentLogger } from "./memory-helpers.ts";

const CONVERSATIONS = 100_000;
const MB = 1024 * 1024;

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** The smallest Response the chat route writes to. */
function fakeResponse(): Response {
  const res = {
    statusCode: 200,
    set: () => res,
    status: (code: number) => {
      res.statusCode = code;
      return res;
    },
    json: () => res,
    setHeader: () => res,
    end: () => res,
  };
  return res as unknown as Response;
}

describe("conversation state stays bounded", () => {
  it(`keeps memory flat over ${CONVERSATIONS.toLocaleString("en")} distinct web conversations`, async () => {
    const store = createMemoryContextStore({ maxEntries: MAX_CONVERSATIONS, ttlMs: CONVERSATION_TTL_MS });
    const engine = fakeEngine(() => makeReply());
    const route = createChatRoute({
      engine,
      store,
      logger: silentLogger,
    });
    const send = async (i: number) => {
      const res = fakeResponse();
      await route(
        { body: { text: "does it hurt?", conversationId: `visitor-${i}` } } as Request,
        res,
        () => {},
      );
      expect(res.statusCode).toBe(200);
    };
    // Fill the store to its maximum first, so the measurement compares full with full.
    for (let i = 0; i < MAX_CONVERSATIONS; i++) await send(i);
    engine.inputs.length = 0;
    const before = heapAfterGc();
    for (let i = MAX_CONVERSATIONS; i < CONVERSATIONS; i++) {
      await send(i);
      if (i % 1_000 === 0) engine.inputs.length = 0; // the fake engine records inputs; the real one keeps none
    }
    engine.inputs.length = 0;
    const growth = heapAfterGc() - before;
    expect(store.size).toBeLessThanOrEqual(MAX_CONVERSATIONS);
    // Bounded: about 0.5 MB. An unbounded store grows about 37 MB over these 90,000 conversations.
    expect(growth / MB).toBeLessThan(10);
  });

  it("keeps Teams state bounded too (botbuilder's MemoryStorage would keep every conversation)", async () => {
    const storage = createBoundedMemoryStorage({ maxEntries: 1_000, ttlMs: 60_000 });
    for (let i = 0; i < 20_000; i++) {
      await storage.write({ [`msteams/conversations/c${i}/`]: { context: { turns: 1 }, eTag: "*" } });
    }
    expect(storage.size).toBe(1_000);
    expect(await storage.read(["msteams/conversations/c0/"])).toEqual({});
    expect(Object.keys(await storage.read(["msteams/conversations/c19999/"]))).toHaveLength(1);
  });

  it("forgets Teams state idle longer than its TTL", async () => {
    let now = 0;
    const storage = createBoundedMemoryStorage({ maxEntries: 10, ttlMs: 1_000, now: () => now });
    await storage.write({ a: { turns: 1 } });
    now = 999;
    expect(await storage.read(["a"])).toEqual({ a: { turns: 1 } });
    now = 1_000;
    expect(await storage.read(["a"])).toEqual({});
  });
});
