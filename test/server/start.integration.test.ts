import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { INDEX_CACHE } from "../../src/server/index-cache.ts";
import { createLogger } from "../../src/server/logger.ts";
import { startServer } from "../../src/server/start.ts";

// A copy of the second pack, at a path no index cache entry has seen: this start builds its index.
const scratch = mkdtempSync(join(tmpdir(), "start-pack-"));
const pack = join(scratch, "pack");
cpSync("knowledge/examples/smile-dental", pack, { recursive: true });
const prefix = `${createHash("sha256").update(resolve(pack)).digest("hex").slice(0, 12)}-`;
const entries = () => {
  try {
    return readdirSync(INDEX_CACHE.dir).filter((name) => name.startsWith(prefix));
  } catch {
    return [];
  }
};

afterAll(() => {
  for (const name of entries()) rmSync(join(INDEX_CACHE.dir, name), { force: true });
  rmSync(scratch, { recursive: true, force: true });
});

describe("a server start", () => {
  it("listens before it writes the index it built, and writes it once the port is announced", async () => {
    const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "warn", PORT: "0", KNOWLEDGE_DIR: pack });
    const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
    const result = await startServer(config, createLogger(config, silent));
    if (!result.ok) throw new Error(`the pack does not load: ${result.issues[0]?.message}`);
    try {
      const reply = await fetch(`${result.running.url}/api/chat`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: "how much does whitening cost" }),
      });
      expect(reply.status).toBe(200);
      expect(entries()).toEqual([]);
      await result.running.warm();
      expect(entries()).toHaveLength(1);
    } finally {
      await result.running.close();
    }
  }, 60_000);
});
