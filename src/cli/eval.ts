import { readFileSync } from "node:fs";
import type { ExplainingEngine, TurnTrace } from "../dialog/engine.ts";
import type { ConversationContext } from "../dialog/types.ts";
import type { Reply } from "../reply.ts";
import { type CliIo, parseArgs, startEngine } from "./bootstrap.ts";

export interface LabelledConversation {
  id: string;
  turns: string[];
  expect: string[];
  /** plain, indirect, offtopic, urgent, … (blind sets say which). */
  category?: string;
}

interface TurnOutcome {
  id: string;
  category: string | undefined;
  turn: number;
  text: string;
  expected: string[];
  reply: Reply;
  trace: TurnTrace;
  ok: boolean;
}

const KIND_LABELS = new Set(["fallback", "urgent", "smalltalk", "handoff", "clarify"]);

/** Reads a labelled set: one {"id","turns","expect"} per line; problems name the line. */
export function readLabelledSet(path: string): { items: LabelledConversation[]; problems: string[] } {
  const items: LabelledConversation[] = [];
  const problems: string[] = [];
  readFileSync(path, "utf8")
    .split("\n")
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const o = JSON.parse(line) as LabelledConversation;
        if (!Array.isArray(o.turns) || !Array.isArray(o.expect) || o.turns.length !== o.expect.length) {
          problems.push(`${path}:${i + 1}: "turns" and "expect" must be arrays of the same length`);
        } else items.push(o);
      } catch (error) {
        problems.push(`${path}:${i + 1}: not JSON (${(error as Error).message})`);
      }
    });
  return { items, problems };
}

export function isCorrect(reply: Reply, expected: string[]): boolean {
  return expected.some((label) =>
    KIND_LABELS.has(label) ? reply.kind === label : reply.kind === "answer" && reply.topic === label,
  );
}

export function runConversations(engine: ExplainingEngine, items: LabelledConversation[]): TurnOutcome[] {
  const outcomes: TurnOutcome[] = [];
  for (const item of items) {
    let context: ConversationContext | null = null;
    let now = 1_700_000_000_000;
    item.turns.forEach((text, turn) => {
      const result = engine.explain({ text, context, now });
      context = result.context;
      now += 1000;
      const expected = item.expect[turn]!.split("|");
      outcomes.push({
        id: item.id,
        category: item.category,
        turn,
        text,
        expected,
        reply: result.reply,
        trace: result.trace,
        ok: isCorrect(result.reply, expected),
      });
    });
  }
  return outcomes;
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : "n/a");
const isTopicLabel = (l: string) => !KIND_LABELS.has(l);

export interface EvalSummary {
  inScope: [number, number];
  outOfScope: [number, number];
  urgent: [number, number];
  urgentFalseAlarms: number;
  followUps: [number, number];
  smalltalk: [number, number];
  handoff: [number, number];
  clarified: number;
}

export function summarize(outcomes: TurnOutcome[]): EvalSummary {
  const count = (filter: (o: TurnOutcome) => boolean): [number, number] => {
    const set = outcomes.filter(filter);
    return [set.filter((o) => o.ok).length, set.length];
  };
  const inScope = (o: TurnOutcome) => o.expected.some(isTopicLabel);
  return {
    inScope: count(inScope),
    outOfScope: count((o) => o.expected.length === 1 && o.expected[0] === "fallback"),
    urgent: count((o) => o.expected.includes("urgent")),
    urgentFalseAlarms: outcomes.filter((o) => o.reply.kind === "urgent" && !o.expected.includes("urgent"))
      .length,
    followUps: count((o) => o.turn > 0 && inScope(o)),
    smalltalk: count((o) => o.expected.includes("smalltalk")),
    handoff: count((o) => o.expected.includes("handoff")),
    clarified: outcomes.filter((o) => inScope(o) && o.reply.kind === "clarify").length,
  };
}

function report(outcomes: TurnOutcome[], io: CliIo, verbose: boolean): void {
  const s = summarize(outcomes);
  const inScopeTotal = s.inScope[1];
  io.out(
    `in-scope answered with the right topic: ${pct(...s.inScope)} (${s.inScope[0]}/${s.inScope[1]})   target ≥ 90%`,
  );
  io.out(
    `out-of-scope declined:                   ${pct(...s.outOfScope)} (${s.outOfScope[0]}/${s.outOfScope[1]})   target ≥ 90%`,
  );
  io.out(
    `urgent caught:                           ${pct(...s.urgent)} (${s.urgent[0]}/${s.urgent[1]})   target 100%; false alarms: ${s.urgentFalseAlarms}`,
  );
  io.out(
    `follow-ups right:                        ${pct(...s.followUps)} (${s.followUps[0]}/${s.followUps[1]})   target ≥ 80%`,
  );
  io.out(
    `smalltalk: ${pct(...s.smalltalk)}   handoff: ${pct(...s.handoff)}   clarify rate on in-scope: ${pct(s.clarified, inScopeTotal)}`,
  );

  const categories = new Map<string, [number, number]>();
  for (const o of outcomes) {
    if (!o.category) continue;
    const key =
      o.category === "conversation"
        ? o.turn
          ? "conversation, later turns"
          : "conversation, first turns"
        : o.category;
    const c = categories.get(key) ?? [0, 0];
    c[1]++;
    if (o.ok) c[0]++;
    categories.set(key, c);
  }
  if (categories.size) {
    io.out("\nby category:");
    for (const [k, [right, total]] of [...categories].sort())
      io.out(`  ${k.padEnd(28)} ${pct(right, total).padStart(6)} (${right}/${total})`);
  }

  const confusions = new Map<string, number>();
  for (const o of outcomes.filter((x) => !x.ok)) {
    const got = o.reply.kind === "answer" ? o.reply.topic! : o.reply.kind;
    const key = `${o.expected.join("|")} → ${got}`;
    confusions.set(key, (confusions.get(key) ?? 0) + 1);
  }
  io.out("\nconfusions (expected → got):");
  for (const [k, n] of [...confusions].sort((a, b) => b[1] - a[1]).slice(0, verbose ? 200 : 25))
    io.out(`  ${String(n).padStart(3)}  ${k}`);
  io.out("\nmisses:");
  for (const o of outcomes.filter((x) => !x.ok)) {
    const got = o.reply.kind === "answer" ? `answer:${o.reply.topic}` : o.reply.kind;
    const top = o.trace.candidates
      .slice(0, 2)
      .map((c) => `${c.label} ${c.confidence.toFixed(2)}`)
      .join(", ");
    io.out(
      `  ${o.id}#${o.turn} "${o.text.slice(0, 70)}" expected ${o.expected.join("|")} got ${got} [${top}] ${o.trace.decidedBy}`,
    );
  }
}

export async function runEval(argv: string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseArgs(argv, ["pack"]);
  if (!positional.length) {
    io.err("usage: cli eval FILE [FILE…] [--pack DIR] [--verbose]");
    return 2;
  }
  const items: LabelledConversation[] = [];
  for (const path of positional) {
    const read = readLabelledSet(path);
    for (const p of read.problems) io.err(p);
    if (read.problems.length) return 1;
    items.push(...read.items);
  }
  const pack = flags.get("pack");
  const started = startEngine(io, typeof pack === "string" ? { knowledgeDir: pack } : {});
  if (!started) return 1;
  report(runConversations(started.engine, items), io, flags.has("verbose"));
  return 0;
}
