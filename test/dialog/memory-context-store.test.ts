import { describe, expect, it } from "vitest";
import { createMemoryContextStore } from "../../src/dialog/memory-context-store.ts";
import type { ConversationContext } from "../../src/dialog/types.ts";

const context = (turns: number): ConversationContext => ({
  recentTopics: ["pain"],
  coveredTopics: ["pain"],
  pendingClarify: null,
  turns,
  updatedAt: 0,
});

function clock(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("createMemoryContextStore", () => {
  it("returns what was set, and nothing for unknown ids", async () => {
    const store = createMemoryContextStore({ maxEntries: 10, ttlMs: 1000 });
    await store.set("a", context(1));
    expect(await store.get("a")).toEqual(context(1));
    expect(await store.get("b")).toBeUndefined();
  });

  it("keeps a frozen copy, so neither the stored object nor the one handed out can change it", async () => {
    const store = createMemoryContextStore({ maxEntries: 10, ttlMs: 1000 });
    const original = { ...context(1), pendingClarify: [{ topic: "cost", question: "How much?" }] };
    await store.set("a", original);
    original.recentTopics.push("cost");
    original.pendingClarify[0]!.topic = "pain";
    const stored = (await store.get("a"))!;
    expect(() => {
      stored.turns = 99;
    }).toThrow(TypeError);
    expect(() => stored.coveredTopics.push("cost")).toThrow(TypeError);
    expect(() => {
      stored.pendingClarify![0]!.topic = "pain";
    }).toThrow(TypeError);
    expect(await store.get("a")).toEqual({
      ...context(1),
      pendingClarify: [{ topic: "cost", question: "How much?" }],
    });
  });

  it("stays within maxEntries by dropping the least recently used", async () => {
    const store = createMemoryContextStore({ maxEntries: 3, ttlMs: 60_000 });
    for (const id of ["a", "b", "c"]) await store.set(id, context(1));
    await store.get("a"); // a is now the most recently used
    await store.set("d", context(1));
    expect(store.size).toBe(3);
    expect(await store.get("b")).toBeUndefined();
    expect(await store.get("a")).toBeDefined();
    expect(await store.get("d")).toBeDefined();
  });

  it("forgets a conversation idle longer than ttlMs", async () => {
    const time = clock();
    const store = createMemoryContextStore({ maxEntries: 10, ttlMs: 1000, now: time.now });
    await store.set("a", context(1));
    time.advance(999);
    expect(await store.get("a")).toBeDefined(); // touching it restarts its idle time
    time.advance(999);
    expect(await store.get("a")).toBeDefined();
    time.advance(1000);
    expect(await store.get("a")).toBeUndefined();
  });

  it("prunes expired conversations when new ones arrive, without timers", async () => {
    const time = clock();
    const store = createMemoryContextStore({ maxEntries: 100, ttlMs: 1000, now: time.now });
    for (let i = 0; i < 50; i++) await store.set(`old-${i}`, context(1));
    time.advance(1500);
    await store.set("new", context(1));
    expect(store.size).toBe(1);
  });

  it("keeps at most maxEntries, the most recent, across 50,000 conversations", async () => {
    const store = createMemoryContextStore({ maxEntries: 1000, ttlMs: 60_000 });
    for (let i = 0; i < 50_000; i++) await store.set(`c${i}`, context(i));
    expect(store.size).toBe(1000);
    expect(await store.get("c49999")).toMatchObject({ turns: 49999 });
    expect(await store.get("c0")).toBeUndefined();
  });

  it("refuses nonsensical limits", () => {
    expect(() => createMemoryContextStore({ maxEntries: 0, ttlMs: 1000 })).toThrow(/maxEntries/);
    expect(() => createMemoryContextStore({ maxEntries: 1, ttlMs: -1 })).toThrow(/ttlMs/);
  });
});
