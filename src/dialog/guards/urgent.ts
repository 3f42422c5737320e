import { leansBack } from "./follow-up.ts";
import type { Guard } from "./guard.ts";

/** A possible complication of the writer's own (or of someone they look after), in any wording: act now. */
export const urgentGuard: Guard = {
  name: "urgent",
  run(turn) {
    const triage = turn.triage();
    if (triage.level !== "urgent") return undefined;
    return {
      decision: { kind: "urgent" },
      reason: `warning sign "${triage.signal}" in a report of their own`,
    };
  },
};

/**
 * Right after an urgent reply, a message leaning back on it ("should I just wait it out?", "what do I
 * do?") is still about the complication: the same advice again, not an answer about something else.
 * Runs after handoff and smalltalk, so "ok thanks" and "call me" keep their own replies.
 */
export const urgentFollowUpGuard: Guard = {
  name: "urgent-follow-up",
  run(turn) {
    if (turn.context.lastKind !== "urgent" || !leansBack(turn, turn.analysis)) return undefined;
    return { decision: { kind: "urgent" }, reason: "leans back on the urgent reply just given" };
  },
};
