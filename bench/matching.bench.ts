// Benchmark, not a test: `npm run bench`. Prints load/index time, per-message latency (median, p99),
// messages per second and memory for the engine, beside naive baselines measured in the same run.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import Fuse from "fuse.js";
import type { KnowledgeBase } from "../src/knowledge/types.ts";
import { generatedKnowledgeFiles } from "./generated-kb.ts";
import { type LatencyStats, latencyStats, mb, ms, timeEach } from "./stats.ts";

// The engine as it ships: dist/, which `npm start` and the CLI run (`npm run bench` builds it when stale).
// tsx's own transpile of src/ wraps every function in a naming helper and runs 5–20% slower per message.
const fromDist = (path: string) => import(new URL(`../dist/${path}.js`, import.meta.url).href);
const { readLabelledSet } = (await fromDist("cli/eval")) as typeof import("../src/cli/eval.ts");
const { createEngine } = (await fromDist("dialog/engine")) as typeof import("../src/dialog/engine.ts");
const { loadKnowledge } = (await fromDist("knowledge/load")) as typeof import("../src/knowledge/load.ts");
const { parseKnowledge } = (await fromDist("knowledge/parse")) as typeof import("../src/knowledge/parse.ts");

const CLINIC = { name: "Bench Clinic", phone: "000" };
/** Fresh processes timed for a restart's ready (median), after one that fills the index cache if it must. */
const RESTARTS = 5;
const ROUNDS = 5;
// The engine is timed once the JIT has compiled its hot paths and the young generation has grown:
// about 1,600 messages, half a second of a server's life.
const WARM_UP = 3;
/** Messages a fuse.js scan of the shipped pack is timed on (every 6th of the dev set would take minutes). */
const BASELINE_SAMPLE = 500;
const messages = readLabelledSet("knowledge/microneedling/dev.jsonl").items.flatMap((i) => i.turns);
const HEADER = ["setup", "knowledge", "ready in", "median", "p99", "msg/s", "heap after"];
const WIDTHS = [40, 16, 10, 10, 10, 8, 10];
const line = (cells: string[]) =>
  console.log(cells.map((c, i) => (i === 0 ? c.padEnd(WIDTHS[i]!) : c.padStart(WIDTHS[i]!))).join("  "));
const rows = { push: (cells: string[]) => line(cells) };

function heapNow(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

/** One result line: setup time, latency over the dev set, then the heap once the run is done. */
function row(label: string, size: string, readyMs: number, stats: LatencyStats): void {
  rows.push([
    label,
    size,
    ms(readyMs),
    ms(stats.median),
    ms(stats.p99),
    stats.perSecond.toFixed(stats.perSecond < 10 ? 1 : 0),
    mb(heapNow()),
  ]);
}

function benchEngine(label: string, load: () => KnowledgeBase): void {
  const start = performance.now();
  const kb = load();
  // Cache off: every round measures the full work, not a repeat visitor.
  const engine = createEngine(kb, { clinic: CLINIC, readingCacheSize: 0 });
  const ready = performance.now() - start;
  const stats = latencyStats(
    timeEach(messages, kb.topics.length > 1000 ? 2 : ROUNDS, (text) => engine.handleTurn({ text }), WARM_UP),
  );
  row(label, `${kb.topics.length} topics`, ready, stats);
}

/**
 * What a start does (`npm start`, `cli ask`): the server's buildEngine, which reads the validated pack and
 * its fitted index from the index cache that `npm run build` (and any start after a pack edit) writes.
 * Timed inside fresh processes, so the JIT is as cold as a real start's; the first run fills the cache if
 * the pack or the build changed.
 */
function benchRestart(): void {
  const script = `
    const { loadConfig } = await import(${JSON.stringify(new URL("../dist/config.js", import.meta.url).href)});
    const { buildEngine } = await import(${JSON.stringify(new URL("../dist/server/reload.js", import.meta.url).href)});
    const config = loadConfig({ NODE_ENV: "development" });
    const start = performance.now();
    const built = buildEngine(config);
    if (!built.ok) throw new Error("the shipped pack does not load");
    console.log(performance.now() - start);
    built.saveCache();`;
  const once = () => {
    const run = spawnSync(
      process.execPath,
      ["--max-semi-space-size=32", "--input-type=module", "-e", script],
      {
        cwd: new URL("..", import.meta.url),
        encoding: "utf8",
      },
    );
    if (run.status !== 0) throw new Error(`restart bench failed:\n${run.stderr}`);
    return Number(run.stdout.trim());
  };
  once();
  const times = Array.from({ length: RESTARTS }, once).sort((a, b) => a - b);
  rows.push([
    `engine (shipped), start: fitted index`,
    `median of ${RESTARTS}`,
    ms(times[Math.floor(RESTARTS / 2)]!),
    "",
    "",
    "",
    "",
  ]);
}

function benchFuseBaseline(label: string, kb: KnowledgeBase): void {
  const start = performance.now();
  const phrasings = kb.topics.flatMap((t) => t.phrasings.map((p) => ({ topic: t.id, p })));
  const fuse = new Fuse(phrasings, { keys: ["p"], includeScore: true, ignoreLocation: true, threshold: 0.6 });
  const ready = performance.now() - start;
  // A scan is slow (over 50,000 phrasings one search takes seconds): a sample of the dev set, once,
  // keeps the run short; its median and p99 are still the baseline's per-message cost.
  const sample = phrasings.length > 10_000 ? messages.slice(0, 10) : messages.slice(0, BASELINE_SAMPLE);
  const stats = latencyStats(timeEach(sample, 1, (text) => fuse.search(text, { limit: 1 })));
  row(label, `${phrasings.length} phrasings`, ready, stats);
}

function benchNaturalBayes(kb: KnowledgeBase): void {
  // natural's own classifier, imported by path: its index prints dotenv banners and loads every module.
  const require = createRequire(import.meta.url);
  const { BayesClassifier } = require("natural/lib/natural/classifiers") as {
    BayesClassifier: new () => {
      addDocument(t: string, l: string): void;
      train(): void;
      classify(t: string): string;
    };
  };
  const start = performance.now();
  const classifier = new BayesClassifier();
  for (const t of kb.topics) for (const p of t.phrasings) classifier.addDocument(p, t.id);
  classifier.train();
  const ready = performance.now() - start;
  const stats = latencyStats(timeEach(messages.slice(0, 150), 1, (text) => classifier.classify(text)));
  row("baseline: natural BayesClassifier", `${kb.topics.length} topics`, ready, stats);
}

const shipped = loadKnowledge("knowledge/microneedling", {});
if (!shipped.ok) throw new Error("the shipped knowledge base does not load: run `cli validate`");
const generated = () => {
  const result = parseKnowledge(generatedKnowledgeFiles(5000), { requiredTopics: [] });
  if (!result.ok) throw new Error(`generated knowledge base invalid: ${result.issues[0]?.message}`);
  return result.kb;
};

console.log(
  `node ${process.version}, ${messages.length} dev-set messages × ${ROUNDS} rounds per engine, after ${WARM_UP} warm-up rounds\n`,
);
line(HEADER);
line(WIDTHS.map((w) => "-".repeat(w)));
benchEngine("engine (shipped), index from scratch", () => {
  const r = loadKnowledge("knowledge/microneedling", {});
  if (!r.ok) throw new Error("invalid");
  return r.kb;
});
benchRestart();
benchFuseBaseline("baseline: one fuse.js search (shipped)", shipped.kb);
benchNaturalBayes(shipped.kb);
const big = generated();
benchEngine("engine (5,000 extra topics)", generated);
benchFuseBaseline("baseline: one fuse.js search (5,000)", big);
rows.push(["peak RSS (whole run)", "", "", "", "", "", mb(process.resourceUsage().maxRSS * 1024)]);
