// Benchmark, not a test: `npm run eval:public [-- --json] [-- --only clinc150,braun-chatbot] [-- --no-fit]`.
// Imports each public data set of ../shared/benchmarks into a temporary pack (`cli import`'s code),
// fits it with `cli fit` where that command exists, then answers every test query through the engine,
// one fresh conversation each, and prints the README's metrics beside the peers' figures.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { createEngine } from "../src/dialog/engine.ts";
import { importPack, readPackTemplate, writePackFolder } from "../src/knowledge/import/index.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { type PublicMetrics, percent, publicMetrics, type QueryOutcome } from "./public-metrics.ts";
import { type PeerFigure, peersOf } from "./public-peers.ts";
import { ms } from "./stats.ts";

const CLINIC = { name: "Benchmark", phone: "000" };
const FIT_TIMEOUT_MS = 20 * 60_000;

type FitMethod = "dev split" | "cross-validation" | "none: cli fit not available" | "none: --no-fit";

interface SetResult extends PublicMetrics {
  set: string;
  entries: number;
  test: { inScope: number; outOfScope: number };
  fit: FitMethod;
  seconds: { import: number; fit: number; load: number; evaluate: number };
  peers: PeerFigure[];
}

const { values } = parseArgs({
  options: {
    json: { type: "boolean" },
    only: { type: "string" },
    "no-fit": { type: "boolean" },
    benchmarks: { type: "string", default: "../shared/benchmarks" },
  },
});
const dir = values.benchmarks!;
const only = values.only?.split(",").map((s) => s.trim());
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".json") && (!only || only.includes(basename(f, ".json"))))
  .sort();
if (!files.length) {
  console.error(`eval:public: no data set in ${dir}${only ? ` named ${only.join(", ")}` : ""}`);
  process.exit(2);
}
const readme = readFileSync(join(dir, "README.md"), "utf8");
const work = mkdtempSync(join(tmpdir(), "eval-public-"));
let fitAvailable = !values["no-fit"];
const seconds = (since: number) => Math.round(performance.now() - since) / 1000;

/** `cli fit PACK` as a process; false when this version of the CLI has no fit command. */
function fitPack(pack: string): boolean {
  const run = spawnSync("npm", ["run", "--silent", "cli", "--", "fit", pack], {
    encoding: "utf8",
    timeout: FIT_TIMEOUT_MS,
  });
  if (run.status === 2 && /unknown command 'fit'/.test(run.stderr)) return false;
  if (run.status !== 0 || run.error)
    throw new Error(
      `cli fit ${pack} failed (exit ${run.status}): ${run.error?.message ?? run.stderr.slice(-2000)}`,
    );
  return true;
}

function evaluate(file: string): SetResult {
  const set = basename(file, ".json");
  const pack = join(work, set);
  let since = performance.now();
  const imported = importPack(readFileSync(join(dir, file), "utf8"), join(dir, file), {
    format: "json",
    dir: pack,
    template: readPackTemplate(),
  });
  if (!imported.ok)
    throw new Error(
      `${file} did not import:\n${imported.issues.map((i) => `${i.file}:${i.line}:${i.column}: ${i.message}`).join("\n")}`,
    );
  const written = writePackFolder(pack, imported.files, { force: true });
  if (!written.ok) throw new Error(written.message);
  const importSeconds = seconds(since);

  since = performance.now();
  let method: FitMethod = values["no-fit"] ? "none: --no-fit" : "none: cli fit not available";
  if (fitAvailable) {
    fitAvailable = fitPack(pack);
    if (fitAvailable) method = imported.set.dev.length ? "dev split" : "cross-validation";
  }
  const fitSeconds = seconds(since);

  since = performance.now();
  const loaded = loadKnowledge(pack);
  if (!loaded.ok)
    throw new Error(`${set}: the pack no longer loads after fitting: ${loaded.issues[0]?.message}`);
  const kb = loaded.kb;
  // Cache off: every query does the full work, as a first-time question would.
  const engine = createEngine(kb, { clinic: CLINIC, readingCacheSize: 0 });
  const loadSeconds = seconds(since);

  since = performance.now();
  // One untimed pass first: latency is measured once the JIT has compiled the hot paths, and after
  // a full collection, so the last set's garbage is not charged to this one.
  for (const query of imported.set.test) engine.handleTurn({ text: query.q, context: null });
  globalThis.gc?.();
  const byGivenId = imported.topicIds.byGivenId;
  const outcomes: QueryOutcome[] = imported.set.test.map((query) => {
    const right = query.accept?.length ? query.accept : query.expect === null ? [] : [query.expect];
    const start = performance.now();
    const { reply } = engine.handleTurn({ text: query.q, context: null });
    const latencyMs = performance.now() - start;
    const { trace } = engine.explain({ text: query.q, context: null });
    return {
      accepted: right.map((id) => byGivenId.get(id)!),
      answered: reply.kind === "answer" ? reply.topic : null,
      // A guard that decides before matching leaves no candidates: the ranking is read then, as top-1 asks.
      ranked:
        (trace.candidates.some((c) => kb.topicById.has(c.label))
          ? trace.candidates
          : engine.index.match(query.q).candidates
        ).find((c) => kb.topicById.has(c.label))?.label ?? null,
      confidence: reply.confidence,
      latencyMs,
    };
  });
  const inScope = outcomes.filter((o) => o.accepted.length).length;
  return {
    set,
    entries: kb.topics.length,
    test: { inScope, outOfScope: outcomes.length - inScope },
    fit: method,
    ...publicMetrics(outcomes),
    seconds: { import: importSeconds, fit: fitSeconds, load: loadSeconds, evaluate: seconds(since) },
    peers: peersOf(readme, set),
  };
}

const WIDTHS = [20, 8, 11, 30, 9, 9, 9, 9, 10, 9, 9, 8];
const row = (cells: string[]) =>
  console.log(
    cells.map((c, i) => (i === 0 || i === 3 ? c.padEnd(WIDTHS[i]!) : c.padStart(WIDTHS[i]!))).join(" "),
  );

function print(result: SetResult): void {
  const total = Object.values(result.seconds).reduce((a, b) => a + b, 0);
  row([
    result.set,
    String(result.entries),
    `${result.test.inScope}/${result.test.outOfScope}`,
    result.fit,
    percent(result.inScope),
    result.test.outOfScope ? percent(result.oosRejection) : "–",
    percent(result.overall),
    percent(result.top1),
    percent(result.atOos80?.inScope),
    ms(result.latency.medianMs),
    ms(result.latency.p99Ms),
    `${total.toFixed(1)} s`,
  ]);
  const byMeasure = new Map<string, string[]>();
  for (const peer of result.peers)
    byMeasure.set(peer.measure, [...(byMeasure.get(peer.measure) ?? []), `${peer.tool} ${peer.value}`]);
  for (const [measure, figures] of byMeasure) console.log(`    peers, ${measure}: ${figures.join(" · ")}`);
}

const started = performance.now();
const results: SetResult[] = [];
try {
  if (!values.json) {
    console.log(
      `Public benchmarks in ${dir}: each test split through the engine, one fresh conversation a query.`,
    );
    row([
      "set",
      "entries",
      "test in/oos",
      "fit",
      "in-scope",
      "OOS rej",
      "overall",
      "top-1",
      "@OOS≥80%",
      "median",
      "p99",
      "time",
    ]);
  }
  for (const file of files) {
    const result = evaluate(file);
    results.push(result);
    if (!values.json) print(result);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const runtime = seconds(started);
if (values.json) {
  console.log(
    JSON.stringify(
      { benchmarks: dir, runtimeSeconds: Math.round(runtime * 10) / 10, sets: results },
      null,
      2,
    ),
  );
} else {
  const latency = peersOf(readme, "latency");
  console.log(
    `\nin-scope: right answer; OOS rej: out-of-scope declined; overall: (right + declined) / all; top-1: right topic ranked first,` +
      ` ignoring rejection; @OOS≥80%: best in-scope accuracy at a confidence threshold declining ≥ 80% of out-of-scope.`,
  );
  const peers = latency.map((peer) => `${peer.tool} ${peer.value}`).join(" · ");
  console.log(`Peers' latency per query, median (README): ${peers || "see the README"}`);
  console.log(`Total runtime: ${runtime.toFixed(1)} s`);
}
