// What the engine answers, for checking that a speed change changed nothing: `tsx bench/fingerprint.ts
// <out.txt> [--compare <before.txt>]`. Every dev-set conversation runs through the shipped pack (with
// context, as `cli eval` does), and its messages one by one through smile-dental and the generated
// 5,000-topic pack (as the benchmark does); each line holds a reply's kind, topics and scores to 1e-9.
import { readFileSync, writeFileSync } from "node:fs";
import { readLabelledSet } from "../src/cli/eval.ts";
import type { TurnTrace } from "../src/dialog/engine.ts";
import { createEngine, type ExplainingEngine } from "../src/dialog/engine.ts";
import { runConversations } from "../src/dialog/labelled-set.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { parseKnowledge } from "../src/knowledge/parse.ts";
import type { KnowledgeBase } from "../src/knowledge/types.ts";
import type { Reply } from "../src/reply.ts";
import { generatedKnowledgeFiles } from "./generated-kb.ts";

const CLINIC = { name: "Bench Clinic", phone: "000" };
/** Messages of the dev set run through the generated pack: its engine is slow to build and to ask. */
const GENERATED_SAMPLE = 400;
/** Tolerance of the comparison: floating-point sums taken in another order differ far below this. */
const TOLERANCE = 2e-9;

const round = (x: number) => x.toFixed(9);
const items = readLabelledSet("knowledge/microneedling/dev.jsonl").items;
const messages = items.flatMap((i) => i.turns);

function describe(reply: Reply, trace: TurnTrace): string {
  const candidates = trace.candidates.map(
    (c) =>
      `${c.label}:${round(c.confidence)}:${round(c.rank)}:${Object.values(c.components).map(round).join(",")}:${c.phrasing ?? ""}`,
  );
  const neighbours = trace.neighbours.map((n) => `${n.label}:${n.phrasing}:${round(n.similarity)}`);
  return [
    reply.kind,
    reply.topic ?? "-",
    round(reply.confidence),
    reply.alternatives.map((a) => a.topic).join(","),
    reply.suggestions.join(","),
    trace.guard,
    candidates.join(" "),
    neighbours.join(" "),
  ].join(" | ");
}

function loaded(dir: string): KnowledgeBase {
  const r = loadKnowledge(dir, {});
  if (!r.ok) throw new Error(`${dir} does not load: ${r.issues[0]?.message}`);
  return r.kb;
}

function singleMessages(name: string, engine: ExplainingEngine, texts: readonly string[]): string[] {
  return texts.map((text, i) => {
    const { reply, trace } = engine.explain({ text, now: 1_700_000_000_000 });
    return `${name} ${i} | ${describe(reply, trace)}`;
  });
}

const lines: string[] = [];
const shipped = createEngine(loaded("knowledge/microneedling"), { clinic: CLINIC, readingCacheSize: 0 });
for (const o of runConversations(shipped, items))
  lines.push(`microneedling ${o.id}/${o.turn} | ${describe(o.reply, o.trace)}`);
const dental = createEngine(loaded("knowledge/examples/smile-dental"), {
  clinic: CLINIC,
  readingCacheSize: 0,
});
lines.push(...singleMessages("smile-dental", dental, messages));
const generated = parseKnowledge(generatedKnowledgeFiles(5000), { requiredTopics: [] });
if (!generated.ok) throw new Error(`generated pack invalid: ${generated.issues[0]?.message}`);
const big = createEngine(generated.kb, { clinic: CLINIC, readingCacheSize: 0 });
lines.push(...singleMessages("generated-5000", big, messages.slice(0, GENERATED_SAMPLE)));

const [out, flag, before] = process.argv.slice(2);
if (!out) throw new Error("usage: tsx bench/fingerprint.ts <out.txt> [--compare <before.txt>]");
writeFileSync(out, `${lines.join("\n")}\n`);
console.log(`${lines.length} replies written to ${out}`);

/** Same text, numbers within TOLERANCE: "0.123456789" vs "0.123456790" is the same score. */
function sameLine(a: string, b: string): boolean {
  const number = /-?\d+\.\d{9}/g;
  if (a.replace(number, "#") !== b.replace(number, "#")) return false;
  const x = a.match(number) ?? [];
  const y = b.match(number) ?? [];
  return x.length === y.length && x.every((v, i) => Math.abs(Number(v) - Number(y[i])) <= TOLERANCE);
}

if (flag === "--compare" && before) {
  const old = readFileSync(before, "utf8").trimEnd().split("\n");
  const differing = lines.filter((l, i) => !sameLine(l, old[i] ?? ""));
  if (old.length !== lines.length)
    console.log(`line count differs: ${old.length} before, ${lines.length} now`);
  for (const l of differing.slice(0, 10)) console.log(`differs: ${l.slice(0, 300)}`);
  console.log(differing.length ? `${differing.length} replies differ` : "identical (within 2e-9)");
  process.exitCode = differing.length || old.length !== lines.length ? 1 : 0;
}
