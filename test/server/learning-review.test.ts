import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/dialog/engine.ts";
import { loadKnowledge } from "../../src/knowledge/index.ts";
import { createLearning } from "../../src/server/learning/index.ts";
import { readUnanswered } from "../../src/server/learning/report.ts";
import { createUnlikeCheck } from "../../src/server/studio/review-queue.ts";

const PACK = "knowledge/microneedling";

describe("what the learning loop keeps for the studio", () => {
  const dir = mkdtempSync(join(tmpdir(), "faqbot-learning-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const loaded = loadKnowledge(PACK);
  if (!loaded.ok) throw new Error("the shipped pack must load");
  const engine = createEngine(loaded.kb, {});
  const config = {
    learning: {
      lowConfidence: 0.6,
      unansweredLog: join(dir, "unanswered.jsonl"),
      feedbackLog: join(dir, "feedback.jsonl"),
      dailyCounts: join(dir, "daily.json"),
    },
  };
  const learning = createLearning({
    config,
    logger: pino({ level: "silent" }),
    knowledgeVersion: () => engine.knowledgeVersion,
    writeLogs: true,
  });
  learning.setUnlikePhrasings(createUnlikeCheck(PACK, engine));
  const web = learning.observe(engine, "web");

  it("logs a confident answer to a message unlike any phrasing of its topic, and counts every message per day", async () => {
    const usual = web.handleTurn({ text: "does it hurt?" }).reply;
    const unusual = web.handleTurn({ text: "how many times do i go back" }).reply;
    expect(usual.kind).toBe("answer");
    expect(unusual.kind).toBe("answer");
    expect(unusual.confidence).toBeGreaterThanOrEqual(0.6);
    await learning.flush();

    const lines = readFileSync(config.learning.unansweredLog, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      expect.objectContaining({
        kind: "answer",
        topic: unusual.topic,
        text: "how many times do i go back",
        reason: "unlike-phrasings",
      }),
    ]);
    expect(readUnanswered(lines[0])).toMatchObject({ reason: "unlike-phrasings" });

    const day = new Date().toISOString().slice(0, 10);
    const counts = JSON.parse(readFileSync(config.learning.dailyCounts, "utf8"));
    expect(counts[day].channels.web.answer).toBe(2);
    expect(counts[day].topics[usual.topic!]).toBe(1);
    expect(JSON.stringify(counts)).not.toContain("go back");
  });
});
