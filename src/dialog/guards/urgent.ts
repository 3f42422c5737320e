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
