import { extractQuantities } from "../../knowledge/quantities.ts";
import type { FollowUpCounts } from "../../knowledge/types.ts";
import { withoutMatches } from "../../lang/patterns.ts";
import { namingWords } from "../../matching/analyze.ts";
import type { Analysis, MatchResult } from "../../matching/index.ts";
import { asksSomething } from "./asks.ts";
import type { Guard, GuardOutcome, Turn } from "./guard.ts";
import { decide, usableAround } from "./rank.ts";

/** A topic whose phrasings name a place this often is about places itself ("under the eyes"). */
const PLACE_BOUND = 0.5;

/** A topic most of whose phrasings name a place ("under the eyes") is about places itself. */
function placeBound(
  topic: { phrasings: readonly string[] } | undefined,
  places: ReadonlySet<string>,
): boolean {
  if (!topic) return true;
  const naming = topic.phrasings.filter((p) =>
    p
      .toLowerCase()
      .split(/\W+/)
      .some((w) => places.has(w)),
  );
  return naming.length / Math.max(1, topic.phrasings.length) >= PLACE_BOUND;
}

/** The words of the pack's body areas, per knowledge base. */
const placeWords = new WeakMap<object, ReadonlySet<string>>();
function placesOf(vocabulary: { areas: readonly string[] }): ReadonlySet<string> {
  const known = placeWords.get(vocabulary);
  if (known) return known;
  const places = new Set(vocabulary.areas.flatMap((a) => a.split(" ")));
  placeWords.set(vocabulary, places);
  return places;
}

/** Read without the places it names, a question answered this surely asks that, wherever it is asked of. */
const PLACE_FREE_SURE = 0.8;

/**
 * "does it hurt on the scalp?": the place says where, the rest asks what. When the message read without
 * its places is sure of a topic about no place in particular, that topic answers, though the place alone
 * draws the reading to a topic about that place (hair loss).
 */
function placeFreeReading(turn: Turn): GuardOutcome | undefined {
  const { analysis, env } = turn;
  if (!analysis.questionType && !analysis.questionMark) return undefined;
  const places = placesOf(env.kb.vocabulary);
  const named = analysis.words.filter((w) => places.has(w));
  if (!named.length) return undefined;
  // The rest must name something of its own: "can you do it on the neck too?" asks about the neck.
  if (namedWords(turn).every((w) => places.has(w))) return undefined;
  const rest = analysis.words.filter((w) => !places.has(w));
  const outcome = decide(turn, env.index.match(rest.join(" ")));
  if (outcome.decision.kind !== "answer" || outcome.decision.confidence < PLACE_FREE_SURE) return undefined;
  if (placeBound(env.kb.topicById.get(outcome.decision.topic), places)) return undefined;
  return { ...outcome, reason: `${named.join(", ")} says where, the rest asks what: ${outcome.reason}` };
}

/** Declined only for doubt, a question about one place may ask what any topic answers: read so, or undefined. */
export function placeFreeIfUnsure(turn: Turn, outcome: GuardOutcome): GuardOutcome | undefined {
  const { decision } = outcome;
  if (decision.kind !== "fallback" || decision.reason !== "unsure" || turn.analysis.outOfScope.length)
    return undefined;
  return placeFreeReading(turn);
}

/**
 * A follow-up naming no subject is about the pack's only one: read with its name, it is
 * answered when the topic it leads to alone leads so too, two readings agreeing ("what about sunscreen?"
 * after makeup asks it of the treatment). Undefined in a pack of several subjects or none.
 */
function aboutTheSubject(turn: Turn, alone: GuardOutcome): GuardOutcome | undefined {
  const { env, analysis } = turn;
  if (env.kb.pack.subjects.length !== 1 || analysis.subjects.length) return undefined;
  const best = alone.candidates?.[0]?.label;
  if (!best) return undefined;
  const subject = env.kb.pack.subjects[0]!.label;
  const outcome = decide(turn, env.index.match(`${subject} ${analysis.corrected}`));
  if (outcome.decision.kind !== "answer" || outcome.decision.topic !== best) return undefined;
  return { ...outcome, reason: `about ${subject}: ${outcome.reason}` };
}

/** A message's own word this rare (SIF weight) that the joint reading's topic does not explain vetoes it. */
const UNEXPLAINED_OWN_WORD = 0.8;

/** At most this many content words for a message without an opener to count as leaning back. */
const MAX_BARE_FOLLOW_UP = 3;
const MAX_POINTING_FOLLOW_UP = 6;

/**
 * "wat about moisturiser" after aftercare: a product named after a topic about one side of the treatment
 * is what they would use around it, unless it is compared or is itself the event ("after a peel").
 */
function usedAroundLastTopic(turn: Turn, analysis: Analysis): boolean {
  const last = turn.context.recentTopics[0];
  return !!last && !!turn.env.timing.ofTopic(last) && usableAround(turn.env.language, analysis);
}

/**
 * A message that leans on what came before: "and under the eyes?", "is that painful?", "how long?".
 * A word the pack has never seen, or a subject named, signals a new question instead.
 */
export function leansBack(turn: Turn, analysis: Analysis): boolean {
  const { followUp, questionTypeWords } = turn.env.language;
  // A word the pack never uses is a new subject, unless it is how the question asks ("source?").
  const typeWords = analysis.questionType ? questionTypeWords.get(analysis.questionType) : undefined;
  if (analysis.subjects.length || analysis.unknown.some((w) => !typeWords?.has(w))) return false;
  if (analysis.outOfScope.length && !usedAroundLastTopic(turn, analysis)) return false;
  if (
    followUp.opens.test(analysis.words) ||
    followUp.ellipsis.test(analysis.words) ||
    followUp.picks.test(analysis.words)
  )
    return true;
  // How it asks a measure is not what it names: "how long before? a week?" names two words of its own.
  const asking =
    analysis.questionType && followUp.measures.has(analysis.questionType) ? typeWords : undefined;
  const own = analysis.content.filter((w) => !asking?.has(w)).length;
  if (own <= MAX_BARE_FOLLOW_UP) return true;
  return own <= MAX_POINTING_FOLLOW_UP && analysis.words.some((w) => followUp.pointers.has(w));
}

/** Share of a message's words that are pleasantries' above which, asking nothing, it may be only one. */
const PLEASANTRY_SHARE = 0.5;

/**
 * A message that asks nothing, is mostly pleasantry words and that the ranker reads as a pleasantry
 * before every topic: "ok thanks anyway", "Most helpful. Good day to you."
 */
export function saysPleasantryOnly(turn: Turn): boolean {
  const { analysis, env } = turn;
  if (analysis.subjects.length || asksSomething(env.language, analysis)) return false;
  if (env.index.evidence.pleasantryShare(analysis) <= PLEASANTRY_SHARE) return false;
  return ranksAsPleasantry(turn.match());
}

/** The ranker reads it as a pleasantry before every topic. */
export function ranksAsPleasantry({ conversational, candidates }: MatchResult): boolean {
  const first = conversational[0];
  return !!first?.label.startsWith("smalltalk:") && first.rank > (candidates[0]?.rank ?? 0);
}

/** The question a message asks past its opener: "what about for the back?" asks none of its own. */
function ownQuestionType(turn: Turn): string | undefined {
  const { analysis, env } = turn;
  const { opens } = env.language.followUp;
  if (!analysis.questionType || !opens.test(analysis.words)) return analysis.questionType;
  return env.language.questionType(withoutMatches(opens, analysis.words));
}

/** Whether the topic's own question asks a measure of something ("How many sessions will I need?"). */
const measureTopics = new WeakMap<object, boolean>();
function asksMeasure(turn: Turn, id: string): boolean {
  const topic = turn.env.kb.topicById.get(id);
  if (!topic) return false;
  let asks = measureTopics.get(topic);
  if (asks === undefined) {
    const type = turn.env.index.analyze(topic.question).questionType;
    asks = !!type && turn.env.language.followUp.measures.has(type);
    measureTopics.set(topic, asks);
  }
  return asks;
}

/**
 * "what if its my whole back", "same question for my back": leaning back on a question that asked a
 * measure about no place in particular, and naming a place, it asks that measure of the place — not a
 * request, however like quotes for a body part it reads.
 */
export function reasksOfPlace(turn: Turn): boolean {
  const last = turn.context.recentTopics[0];
  if (!last || ownQuestionType(turn) || !leansBack(turn, turn.analysis)) return false;
  const places = placesOf(turn.env.kb.vocabulary);
  return (
    namedWords(turn).some((w) => places.has(w)) &&
    asksMeasure(turn, last) &&
    !placeBound(turn.env.kb.topicById.get(last), places)
  );
}

/** The pack's conversations must have stayed with the last topic this many times more than they moved. */
export const STAY_MARGIN = 3;

/** How the guard names its two readings of a follow-up in its reasons (the fit reads them back). */
export const READING = Object.freeze({ alone: "on its own", joint: "read with the last question" });

const sum = (list: readonly number[]) => list.reduce((a, b) => a + b, 0);

/** A fitted count's stays and moves, summed over folds. */
export function totalsOf(counts: FollowUpCounts): { stays: number; moves: number } {
  return { stays: sum(counts.stays), moves: sum(counts.moves) };
}

/** A fitted count's totals, with the third topics' summed over folds too. */
interface Tally {
  stays: number;
  moves: number;
  elsewhere: ReadonlyMap<string, number>;
}
const tallyOf = (counts: FollowUpCounts): Tally => ({
  ...totalsOf(counts),
  elsewhere: new Map(Object.entries(counts.elsewhere ?? {}).map(([to, n]) => [to, sum(n)])),
});

/** Stays, moves and third topics per (last topic, topic read alone), summed over folds, per fitted table. */
const tallies = new WeakMap<readonly FollowUpCounts[], Map<string, Tally>>();
function tally(table: readonly FollowUpCounts[], after: string, asked: string) {
  let byPair = tallies.get(table);
  if (!byPair) {
    byPair = new Map(table.map((c) => [`${c.after}\n${c.asked}`, tallyOf(c)]));
    tallies.set(table, byPair);
  }
  return byPair.get(`${after}\n${asked}`);
}

/** Stays and moves the fitted table counts after `last` for a follow-up read alone as `asked`. */
function countsFor(turn: Turn, last: string, asked: string) {
  const table = turn.env.kb.calibration?.followUps;
  return table ? tally(table, last, asked) : undefined;
}

/**
 * "is that safe though?" after a question about doing it at home reads alone as safety, yet asks about
 * home use: when the pack's labelled conversations stayed with the last topic after such a follow-up
 * (fitted by `cli fit`), the last topic answers it, as read with the last question.
 */
function keptByConversations(turn: Turn, last: string, asked: string): GuardOutcome | undefined {
  const counts = countsFor(turn, last, asked);
  if (!counts || counts.stays < counts.moves + STAY_MARGIN) return undefined;
  return tableOutcome(
    turn,
    last,
    readWithLastQuestion(turn),
    `read alone as ${asked}, but the pack's conversations stayed with ${last} after such a follow-up (${counts.stays} to ${counts.moves})`,
  );
}

/** The fitted table's topic as answered in `reading`, when the reading finds it at all. */
function tableOutcome(
  turn: Turn,
  topic: string,
  reading: MatchResult,
  reason: string,
): GuardOutcome | undefined {
  const found = reading.candidates.find((c) => c.label === topic);
  if (!found) return undefined;
  return {
    decision: {
      kind: "answer",
      topic,
      confidence: found.confidence,
      ...(turn.triage().level !== "none" ? { caution: true } : {}),
    },
    reason,
    candidates: reading.candidates,
    evidence: reading.evidence,
  };
}

/**
 * "how often would I need it?" after a question about hair loss reads alone as upkeep, yet the pack's
 * labelled conversations went on to how far apart sessions are: a third topic they went to after such a
 * follow-up at least `STAY_MARGIN` times more than to every other answer answers it, when either reading
 * finds it at all.
 */
function sentByConversations(turn: Turn, last: string, asked: string): GuardOutcome | undefined {
  const counts = countsFor(turn, last, asked);
  if (!counts?.elsewhere.size) return undefined;
  const [to, went] = [...counts.elsewhere].reduce((a, b) => (b[1] > a[1] ? b : a));
  const others = counts.stays + counts.moves + sum([...counts.elsewhere.values()]) - went;
  if (went < others + STAY_MARGIN) return undefined;
  const alone = turn.match();
  return tableOutcome(
    turn,
    to,
    alone.candidates.some((c) => c.label === to) ? alone : readWithLastQuestion(turn),
    `read alone as ${asked}, but the pack's conversations went to ${to} after ${last} and such a follow-up (${went} to ${others})`,
  );
}

/**
 * The other way: "what other risks are there?" after a question about darker skin, read with the last
 * question, stays with skin types, yet the pack's conversations moved to what it asks alone (side
 * effects): that topic answers it when it reaches a follow-up's threshold alone.
 */
function movedByConversations(turn: Turn, last: string, alone: GuardOutcome): GuardOutcome | undefined {
  const best = alone.candidates?.[0];
  if (!best || best.label === last) return undefined;
  const counts = countsFor(turn, last, best.label);
  if (!counts || counts.moves < counts.stays + STAY_MARGIN) return undefined;
  const eased = decide(turn, turn.match(), { eased: "a follow-up" });
  if (eased.decision.kind !== "answer" || eased.decision.topic !== best.label) return undefined;
  return {
    ...eased,
    reason: `read alone as ${best.label}, which the pack's conversations moved to after ${last} (${counts.moves} to ${counts.stays}): ${eased.reason}`,
  };
}

/** The dimensions of the figures each topic's answer gives, per knowledge base. */
const answerFigures = new WeakMap<object, Map<string, ReadonlySet<string>>>();
/** Whether the topic's answer gives a figure of the kind the question type measures. */
function givesFigureFor(turn: Turn, topic: string, type: string): boolean {
  const wanted = turn.env.language.followUp.measuredIn.get(type);
  if (!wanted) return false;
  let byTopic = answerFigures.get(turn.env.kb);
  if (!byTopic) {
    byTopic = new Map();
    answerFigures.set(turn.env.kb, byTopic);
  }
  let dims = byTopic.get(topic);
  if (!dims) {
    const answer = turn.env.kb.topicById.get(topic)?.answer ?? "";
    dims = new Set(extractQuantities(answer).map((q) => q.dimension));
    byTopic.set(topic, dims);
  }
  return [...dims].some((d) => wanted.has(d));
}

const namedWords = (turn: Turn) => namingWords(turn.analysis, turn.env.language);

/**
 * Asks about what was just answered and nothing of its own: "why?", "how come", "meaning?", "for real?".
 * Not a pleasantry, though "for real" is said like one: the last topic answers it.
 */
export function asksBackOnly(turn: Turn, named: readonly string[] = namedWords(turn)): boolean {
  const type = turn.analysis.questionType;
  if (!type || !turn.env.language.followUp.asksBack.has(type)) return false;
  const typeWords = turn.env.language.questionTypeWords.get(type);
  return named.every((w) => typeWords?.has(w));
}

/** The message read with the last question's words: where the last topic has its say. */
export function readWithLastQuestion(turn: Turn): MatchResult {
  return turn.env.index.match(`${(turn.context.lastWords ?? []).join(" ")} ${turn.analysis.corrected}`);
}

/** The last topic answers the message; its confidence and evidence are those of the joint reading. */
function lastTopicOutcome(turn: Turn, last: string, reason: string): GuardOutcome {
  const joint = readWithLastQuestion(turn);
  return {
    decision: {
      kind: "answer",
      topic: last,
      confidence: joint.candidates.find((c) => c.label === last)?.confidence ?? 0,
    },
    reason,
    candidates: joint.candidates,
    evidence: joint.evidence,
  };
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
    // Mostly pleasantry and asking nothing, ranked a pleasantry first: a sign-off, not a question about the
    // last topic ("ok thanks anyway" after a comparison). Read with it, any filler re-asks the last question.
    if (saysPleasantryOnly(turn)) return undefined;
    turn.followUpOf = last;
    const carried = context.lastWords ?? [];
    if (!carried.length) return undefined;
    // A message that names something of its own ("and the cost?", "same for stretch marks?") is read
    // alone first, at the usual threshold; one made only of pointers and question words ("and after?",
    // "why not?", "how long?") is read with the last question's words first.
    const { followUp } = env.language;
    const named = namedWords(turn);
    // "why?", "how come" with nothing of its own asks the reason for what was just answered: the last topic.
    const type = analysis.questionType;
    if (type && asksBackOnly(turn, named))
      return lastTopicOutcome(
        turn,
        last,
        `asks "${type}" with nothing of its own: about the last answer (${last})`,
      );
    // "for how long?" after an answer giving a length ("for at least 24 hours") asks that length of it;
    // pointing at something or at the writer ("how long will I be there") it may ask another's.
    const bare = !analysis.words.some((w) => followUp.pointers.has(w) || env.language.symptoms.writer.has(w));
    if (type && !named.length && bare && givesFigureFor(turn, last, type))
      return lastTopicOutcome(
        turn,
        last,
        `asks "${type}" with nothing of its own, and the last answer (${last}) gives such a figure`,
      );
    // "which one is cheaper?", "so which is it": a choice among options it does not name picks among the
    // last answer's, whatever quality it weighs them by ("which one has the worse recovery").
    if (followUp.picks.test(analysis.words) && !analysis.outOfScope.length)
      return lastTopicOutcome(
        turn,
        last,
        `picks among options it does not name: the last answer's (${last})`,
      );
    // "and for the back?" after a question asking a measure asks it of another place: the same topic, when
    // the message read with the last question still finds it at all. After one asking none ("any good for
    // jowls?" then "and my neck?"), a bare place asks whether it is treated: read as usual.
    const places = placesOf(env.kb.vocabulary);
    const fragment = named.every((t) => places.has(t));
    // Only places named, asking nothing of its own, after a topic about no place in particular.
    const placeAfterTopic =
      named.length > 0 &&
      fragment &&
      !ownQuestionType(turn) &&
      !placeBound(env.kb.topicById.get(last), places);
    if (placeAfterTopic && asksMeasure(turn, last)) {
      const joint = readWithLastQuestion(turn);
      const same = joint.candidates.find((c) => c.label === last);
      turn.restatesLast = !!same;
      if (same)
        return {
          decision: { kind: "answer", topic: last, confidence: same.confidence },
          reason: `the last question (${last}) about another place: ${named.join(", ")}`,
          candidates: joint.candidates,
          evidence: joint.evidence,
        };
    }
    // "and on my thighs?" after a question asking no measure, about no place ("does it help stretch marks?"),
    // asks whether that place is treated: the topic about places the message read alone ranks first.
    if (placeAfterTopic && !asksMeasure(turn, last)) {
      // The places read alone: what the message asks of them is whether they are treated.
      const alone = env.index.match(named.join(" "));
      const where = alone.candidates.find((c) => placeBound(env.kb.topicById.get(c.label), places));
      if (where && where.confidence >= env.thresholds.clarify)
        return {
          decision: { kind: "answer", topic: where.label, confidence: where.confidence },
          reason: `a place after a question about no place (${last}) asks whether it is treated: ${where.label}`,
          candidates: alone.candidates,
          evidence: alone.evidence,
        };
    }
    // "for acne scars?" after "how many sessions?": a fragment asking nothing of its own after a question
    // that asked a measure asks that measure of what it names, when read with it the last topic still leads.
    // The word it opens with past fillers ("and", "ok"), a lead counting though it is one ("and for…").
    const lead = analysis.words.find((w) => !followUp.fillers.has(w) || followUp.fragmentLeads.has(w));
    if (
      named.length > 0 &&
      !ownQuestionType(turn) &&
      lead !== undefined &&
      followUp.fragmentLeads.has(lead) &&
      asksMeasure(turn, last)
    ) {
      const joint = readWithLastQuestion(turn);
      if (joint.candidates[0]?.label === last)
        return {
          decision: { kind: "answer", topic: last, confidence: joint.candidates[0].confidence },
          reason: `the last question (${last}) asked a measure, now of: ${named.join(", ")}`,
          candidates: joint.candidates,
          evidence: joint.evidence,
        };
    }
    // "and after?" after a question about getting ready asks the same of the other side of the treatment:
    // the topic the last one names as related on that side, or else the joint reading's best on that side.
    // After a topic on neither side ("how long is a full course?"), "and after that?" asks what the topic
    // names as related on that side (keeping it up), when it names one.
    const asked = env.timing.ofMessage(analysis.words);
    const lastSide = env.timing.ofTopic(last);
    if (!named.length && asked && asked !== lastSide) {
      const onSide = (id: string) => env.timing.ofTopic(id) === asked;
      const joint = readWithLastQuestion(turn);
      const other =
        env.kb.topicById.get(last)?.related.find(onSide) ??
        (lastSide ? joint.candidates.find((c) => onSide(c.label))?.label : undefined);
      if (other) {
        return {
          decision: {
            kind: "answer",
            topic: other,
            confidence: joint.candidates.find((c) => c.label === other)?.confidence ?? 0,
          },
          reason: lastSide
            ? `the last question (${last}) asked of the other side of the treatment: ${other}`
            : `asks what comes ${asked} what the last answer (${last}) is about: ${other}`,
          candidates: joint.candidates,
          evidence: joint.evidence,
        };
      }
    }
    // In a pack of several subjects, a follow-up naming none is read alone with the subject last named.
    const subjects =
      env.kb.pack.subjects.length > 1 && !analysis.subjects.length
        ? carried.filter((w) => env.index.lexicon.subjectTokens.has(w))
        : [];
    const own = () => {
      const outcome = decide(
        turn,
        subjects.length ? env.index.match(`${subjects.join(" ")} ${analysis.corrected}`) : turn.match(),
        { after: last },
      );
      // Read alone as the rank guard reads it: "does it hurt on the scalp?" asks what, the scalp says where.
      return placeFreeIfUnsure(turn, outcome) ?? outcome;
    };
    // The last question's context may not explain away a word of the message's own ("the weather"),
    // except a product used around the last topic's side of the treatment: the reply names it as uncovered.
    const around = analysis.outOfScope.length > 0 && usedAroundLastTopic(turn, analysis);
    const usedWords = new Set(around ? analysis.outOfScope.flatMap((term) => term.split(" ")) : []);
    const ownWords = new Set(named.filter((w) => !usedWords.has(w)));
    const unexplainedOwn = (outcome: GuardOutcome) => {
      if (outcome.decision.kind !== "answer" || !outcome.evidence) return false;
      const gaps = outcome.evidence.gaps(outcome.decision.topic);
      return gaps.some((g) => ownWords.has(g.word) && g.rarity >= UNEXPLAINED_OWN_WORD);
    };
    const joint = () =>
      decide(turn, readWithLastQuestion(turn), {
        followUpOf: last,
        questionShape: analysis.questionType !== undefined,
      });
    const order = fragment
      ? ([
          [READING.joint, joint],
          [READING.alone, own],
        ] as const)
      : ([
          [READING.alone, own],
          [READING.joint, joint],
        ] as const);
    let alone: GuardOutcome | undefined;
    const readAlone = () => {
      alone ??= own();
      const best = alone.candidates?.[0]?.label;
      if (best) turn.readAlone = best;
      return alone;
    };
    // "does it hurt more there than on the face?" after a question about one aspect: the places are
    // contrasted, the rest asks what — read without the places, unless that reading is about places too.
    const lastAboutPlaces = placeBound(env.kb.topicById.get(last), places);
    // Read so even when the place-bound reading falls just short of an answer: the contrast says enough.
    const aspectOfPlace = (outcome: GuardOutcome): GuardOutcome | undefined => {
      if (lastAboutPlaces) return undefined;
      const first = outcome.candidates?.[0];
      const topic =
        outcome.decision.kind === "answer"
          ? outcome.decision.topic
          : first && first.confidence >= env.thresholds.clarify
            ? first.label
            : undefined;
      if (!topic || !placeBound(env.kb.topicById.get(topic), places)) return undefined;
      // A place contrasted with another: the question is the aspect compared, not whether it is treatable.
      if (!named.some((w) => places.has(w)) || named.every((w) => places.has(w))) return undefined;
      if (!env.language.contrast.test(analysis.words)) return undefined;
      const placeFree = decide(turn, env.index.match(analysis.words.filter((w) => !places.has(w)).join(" ")));
      if (placeFree.decision.kind !== "answer") return undefined;
      if (placeBound(env.kb.topicById.get(placeFree.decision.topic), places)) return undefined;
      return {
        ...placeFree,
        reason: `the places contrasted are where, the rest asks what: ${placeFree.reason}`,
      };
    };
    let vetoed = false;
    for (const [name, read] of order) {
      const outcome = read === own ? readAlone() : read();
      const aspect = read === own ? aspectOfPlace(outcome) : undefined;
      if (aspect) return aspect;
      if (outcome.decision.kind !== "answer") continue;
      if (read === own && outcome.decision.topic !== last) {
        const sent = sentByConversations(turn, last, outcome.decision.topic);
        if (sent) return { ...sent, reason: `${READING.alone}: ${sent.reason}` };
        const kept = keptByConversations(turn, last, outcome.decision.topic);
        if (kept) return { ...kept, reason: `${READING.alone}: ${kept.reason}` };
      }
      if (read === joint && outcome.decision.topic === last) {
        const asked = readAlone().candidates?.[0]?.label;
        const sent = asked && asked !== last ? sentByConversations(turn, last, asked) : undefined;
        if (sent) return { ...sent, reason: `${READING.joint}: ${sent.reason}` };
        const moved = movedByConversations(turn, last, readAlone());
        if (moved) return { ...moved, reason: `${READING.alone}: ${moved.reason}` };
      }
      // Made of question words and pointers, yet answered alone at the full threshold and more surely than
      // with the last question: "how long will i be there" after what happens in a session asks its length.
      if (read === joint && fragment) {
        const own = readAlone();
        if (
          own.decision.kind === "answer" &&
          own.decision.topic !== outcome.decision.topic &&
          own.decision.confidence > outcome.decision.confidence
        )
          return {
            ...own,
            reason: `${READING.alone}, surer than read with the last question: ${own.reason}`,
          };
      }
      if (read === joint && unexplainedOwn(outcome)) {
        // A word of its own that the last topic cannot explain: a new subject, decided without easing.
        turn.followUpOf = undefined;
        vetoed = true;
        continue;
      }
      return { ...outcome, reason: `${name}: ${outcome.reason}` };
    }
    // Its own word moved it off the last topic, and alone it is too short to be sure of: it is still about
    // the conversation's subject ("what about sunscreen?" after makeup asks it of the treatment).
    if (vetoed) {
      const about = aboutTheSubject(turn, readAlone());
      if (about) return { ...about, reason: `${READING.alone}, ${about.reason}` };
    }
    return undefined;
  },
};
