import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/load.ts";

const FIXTURES = "test/fixtures/knowledge";
const ARTICLES = `${FIXTURES}/articles`;

describe("loadKnowledge", () => {
  it("loads a folder and its articles into a knowledge base", () => {
    const result = loadKnowledge(`${FIXTURES}/minimal`, { articlesDir: ARTICLES, requiredTopics: [] });
    expect(result).toMatchObject({ ok: true, warnings: [] });
    if (!result.ok) return;
    expect(result.kb.topics.map((topic) => [topic.id, topic.file])).toEqual([
      ["results-onset", "topics/results-onset.yaml"],
      ["session-interval", "topics/session-interval.yaml"],
    ]);
  });

  it("reports every problem in a broken folder at once, with paths under that folder", () => {
    const result = loadKnowledge(`${FIXTURES}/broken`, { articlesDir: ARTICLES, requiredTopics: [] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => [issue.code, issue.file, issue.line, issue.column])).toEqual([
      ["yaml-syntax", `${FIXTURES}/broken/topics/results-onset.yaml`, 16, 1],
      ["too-few-phrasings", `${FIXTURES}/broken/topics/session-interval.yaml`, 4, 3],
    ]);
  });

  it("checks the quotes against the pack's verified-quote record where the articles folder cannot be read", () => {
    const result = loadKnowledge(`${FIXTURES}/minimal`, {
      articlesDir: `${FIXTURES}/nowhere`,
      requiredTopics: [],
    });
    expect(result).toMatchObject({ ok: true, warnings: [] });
  });

  it("refuses a pack with neither its articles nor a verified-quote record", () => {
    const result = loadKnowledge(`${FIXTURES}/broken`, {
      articlesDir: `${FIXTURES}/nowhere`,
      requiredTopics: [],
    });
    expect(result.ok ? [] : result.issues.map((issue) => issue.code)).toContain("quotes-unverified");
  });

  it("warns, with the articles at hand, that a record no longer matching the pack would refuse it elsewhere", () => {
    const dir = mkdtempSync(join(tmpdir(), "faq-record-"));
    cpSync(`${FIXTURES}/minimal`, dir, { recursive: true });
    writeFileSync(join(dir, "verified-quotes.yaml"), "articles: []\nquotes: []\n");
    const result = loadKnowledge(dir, { articlesDir: ARTICLES, requiredTopics: [] });
    expect(result.ok ? result.warnings.map((w) => [w.code, w.file]) : []).toEqual([
      ["quote-record-stale", join(dir, "verified-quotes.yaml")],
    ]);
  });

  it("reports every required file as missing for an empty folder", () => {
    const result = loadKnowledge(`${FIXTURES}/nowhere`);
    const codes = result.ok ? [] : result.issues.map((issue) => issue.code);
    expect(codes.filter((code) => code === "missing-file")).toHaveLength(4);
  });
});
