import { topicNearness } from "../../matching/evidence.ts";
import type { Turn } from "./guard.ts";

/**
 * A kind the guards decide (urgent, handoff) read by meaning: when the message is as near that kind's
 * texts as the pack's fit found safe, and nearer them than any topic, how near and by how much; else
 * undefined (also when the pack has no fit for the kind).
 */
export function byMeaning(
  turn: Turn,
  kind: "urgent" | "handoff",
): { nearness: number; lead: number } | undefined {
  const fitted = turn.env.index.calibration[kind];
  if (!fitted) return undefined;
  const nearness = turn.env.index.evidence.kindNearness(turn.analysis, kind);
  if (nearness < fitted.nearness) return undefined;
  const lead = nearness - topicNearness(turn.match().evidence);
  return lead < fitted.lead ? undefined : { nearness, lead };
}

/** The reason a guard gives for deciding by meaning, with the nearest text of the kind. */
export const byMeaningReason = (
  turn: Turn,
  kind: "urgent" | "handoff",
  like: string,
  found: { nearness: number; lead: number },
) =>
  `told like ${like} (nearness ${found.nearness.toFixed(2)}, ${found.lead.toFixed(2)} nearer than any topic; e.g. "${turn.env.index.evidence.nearestOfKind(turn.analysis, kind)}")`;
