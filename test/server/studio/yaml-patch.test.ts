import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { patchYaml, pathsByOffset } from "../../../src/server/studio/yaml-patch.ts";

const TOPICS = resolve(import.meta.dirname, "../../../knowledge/microneedling/topics");
const topicFiles = readdirSync(TOPICS).map((name) => readFileSync(join(TOPICS, name), "utf8"));
interface TopicShape {
  phrasings: string[];
  claims: Array<{ statement: string; support: Array<{ source: string; quote: string }> }>;
  [key: string]: unknown;
}
const topicValue = (text: string) => parseDocument(text).toJS() as TopicShape;
/** Lines of `a` that `b` has fewer of (counting repeats): what an edit rewrote. */
const removedLines = (a: string, b: string) => {
  const left = new Map<string, number>();
  for (const line of b.split("\n")) left.set(line, (left.get(line) ?? 0) + 1);
  return a.split("\n").filter((line) => {
    const n = left.get(line) ?? 0;
    left.set(line, n - 1);
    return n <= 0;
  });
};

describe("patchYaml", () => {
  it("leaves every shipped topic byte for byte when nothing changes", () => {
    for (const text of topicFiles) expect(patchYaml(text, topicValue(text))).toBe(text);
  });

  it("rewrites only the lines of the values that change, on every shipped topic", () => {
    for (const text of topicFiles) {
      const value = topicValue(text);
      value.phrasings.push("a brand new way to ask");
      value.claims[0]!.support[0]!.quote = "a fixed quote";
      const patched = patchYaml(text, value)!;
      expect(topicValue(patched)).toEqual(value);
      expect(patched).toContain("  - a brand new way to ask\n");
      // Only the quote's own line is gone: comments, other quotes, folding all stay.
      expect(removedLines(text, patched)).toHaveLength(1);
    }
  });

  it("keeps comments, key order, flow lists and folded answers where it edits around them", () => {
    const text =
      "# why this topic exists\nid: pain # the file name\nquestion: Does it hurt?\nphrasings:\n  - does it hurt\nanswer: >-\n  Mildly.\nrelated: [a, b]\n";
    const patched = patchYaml(text, {
      id: "pain",
      question: "Does it hurt?",
      phrasings: ["does it hurt"],
      answer: "Mildly, for most people.",
      short: "Mildly.",
      related: ["a", "c"],
    })!;
    expect(patched).toBe(
      "# why this topic exists\nid: pain # the file name\nquestion: Does it hurt?\nphrasings:\n  - does it hurt\nanswer: >-\n  Mildly, for most people.\nshort: Mildly.\nrelated: [a, c]\n",
    );
  });

  it("removes a claim in the middle and its lines only", () => {
    const text = topicFiles.find((t) => topicValue(t).claims.length >= 3)!;
    const value = topicValue(text);
    const [removed] = value.claims.splice(1, 1);
    const patched = patchYaml(text, value)!;
    expect(topicValue(patched)).toEqual(value);
    expect(patched).not.toContain(removed!.statement);
  });

  it("gives up (undefined) on a file that is not valid YAML", () => {
    expect(patchYaml("id: [unclosed\n", { id: "x" })).toBeUndefined();
  });

  it("maps a node's start to its path, for placing the validator's messages", () => {
    const text = "id: pain\nclaims:\n  - statement: A\n    support:\n      - source: x\n        quote: q\n";
    const paths = pathsByOffset(text);
    expect(paths.get(text.indexOf("q\n"))).toEqual(["claims", 0, "support", 0, "quote"]);
    expect(paths.get(text.indexOf("A\n"))).toEqual(["claims", 0, "statement"]);
    expect(paths.get(text.indexOf("statement"))).toEqual(["claims", 0]);
  });
});
