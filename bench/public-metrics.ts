// The metrics of ../shared/benchmarks/README.md, computed from one outcome per test query.
import { latencyStats } from "./stats.ts";

/** What the engine did with one test query. */
export interface QueryOutcome {
  /** Topic ids that count as right; empty for an out-of-scope query. */
  accepted: readonly string[];
  /** The topic answered, or null when the reply was no answer (fallback, clarify, smalltalk…). */
  answered: string | null;
  /** The best-ranked topic, whatever the reply: for top-1 and the threshold sweep. */
  ranked: string | null;
  /** The reply's confidence. */
  confidence: number;
  latencyMs: number;
}

/** `count` of `total` queries, and their share (null when there are none). */
export interface Ratio {
  count: number;
  total: number;
  rate: number | null;
}

const ratio = (count: number, total: number): Ratio => ({ count, total, rate: total ? count / total : null });

export interface PublicMetrics {
  inScope: Ratio;
  /** Out-of-scope queries declined. */
  oosRejection: Ratio;
  /** In-scope queries declined (false rejection). */
  falseRejection: Ratio;
  /** (right answers + declined out-of-scope) / all queries. */
  overall: Ratio;
  /** In-scope queries whose best-ranked topic is right, ignoring any rejection. */
  top1: Ratio;
  /** The best in-scope accuracy among thresholds that decline ≥ 80% of out-of-scope queries. */
  atOos80: { inScope: number; threshold: number; oosRejection: number } | null;
  latency: { medianMs: number; p99Ms: number };
}

export const SWEEP_MIN_REJECTION = 0.8;

const isRight = (o: QueryOutcome, topic: string | null) => topic !== null && o.accepted.includes(topic);

export function publicMetrics(outcomes: readonly QueryOutcome[]): PublicMetrics {
  const inScope = outcomes.filter((o) => o.accepted.length > 0);
  const outOfScope = outcomes.filter((o) => o.accepted.length === 0);
  const count = (list: readonly QueryOutcome[], ok: (o: QueryOutcome) => boolean): Ratio =>
    ratio(list.filter(ok).length, list.length);
  const answeredRight = count(inScope, (o) => isRight(o, o.answered));
  const declined = count(outOfScope, (o) => o.answered === null);
  return {
    inScope: answeredRight,
    oosRejection: declined,
    falseRejection: count(inScope, (o) => o.answered === null),
    overall: ratio(answeredRight.count + declined.count, outcomes.length),
    top1: count(inScope, (o) => isRight(o, o.ranked)),
    atOos80: sweep(inScope, outOfScope),
    latency: latencyOf(outcomes.map((o) => o.latencyMs)),
  };
}

/**
 * Threshold sweep over the reply's confidence: at threshold t a query is answered with its
 * best-ranked topic when its confidence ≥ t, else declined. Returns the best in-scope accuracy
 * among the thresholds that decline at least 80% of the out-of-scope queries.
 */
export function sweep(
  inScope: readonly QueryOutcome[],
  outOfScope: readonly QueryOutcome[],
): PublicMetrics["atOos80"] {
  if (!inScope.length || !outOfScope.length) return null;
  // Every distinct confidence is a candidate threshold, and one above them all (decline everything).
  const thresholds = [...new Set([...inScope, ...outOfScope].map((o) => o.confidence))].sort((a, b) => a - b);
  thresholds.push(Number.POSITIVE_INFINITY);
  const oos = outOfScope.map((o) => o.confidence).sort((a, b) => a - b);
  const rightIn = inScope
    .filter((o) => isRight(o, o.ranked))
    .map((o) => o.confidence)
    .sort((a, b) => a - b);
  let best: PublicMetrics["atOos80"] = null;
  let o = 0;
  let r = 0;
  for (const t of thresholds) {
    while (o < oos.length && oos[o]! < t) o++;
    while (r < rightIn.length && rightIn[r]! < t) r++;
    const rejection = o / oos.length;
    if (rejection < SWEEP_MIN_REJECTION) continue;
    const accuracy = (rightIn.length - r) / inScope.length;
    if (!best || accuracy > best.inScope) best = { inScope: accuracy, threshold: t, oosRejection: rejection };
  }
  return best;
}

function latencyOf(samples: number[]): { medianMs: number; p99Ms: number } {
  const { median, p99 } = latencyStats(samples);
  return { medianMs: median, p99Ms: p99 };
}

/** 0.8123 or a Ratio → "81.2%"; "–" when there is nothing to measure. */
export const percent = (value: Ratio | number | null | undefined) => {
  const share = typeof value === "number" ? value : value?.rate;
  return share === null || share === undefined ? "–" : `${(100 * share).toFixed(1)}%`;
};
