import type { Guard } from "./guard.ts";
import { decide } from "./rank.ts";

/** Messages this short can be "and for X?"; longer ones ask something of their own. */
const MAX_SWITCH_WORDS = 5;

/**
 * "and for X?" after a question about something else (another subject of the pack, or one it does not
 * cover): the same question, asked of X. Only a message made of a subject's name and words that point back.
 */
export const subjectSwitchGuard: Guard = {
  name: "subject switch",
  run(turn) {
    const { analysis, context, env } = turn;
    // The last question without the subject it named: asked again of X.
    const named = env.index.lexicon.subjectTokens;
    const last = (context.lastWords ?? []).filter((w) => !named.has(w));
    if (!last.length || analysis.subjects.length !== 1 || analysis.outOfScope.length) return undefined;
    // After a greeting or a handoff there is no question to ask again: "hi" → "so what is X?".
    if (context.lastKind !== undefined && context.lastKind !== "answer" && context.lastKind !== "fallback")
      return undefined;
    const { followUp, questionWords } = env.language;
    const leansBack =
      followUp.opens.test(analysis.words) || analysis.words.some((w) => followUp.carryOver.has(w));
    if (!leansBack || analysis.words.length > MAX_SWITCH_WORDS) return undefined;
    const onlyPointers = analysis.content.every(
      (t) => analysis.subjects.includes(t) || questionWords.has(t) || followUp.fillers.has(t),
    );
    if (!onlyPointers) return undefined;
    const subject = analysis.subjects[0]!;
    const asked = env.index.match(`${last.join(" ")} ${subject}`);
    const outcome = decide(turn, asked);
    if (outcome.decision.kind !== "answer") return undefined;
    return { ...outcome, reason: `the last question, asked of ${subject}: ${outcome.reason}` };
  },
};
