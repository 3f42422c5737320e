import { URGENT as URGENT_LABEL } from "../../matching/evidence.ts";
import { afterLeadIns, asksInAnyClause, asksSomething } from "./asks.ts";
import { byMeaning, byMeaningReason } from "./by-meaning.ts";
import { leansBack } from "./follow-up.ts";
import type { Guard, Turn } from "./guard.ts";

/** The urgent guard's named defaults. */
export const URGENT = Object.freeze({
  /** How far the labelled urgent messages must rank ahead of a topic confident enough to answer. */
  leadOverAnswer: 0.3,
  /** A listed sign in a message the labelled urgent messages resemble less than this… */
  unlikeLabelled: 0.05,
  /** Told so like the labelled urgent messages, and this far ahead of every topic, no framing word is needed. */
  sureRanked: 0.9,
  sureLead: 0.7,
  /** A topic this sure of a message tying a warning sign to nothing answers it (with the safety line). */
  sureTopic: 0.9,
});

/**
 * "face feels like its on fire and its been 4 days": no listed sign, no "my", yet the labelled urgent
 * messages rank it far above every topic. Trusted unless it asks in general ("will it bleed?") or is set
 * aside as someone else's or an old story.
 */
function toldLikeLabelledReports(turn: Turn): boolean {
  const { urgent, candidates } = turn.match();
  if (!urgent || urgent.confidence < URGENT.sureRanked) return false;
  if (urgent.rank - (candidates[0]?.rank ?? 0) < URGENT.sureLead) return false;
  const triage = turn.triage();
  if (triage.setAside) return false;
  return triage.afterTreatment || !asksSomething(turn.env.language, turn.analysis);
}

/**
 * The message as the pack's labelled urgent reports read it: ranked with the topics, or, left off the
 * shortlist, as unlike them as can be. A pack without labelled urgent messages has nothing to compare with.
 */
function urgentReading(turn: Turn): { confidence: number } | undefined {
  const { urgent } = turn.match();
  if (urgent) return urgent;
  return turn.env.index.evidence.ranked.includes(URGENT_LABEL) ? { confidence: 0 } : undefined;
}

/**
 * …while a topic would answer it: "I faint at blood tests lol, needles all over my face sounds like
 * torture" holds a sign's word, yet asks about pain. The topic answers, with the safety line beside it.
 * A pack without labelled urgent messages has nothing to compare with: the sign stands.
 */
function unlikeLabelledReports(turn: Turn): boolean {
  const urgent = urgentReading(turn);
  if (!urgent || urgent.confidence >= URGENT.unlikeLabelled) return false;
  const asks = asksSomething(turn.env.language, turn.analysis);
  const triage = turn.triage();
  // No topic answers either: a sign's word asked about, tied to no treatment and to nothing now ("how do I
  // stop my hands shaking at a photo shoot", "best sauna temperature after a run") is declined, with the
  // safety line.
  if (!topicAnswers(turn)) return asks && !triage.afterTreatment && !triage.current;
  // Recall first: a sign told without a question ("bad allergic reaction help pls") is a report,
  // whatever it resembles; a symptom with a severity is one only when something ties it to a treatment
  // or to now ("I have rosacea, my cheeks flush bright red with the slightest thing, hot drinks").
  if (asks) return true;
  if (triage.afterTreatment) return false;
  // A sign that calls for help ("bad allergic reaction help pls") is a report; otherwise, when a topic is
  // sure of the message: told as now but tied to no treatment ("bulked up at the gym and now i've got red
  // streaks on my thighs" is stretch marks), or tied to nothing ("I'm a wimp, I literally faint at blood
  // tests" tells of pain), that topic answers, with the safety line.
  if (!triage.current && !triage.listedSign) return true;
  if (turn.env.language.symptoms.plea.test(turn.analysis.words)) return false;
  return (turn.match().candidates[0]?.confidence ?? 0) >= URGENT.sureTopic;
}

/** Whether the best topic is confident enough to answer the message. */
function topicAnswers(turn: Turn): boolean {
  return (turn.match().candidates[0]?.confidence ?? 0) >= turn.env.thresholds.answer;
}

/** A possible complication of the writer's own (or of someone they look after), in any wording: act now. */
export const urgentGuard: Guard = {
  name: "urgent",
  run(turn) {
    const triage = turn.triage();
    if (triage.level === "urgent" && !unlikeLabelledReports(turn))
      return {
        decision: { kind: "urgent" },
        reason: `warning sign "${triage.signal}" in a report of their own`,
      };
    // A report of their own that the pack's labelled urgent messages rank above every topic, trusted as far
    // as an answer would be: "yellowish gunk coming out of the little holes". Not what they call mild.
    const ranked = triage.ownReport && !triage.mild ? turn.match().urgent : undefined;
    // Barely ahead of a topic that would answer, it is that topic's question told with a symptom in it
    // ("its been 6 hours and im red lol, is this how its meant to look"): the lead must be clear.
    const lead = ranked && topicAnswers(turn) ? URGENT.leadOverAnswer : 0;
    const topRank = ranked ? (turn.match().candidates[0]?.rank ?? 0) : 0;
    if (ranked && ranked.confidence >= turn.env.thresholds.answer && ranked.rank > topRank + lead)
      return {
        decision: { kind: "urgent" },
        reason: `ranked as urgent above every topic (confidence ${ranked.confidence.toFixed(2)}; like the pack's labelled urgent messages)`,
      };
    if (toldLikeLabelledReports(turn))
      return {
        decision: { kind: "urgent" },
        reason: `ranked as urgent far above every topic (confidence ${turn.match().urgent!.confidence.toFixed(2)}), told as a report, not a question in general`,
      };
    const worse = worseningOfLast(turn);
    if (worse) return { decision: { kind: "urgent" }, reason: worse };
    // No listed sign, but a report of their own told like the pack's labelled urgent messages, and of a
    // symptom or a treatment at least: "my dog ate chocolate" resembles them, yet is no complication.
    const related = triage.afterTreatment || triage.symptom !== undefined;
    const found = triage.ownReport && related ? byMeaning(turn, "urgent") : undefined;
    if (!found) return undefined;
    return {
      decision: { kind: "urgent" },
      reason: byMeaningReason(turn, "urgent", "labelled urgent messages", found),
    };
  },
};

/**
 * A statement leaning back on the writer's own symptom just answered ("its getting worse tho" after "skin
 * feels tight since yesterday"): read with that message, a warning sign neither says alone is one.
 */
function worseningOfLast(turn: Turn): string | undefined {
  const { analysis, context, env } = turn;
  const last = context.lastWords ?? [];
  if (context.lastKind !== "answer" || !last.length) return undefined;
  if (asksSomething(env.language, analysis) || !leansBack(turn, analysis)) return undefined;
  // The carried words may hold the question a follow-up leaned on, a sign already answered: not news.
  // And only news of a symptom of their own: after "does it hurt loads", "a 3/10 or worse" asks more.
  const before = env.triage(env.index.analyze(last.join(" ")));
  if (before.level === "urgent" || !before.ownReport || !before.symptom) return undefined;
  const joint = env.triage(env.index.analyze(`${last.join(" ")} ${analysis.corrected}`));
  if (joint.level !== "urgent") return undefined;
  return `with the symptom of their own just answered, a warning sign: "${joint.signal}"`;
}

/**
 * Right after an urgent reply, a message asking what to do now ("should I wait until tomorrow?"), or
 * leaning back on it with no question of its own the topics answer, is still about the complication:
 * the same advice again, not an answer about something else.
 * Runs after handoff and smalltalk, so "ok thanks" and "call me" keep their own replies.
 */
export const urgentFollowUpGuard: Guard = {
  name: "urgent-follow-up",
  run(turn) {
    if (turn.context.lastKind !== "urgent") return undefined;
    const { symptoms, takingAdvice } = turn.env.language;
    // Acted on the advice, asking what a topic answers ("ok I've called them. once it's healed how long
    // should I wait before the next session?"): the question, not the advice again.
    const best = turn.match().candidates[0];
    if (
      takingAdvice.test(turn.analysis.words) &&
      !turn.triage().symptom &&
      best &&
      best.confidence >= turn.env.thresholds.answer
    )
      return undefined;
    // Its patterns start where the question does: "ok but is that normal??" points back as "is that…" does.
    const said = afterLeadIns(turn.env.language, turn.analysis.words);
    if (symptoms.nextStep.test(said))
      return { decision: { kind: "urgent" }, reason: "asks what to do now, right after the urgent reply" };
    if (symptoms.pointsBack.test(said))
      return {
        decision: { kind: "urgent" },
        reason: "asks about the complication just told, right after the urgent reply",
      };
    // Nothing of its own the topics answer ("I can't reach the clinic, it's closed"): still about the
    // complication. "ok but is it safe at home?" is a question the topics answer.
    // A statement leaning back on it ("its getting worse") is news of the complication, whatever topic it
    // resembles; one the ranker reads as thanks or a call before every topic answers the advice instead
    // ("Thank you, I shall ring them straight away").
    const { analysis } = turn;
    const { conversational, candidates } = turn.match();
    const replies = (conversational[0]?.rank ?? 0) > (candidates[0]?.rank ?? 0);
    if (!replies && !asksSomething(turn.env.language, analysis) && leansBack(turn, analysis))
      return {
        decision: { kind: "urgent" },
        reason: "tells more of the complication, right after the urgent reply",
      };
    // A topic answers what it asks; a statement right after the advice is still about the complication
    // ("i dont really want to bother them on a weekend tbh").
    if (best && best.confidence >= turn.env.thresholds.answer && asksInAnyClause(turn)) return undefined;
    return {
      decision: { kind: "urgent" },
      reason: leansBack(turn, turn.analysis)
        ? "leans back on the urgent reply just given"
        : "right after the urgent reply, with no question the topics answer",
    };
  },
};
