import type { Reply } from "../reply.ts";
import type { ExplainingEngine, TurnTrace } from "./engine.ts";
import type { ConversationContext } from "./types.ts";

// Scoring a labelled set ({"id","turns","expect"} per line): for `cli eval` and the studio's dev-set preview.

export interface LabelledConversation {
  id: string;
  turns: string[];
  expect: string[];
  /** plain, indirect, offtopic, urgent, … (blind sets say which). */
  category?: string;
}

export interface TurnOutcome {
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

/** Parses a labelled set: one {"id","turns","expect"} per line; problems name `name` and the line. */
export function parseLabelledSet(
  text: string,
  name: string,
): { items: LabelledConversation[]; problems: string[] } {
  const items: LabelledConversation[] = [];
  const problems: string[] = [];
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const o = JSON.parse(line) as LabelledConversation;
      if (!Array.isArray(o.turns) || !Array.isArray(o.expect) || o.turns.length !== o.expect.length) {
        problems.push(`${name}:${i + 1}: "turns" and "expect" must be arrays of the same length`);
      } else items.push(o);
    } catch (error) {
      problems.push(`${name}:${i + 1}: not JSON (${(error as Error).message})`);
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
