import { foldOf, type LabelledConversation, withoutFold } from "../knowledge/examples.ts";
import type { FollowUpCounts, KnowledgeBase } from "../knowledge/types.ts";
import type { ExplainingEngine } from "./engine.ts";
import { followUpGuard, READING, STAY_MARGIN, totalsOf } from "./guards/follow-up.ts";
import { runConversations } from "./labelled-set.ts";
import type { ConversationContext } from "./types.ts";

const sum = (list: readonly number[]) => list.reduce((a, b) => a + b, 0);

/** What the follow-up guard reports when it answered a follow-up by the message alone, or with the last question. */
const ALONE = `${followUpGuard.name}: ${READING.alone}`;
const JOINT = `${followUpGuard.name}: ${READING.joint}`;

/**
 * Counts, per cross-validation fold, what the labelled conversations did after a topic when a follow-up
 * read alone as another (answered so, or kept to the last topic by its question's words): stayed with
 * the last topic, moved to the one read alone, or went to a third topic. Each conversation is run by an engine built without
 * its fold and without any table, so the counts are what the guard will meet; pairs too rare to ever
 * act are left out.
 */
export function fitFollowUps(
  kb: KnowledgeBase,
  items: readonly LabelledConversation[],
  build: (kb: KnowledgeBase) => ExplainingEngine,
  folds: number,
): FollowUpCounts[] {
  const plain: KnowledgeBase = kb.calibration
    ? { ...kb, calibration: { ...kb.calibration, followUps: [] } }
    : kb;
  const counts = new Map<string, FollowUpCounts>();
  const conversations = items.filter((item) => item.turns.length > 1);
  for (let fold = 0; fold < folds; fold++) {
    const mine = conversations.filter((item) => foldOf(item.turns[0]!, folds) === fold);
    if (!mine.length) continue;
    const engine = build(withoutFold(plain, fold, folds));
    for (const item of mine) {
      let context: ConversationContext | null = null;
      let now = 1_700_000_000_000;
      item.turns.forEach((text, turn) => {
        const last = context?.recentTopics[0];
        const { reply, trace, context: next } = engine.explain({ text, context, now });
        context = next;
        now += 1000;
        const answered = reply.kind === "answer" ? reply.topic : undefined;
        // Read alone as another topic and answered so, or read with the last question and kept to it.
        const asked =
          answered !== last && trace.decidedBy.startsWith(ALONE)
            ? answered
            : answered === last && trace.decidedBy.startsWith(JOINT)
              ? trace.readAlone
              : undefined;
        if (turn === 0 || !last || !asked || asked === last) return;
        const expected = item.expect[turn]!.split("|");
        const stayed = expected.includes(last);
        const moved = expected.includes(asked);
        // Neither: a third topic the conversation went to, unless it is no topic at all.
        const elsewhere = !stayed && !moved ? expected.find((label) => kb.topicById.has(label)) : undefined;
        if (!stayed && !moved && !elsewhere) return;
        const key = `${last}\n${asked}`;
        const zeros = () => Array<number>(folds).fill(0);
        const entry = counts.get(key) ?? { after: last, asked, stays: zeros(), moves: zeros() };
        counts.set(key, entry);
        if (elsewhere) {
          entry.elsewhere ??= {};
          entry.elsewhere[elsewhere] ??= zeros();
          entry.elsewhere[elsewhere]![fold]!++;
        } else (stayed ? entry.stays : entry.moves)[fold]!++;
      });
    }
  }
  return [...counts.values()]
    .map((c): FollowUpCounts => {
      // A third topic too rare to ever act is left out.
      const kept = Object.entries(c.elsewhere ?? {}).filter(([, n]) => sum(n) >= STAY_MARGIN);
      const { elsewhere: _, ...rest } = c;
      return kept.length ? { ...rest, elsewhere: Object.fromEntries(kept) } : rest;
    })
    .filter((c) => {
      const { stays, moves } = totalsOf(c);
      return Math.max(stays, moves) >= STAY_MARGIN || !!c.elsewhere;
    })
    .sort((a, b) => a.after.localeCompare(b.after) || a.asked.localeCompare(b.asked));
}

/** Follow-up easings `cli fit` tries: how much less confidence a follow-up needs than a first question. */
export const FOLLOW_UP_EASINGS = Object.freeze([0, 0.05, 0.1, 0.15, 0.2, 0.25]);

/** Next-topic weights `cli fit` tries: how much where the conversations go next counts beside a reading. */
export const NEXT_TOPIC_WEIGHTS = Object.freeze([0, 0.25, 0.5, 1]);

/** The conversation settings' fit's named defaults. */
export const FOLLOW_UP_FIT = Object.freeze({
  /** Values within this share of the later turns of the best count tie; the least of them is taken. */
  tolerance: 0.002,
});

/**
 * The value of a dialog setting (the follow-up easing, the next-topic weight) under which the most later
 * turns of the labelled conversations are right, each conversation run by an engine built without its
 * fold and without a follow-up table; among values within `FOLLOW_UP_FIT.tolerance` of the best, the
 * least. With each value tried and its count; undefined value when the set has no conversations (no
 * evidence: the engine's default stands).
 */
export function fitConversationSetting(
  kb: KnowledgeBase,
  items: readonly LabelledConversation[],
  build: (kb: KnowledgeBase) => (value: number) => ExplainingEngine,
  folds: number,
  values: readonly number[],
): { value: number | undefined; tried: { value: number; right: number }[]; turns: number } {
  const plain: KnowledgeBase = kb.calibration
    ? { ...kb, calibration: { ...kb.calibration, followUps: [] } }
    : kb;
  const conversations = items.filter((item) => item.turns.length > 1);
  const byFold = Array.from({ length: folds }, (_, fold) =>
    conversations.filter((item) => foldOf(item.turns[0]!, folds) === fold),
  );
  // One index per fold; each value is a dialog setting over it.
  const engines = byFold.map((mine, fold) =>
    mine.length ? build(withoutFold(plain, fold, folds)) : undefined,
  );
  const tried = values.map((value) => {
    let right = 0;
    byFold.forEach((mine, fold) => {
      const engine = engines[fold];
      if (!engine) return;
      right += runConversations(engine(value), mine).filter((o) => o.turn > 0 && o.ok).length;
    });
    return { value, right };
  });
  const turns = conversations.reduce((n, item) => n + item.turns.length - 1, 0);
  if (!turns) return { value: undefined, tried: [], turns };
  // Within a few turns of the best, the least value: a flat curve's far end is noise, not evidence.
  const most = Math.max(...tried.map((t) => t.right));
  const near = most - Math.ceil(turns * FOLLOW_UP_FIT.tolerance);
  const best = tried.find((t) => t.right >= near)!;
  return { value: best.value, tried, turns };
}
