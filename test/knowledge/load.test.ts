import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/load.ts";

const FIXTURES = "test/fixtures/knowledge";
const ARTICLES = `${FIXTURES}/articles`;

describe("loadKnowledge", () => {
  it("loads a folder and its articles into a knowledge base", () => {
    const result = loadKnowledge(`${FIXTURES}/minimal`, { sourcesDir: ARTICLES, requiredTopics: [] });
    expect(result).toMatchObject({ ok: true, warnings: [] });
    if (!result.ok) return;
    expect(result.kb.topics.map((topic) => [topic.id, topic.file])).toEqual([
      ["results-onset", "topics/results-onset.yaml"],
      ["session-interval", "topics/session-interval.yaml"],
    ]);
  });

  it("reports every problem in a broken folder at once, with paths under that folder", () => {
    const result = loadKnowledge(`${FIXTURES}/broken`, { sourcesDir: ARTICLES, requiredTopics: [] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => [issue.code, issue.file, issue.line, issue.column])).toEqual([
      ["yaml-syntax", `${FIXTURES}/broken/topics/results-onset.yaml`, 16, 1],
      ["too-few-phrasings", `${FIXTURES}/broken/topics/session-interval.yaml`, 4, 3],
    ]);
  });

  it("reports an article folder that does not exist as a missing file per source", () => {
    const result = loadKnowledge(`${FIXTURES}/minimal`, {
      sourcesDir: `${FIXTURES}/nowhere`,
      requiredTopics: [],
    });
    expect(result.ok ? [] : result.issues.map((issue) => issue.code)).toEqual([
      "source-file-missing",
      "source-file-missing",
    ]);
  });

  it("reports every required file as missing for an empty folder", () => {
    const result = loadKnowledge(`${FIXTURES}/nowhere`);
    const codes = result.ok ? [] : result.issues.map((issue) => issue.code);
    expect(codes.filter((code) => code === "missing-file")).toHaveLength(4);
  });
});
