import type { KnowledgeBase } from "../knowledge/types.ts";

/** The next-topic prior's named defaults. */
export const NEXT_TOPIC = Object.freeze({
  /** Added to every step's count, so a step the conversations never took is unlikely, not impossible. */
  smoothing: 0.5,
  /** How many of a reading's best candidates the prior may reorder. */
  candidates: 3,
  /** How much the prior counts beside a reading's confidence (log-linear), unless fitted. */
  weight: 0.5,
});

/** Steps counted from one topic to each next one, summed over folds, per transitions table. */
const fromTopic = new WeakMap<ReadonlyMap<string, readonly number[]>, Map<string, Map<string, number>>>();
function stepsFrom(transitions: ReadonlyMap<string, readonly number[]>, after: string): Map<string, number> {
  let byTopic = fromTopic.get(transitions);
  if (!byTopic) {
    byTopic = new Map();
    for (const [key, row] of transitions) {
      // Keys are transitionKey's "after\nnext".
      const [from, next] = key.split("\n") as [string, string];
      const steps = byTopic.get(from) ?? new Map<string, number>();
      steps.set(
        next,
        row.reduce((a, b) => a + b, 0),
      );
      byTopic.set(from, steps);
    }
    fromTopic.set(transitions, byTopic);
  }
  return byTopic.get(after) ?? new Map();
}

/**
 * How likely the pack's labelled conversations make each next topic after `after` (smoothed share of the
 * steps taken from it), with the counts for `--explain`; undefined when they never left it.
 */
export function nextTopicPrior(
  kb: KnowledgeBase,
  after: string,
): { likelihood: (next: string) => number; steps: (next: string) => number; total: number } | undefined {
  if (!kb.transitions) return undefined;
  const steps = stepsFrom(kb.transitions, after);
  let total = 0;
  for (const n of steps.values()) total += n;
  if (!total) return undefined;
  const { smoothing } = NEXT_TOPIC;
  const spread = smoothing * kb.topics.length;
  return {
    likelihood: (next) => ((steps.get(next) ?? 0) + smoothing) / (total + spread),
    steps: (next) => steps.get(next) ?? 0,
    total,
  };
}
