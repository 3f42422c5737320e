import { fallback } from "../decision.ts";
import type { Guard } from "./guard.ts";

/** Nothing to read (only punctuation, markup or emoji): ask again rather than guess. */
export const emptyGuard: Guard = {
  name: "empty",
  run: (turn) =>
    turn.analysis.normalized ? undefined : { decision: fallback("empty"), reason: "empty message" },
};
