import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chat, type ServerProcess, startServerProcess } from "../support/server-process.ts";

// A second pack, in the clinic's own words with two subjects, served with no code change.
const PACK = "knowledge/examples/smile-dental";

describe(`${PACK} through npm start`, () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess({ KNOWLEDGE_DIR: PACK }, { startTimeoutMs: 60_000 });
  }, 90_000);
  afterAll(async () => {
    await server?.kill();
  });

  it("answers over HTTP and asks the last question again of the other subject", async () => {
    const first = await chat(server, "how much does whitening cost");
    expect(first.status).toBe(200);
    expect(first.body.reply).toMatchObject({ kind: "answer", topic: "whitening-cost" });
    const second = await chat(server, "and for aligners?", first.body.conversationId);
    expect(second.body.reply).toMatchObject({ kind: "answer", topic: "aligners-cost" });
  }, 30_000);

  it("serves the pack's own demo page copy", async () => {
    const page = await (await fetch(`${server.url}/`)).text();
    expect(page).toContain("A brighter, straighter smile, without the guesswork.");
  }, 30_000);
});

describe(`${PACK} through the command line`, () => {
  it("loads with no errors and no warnings", () => {
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "src/cli/main.ts", "validate", "--dir", PACK],
      {
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain("0 errors, 0 warnings");
  }, 90_000);

  it("answers a conversation through cli replay with KNOWLEDGE_DIR", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "replay"], {
      encoding: "utf8",
      timeout: 60_000,
      input: `${JSON.stringify({ id: "d", turns: ["do alligners hurt", "what about whitening"] })}\n`,
      env: { ...process.env, KNOWLEDGE_DIR: PACK },
    });
    expect(run.status, run.stderr).toBe(0);
    const { replies } = JSON.parse(run.stdout.trim());
    expect(replies.map((r: { topic: string }) => r.topic)).toEqual(["aligners-pain", "whitening-pain"]);
  }, 90_000);
});
