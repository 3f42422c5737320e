import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { chat, type ServerProcess, startServerProcess } from "../support/server-process.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const TRUE_QUOTE = "they only poke the outer layer of the skin on your face";
const FALSE_QUOTE = "they only poke the deepest layer of the skin on your face";

/** A copy of the shipped pack, for a test to edit. */
function copyPack(): { dir: string; painFile: string; original: string } {
  const dir = mkdtempSync(join(tmpdir(), "faq-grounding-"));
  cpSync(resolve(ROOT, "knowledge/microneedling"), dir, { recursive: true });
  const painFile = join(dir, "topics/pain.yaml");
  return { dir, painFile, original: readFileSync(painFile, "utf8") };
}

/** Every quote the pain answer shows right now. */
async function painQuotes(server: ServerProcess): Promise<string[]> {
  const { body } = await chat(server, "does it hurt?");
  expect(body.reply.topic).toBe("pain");
  return body.reply.citations.map((citation) => citation.quote);
}

describe("a pack with an unverified quote is never served (real server process)", () => {
  let pack: ReturnType<typeof copyPack>;
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.kill();
    server = undefined;
    rmSync(pack.dir, { recursive: true, force: true });
  });

  it("refuses to start, naming the quote's file and line, where only the record could vouch for it", async () => {
    pack = copyPack();
    writeFileSync(pack.painFile, pack.original.replace(TRUE_QUOTE, FALSE_QUOTE));
    const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        NODE_ENV: "test",
        PORT: "0",
        KNOWLEDGE_DIR: pack.dir,
        ARTICLES_DIR: join(pack.dir, "no-articles-in-this-deployment"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.stdout.resume();
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    const code = await new Promise<number | null>((done) => child.once("exit", done));
    clearTimeout(timer);
    expect(code, `the server should have refused the pack:\n${stderr}`).toBe(1);
    expect(stderr).toMatch(
      /topics\/pain\.yaml:\d+:\d+: quote not verified: it is not in verified-quotes\.yaml/,
    );
  }, 90_000);

  it.each([
    [
      "from the verified-quote record, without the articles",
      "no-articles-in-this-deployment",
      /quote not verified/,
    ],
    ["against the articles", undefined, /quote not found in article 'effects'/],
  ])(
    "rejects a hot reload that changes a quote %s, and keeps showing only verified quotes",
    async (_how, articles, why) => {
      pack = copyPack();
      server = await startServerProcess({
        KNOWLEDGE_DIR: pack.dir,
        ...(articles ? { ARTICLES_DIR: join(pack.dir, articles) } : {}),
      });
      expect(await painQuotes(server)).toContain(TRUE_QUOTE);

      writeFileSync(pack.painFile, pack.original.replace(TRUE_QUOTE, FALSE_QUOTE));
      const rejected = await server.waitForLog((l) => l.msg.startsWith("knowledge reload rejected"), 30_000);
      expect(rejected.msg).toMatch(why);
      const quotes = await painQuotes(server);
      expect(quotes).toContain(TRUE_QUOTE);
      expect(quotes).not.toContain(FALSE_QUOTE);
    },
    90_000,
  );
});

describe("the shipped pack in a deployment without the articles (real server process)", () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess(
      { ARTICLES_DIR: join(tmpdir(), "faq-no-articles-here") },
      { startTimeoutMs: 60_000 },
    );
  }, 60_000);
  afterAll(async () => {
    await server?.kill();
  });

  it("starts from its verified-quote record and cites as usual", async () => {
    expect(await painQuotes(server)).toContain(TRUE_QUOTE);
    expect(server.logs.filter((l) => l.issue !== undefined || l.level === "error")).toEqual([]);
  });
});
