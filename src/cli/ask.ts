import type { TurnTrace } from "../dialog/engine.ts";
import { RANK_FEATURES } from "../matching/calibration.ts";
import { type CliIo, commandArgs, startEngine } from "./bootstrap.ts";
import { PLAIN, renderReply, type Style } from "./render-terminal.ts";

const f = (n: number) => n.toFixed(3);
/** The components `--explain` shows per candidate: every feature the ranker weighs, then how much of the message the topic leaves unexplained and how it leans to the pack. */
const SHOWN = [...RANK_FEATURES, "unexplainedMax", "backgroundSemantic", "domainWords"] as const;

export function renderTrace(trace: TurnTrace, style: Style): string {
  const a = trace.analysis;
  const lines = [
    style.bold("How this was decided"),
    `  normalised: ${a.normalized || "(empty)"}`,
    `  corrected:  ${a.corrected}${a.corrections.length ? `  (${a.corrections.map((c) => `${c.from}→${c.to}`).join(", ")})` : ""}`,
    `  tokens:     ${a.tokens.join(" ")}`,
    `  question:   ${a.questionType ?? "(no recognised shape)"}`,
    `  known:      ${f(a.coverage)}${a.unknown.length ? `  unknown: ${a.unknown.join(", ")}` : ""}${a.names.length ? `  names: ${a.names.join(", ")}` : ""}${a.outOfScope.length ? `  not covered: ${a.outOfScope.join(", ")}` : ""}`,
    `  triage:     ${trace.triage ? `${trace.triage.level}${trace.triage.signal ? ` (${trace.triage.signal})` : trace.triage.symptom ? ` (symptom: ${trace.triage.symptom})` : ""}${trace.triage.ownReport ? ", their own" : ""}` : "not needed"}`,
    `  follow-up:  ${trace.followUp ? `yes (context applied)${trace.readAlone ? `; read alone: ${trace.readAlone}` : ""}` : "no"}`,
    `  decided by: ${trace.decidedBy}`,
    `  calibration: ${trace.calibration}`,
    `  candidates: confidence, rank — ${SHOWN.join(" / ")} — best phrasing`,
  ];
  for (const c of trace.candidates.slice(0, 5)) {
    const k = c.components;
    lines.push(
      `    ${c.label.padEnd(26)} ${f(c.confidence)}, ${f(c.rank)} — ${SHOWN.map((s) => f(k[s])).join(" / ")} — ${c.phrasing ?? ""}`,
    );
  }
  if (trace.conversational.length)
    lines.push(
      `  ranked beside them (confidence, rank): ${trace.conversational
        .slice(0, 3)
        .map((c) => `${c.label} ${f(c.confidence)}, ${f(c.rank)}`)
        .join("; ")}`,
    );
  if (trace.urgent)
    lines.push(
      `  urgent reports (confidence, rank): ${f(trace.urgent.confidence)}, ${f(trace.urgent.rank)} — acted on only for a report of their own`,
    );
  if (trace.neighbours.length) {
    lines.push("  nearest in meaning:");
    for (const n of trace.neighbours) lines.push(`    ${f(n.similarity)} ${n.label}: ${n.phrasing}`);
  }
  return lines.join("\n");
}

export async function runAsk(argv: string[], io: CliIo, style: Style = PLAIN): Promise<number> {
  const usage = 'usage: cli ask [--json] [--explain] "your question"';
  const args = commandArgs(argv, { usage, switches: ["json", "explain"] }, io);
  if (typeof args === "number") return args;
  const { flags, positional } = args;
  const question = positional.join(" ");
  if (!question.trim()) {
    io.err(usage);
    return 2;
  }
  const started = startEngine(io);
  if (!started) return 1;
  const result = started.engine.explain({ text: question });
  if (flags.has("json")) {
    io.out(
      JSON.stringify(
        flags.has("explain") ? { ...result.reply, explain: result.trace } : result.reply,
        null,
        2,
      ),
    );
    return 0;
  }
  const text = renderReply(result.reply, style);
  const width = io.columns?.();
  // wrap-ansi takes about 0.1 s to load: it is imported only for a terminal, the one output wrapped.
  io.out(width === undefined ? text : (await import("./wrap-terminal.ts")).wrapForTerminal(text, width));
  if (flags.has("explain")) io.out(`\n${renderTrace(result.trace, style)}`);
  return 0;
}
