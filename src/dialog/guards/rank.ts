import type { KnowledgeBase } from "../../knowledge/types.ts";
import type { Language } from "../../lang/language.ts";
import type { PatternSet } from "../../lang/patterns.ts";
import {
  type Analysis,
  type Candidate,
  type MatchResult,
  namingWords,
  withSubjectAsContext,
} from "../../matching/index.ts";
import { stem } from "../../matching/natural.ts";
import { normalizeText } from "../../matching/normalize.ts";
import { type Decision, fallback } from "../decision.ts";
import { NEXT_TOPIC, nextTopicPrior } from "../next-topic.ts";
import { asksSomething, clausesOf } from "./asks.ts";
import {
  placeFreeIfUnsure,
  ranksAsPleasantry,
  readWithLastQuestion,
  saysPleasantryOnly,
} from "./follow-up.ts";
import type { Guard, GuardOutcome, PartReading, Turn } from "./guard.ts";
import { opensWithPleasantryWord } from "./smalltalk.ts";

/** Deciding's named defaults. */
export const DECIDE = Object.freeze({
  /** A follow-up's reading of the last topic (or a related one) gains this share of its doubt. */
  followUpBoost: 0.15,
  /** A follow-up needs this much less confidence (the context says what it is about), unless fitted. */
  followUpEasing: 0.1,
  /** A mild symptom of their own needs this much less: the safety line goes with any answer. */
  cautionEasing: 0.1,
  /** A topic about the other side of the treatment than the message keeps this share of its confidence. */
  otherSide: 0.1,
  /** Ranker lead below which two strong readings tie: ask, do not guess. */
  tieMargin: 0.05,
  /** Both tied readings must be at least this likely on their own before a tie is worth a question. */
  tieFloor: 0.6,
  /** A follow-up with a question shape of its own keeps readings whose phrasings ask that way this often. */
  questionShapeFit: 0.25,
  /** A generic question's readings ranked at least this share of the best are offered as choices. */
  rivalShare: 0.65,
  /** Choices offered at most. */
  maxChoices: 3,
  /** A word of the message is "what it is really about" when this rare (SIF weight) and this near the pack. */
  gapWeight: 0.9,
  gapNearness: 0.5,
  /** Words at most that stand in the subject's place ("azelaic acid"). */
  standInWords: 3,
  /** Declining a message that is only a pleasantry, the acceptor must find it at least this plausible. */
  pleasantryFloor: 0.025,
  /** A statement naming an uncovered subject as none of history, contrast or use is answered this sure (the acceptor weighs the subject). */
  uncoveredSureFloor: 0.8,
  /** A message that tells, then asks, is answered by what its question asks when that reading is this sure… */
  askedSure: 0.5,
  /** …and the whole message still gives that topic this much (the told part does not rule it out). */
  askedInWhole: 0.2,
  /** …or, the whole message declined only for doubt, its question read alone is this sure. */
  askedAlone: 0.8,
  /** A clause this much pleasantry (share of its words) says nothing a question after it must carry. */
  pleasantryOnly: 1,
  /** Clauses before a question at least this much pleasantry are a greeting: the question is read alone. */
  greetingShare: 0.5,
  /** At most this far (in words) from an uncovered subject, a join ("vs", "or") sets it against another side. */
  contrastReach: 2,
  /** A declined message of at least this many words, this share of them no words of the language, is unreadable. */
  unreadableWords: 2,
  unreadableShare: 0.6,
});

/**
 * A clause said as a pleasantry: in pleasantries' words only, or asking nothing and read as a pleasantry
 * before every topic, though its words are new to the pack ("eish ok", "Danke!").
 */
function clauseSaysPleasantry(turn: Turn, clause: PartReading): boolean {
  const { index, language } = turn.env;
  const { analysis } = clause;
  if (index.evidence.pleasantryShare(analysis) >= DECIDE.pleasantryOnly) return true;
  if (analysis.subjects.length || asksSomething(language, analysis)) return false;
  return ranksAsPleasantry(clause.match());
}

/**
 * "Hi po, how much is it per session?": the message's last clause asks, and every clause before it is a
 * greeting (asking nothing, mostly the pack's pleasantries' words). Read only for a message opening with
 * a pleasantry's word, and clause by clause up to the first that is no greeting.
 */
function questionAfterGreeting(turn: Turn): PartReading | undefined {
  if (!opensWithPleasantryWord(turn)) return undefined;
  const clauses = clausesOf(turn.text);
  let at = 0;
  while (at < clauses.length - 1 && isGreeting(turn, turn.part(clauses[at]!))) at++;
  if (at === 0 || at !== clauses.length - 1) return undefined;
  const asked = turn.part(clauses[at]!);
  return asked.analysis.questionMark || asked.analysis.questionType !== undefined ? asked : undefined;
}

const isGreeting = (turn: Turn, clause: PartReading) =>
  !asksSomething(turn.env.language, clause.analysis) &&
  turn.env.index.evidence.greetingShare(clause.analysis) >= DECIDE.greetingShare &&
  clauseSaysPleasantry(turn, clause);

/**
 * The last clause of a message that tells something first and then asks ("day 2, a bit red. can i go
 * to the gym?"), when it has a question's mark or shape of its own, and the clauses said before it;
 * undefined for a single clause.
 */
function askedClause(turn: Turn): { asked: PartReading; before: string[] } | undefined {
  const clauses = clausesOf(turn.text);
  if (clauses.length < 2) return undefined;
  for (let i = clauses.length - 1; i >= 0; i--) {
    const asked = turn.part(clauses[i]!);
    if (!asked.analysis.questionMark && asked.analysis.questionType === undefined) continue;
    return { asked, before: clauses.slice(0, i) };
  }
  return undefined;
}

/**
 * "a little swollen after yesterday, can i carry on with normal stuff today": the symptom told draws the
 * ranking to after-effects, yet the question asks about getting back to normal. When the question read
 * alone is sure of another topic that the whole message still gives some weight, that topic answers.
 */
function askedPart(turn: Turn, whole: GuardOutcome): GuardOutcome | undefined {
  const decided = whole.decision.kind === "answer" ? whole.decision.topic : undefined;
  const rivals = (whole.candidates ?? turn.match().candidates).filter(
    (c) => c.label !== decided && c.confidence >= DECIDE.askedInWhole,
  );
  // Declined only for doubt, the rest of the message may be what the acceptor doubted ("what exactly is
  // it? one or two sentences please, not a sales pitch"): a question sure alone is answered.
  const doubted =
    whole.decision.kind === "fallback" &&
    whole.decision.reason === "unsure" &&
    !turn.analysis.outOfScope.length;
  // A greeting before the question ("Hi po, how much is it?") carries nothing the question must.
  const greeted = !rivals.length && !doubted ? questionAfterGreeting(turn) : undefined;
  if (!rivals.length && !doubted && !greeted) return undefined;
  const found = greeted ? { asked: greeted, before: [] } : askedClause(turn);
  if (!found) return undefined;
  const clause = found.asked.analysis;
  const asked = found.asked.match();
  const best = asked.candidates[0];
  if (!best || best.confidence < DECIDE.askedSure) return undefined;
  // Read only when they decide: each clause before the question is a match of its own.
  // Only pleasantry said before it ("oh ok. so how many…", "eish ok. and…", "Danke! And…"): what is
  // asked is the question alone.
  const afterPleasantry = () =>
    !!greeted ||
    (found.before.length > 0 && found.before.every((c) => clauseSaysPleasantry(turn, turn.part(c))));
  // Mostly pleasantries' own words ("Hi po,", "Good evening."), not merely read as one.
  const afterGreeting = () =>
    !!greeted || (afterPleasantry() && found.before.every((c) => isGreeting(turn, turn.part(c))));
  // Alone, the question must name the pack's subject or follow only pleasantry: "is it dangerous to use"
  // after "kettle is leaking" asks about the kettle.
  const askedAlone =
    doubted && best.confidence >= DECIDE.askedAlone && (clause.subjects.length > 0 || afterPleasantry());
  if (!rivals.some((c) => c.label === best.label) && !askedAlone && !afterGreeting()) return undefined;
  const outcome = decide(turn, asked);
  if (outcome.decision.kind !== "answer" || outcome.decision.topic !== best.label) return undefined;
  return { ...outcome, reason: `its question ("${clause.corrected}") asks this: ${outcome.reason}` };
}

const asAlternatives = (turn: Turn, list: Candidate[]) =>
  list
    .slice(0, DECIDE.maxChoices)
    .map((c) => ({ topic: c.label, question: turn.env.kb.topicById.get(c.label)!.question }));

/** Key words of the message the chosen topic says nothing about (for an honest partial answer). */
function missingWords(result: MatchResult, topic: string): string[] {
  const named = result.analysis.outOfScope;
  const gaps = result.evidence
    .gaps(topic)
    .filter((g) => g.weight >= DECIDE.gapWeight && result.evidence.packNearness(g.word) >= DECIDE.gapNearness)
    .map((g) => g.word);
  return [...new Set([...named, ...gaps])];
}

/**
 * A gap rare enough to name a thing of its own. A name the language lacks weighs little as a gap (it may
 * be a typo), yet counts: where a subject or the other side of a comparison stands, it is one.
 */
const namesAThing = (gap: { word: string; weight: number }, analysis: Analysis) =>
  gap.weight >= DECIDE.gapWeight || analysis.names.includes(gap.word);

/**
 * A word standing where the best reading's phrasing names the pack's subject, in a message naming none:
 * "is niacinamide good for oily skin" beside "is <the subject> good for oily skin" asks about niacinamide.
 * The words must be ones no text of that topic explains, with the phrasing's words either side of them.
 */
function subjectStandIn(turn: Turn, result: MatchResult): string | undefined {
  const { analysis } = result;
  const { subjectTokens } = turn.env.index.lexicon;
  const best = result.candidates[0];
  if (analysis.subjects.length || !best?.phrasing) return undefined;
  if (analysis.words.some((w) => turn.env.language.refersBack.has(w))) return undefined;
  // The label's gaps are read already (the acceptor weighs them): the phrasing is analysed only past them.
  const gaps = new Set(
    result.evidence
      .gaps(best.label)
      .filter((g) => namesAThing(g, analysis))
      .map((g) => g.word),
  );
  if (!gaps.size) return undefined;
  const phrasing = turn.env.index.analyze(best.phrasing).tokens;
  const at = phrasing.findIndex((t) => subjectTokens.has(t));
  if (at < 0) return undefined;
  // A run of such words ("azelaic acid"), between the words the phrasing has either side of its subject.
  const words = analysis.tokens;
  for (let i = 1; i < words.length; i++) {
    if (!gaps.has(words[i]!) || words[i - 1] !== phrasing[at - 1]) continue;
    let end = i;
    while (end + 1 < words.length && end - i + 1 < DECIDE.standInWords && gaps.has(words[end + 1]!)) end++;
    if (words[end + 1] !== undefined && words[end + 1] === phrasing[at + 1])
      return words.slice(i, end + 1).join(" ");
  }
  return undefined;
}

/** Whether `term` is named right after a time word, as the event itself: "after a chemical peel". */
function namesEvent(language: Language, words: readonly string[], term: string): boolean {
  const at = words.indexOf(term.split(" ")[0]!);
  for (let i = at - 1; i >= 0; i--) {
    if (language.timing.eventMarks.has(words[i]!)) return true;
    if (!language.timing.eventSkips.has(words[i]!)) return false;
  }
  return false;
}

/**
 * Whether the message's uncovered subjects can be what someone uses around the treatment: neither
 * compared ("peel or filler?") nor the event itself ("recovery from a facelift").
 */
export function usableAround(language: Language, analysis: MatchResult["analysis"]): boolean {
  return (
    !language.comparison.test(analysis.words) &&
    !analysis.outOfScope.some((term) => namesEvent(language, analysis.words, term))
  );
}

/**
 * Compared with one uncovered subject, the other side is the pack's own unless the message, naming no
 * subject and pointing back at none, names another thing the best reading does not explain:
 * "niacinamide or vitamin c serum, what's the difference" compares two things the pack does not cover.
 */
function otherSideUncovered(turn: Turn, result: MatchResult, outOfScope: readonly string[]): boolean {
  const { analysis } = result;
  const best = result.candidates[0];
  if (!best || analysis.subjects.length) return false;
  if (analysis.words.some((w) => turn.env.language.refersBack.has(w))) return false;
  const named = new Set(outOfScope.flatMap((term) => term.split(" ")));
  return (
    result.evidence.gaps(best.label).some((g) => !named.has(g.word) && namesAThing(g, analysis)) ||
    namesOtherSide(turn.env.language, analysis, named)
  );
}

/** The words a contrast is said with ("cheaper", "difference"): they weigh the sides, they are neither. */
const contrastWordSets = new WeakMap<PatternSet, ReadonlySet<string>>();
function contrastWords(contrast: PatternSet): ReadonlySet<string> {
  let words = contrastWordSets.get(contrast);
  if (!words) {
    words = new Set(contrast.patterns.flatMap((p) => p.source.match(/[a-z]+/g) ?? []));
    contrastWordSets.set(contrast, words);
  }
  return words;
}

/**
 * Whether the side of a contrast across from the uncovered subject names a thing of its own, the pack
 * knowing its word or not: "a hydrafacial and a normal facial", "dermaplaning vs just shaving".
 */
function namesOtherSide(language: Language, analysis: Analysis, uncovered: ReadonlySet<string>): boolean {
  const { words } = analysis;
  const naming = new Set(namingWords(analysis, language));
  const at = words.findIndex((w) => uncovered.has(w));
  let end = at;
  while (uncovered.has(words[end + 1] ?? "")) end++;
  const joins = words.flatMap((w, i) => (language.contrastJoins.has(w) ? [i] : []));
  // A join right beside the subject sets it against what stands across: "hydrafacial or normal facial".
  const after = joins.find((j) => j > end && j - end <= DECIDE.contrastReach);
  const before = joins.findLast((j) => j < at && at - j <= DECIDE.contrastReach);
  const side = (from: number, to: number) => words.slice(Math.max(0, from), to);
  const saying = contrastWords(language.contrast);
  const names = (side: readonly string[]) =>
    !side.some((w) => language.refersBack.has(w)) &&
    side.some((w) => naming.has(w) && !uncovered.has(w) && !saying.has(w));
  const next = after === undefined ? undefined : joins.find((j) => j > after);
  const previous = before === undefined ? undefined : joins.findLast((j) => j < before);
  return (
    (after !== undefined && names(side(after + 1, next ?? words.length))) ||
    (before !== undefined && names(side((previous ?? -1) + 1, before)))
  );
}

/**
 * The decision from ranked candidates: decline what names an uncovered subject (unless it compares or
 * combines it with the pack's), ask when strong readings tie, answer when the calibrated confidence
 * reaches the threshold (less for a follow-up), and say plainly what the answer does not cover.
 */
/**
 * "how long between them" after a question about stretch marks reads alone as a session's length and
 * its interval nearly alike: among a follow-up's best readings that reach a follow-up's threshold, the one
 * the pack's conversations more often went to from the last topic leads (log-linear, weight fitted).
 */
function byNextTopic(
  turn: Turn,
  list: Candidate[],
  after: string,
): { list: Candidate[]; reason: string } | undefined {
  const { kb, thresholds } = turn.env;
  const first = list[0];
  const prior = thresholds.nextTopicWeight > 0 ? nextTopicPrior(kb, after) : undefined;
  // The prior picks among readings when the best alone would be answered: it does not make an answer.
  if (!prior || !first || first.confidence < thresholds.answer) return undefined;
  // A message leaning on the last answer needs a follow-up's confidence; a question of its own, the full;
  // either, at least what the topic itself asks for.
  const floor = (c: Candidate) =>
    Math.max(thresholds.answer, kb.topicById.get(c.label)?.minConfidence ?? 0) -
    (turn.followUpOf ? thresholds.followUpEasing : 0);
  const score = (c: Candidate) =>
    Math.log(Math.max(c.confidence, Number.MIN_VALUE)) +
    thresholds.nextTopicWeight * Math.log(prior.likelihood(c.label));
  let best = first;
  for (const c of list.slice(1, NEXT_TOPIC.candidates))
    if (
      c.confidence >= floor(c) &&
      prior.likelihood(c.label) > prior.likelihood(first.label) &&
      score(c) > score(best)
    )
      best = c;
  if (best === first) return undefined;
  return {
    list: [best, ...list.filter((c) => c !== best)],
    reason: `the pack's conversations went on from ${after} to ${best.label} ${prior.steps(best.label)} times, to ${first.label} ${prior.steps(first.label)}, of ${prior.total}`,
  };
}

export function decide(
  turn: Turn,
  result: MatchResult,
  options: {
    followUpOf?: string;
    questionShape?: boolean;
    /** Why this message needs a follow-up's confidence only, for the reason ("the same topic leads…"). */
    eased?: string;
    /** A follow-up read alone after this topic: where the pack's conversations go next from it weighs in. */
    after?: string;
  } = {},
): GuardOutcome {
  const { kb, thresholds, language } = turn.env;
  const { analysis } = result;
  // A mild symptom of their own, or a sign the urgent guard let pass: the safety line goes with the reply.
  const caution = turn.triage().level !== "none";
  let list = result.candidates;
  const decline = (decision: Decision, reason: string): GuardOutcome => ({
    decision,
    reason,
    candidates: list,
  });

  // A word in the subject's place is an uncovered subject as a listed one is: the same reading of context.
  const standIn = analysis.outOfScope.length ? undefined : subjectStandIn(turn, result);
  const outOfScope = standIn ? [standIn] : analysis.outOfScope;
  if (outOfScope.length) {
    // "how long does X last" asks about X, which the pack does not cover; "is it better than X?",
    // "can I use X before it?" ask about the pack's subject, with X as context (said plainly below).
    // Each uncovered subject named as the writer's own history ("i use retinol every night"): context.
    const history = outOfScope.every((term) => {
      const at = analysis.words.indexOf(term.split(" ")[0]!);
      return at > 0 && language.ownHistory.test(analysis.words.slice(Math.max(0, at - 6), at));
    });
    const uncovered = new Set(outOfScope.map((term) => stem(term.split(" ").at(-1)!)));
    const contrasted =
      uncovered.size === 1 &&
      language.contrast.test(analysis.words) &&
      !otherSideUncovered(turn, result, outOfScope);
    // Before or after the treatment ("stop my retinol before my appointment?"), X is what they use around it.
    const aroundTreatment =
      turn.env.timing.ofMessage(analysis.words) !== undefined && usableAround(language, analysis);
    const aboutUs =
      history ||
      contrasted ||
      aroundTreatment ||
      analysis.subjects.length > 0 ||
      options.followUpOf !== undefined ||
      analysis.words.some((w) => language.refersBack.has(w));
    // A statement naming X asks nothing about X ("i cry getting my eyebrows threaded" tells of pain): when
    // the acceptor, which counts X against every topic, is still sure, answer and say X is not covered.
    if (!aboutUs)
      list = asksSomething(language, analysis)
        ? []
        : list.filter((c) => c.confidence >= DECIDE.uncoveredSureFloor);
    else if (contrasted || language.comparison.test(analysis.words)) {
      const comparing = list.filter((c) => kb.pack.comparisonTopics.includes(c.label));
      // Compared or combined with the pack's subject, X is context the reply names: not held against it.
      if (comparing.length) list = comparing.map((c) => withSubjectAsContext(c, turn.env.index.calibration));
    } else if (history || aroundTreatment || options.followUpOf !== undefined) {
      // X as what they use, their history or the conversation's context: read as if X were not named.
      list = list.map((c) => withSubjectAsContext(c, turn.env.index.calibration));
    }
    if (!list.length) {
      return decline(
        fallback("out-of-scope", result.candidates, { caution }),
        `names ${outOfScope.join(", ")}, which the pack does not cover`,
      );
    }
  }
  if (options.questionShape) {
    // "how long does that take?" after a question about a session: the context says what, the message
    // says which kind of answer — keep the readings whose phrasings ask that kind of question.
    const shaped = list.filter((c) => c.components.questionFit >= DECIDE.questionShapeFit);
    if (shaped.length) list = shaped;
  }
  if (options.followUpOf) {
    const related = new Set([options.followUpOf, ...(kb.topicById.get(options.followUpOf)?.related ?? [])]);
    list = list
      .map((c) =>
        related.has(c.label)
          ? { ...c, confidence: c.confidence + DECIDE.followUpBoost * (1 - c.confidence) }
          : c,
      )
      .sort((a, b) => b.confidence - a.confidence);
  }
  // Before or after the treatment, said by the message itself or by the topic it follows up: a topic about
  // the other side yields ("my appointment is Thursday, I use an acid toner" is not aftercare).
  const { timing } = turn.env;
  const context = options.followUpOf ?? turn.followUpOf;
  const side = timing.ofMessage(turn.analysis.words) ?? (context ? timing.ofTopic(context) : undefined);
  const otherSide = (c: Candidate) => !!side && !!timing.ofTopic(c.label) && timing.ofTopic(c.label) !== side;
  if (list.some(otherSide)) {
    list = list
      .map((c) =>
        otherSide(c)
          ? { ...c, confidence: c.confidence * DECIDE.otherSide, rank: c.rank * DECIDE.otherSide }
          : c,
      )
      .sort((a, b) => b.rank - a.rank);
  }
  const leaned = options.after ? byNextTopic(turn, list, options.after) : undefined;
  if (leaned) list = leaned.list;
  const best = list[0];
  if (!best) return decline(fallback("unsure", [], { caution }), "nothing in the pack resembles the message");
  const subject = analysis.content.filter((t) => !language.questionWords.has(t));
  if (subject.length && subject.every((t) => /^\d+$/.test(t))) {
    return decline(fallback("unsure", list, { caution }), "only numbers, and no choices were offered");
  }

  // A mild symptom of their own, asked "is that normal?": the pack's answer about after-effects, with
  // the safety line, whatever else the description resembles ("tight and warm the day after").
  const symptomTopic = kb.pack.symptomTopics.find((id) => kb.topicById.has(id));
  if (caution && symptomTopic && best.label !== symptomTopic) {
    const triage = turn.triage();
    // Nothing else fits a symptom since treatment, or "is that normal?" about a symptom the best reading
    // says nothing about ("tight and warm the day after" is not about results).
    const asksNormal = language.symptoms.normalcy.test(analysis.words);
    const doubtful =
      best.confidence < thresholds.answer - DECIDE.cautionEasing && (triage.afterTreatment || asksNormal);
    const symptomStems = new Set((triage.symptom ?? "").split(" ").map(stem));
    const gaps = new Set(result.evidence.gaps(best.label).map((g) => g.word));
    const unexplained = analysis.words.some((w) => symptomStems.has(stem(w)) && gaps.has(w));
    if (doubtful || (asksNormal && unexplained)) {
      const own = list.find((c) => c.label === symptomTopic);
      return {
        decision: {
          kind: "answer",
          topic: symptomTopic,
          confidence: own?.confidence ?? best.confidence,
          caution: true,
        },
        reason: `a mild symptom of their own, ${asksNormal ? "asking whether it is normal" : "nothing else fits"}: ${symptomTopic}`,
        candidates: list,
        evidence: result.evidence,
      };
    }
  }
  const entry = kb.topicById.get(best.label)!;
  const threshold =
    Math.max(thresholds.answer, entry.minConfidence ?? 0) -
    (options.followUpOf || options.eased || (leaned && turn.followUpOf)
      ? thresholds.followUpEasing
      : caution
        ? DECIDE.cautionEasing
        : 0);
  const strong = list.filter((c) => c.confidence >= thresholds.clarify);
  // A generic question's readings are weighed by rank alone: confidence already assumes one was meant,
  // so the chance that one of them was is what must reach the clarify threshold.
  const generic = result.generic ? list.filter((c) => c.rank >= best.rank * DECIDE.rivalShare) : [];
  const rivals = result.generic
    ? generic.reduce((sum, c) => sum + c.confidence, 0) >= thresholds.clarify
      ? generic
      : []
    : strong.filter(
        (c) =>
          best.rank - c.rank <= DECIDE.tieMargin &&
          c.confidence >= Math.max(thresholds.answer, DECIDE.tieFloor),
      );
  if (rivals.length >= 2 && !options.followUpOf) {
    const alternatives = asAlternatives(turn, rivals);
    return {
      decision: { kind: "clarify", alternatives, confidence: best.confidence },
      reason: result.generic
        ? `a generic question fits ${alternatives.length} topics`
        : `${alternatives.length} strong readings nearly tie (rank lead < ${DECIDE.tieMargin})`,
      candidates: list,
      evidence: result.evidence,
    };
  }
  if (best.confidence >= threshold) {
    const missing = missingWords(result, best.label);
    const decision: Decision = { kind: "answer", topic: best.label, confidence: best.confidence };
    if (missing.length) decision.missing = missing;
    if (caution) decision.caution = true;
    return {
      decision,
      reason: `confidence ${best.confidence.toFixed(2)} ≥ ${threshold.toFixed(2)}${options.followUpOf ? ` (follow-up of ${options.followUpOf})` : ""}${options.eased ? ` (${options.eased})` : ""}${missing.length ? `; not covered: ${missing.join(", ")}` : ""}${leaned ? `; ${leaned.reason}` : ""}`,
      candidates: list,
      evidence: result.evidence,
    };
  }
  const close = strong.filter((c) => best.confidence - c.confidence <= thresholds.clarifyMargin);
  if (close.length >= 2) {
    const alternatives = asAlternatives(turn, close);
    return {
      decision: { kind: "clarify", alternatives, confidence: best.confidence },
      reason: `no topic reaches ${threshold.toFixed(2)}; ${close.length} lie within ${thresholds.clarifyMargin} of the best`,
      candidates: list,
      evidence: result.evidence,
    };
  }
  return decline(
    fallback("unsure", list, { caution }),
    `confidence ${best.confidence.toFixed(2)} < ${threshold.toFixed(2)}`,
  );
}

/** Each authored phrasing's normalised text and the one topic it is written for; one two topics share is neither's. */
const phrasingTopics = new WeakMap<KnowledgeBase, ReadonlyMap<string, string | undefined>>();
function phrasingTopicsOf(kb: KnowledgeBase): ReadonlyMap<string, string | undefined> {
  let topics = phrasingTopics.get(kb);
  if (!topics) {
    const map = new Map<string, string | undefined>();
    for (const t of kb.topics)
      for (const p of [t.question, ...t.phrasings]) {
        const key = normalizeText(p);
        map.set(key, map.has(key) && map.get(key) !== t.id ? undefined : t.id);
      }
    topics = map;
    phrasingTopics.set(kb, topics);
  }
  return topics;
}

/**
 * A message that is word for word a phrasing the pack writes for one topic asks that topic's question:
 * what the people keeping the knowledge wrote outranks what matching learned from others' wording.
 */
function ownPhrasing(turn: Turn): GuardOutcome | undefined {
  const topic = phrasingTopicsOf(turn.env.kb).get(turn.analysis.normalized);
  if (!topic) return undefined;
  const result = turn.match();
  const own = result.candidates.find((c) => c.label === topic);
  if (!own) return undefined;
  const candidates = [{ ...own, confidence: 1, rank: 1 }, ...result.candidates.filter((c) => c !== own)];
  const outcome = decide(turn, { ...result, candidates, generic: false });
  if (outcome.decision.kind !== "answer" || outcome.decision.topic !== topic) return undefined;
  return { ...outcome, reason: `word for word the pack's phrasing of ${topic}: ${outcome.reason}` };
}

/**
 * The last step: rank the pack's topics for the message (and its context) and decide. Mid-conversation,
 * a message too doubtful alone is eased like a follow-up when reading it with the last question puts the
 * same topic first: two readings agreeing is evidence neither gives alone.
 */
export const rankGuard: Guard = {
  name: "rank",
  run(turn) {
    const own = ownPhrasing(turn);
    if (own) return own;
    const outcome = rankOrEase(turn);
    // Asking nothing, in pleasantries' words, ranked a pleasantry before every topic: a topic the acceptor
    // would just pass ("Most helpful. Good day to you.") does not outweigh what the words say.
    const doubted =
      (outcome.decision.kind === "fallback" && outcome.decision.reason === "unsure") ||
      (outcome.decision.kind === "answer" && !turn.followUpOf);
    return (
      (doubted && pleasantry(turn, outcome.decision.kind === "answer")) ||
      unreadable(turn, outcome) ||
      outcome
    );
  },
};

/**
 * Declined, and most of its words are no words of the pack's language ("Po zabiegu mam gorączkę i ropę"):
 * in a language the bot does not know, it may still tell of a complication, so it gets "I answer in
 * <the language> only" with the safety line, not a guess at what it meant.
 */
function unreadable(turn: Turn, outcome: GuardOutcome): GuardOutcome | undefined {
  const { decision } = outcome;
  if (decision.kind !== "fallback" || decision.reason !== "unsure") return undefined;
  const words = turn.analysis.normalized.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length < DECIDE.unreadableWords) return undefined;
  const foreign = words.filter((w) => !turn.env.language.isWord(w));
  if (foreign.length < DECIDE.unreadableShare * words.length) return undefined;
  return {
    ...outcome,
    decision: { ...decision, reason: "other-language" },
    reason: `${outcome.reason}; most of its words are none of the language's (${foreign.join(", ")})`,
  };
}

function rankOrEase(turn: Turn): GuardOutcome {
  const alone = decide(
    turn,
    turn.match(),
    turn.followUpOf
      ? { followUpOf: turn.followUpOf, after: turn.followUpOf }
      : turn.context.recentTopics[0]
        ? { after: turn.context.recentTopics[0] }
        : {},
  );
  // A follow-up declined for doubt may still ask, after a pleasantry, a question sure alone ("eish ok. and…").
  if (!turn.followUpOf || alone.decision.kind === "fallback") {
    const asked = askedPart(turn, alone);
    if (asked) return asked;
  }
  // Declined for doubt, a question about one place may ask what any topic answers ("does it hurt on the scalp").
  const free = placeFreeIfUnsure(turn, alone);
  if (free) return free;
  const best = alone.candidates?.[0];
  if (alone.decision.kind !== "fallback" || turn.followUpOf || !best || !turn.context.lastWords?.length)
    return alone;
  if (turn.analysis.outOfScope.length) return alone;
  if (readWithLastQuestion(turn).candidates[0]?.label !== best.label) return alone;
  const eased = decide(turn, turn.match(), { eased: "read with the last question, the same topic leads" });
  return eased.decision.kind === "answer" ? eased : alone;
}

/**
 * Declining a message that asks nothing, when the ranker reads it as a pleasantry before every topic and
 * most of its words are pleasantries': it is one ("fair enough. cheers" after an answer, "most helpful").
 */
function pleasantry(turn: Turn, topicFits = false): GuardOutcome | undefined {
  if (!saysPleasantryOnly(turn)) return undefined;
  const { conversational, candidates } = turn.match();
  const first = conversational[0]!;
  // Ranked first among readings that all fail is not enough when the acceptor all but rules it out too.
  if (first.confidence < DECIDE.pleasantryFloor) return undefined;
  return {
    decision: {
      kind: "smalltalk",
      intent: first.label.slice("smalltalk:".length),
      confidence: first.confidence,
    },
    reason: `${topicFits ? "a topic fits, yet" : "no topic fits;"} it asks nothing and reads as a pleasantry before every topic (rank ${first.rank.toFixed(2)}; e.g. "${first.phrasing ?? ""}")`,
    candidates,
  };
}
