import { parentPort } from "node:worker_threads";
import { createEngine } from "../../dialog/engine.ts";
import type { Thresholds } from "../../dialog/guards/guard.ts";
import { parseLabelledSet, runConversations } from "../../dialog/labelled-set.ts";
import { type KnowledgeFile, parseKnowledge } from "../../knowledge/index.ts";
import type { DevSetJob, DevSetRun } from "./dev-set-runner.ts";

// A worker thread for the studio's dev-set preview: building an engine and answering every labelled turn
// takes seconds, which the server's own thread must spend answering people.

function run(job: DevSetJob): DevSetRun {
  const files: KnowledgeFile[] = job.files.map(([path, text]) => ({ path, text }));
  const result = parseKnowledge(files, { articles: new Map(job.articles) });
  if (!result.ok) return { ok: false, message: "The pack does not validate, so the dev set cannot be run." };
  const { items } = parseLabelledSet(job.devText, "dev.jsonl");
  // Without the pack's examples (its dev set): a message must not be answered by itself.
  const engine = createEngine(
    { ...result.kb, examples: [] },
    { thresholds: job.thresholds as Partial<Thresholds> },
  );
  const outcomes = runConversations(engine, items).map(({ trace: _trace, ...outcome }) => outcome);
  return { ok: true, outcomes };
}

parentPort?.on("message", (message: { id: number; job: DevSetJob }) => {
  let reply: DevSetRun;
  try {
    reply = run(message.job);
  } catch (error) {
    reply = { ok: false, message: `The dev set could not be run: ${(error as Error).message}` };
  }
  parentPort!.postMessage({ id: message.id, run: reply });
});
