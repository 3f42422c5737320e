import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { importPack, readPackTemplate } from "../../../src/knowledge/import/index.ts";

// The public data sets of ../shared/benchmarks, in the JSON entries shape with their extra fields.
const BENCHMARKS = "../shared/benchmarks";
const files = readdirSync(BENCHMARKS).filter((f) => f.endsWith(".json"));
const template = readPackTemplate();

describe.each(files)("public benchmark %s", (file) => {
  it("imports into a pack that loads, with its dev labels mapped to topic ids and its test split held back", () => {
    const path = join(BENCHMARKS, file);
    const data = JSON.parse(readFileSync(path, "utf8")) as {
      entries: Array<{ id: string; questions: string[] }>;
      dev?: Array<{ q: string; expect: string | null }>;
      test: Array<{ q: string }>;
      oos_train?: string[];
    };
    const result = importPack(readFileSync(path, "utf8"), path, { format: "json", dir: "pack", template });
    if (!result.ok)
      throw new Error(result.issues.map((i) => `${i.file}:${i.line}:${i.column}: ${i.message}`).join("\n"));
    expect(result.kb.topics).toHaveLength(data.entries.length);
    expect(new Set(result.kb.topics.map((t) => t.id)).size).toBe(data.entries.length);
    const phrasings = result.kb.topics.reduce((n, t) => n + 1 + t.phrasings.length, 0);
    expect(phrasings).toBe(data.entries.reduce((n, e) => n + e.questions.length, 0));

    const paths = result.files.map((f) => f.path);
    expect(paths.includes("dev.jsonl")).toBe(Boolean(data.dev?.length));
    if (data.dev?.length) {
      const lines = result.files
        .find((f) => f.path === "dev.jsonl")!
        .text.trim()
        .split("\n");
      expect(lines).toHaveLength(data.dev.length);
      const labels = new Set(lines.flatMap((l) => (JSON.parse(l).expect[0] as string).split("|")));
      for (const label of labels)
        expect(label === "fallback" || result.kb.topicById.has(label), label).toBe(true);
    }
    // The test split is held back: no test query reaches the pack unless the file also lists it elsewhere.
    const elsewhere = new Set([
      ...data.entries.flatMap((e) => e.questions.map((q) => q.trim())),
      ...(data.dev ?? []).map((d) => d.q.trim()),
      ...(data.oos_train ?? []).map((q) => q.trim()),
    ]);
    const written = new Set([
      ...result.kb.topics.flatMap((t) => [t.question, ...t.phrasings]),
      ...result.files
        .filter((f) => f.path === "dev.jsonl")
        .flatMap((f) =>
          f.text
            .trim()
            .split("\n")
            .map((l) => JSON.parse(l).turns[0] as string),
        ),
      ...((
        parse(result.files.find((f) => f.path === "off-topic.yaml")?.text ?? "{}") as { examples?: string[] }
      ).examples ?? []),
    ]);
    const leaked = data.test.map((t) => t.q.trim()).filter((q) => !elsewhere.has(q) && written.has(q));
    expect(leaked).toEqual([]);
  }, 60_000);
});
