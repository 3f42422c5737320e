import { afterAll, describe, expect, it } from "vitest";
import { readArticles, readKnowledgeFiles } from "../../../src/knowledge/index.ts";
import { createDevSetRunner, type DevSetJob } from "../../../src/server/studio/dev-set-runner.ts";

const runner = createDevSetRunner();
afterAll(() => runner.close());

const job = (devText: string, files = readKnowledgeFiles("knowledge/microneedling")): DevSetJob => ({
  files: files.map((f) => [f.path, f.text]),
  articles: [...readArticles("../shared/sources")],
  devText,
  thresholds: {},
});

const lines = [
  { id: "a", turns: ["how much does it cost"], expect: ["cost"] },
  { id: "b", turns: ["does it hurt", "and after?"], expect: ["pain", "recovery-downtime|aftercare"] },
  { id: "c", turns: ["best pizza in town"], expect: ["fallback"] },
]
  .map((l) => JSON.stringify(l))
  .join("\n");

describe("the studio's dev-set runner", () => {
  it("answers every labelled turn in a worker thread while this thread keeps serving", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    const run = await runner.run(job(lines));
    clearInterval(timer);
    expect(run.ok).toBe(true);
    if (!run.ok) return;
    expect(run.outcomes.map((o) => [o.id, o.turn])).toEqual([
      ["a", 0],
      ["b", 0],
      ["b", 1],
      ["c", 0],
    ]);
    expect(run.outcomes[0]).toMatchObject({ ok: true, reply: { kind: "answer", topic: "cost" } });
    expect(run.outcomes[3]).toMatchObject({ ok: true, reply: { kind: "fallback" } });
    // Building the engine takes the worker a second or more: the serving thread's timer ran meanwhile.
    expect(ticks).toBeGreaterThan(0);
  }, 120_000);
  it("says why when the pack does not validate, and keeps running jobs after", async () => {
    const broken = readKnowledgeFiles("knowledge/microneedling").map((f) =>
      f.path === "pack.yaml" ? { ...f, text: "name: [unclosed" } : f,
    );
    expect(await runner.run(job(lines, broken))).toEqual({
      ok: false,
      message: "The pack does not validate, so the dev set cannot be run.",
    });
    expect((await runner.run(job(lines))).ok).toBe(true);
  }, 120_000);
});
