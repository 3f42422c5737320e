import type { KnowledgeBase, Topic } from "../knowledge/types.ts";
import type { Language } from "../lang/language.ts";
import { ACCEPT_FEATURES, type ByMeaning, type Calibration, RANK_FEATURES } from "./calibration.ts";
import { buildEvidenceIndex, type Evidence, type EvidenceIndex } from "./evidence.ts";
import { buildLexicon } from "./lexicon.ts";
import { fitLogistic, type LinearModel, predict } from "./linear-model.ts";
import { acceptValues } from "./rank.ts";

/** Fitting's named defaults. */
export const FIT = Object.freeze({
  /** Folds over the pack's phrasings when it has no dev set. */
  folds: 4,
  /** Candidates per message the acceptor learns from: the ranker's best (rivals made it worse on dev). */
  acceptorCandidates: 1,
  /** Without a dev set, off-topic messages weigh this much of the answerable ones in all. */
  offTopicShare: 0.5,
  /** The clarify threshold, as a share of the answer threshold. */
  clarifyShare: 0.8,
  /** Thresholds tried, from 0.02 to 0.98. */
  thresholdStep: 0.01,
  /** Deriving at load (no calibration.yaml): held-out phrasings and background questions per fold, at most. */
  loadSamplesPerFold: 150,
  /** Fitted without a dev set, the acceptor is regularised harder: held-out phrasings are few and alike. */
  foldsL2: 0.1,
  /** …and answers this share of held-out phrasings the ranker gets right (recall first). */
  foldsKeepRight: 0.95,
  /** A kind read by meaning alone may fire on at most this share of the other dev messages (1 in 2,000). */
  kindFalseAlarmShare: 0.0005,
  /** Nearness and lead tried for a kind by meaning. */
  kindGrid: { nearnessFrom: 0.4, nearnessTo: 0.95, leadFrom: -0.1, leadTo: 0.3, step: 0.01 },
});

/** One labelled message: the labels that are right for it, or null when it is off-topic. */
export interface Sample {
  evidence: Evidence;
  expect: readonly string[] | null;
  weight: number;
}

/** "smalltalk" stands for every smalltalk label; topic ids and "handoff" for themselves. */
export function labelMatches(label: string, expected: readonly string[]): boolean {
  return expected.some((e) => e === label || (e === "smalltalk" && label.startsWith("smalltalk:")));
}

export interface FitReport {
  calibration: Calibration;
  /** On the samples it was fitted on: how the chosen threshold splits them. */
  training: { answerable: number; right: number; offTopic: number; declined: number; top1: number };
}

export interface FitOptions {
  /** Off-topic samples' total weight as a share of the answerable ones' (the samples' own weights when unset). */
  offTopicShare?: number;
  /** Candidates per message the acceptor learns from (FIT.acceptorCandidates). */
  acceptorCandidates?: number;
  /**
   * Recall-first threshold: the highest that still answers this share of the answerable samples the
   * ranker gets right (for fitting without a dev set, where held-out phrasings stand in for real messages).
   */
  keepRight?: number;
  /** Ridge strength for the acceptor (FIT_DEFAULTS.l2 unless given). */
  l2?: number;
}

/** Fits the ranker, the acceptor and the answer threshold to labelled samples. */
export function fitSamples(input: readonly Sample[], source: string, options: FitOptions = {}): FitReport {
  const samples = options.offTopicShare === undefined ? input : rebalance(input, options.offTopicShare);
  const rankRows: number[][] = [];
  const rankLabels: number[] = [];
  for (const s of samples) {
    if (!s.expect) continue;
    s.evidence.rank.forEach((r, i) => {
      rankRows.push(RANK_FEATURES.map((f) => r[f]));
      rankLabels.push(labelMatches(s.evidence.labels[i]!, s.expect!) ? 1 : 0);
    });
  }
  const ranker = fitLogistic(RANK_FEATURES, rankRows, rankLabels);

  const acceptRows: number[][] = [];
  const acceptLabels: number[] = [];
  const acceptWeights: number[] = [];
  const ranked = samples.map((s) => {
    const ranks = s.evidence.rank.map((r) =>
      predict(
        ranker,
        RANK_FEATURES.map((f) => r[f]),
      ),
    );
    const order = ranks.map((_, i) => i).sort((a, b) => ranks[b]! - ranks[a]!);
    return { s, ranks, order };
  });
  for (const { s, ranks, order } of ranked) {
    for (const i of order.slice(0, options.acceptorCandidates ?? FIT.acceptorCandidates)) {
      acceptRows.push(acceptValues(s.evidence, i, ranks));
      acceptLabels.push(s.expect && labelMatches(s.evidence.labels[i]!, s.expect) ? 1 : 0);
      acceptWeights.push(s.weight);
    }
  }
  const acceptor = fitLogistic(ACCEPT_FEATURES, acceptRows, acceptLabels, {
    weights: acceptWeights,
    ...(options.l2 === undefined ? {} : { l2: options.l2 }),
  });

  // The decision as the engine makes it: the ranker's best, trusted as far as the acceptor says.
  const decided = ranked.map(({ s, ranks, order }) => {
    const top = order[0];
    const label = top === undefined ? "" : s.evidence.labels[top]!;
    const confidence = top === undefined ? 0 : predict(acceptor, acceptValues(s.evidence, top, ranks));
    return { s, label, confidence, right: !!s.expect && labelMatches(label, s.expect) };
  });
  let answer = 0.5;
  let bestScore = -1;
  for (let t = 0.02; t <= 0.98; t += FIT.thresholdStep) {
    let score = 0;
    for (const d of decided) {
      if (d.s.expect) score += d.confidence >= t && d.right ? d.s.weight : 0;
      else score += d.confidence < t ? d.s.weight : 0;
    }
    if (score > bestScore) {
      bestScore = score;
      answer = Number(t.toFixed(2));
    }
  }
  if (options.keepRight !== undefined) {
    const right = decided
      .filter((d) => d.right)
      .map((d) => d.confidence)
      .sort((a, b) => a - b);
    const at = right[Math.floor((1 - options.keepRight) * right.length)];
    if (at !== undefined)
      answer = Math.min(answer, Math.max(0.02, Number((Math.floor(at * 100) / 100).toFixed(2))));
  }
  const answerable = decided.filter((d) => d.s.expect);
  const offTopic = decided.filter((d) => !d.s.expect);
  return {
    calibration: {
      ranker,
      acceptor,
      thresholds: { answer, clarify: Number((answer * FIT.clarifyShare).toFixed(2)) },
      source,
    },
    training: {
      answerable: answerable.length,
      right: answerable.filter((d) => d.right && d.confidence >= answer).length,
      offTopic: offTopic.length,
      declined: offTopic.filter((d) => d.confidence < answer).length,
      top1: answerable.filter((d) => d.right).length,
    },
  };
}

/** Reweighs off-topic samples so their total is `share` of the answerable ones'. */
export function rebalance(samples: readonly Sample[], share: number): Sample[] {
  const answerable = samples.filter((s) => s.expect).reduce((n, s) => n + s.weight, 0);
  const offTopic = samples.filter((s) => !s.expect).reduce((n, s) => n + s.weight, 0);
  if (!offTopic) return [...samples];
  const factor = (share * answerable) / offTopic;
  return samples.map((s) => (s.expect ? s : { ...s, weight: s.weight * factor }));
}

/** Labelled messages as samples on a built index; "fallback" means off-topic; other kinds (urgent,
 * handoff, smalltalk) are the dialog's guards' to decide, so they are skipped. */
export function samplesFrom(
  index: EvidenceIndex,
  messages: ReadonlyArray<{ text: string; expect: readonly string[] }>,
): Sample[] {
  const known = new Set(index.ranked);
  const samples: Sample[] = [];
  for (const m of messages) {
    const offTopic = m.expect.includes("fallback");
    const expect = m.expect.filter((e) => known.has(e));
    if (!offTopic && expect.length === 0) continue;
    samples.push({
      evidence: index.gather(index.analyze(m.text)),
      expect: offTopic ? null : expect,
      weight: 1,
    });
  }
  return samples;
}

/**
 * Samples for a pack with no dev set: each fold's phrasings are held out and matched against an index
 * built without them (answers stay, so a one-question topic can still be found by its answer), and
 * held-out background questions stand for off-topic messages.
 */
export function samplesByFolds(
  kb: KnowledgeBase,
  language: Language,
  background: readonly string[],
  folds: number = FIT.folds,
  perFold = Number.POSITIVE_INFINITY,
): Sample[] {
  const samples: Sample[] = [];
  // Every n-th item, so a capped fold still spans the whole pack.
  const spread = <T>(items: readonly T[]) => {
    const step = Math.max(1, items.length / perFold);
    return items.filter((_, i) => Math.floor(i / step) !== Math.floor((i - 1) / step));
  };
  for (let k = 0; k < folds; k++) {
    const held: Array<{ text: string; id: string }> = [];
    const topics = kb.topics.map((t): Topic => {
      const all = [t.question, ...t.phrasings];
      const kept = all.filter((text, i) => {
        const out = (i + t.id.length + k) % folds === 0;
        if (out) held.push({ text, id: t.id });
        return !out;
      });
      return { ...t, question: kept[0] ?? t.question, phrasings: kept.slice(1) };
    });
    const fold: KnowledgeBase = { ...kb, topics, topicById: new Map(topics.map((t) => [t.id, t])) };
    const index = buildEvidenceIndex(
      fold,
      buildLexicon(fold, language),
      background.filter((_, i) => i % folds !== k),
    );
    for (const h of spread(held))
      samples.push({
        evidence: index.gather(index.analyze(h.text), { exclude: h.text }),
        expect: [h.id],
        weight: 1,
      });
    const offTopic = spread(background.filter((_, i) => i % folds === k));
    for (const text of offTopic)
      samples.push({ evidence: index.gather(index.analyze(text)), expect: null, weight: 1 });
  }
  return rebalance(samples, FIT.offTopicShare);
}

export type { LinearModel };

/** Fits a pack without a dev set by folds over its phrasings (recall-first threshold). */
export function fitByFolds(
  kb: KnowledgeBase,
  language: Language,
  background: readonly string[],
  options: { folds?: number; perFold?: number; source: string },
): FitReport {
  const samples = samplesByFolds(kb, language, background, options.folds ?? FIT.folds, options.perFold);
  return fitSamples(samples, options.source, { l2: FIT.foldsL2, keepRight: FIT.foldsKeepRight });
}

/** The pack's calibration.yaml when it was fitted for today's features, else undefined (with why). */
export function packCalibration(kb: KnowledgeBase): { calibration?: Calibration; problem?: string } {
  const c = kb.calibration;
  if (!c) return { problem: "the pack has no calibration.yaml" };
  const same = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((x, i) => x === b[i]);
  if (!same(c.ranker.features, RANK_FEATURES) || !same(c.acceptor.features, ACCEPT_FEATURES)) {
    return { problem: "calibration.yaml was fitted for other features than this version uses" };
  }
  return {
    calibration: {
      ...c,
      thresholds: { ...c.thresholds },
      ...(c.urgent ? { urgent: { ...c.urgent } } : {}),
      ...(c.handoff ? { handoff: { ...c.handoff } } : {}),
    },
  };
}

/** A labelled message's nearness to a kind's texts and to the nearest topic, gathered out of fold. */
export interface KindPoint {
  nearness: number;
  topic: number;
  /** Labelled with that kind. */
  member: boolean;
  /** The language's patterns decide it already (a listed warning sign) or set it aside (asked in general). */
  decided?: boolean;
}

/**
 * The nearness and lead at which meaning alone decides a kind (urgent, handoff): the most labelled messages
 * of the kind caught while others pass at most `kindFalseAlarmShare` of the time (precision first: the
 * language's patterns stay the main net). Undefined when no setting catches any.
 */
export function fitKindNearness(all: readonly KindPoint[]): ByMeaning | undefined {
  // Meaning is the second net: fitted on what the patterns leave open, for what it adds.
  const points = all.filter((p) => !p.decided);
  const others = points.filter((p) => !p.member);
  const allowed = Math.floor(others.length * FIT.kindFalseAlarmShare);
  let best: (ByMeaning & { caught: number }) | undefined;
  const grid = FIT.kindGrid;
  // Settings tried as written (two decimals), so the one returned is exactly the one measured.
  const steps = (from: number, to: number) =>
    Array.from({ length: Math.round((to - from) / grid.step) + 1 }, (_, i) =>
      Number((from + i * grid.step).toFixed(2)),
    );
  for (const nearness of steps(grid.nearnessFrom, grid.nearnessTo))
    for (const lead of steps(grid.leadFrom, grid.leadTo)) {
      const fires = (p: KindPoint) => p.nearness >= nearness && p.nearness - p.topic >= lead;
      if (others.filter(fires).length > allowed) continue;
      const caught = points.filter((p) => p.member && fires(p)).length;
      if (caught > (best?.caught ?? 0)) best = { nearness, lead, caught };
    }
  return best && { nearness: best.nearness, lead: best.lead };
}
