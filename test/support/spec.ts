import { readFileSync } from "node:fs";

/** The topics ../shared/knowledge-spec.md requires, read from its table: the shipped pack must keep them. */
export const SPEC_TOPICS: ReadonlyArray<{ id: string; question: string }> = [
  ...readFileSync(new URL("../../../shared/knowledge-spec.md", import.meta.url), "utf8").matchAll(
    /^\| ([a-z0-9-]+) \| (.+?) \|$/gm,
  ),
]
  .filter((m) => m[1] !== "id")
  .map((m) => ({ id: m[1]!, question: m[2]! }));

export const SPEC_TOPIC_IDS: readonly string[] = SPEC_TOPICS.map((t) => t.id);

/** The shipped pack's folder. */
export const SHIPPED_PACK = "knowledge/microneedling";
