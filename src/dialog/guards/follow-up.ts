import type { Analysis } from "../../matching/index.ts";
import type { Guard, Turn } from "./guard.ts";
import { decide } from "./rank.ts";

/** At most this many content words for a message without an opener to count as leaning back. */
const MAX_BARE_FOLLOW_UP = 3;
const MAX_POINTING_FOLLOW_UP = 6;

/**
 * A message that leans on what came before: "and under the eyes?", "is that painful?", "how long?".
 * A word the pack has never seen, or a subject named, signals a new question instead.
 */
export function leansBack(turn: Turn, analysis: Analysis): boolean {
  const { followUp } = turn.env.language;
  if (analysis.subjects.length || analysis.unknown.length || analysis.outOfScope.length) return false;
  if (followUp.opens.test(analysis.words)) return true;
  if (analysis.content.length <= MAX_BARE_FOLLOW_UP) return true;
  return (
    analysis.content.length <= MAX_POINTING_FOLLOW_UP && analysis.words.some((w) => followUp.pointers.has(w))
  );
}

/**
 * Follow-ups read with the last question: the message's words plus the last message's words are matched
 * together, and the last topic and its related ones are favoured. When that does not settle it, the rank
 * guard decides with the last topic as context.
 */
export const followUpGuard: Guard = {
  name: "follow-up",
  run(turn) {
    const { context, analysis, env } = turn;
    const last = context.recentTopics[0];
    if (!last || !leansBack(turn, analysis)) return undefined;
    turn.followUpOf = last;
    const carried = context.lastWords ?? [];
    if (!carried.length) return undefined;
    // The message alone may already be a clear question of its own ("and the cost?"); if not, it is read
    // together with the last question's words ("how long does that take?" after a question about a session).
    const own = decide(turn, turn.match(), { followUpOf: last });
    if (own.decision.kind === "answer") return { ...own, reason: `on its own: ${own.reason}` };
    const joint = decide(turn, env.index.match(`${carried.join(" ")} ${analysis.corrected}`), {
      followUpOf: last,
    });
    if (joint.decision.kind !== "answer") return undefined;
    return { ...joint, reason: `read with the last question: ${joint.reason}` };
  },
};
