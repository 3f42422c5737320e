import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/dialog/engine.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { loadLanguage } from "../../src/lang/language.ts";
import type { Analysis } from "../../src/matching/analyze.ts";
import type { IndexSnapshot } from "../../src/matching/index.ts";
import { indexCacheKey, readIndexCache, writeIndexCache } from "../../src/server/index-cache.ts";
import { prefetchIndexCache } from "../../src/server/index-cache-file.ts";

const scratch = mkdtempSync(join(tmpdir(), "index-cache-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const pack = join(scratch, "pack");
cpSync("test/fixtures/knowledge/minimal", pack, { recursive: true });
const cacheDir = join(scratch, "cache");
const language = loadLanguage("en");
const MESSAGES = ["does it hurt", "how much does it cost", "wat is the weather in paris", "hello"];

function engineWith(analyses?: Map<string, Analysis>, snapshot?: IndexSnapshot) {
  const loaded = loadKnowledge(pack);
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join("; "));
  return createEngine(loaded.kb, {
    language,
    readingCacheSize: 0,
    ...(analyses ? { analyses } : {}),
    ...(snapshot ? { snapshot } : {}),
  });
}

describe("the index cache", () => {
  it("answers exactly as a fresh build does when the pack's analyses, fitted scorers and sentence vectors come from the cache", () => {
    const key = indexCacheKey(pack);
    const filled = readIndexCache(pack, key, cacheDir);
    expect(filled.analyses.size).toBe(0);
    const snapshot: IndexSnapshot = {};
    engineWith(filled.analyses, snapshot);
    expect(filled.analyses.size).toBeGreaterThan(0);
    expect(snapshot.semantic?.present.length).toBeGreaterThan(0);
    expect(snapshot.state?.lexical.tfidf.norms.length).toBeGreaterThan(0);
    expect(writeIndexCache(pack, key, { ...filled, snapshot }, cacheDir)).toBeUndefined();

    const cached = readIndexCache(pack, key, cacheDir);
    expect(cached.analyses).toEqual(filled.analyses);
    expect(cached.snapshot).toEqual(snapshot);
    // What the engine builds from the cache it takes as it is: nothing is fitted again.
    const reused: IndexSnapshot = { ...cached.snapshot };
    const [fresh, fromCache] = [engineWith(), engineWith(cached.analyses, reused)];
    expect(reused.state).toBe(cached.snapshot!.state);
    expect(reused.semantic).toBe(cached.snapshot!.semantic);
    for (const text of MESSAGES) {
      const a = fresh.explain({ text, context: null });
      const b = fromCache.explain({ text, context: null });
      expect(b.reply, text).toEqual(a.reply);
      expect(b.trace.candidates, text).toEqual(a.trace.candidates);
    }
  });

  it("gives back every field of an analysis: corrections, names and a missing question type included", () => {
    const engine = engineWith();
    const texts = ["does microneedlng hurt in paris", "hello there", "wat abot the prise"];
    const analyses = new Map(texts.map((text) => [text, engine.index.analyze(text)]));
    expect([...analyses.values()].some((a) => a.corrections.length > 0)).toBe(true);
    expect([...analyses.values()].some((a) => a.questionType === undefined)).toBe(true);
    const key = indexCacheKey(pack);
    writeIndexCache(pack, key, { analyses }, cacheDir);
    expect(readIndexCache(pack, key, cacheDir).analyses).toStrictEqual(analyses);
  });

  it("gives back the validated knowledge base and its warnings as they were", () => {
    const loaded = loadKnowledge(pack);
    if (!loaded.ok) throw new Error("the fixture pack does not load");
    const key = indexCacheKey(pack);
    writeIndexCache(
      pack,
      key,
      { knowledge: { kb: loaded.kb, warnings: loaded.warnings }, analyses: new Map() },
      cacheDir,
    );
    const cached = readIndexCache(pack, key, cacheDir).knowledge!;
    expect(cached.kb).toEqual(loaded.kb);
    expect(cached.kb.topicById.get(loaded.kb.topics[0]!.id)).toEqual(loaded.kb.topics[0]);
    expect(cached.warnings).toEqual(loaded.warnings);
  });

  it("misses a file with any byte changed, cut short, or written by another V8, and trusts none of it", () => {
    const key = indexCacheKey(pack);
    const analyses = new Map(readIndexCache(pack, key, cacheDir).analyses);
    if (!analyses.size) engineWith(analyses);
    expect(writeIndexCache(pack, key, { analyses }, cacheDir)).toBeUndefined();
    const [name] = readdirSync(cacheDir);
    const path = join(cacheDir, name!);
    const good = readFileSync(path);
    expect(readIndexCache(pack, key, cacheDir).analyses.size).toBe(analyses.size);

    const flipped = Buffer.from(good);
    flipped[flipped.length - 100]! ^= 1;
    const newline = good.indexOf(0x0a);
    const header = JSON.parse(good.toString("utf8", 0, newline));
    const otherV8 = Buffer.concat([
      Buffer.from(`${JSON.stringify({ ...header, v8: "0.0.0" })}\n`),
      good.subarray(newline + 1),
    ]);
    for (const bad of [flipped, good.subarray(0, good.length - 10), otherV8]) {
      writeFileSync(path, bad);
      expect(readIndexCache(pack, key, cacheDir).analyses.size).toBe(0);
    }
    writeFileSync(path, good);
    expect(readIndexCache(pack, `${key.slice(0, 24)}${"0".repeat(40)}`, cacheDir).analyses.size).toBe(0);
  });

  it("misses after any edit to the pack, and on a corrupt file", () => {
    const before = indexCacheKey(pack);
    writeFileSync(join(pack, "off-topic.yaml"), "questions:\n  - what is the capital of peru\n");
    const after = indexCacheKey(pack);
    expect(after).not.toBe(before);
    expect(readIndexCache(pack, after, cacheDir).analyses.size).toBe(0);

    writeIndexCache(pack, after, { analyses: new Map() }, cacheDir);
    const [file] = readdirSync(cacheDir);
    writeFileSync(join(cacheDir, file!), "{ not json");
    expect(readIndexCache(pack, after, cacheDir).analyses.size).toBe(0);
  });

  it("keeps one file per pack: a new entry replaces the pack's older one", () => {
    const key = indexCacheKey(pack);
    writeIndexCache(pack, `${key.slice(0, 10)}older`, { analyses: new Map() }, cacheDir);
    writeIndexCache(pack, key, { analyses: new Map() }, cacheDir);
    expect(readdirSync(cacheDir)).toHaveLength(1);
  });

  it("reads the pack's file ahead of its key, and uses those bytes only while they are still the pack's", async () => {
    // A pack of its own: the tests before this one leave theirs edited.
    const pack = join(scratch, "prefetched-pack");
    cpSync("test/fixtures/knowledge/minimal", pack, { recursive: true });
    const loaded = loadKnowledge(pack);
    if (!loaded.ok) throw new Error("the minimal pack does not load");
    const key = indexCacheKey(pack);
    const analyses = new Map([["hello", createEngine(loaded.kb, { language }).index.analyze("hello")]]);
    writeIndexCache(pack, key, { analyses }, cacheDir);
    const prefetched = await prefetchIndexCache(pack, cacheDir);
    expect(prefetched?.bytes).toEqual(readFileSync(prefetched!.path));
    expect(readIndexCache(pack, key, cacheDir, prefetched).analyses).toEqual(analyses);
    // Read ahead of an edit to the pack: the new key names another file, so the bytes read are not used.
    expect(
      readIndexCache(pack, `${"f".repeat(24)}${key.slice(24)}`, cacheDir, prefetched).analyses.size,
    ).toBe(0);
    // Bytes at the key's path that are not its entry are checked as a file read then would be.
    const torn = { path: prefetched!.path, bytes: prefetched!.bytes.subarray(0, 100) };
    expect(readIndexCache(pack, key, cacheDir, torn).analyses.size).toBe(0);
    expect(await prefetchIndexCache(join(scratch, "no-such-pack"), cacheDir)).toBeUndefined();
    expect(await prefetchIndexCache(pack, join(scratch, "no-such-dir"))).toBeUndefined();
  });
});
