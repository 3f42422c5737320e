import { describe, expect, it } from "vitest";
import { runValidate } from "../../src/cli/validate.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { SPEC_TOPIC_IDS } from "../support/spec.ts";

// The knowledge base the bot ships with, checked against the five articles.
const SOURCES = "../shared/sources";

describe("the shipped knowledge base", () => {
  const result = loadKnowledge("knowledge/microneedling", { articlesDir: SOURCES });
  const problems = result.ok ? result.warnings : result.issues;

  it("validates against the articles with no errors or warnings", () => {
    expect(problems.map((issue) => `${issue.file}:${issue.line}:${issue.column}: ${issue.message}`)).toEqual(
      [],
    );
    expect(result.ok).toBe(true);
  });

  it("has every spec topic, requires exactly those in its manifest, and cites the five sources", () => {
    if (!result.ok) throw new Error("knowledge base did not load");
    expect(SPEC_TOPIC_IDS.filter((id) => !result.kb.topicById.has(id))).toEqual([]);
    expect([...result.kb.pack.requiredTopics].sort()).toEqual([...SPEC_TOPIC_IDS].sort());
    expect([...result.kb.sources.keys()]).toEqual([
      "lasts",
      "results-last",
      "effects",
      "how-soon",
      "before-after",
    ]);
  });

  it("passes the validate command", async () => {
    const out: string[] = [];
    const code = await runValidate(["--sources", SOURCES], {
      out: (s) => out.push(s),
      err: (s) => out.push(s),
    });
    expect(out.at(-1)).toMatch(
      /^knowledge: \d+ topics, 5 sources, \d+ claims, \d+ conflicts — 0 errors, 0 warnings$/,
    );
    expect(code).toBe(0);
  });
});
