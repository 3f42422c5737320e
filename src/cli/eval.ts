import { readFileSync } from "node:fs";
import {
  CROSS_VALIDATION,
  type LabelledConversation,
  parseLabelledSet,
  runCrossValidated,
  summarize,
  type TurnOutcome,
} from "../dialog/labelled-set.ts";
import { type CliIo, commandArgs, startEngine } from "./bootstrap.ts";

/** Reads a labelled set: one {"id","turns","expect"} per line; problems name the line. */
export function readLabelledSet(path: string): { items: LabelledConversation[]; problems: string[] } {
  return parseLabelledSet(readFileSync(path, "utf8"), path);
}

export { type EvalSummary, isCorrect, runConversations, summarize } from "../dialog/labelled-set.ts";

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : "n/a");

/** The product's targets for understanding, printed beside each figure (percent). */
const TARGETS = Object.freeze({
  inScope: 88,
  outOfScope: 92,
  urgent: 100,
  falseAlarms: 1,
  followUps: 85,
  handoff: 93,
});

/** The set a labelled id belongs to: its prefix before the first "-", without a trailing part number ("br1-12" → "br"). */
export const setOf = (id: string): string => id.split("-")[0]!.replace(/\d+$/, "") || id;

/** Follow-ups right per set, in the order the sets first appear: a newer writer's sets can hide behind older, easier ones. */
export function followUpsBySet(outcomes: readonly TurnOutcome[]): [string, [number, number]][] {
  const sets = new Map<string, TurnOutcome[]>();
  for (const o of outcomes) {
    const set = setOf(o.id);
    if (!sets.has(set)) sets.set(set, []);
    sets.get(set)!.push(o);
  }
  return [...sets]
    .map(([set, turns]): [string, [number, number]] => [set, summarize(turns).followUps])
    .filter(([, [, total]]) => total > 0);
}

function report(outcomes: TurnOutcome[], io: CliIo, verbose: boolean): void {
  const s = summarize(outcomes);
  const inScopeTotal = s.inScope[1];
  io.out(
    `in-scope answered with the right topic: ${pct(...s.inScope)} (${s.inScope[0]}/${s.inScope[1]})   target ≥ ${TARGETS.inScope}%`,
  );
  io.out(
    `out-of-scope declined:                   ${pct(...s.outOfScope)} (${s.outOfScope[0]}/${s.outOfScope[1]})   target ≥ ${TARGETS.outOfScope}%`,
  );
  io.out(
    `urgent caught:                           ${pct(...s.urgent)} (${s.urgent[0]}/${s.urgent[1]})   target ${TARGETS.urgent}%; false alarms: ${s.urgentFalseAlarms} (${pct(s.urgentFalseAlarms, outcomes.length - s.urgent[1])} of the other turns, target ≤ ${TARGETS.falseAlarms}%)`,
  );
  io.out(
    `follow-ups right:                        ${pct(...s.followUps)} (${s.followUps[0]}/${s.followUps[1]})   target ≥ ${TARGETS.followUps}%`,
  );
  io.out(
    `smalltalk: ${pct(...s.smalltalk)}   handoff: ${pct(...s.handoff)} (target ≥ ${TARGETS.handoff}%)   clarify rate on in-scope: ${pct(s.clarified, inScopeTotal)}`,
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

  const bySet = followUpsBySet(outcomes);
  if (bySet.length > 1) {
    io.out("\nfollow-ups by set (id prefix):");
    for (const [set, [right, total]] of bySet)
      io.out(`  ${set.padEnd(8)} ${pct(right, total).padStart(6)} (${right}/${total})`);
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
  const usage = "usage: cli eval FILE [FILE…] [--pack DIR] [--verbose]";
  const args = commandArgs(argv, { usage, valued: ["pack"], switches: ["verbose"] }, io);
  if (typeof args === "number") return args;
  const { flags, positional } = args;
  if (!positional.length) {
    io.err(usage);
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
  const { outcomes, heldOut } = runCrossValidated(started.engine, started.kb, items, started.rebuild);
  if (heldOut)
    io.out(
      `${heldOut} of ${items.length} conversations open with one of the pack's own examples or taught its follow-up table: each was answered by an engine built without its fold (${CROSS_VALIDATION.folds}-fold cross-validation)\n`,
    );
  report(outcomes, io, flags.has("verbose"));
  return 0;
}
