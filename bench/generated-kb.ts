import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readKnowledgeFiles } from "../src/knowledge/load.ts";

/** A deterministic pseudo-random generator, so every run benchmarks the same knowledge base. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SUBJECTS =
  "skin face pores scars acne wrinkles neck hands back legs arms redness swelling collagen serum cream sunscreen makeup session course price clinic needle roller recovery results glow tone texture pigment spots lines eyes lips scalp hair".split(
    " ",
  );
const ASKS = [
  "how long does",
  "can i",
  "is it safe to",
  "what happens if",
  "how much is",
  "when should i",
  "does it help",
  "how often",
  "why does",
  "who can",
];
const VERBS =
  "treat heal fade last hurt work repeat improve tighten smooth prepare combine protect book cost".split(" ");

/**
 * The shipped knowledge base's files plus `extra` generated topics (10 phrasings each), as files for
 * parseKnowledge: a large base with realistic vocabulary overlap, for load and latency benchmarks.
 */
export function generatedKnowledgeFiles(extra: number): Array<{ path: string; text: string }> {
  const dir = "knowledge/microneedling";
  const files: Array<{ path: string; text: string }> = readKnowledgeFiles(dir).map((f) => ({
    path: f.path,
    text: f.text,
  }));
  const claim = readFileSync(join(dir, "topics", "pain.yaml"), "utf8")
    .split("\nclaims:\n")[1]!
    .split("\nconflicts:")[0]!;
  const next = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  for (let i = 0; i < extra; i++) {
    const id = `generated-${i}`;
    const a = pick(SUBJECTS);
    const b = pick(SUBJECTS);
    const phrasings = Array.from(
      { length: 10 },
      () => `${pick(ASKS)} ${pick(VERBS)} ${a} ${b} ${pick(SUBJECTS)} topic${i}`,
    );
    const text = [
      `id: ${id}`,
      `question: What about ${a} and ${b} (${i})?`,
      "phrasings:",
      ...phrasings.map((p) => `  - ${p}`),
      `answer: Generated answer ${i} about ${a} and ${b}.`,
      `short: Generated short answer ${i}.`,
      "claims:",
      claim,
      "related: [pain]",
    ].join("\n");
    files.push({ path: `topics/${id}.yaml`, text });
  }
  return files;
}
