import {
  conversationKey,
  exampleKey,
  foldOf,
  type LabelledConversation,
  parseLabelledLines,
  withoutFold,
} from "../knowledge/examples.ts";
import type { KnowledgeBase } from "../knowledge/types.ts";
import type { Reply } from "../reply.ts";
import type { ExplainingEngine, TurnTrace } from "./engine.ts";
import type { ConversationContext } from "./types.ts";

export { CROSS_VALIDATION, type LabelledConversation } from "../knowledge/examples.ts";

// Scoring a labelled set ({"id","turns","expect"} per line): for `cli eval` and the studio's dev-set preview.

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
  const { items, problems } = parseLabelledLines(text, name);
  return { items: items.map(({ line: _line, ...item }) => item), problems: problems.map((p) => p.message) };
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

/** A turn's outcome as scoring needs it: without the trace (what a worker sends back). */
export type ScoredTurn = Omit<TurnOutcome, "trace">;

export function summarize(outcomes: readonly ScoredTurn[]): EvalSummary {
  const count = (filter: (o: ScoredTurn) => boolean): [number, number] => {
    const set = outcomes.filter(filter);
    return [set.filter((o) => o.ok).length, set.length];
  };
  const inScope = (o: ScoredTurn) => o.expected.some(isTopicLabel);
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

/**
 * Scores a labelled set honestly when some of its messages are the pack's own examples: a conversation
 * whose first turn is an example is answered by an engine built without that fold's examples (`build`),
 * the rest by `engine`. `heldOut` counts the conversations that were cross-validated.
 */
export function runCrossValidated(
  engine: ExplainingEngine,
  kb: KnowledgeBase,
  items: LabelledConversation[],
  build: (kb: KnowledgeBase) => ExplainingEngine,
): { outcomes: TurnOutcome[]; heldOut: number } {
  const learned = new Set(kb.examples.map((e) => exampleKey(e.text)));
  const byFold = new Map<number, LabelledConversation[]>();
  const rest: LabelledConversation[] = [];
  for (const item of items) {
    // A dev conversation's later turns taught the fitted follow-up table by its fold: run it without that fold.
    const conversation = !!kb.devConversations?.has(conversationKey(item.turns));
    if (!conversation && !learned.has(exampleKey(item.turns[0]!))) rest.push(item);
    else {
      const fold = foldOf(item.turns[0]!);
      byFold.set(fold, [...(byFold.get(fold) ?? []), item]);
    }
  }
  const outcomes = new Map<LabelledConversation, TurnOutcome[]>();
  for (const item of rest) outcomes.set(item, runConversations(engine, [item]));
  for (const [fold, list] of byFold) {
    const foldEngine = build(withoutFold(kb, fold));
    for (const item of list) outcomes.set(item, runConversations(foldEngine, [item]));
  }
  return { outcomes: items.flatMap((item) => outcomes.get(item)!), heldOut: items.length - rest.length };
}
