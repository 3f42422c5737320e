import { existsSync, readFileSync } from "node:fs";
import { loadConfig } from "../config.ts";
import {
  type Cluster,
  clusterQuestions,
  type ParsedLog,
  parseJsonLines,
  parseSince,
  readFeedback,
  readUnanswered,
  type UnhelpfulAnswer,
  unhelpfulAnswers,
} from "../server/learning/report.ts";
import { type CliIo, commandArgs, startEngine } from "./bootstrap.ts";

const USAGE = "usage: cli unanswered [--since 7d|24h|30m] [--log FILE] [--feedback FILE] [--json]";
/** Groups listed in the text report; --json lists all. */
const SHOWN_CLUSTERS = 25;

interface Nearest {
  topic: string | null;
  confidence: number;
}

function readLog<T>(file: string, read: Parameters<typeof parseJsonLines<T>>[1]): ParsedLog<T> | undefined {
  if (!existsSync(file)) return undefined;
  return parseJsonLines(readFileSync(file, "utf8"), read);
}

const pct = (share: number) => `${Math.round(share * 100)}%`;
const tally = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(" · ");

/**
 * `cli unanswered`: what people asked that the bot could not answer well, grouped, with the nearest
 * topic for each group, and the answers people marked unhelpful.
 */
export async function runUnanswered(argv: string[], io: CliIo, now = Date.now()): Promise<number> {
  const args = commandArgs(
    argv,
    { usage: USAGE, valued: ["since", "log", "feedback"], switches: ["json"] },
    io,
  );
  if (typeof args === "number") return args;
  const { flags, positional } = args;
  const sinceText = flags.get("since");
  const sinceMs = typeof sinceText === "string" ? parseSince(sinceText) : undefined;
  if (
    positional.length > 0 ||
    sinceText === true ||
    (typeof sinceText === "string" && sinceMs === undefined)
  ) {
    io.err(`${USAGE}\n--since takes a number and a unit: 7d (days), 24h (hours) or 30m (minutes).`);
    return 2;
  }
  const config = loadConfig();
  const logFile =
    typeof flags.get("log") === "string" ? (flags.get("log") as string) : config.learning.unansweredLog;
  const feedbackFile =
    typeof flags.get("feedback") === "string"
      ? (flags.get("feedback") as string)
      : config.learning.feedbackLog;
  const json = flags.has("json");
  const cutoff = sinceMs === undefined ? undefined : now - sinceMs;
  const period =
    cutoff === undefined ? "" : ` in the last ${sinceText} (since ${new Date(cutoff).toISOString()})`;
  const recent = <T extends { time: string }>(entries: T[]) =>
    cutoff === undefined ? entries : entries.filter((e) => Date.parse(e.time) >= cutoff);

  const log = readLog(logFile, readUnanswered);
  const feedback = readLog(feedbackFile, readFeedback);
  for (const [file, parsed] of [
    [logFile, log],
    [feedbackFile, feedback],
  ] as const) {
    for (const s of parsed?.skipped ?? []) io.err(`${file}:${s.line}: skipped: ${s.reason}`);
  }
  const questions = recent(log?.entries ?? []);
  const votes = recent(feedback?.entries ?? []);

  let clusters: Array<Cluster & { nearest: Nearest }> = [];
  if (questions.length > 0) {
    const started = startEngine(io);
    if (!started) return 1;
    const { index } = started.engine;
    const questionWords = index.lexicon.language.questionWords;
    const stemsOf = (text: string) =>
      index
        .analyze(text)
        .features.filter((f) => !f.includes("_") && !f.startsWith("⟨") && !questionWords.has(f));
    clusters = clusterQuestions(questions, stemsOf).map((cluster) => {
      const { trace } = started.engine.explain({ text: cluster.example });
      const top = trace.candidates.find((c) => started.kb.topicById.has(c.label));
      return { ...cluster, nearest: { topic: top?.label ?? null, confidence: top?.confidence ?? 0 } };
    });
  }
  const unhelpful = unhelpfulAnswers(votes);

  if (json) {
    io.out(
      JSON.stringify(
        {
          log: logFile,
          feedbackLog: feedbackFile,
          since: cutoff === undefined ? null : new Date(cutoff).toISOString(),
          total: questions.length,
          clusters,
          unhelpful,
          skipped: [
            ...(log?.skipped ?? []).map((s) => ({ file: logFile, ...s })),
            ...(feedback?.skipped ?? []).map((s) => ({ file: feedbackFile, ...s })),
          ],
        },
        null,
        2,
      ),
    );
    return 0;
  }

  if (!log) {
    io.out(
      `No unanswered questions yet: ${logFile} does not exist. The server writes it (UNANSWERED_LOG) when ` +
        "the bot falls back, asks which topic was meant, or answers with low confidence.",
    );
  } else if (questions.length === 0) {
    io.out(`No unanswered questions in ${logFile}${period}.`);
  } else {
    io.out(
      `Unanswered questions in ${logFile}${period}: ${questions.length} in ${clusters.length} group${clusters.length === 1 ? "" : "s"}, most frequent first\n`,
    );
    for (const line of renderClusters(clusters.slice(0, SHOWN_CLUSTERS))) io.out(line);
    if (clusters.length > SHOWN_CLUSTERS) {
      io.out(`  … and ${clusters.length - SHOWN_CLUSTERS} more groups (--json lists all)`);
    }
  }
  io.out("");
  io.out(renderUnhelpful(unhelpful, feedback !== undefined, feedbackFile, period));
  return 0;
}

function renderClusters(clusters: Array<Cluster & { nearest: Nearest }>): string[] {
  const width = String(clusters[0]?.count ?? 0).length;
  const pad = " ".repeat(width + 4);
  const lines: string[] = [];
  for (const c of clusters) {
    const nearest = c.nearest.topic
      ? `nearest topic: ${c.nearest.topic} (${c.nearest.confidence.toFixed(2)})`
      : "nearest topic: none";
    lines.push(`  ${String(c.count).padStart(width)}× ${JSON.stringify(c.example)}`);
    lines.push(`${pad}${nearest} · ${tally(c.kinds)} · ${tally(c.channels)}`);
    const others = c.messages
      .slice(1, 4)
      .map((m) => `${JSON.stringify(m.text)}${m.count > 1 ? ` ×${m.count}` : ""}`);
    if (others.length > 0) {
      const more = c.messages.length > 4 ? `, +${c.messages.length - 4} more` : "";
      lines.push(`${pad}also: ${others.join(", ")}${more}`);
    }
  }
  return lines;
}

function renderUnhelpful(rows: UnhelpfulAnswer[], exists: boolean, file: string, period: string): string {
  if (!exists) return `No feedback yet: ${file} does not exist (FEEDBACK_LOG).`;
  if (rows.length === 0) return `No answers marked unhelpful in ${file}${period}.`;
  const width = Math.max(5, ...rows.map((r) => r.topic.length));
  const lines = [
    `Answers marked unhelpful in ${file}${period}, most thumbs down first:\n`,
    `  ${"topic".padEnd(width)}  down    up  unhelpful`,
  ];
  for (const r of rows) {
    lines.push(
      `  ${r.topic.padEnd(width)}  ${String(r.down).padStart(4)}  ${String(r.up).padStart(4)}  ${pct(r.share).padStart(9)}`,
    );
  }
  return lines.join("\n");
}
