import type { Language } from "../../lang/language.ts";
import type { PatternSet } from "../../lang/patterns.ts";
import type { Analysis } from "../../matching/analyze.ts";
import type { MatchResult } from "../../matching/index.ts";
import { asksSomething, clausesOf } from "./asks.ts";
import { byMeaning, byMeaningReason } from "./by-meaning.ts";
import { leansBack, ranksAsPleasantry, readWithLastQuestion, reasksOfPlace } from "./follow-up.ts";
import type { Guard } from "./guard.ts";
import { madeOfPleasantryWords } from "./smalltalk.ts";

/** Where the first identity question ends (the shortest prefix it matches in), or undefined. */
function identityEnd(identity: PatternSet, words: readonly string[]): number | undefined {
  if (!identity.test(words)) return undefined;
  for (let end = 1; end <= words.length; end++) if (identity.test(words.slice(0, end))) return end;
  return words.length;
}

/** The pack's handoff phrasings decide when the message is this near one of them (TF-IDF cosine). */
export const HANDOFF_LEXICAL = 0.7;

/**
 * A question that a topic answers this surely is what is asked, though it names booking in passing: "how
 * long is the treatment, need to book time off", "can I book in while I've got a breakout".
 */
export const HANDOFF_TOPIC_SURE = 0.9;

/** How many words before a request a supposing word ("if") or a negation makes it no request. */
export const SUPPOSED_REACH = 4;

/**
 * Whether every request the language's phrasings find is a case supposed in a message that asks
 * something else ("what's your cancellation policy if I can't make it?" asks about the policy), or said
 * not to be one ("not asking for an exact quote, just a rough idea").
 */
function supposedOnly(language: Language, analysis: Analysis, words: readonly string[]): boolean {
  const before = (at: number) => words.slice(Math.max(0, at - SUPPOSED_REACH), at);
  return language.handoff.patterns.every((p) => {
    const at = p.find(words);
    if (at < 0) return true;
    const lead = before(at);
    return (
      lead.some((w) => language.negations.has(w)) ||
      (!!analysis.questionType && lead.some((w) => language.supposing.has(w)))
    );
  });
}

/**
 * A topic that fits outright and that the ranker puts above the handoff requests: "sessions?" shares its
 * one word with "appointment pls" (the pack reads both as a session), yet asks how many.
 */
function topicOutranks(turn: Parameters<Guard["run"]>[0]): boolean {
  const { candidates, conversational } = turn.match();
  const topic = candidates[0];
  const handoff = conversational.find((c) => c.label === "handoff");
  return !!topic && topic.confidence >= turn.env.thresholds.answer && topic.rank > (handoff?.rank ?? 0);
}

/** The message's last clause asks about the pack's subject, and read alone a topic answers it, above any handoff request. */
function questionAskedAfter(
  turn: Parameters<Guard["run"]>[0],
  ranked: (reading: MatchResult) => unknown,
): boolean {
  const clauses = clausesOf(turn.text);
  if (clauses.length < 2) return false;
  const lastClause = turn.part(clauses[clauses.length - 1]!);
  const last = lastClause.analysis;
  // Naming the pack's subject: a bare request read alone ("can someone sort it") is no topic's question.
  if ((!last.questionMark && last.questionType === undefined) || !last.subjects.length) return false;
  const alone = lastClause.match();
  return !ranked(alone) && (alone.candidates[0]?.confidence ?? 0) >= turn.env.thresholds.answer;
}

/**
 * Pleasantries said around what ranks as a request are no part of it: with its clauses that rank as
 * pleasantries read alone left out, the rest no longer ranks as one ("sorry for all the questions, thank you").
 * A clause that asks is part of what is asked, however like "what can you do" it reads alone ("can I get a
 * price for my thighs please, what would it be for me").
 */
function requestOnlyInPleasantries(
  turn: Parameters<Guard["run"]>[0],
  ranked: (reading: MatchResult) => unknown,
): boolean {
  const clauses = clausesOf(turn.text);
  if (clauses.length < 2) return false;
  const { language } = turn.env;
  const rest = clauses.filter((clause) => {
    const part = turn.part(clause);
    return asksSomething(language, part.analysis) || !ranksAsPleasantry(part.match());
  });
  if (rest.length === clauses.length) return false;
  if (rest.length === 0) return true;
  const left = turn.part(rest.join(". "));
  const read = left.analysis;
  const reading = left.match();
  if (ranked(reading)) return false;
  // A question left ("Hi, can we do 4pm instead?"), shorter and so read less surely, stays a request
  // while it ranks ahead of every topic.
  const first = reading.conversational[0];
  return !(
    asksSomething(language, read) &&
    first?.label === "handoff" &&
    first.rank > (reading.candidates[0]?.rank ?? 0)
  );
}

/**
 * Asking for a person, a booking, a call or a quote — decided here only: the language's phrasings of
 * such requests, or the pack's own handoff phrasings. "Are you a real person?" asks what the bot is.
 */
export const handoffGuard: Guard = {
  name: "handoff",
  run(turn) {
    const { language } = turn.env;
    // "Are you a real person?" asks what the bot is; a request may still follow it ("r u a bot? i want
    // a human"): only the words after the identity question are read for one.
    const all = turn.analysis.words;
    const asked = identityEnd(language.identity, all);
    const words = asked === undefined ? all : all.slice(asked);
    // "…a bot or a real person?" is still the same question.
    if (asked !== undefined && words[0] === "or") return undefined;
    if (asked !== undefined && !language.handoff.test(words)) return undefined;
    // Right after the urgent advice, "should I ring you or go to A&E?" asks what to do now: the advice again.
    if (turn.context.lastKind === "urgent" && language.symptoms.nextStep.test(words)) return undefined;
    const pattern = language.handoff.match(words);
    const topicAsked =
      !!pattern &&
      language.booking.patterns.some((p) => p.source === pattern.source) &&
      asksSomething(language, turn.analysis) &&
      (turn.match().candidates[0]?.confidence ?? 0) >= HANDOFF_TOPIC_SURE &&
      topicOutranks(turn);
    if (pattern && !supposedOnly(language, turn.analysis, words) && !topicAsked)
      return {
        decision: { kind: "handoff", confidence: 1 },
        reason: `asks for a person ("${pattern.source}")`,
      };
    const best = turn.converse().find((c) => c.label === "handoff");
    if (best && best.lexical >= HANDOFF_LEXICAL && !topicOutranks(turn)) {
      return {
        decision: { kind: "handoff", confidence: best.lexical },
        reason: `like the pack's handoff phrasing "${best.phrasing}" (${best.lexical.toFixed(2)})`,
      };
    }
    // Ranked with the topics on what the pack learned from handoff requests, first and trusted as far as
    // an answer would be: "I want my money back", "running late for my 3pm".
    // Not right after advice to call ("thanks, calling them now").
    const { context, env } = turn;
    // A question passed on for someone is decided by its subject, not by resembling requests.
    if (language.relayedQuestion.test(words)) return undefined;
    const answered = context.lastKind === "urgent" || context.lastKind === "handoff";
    // Said only in pleasantries' words and asking nothing ("thanks thanks", "ty 🙏"), it is one, however
    // often requests end with the same words: the pleasantries decide it.
    const onlyPleasantry = madeOfPleasantryWords(turn) && !asksSomething(language, turn.analysis);
    const ranked = (reading: MatchResult) => {
      const first = reading.conversational[0];
      return first?.label === "handoff" &&
        first.confidence >= env.thresholds.answer &&
        first.rank > (reading.candidates[0]?.rank ?? 0)
        ? first
        : undefined;
    };
    const own = turn.match();
    let handoff = asked === undefined && !answered && !onlyPleasantry ? ranked(own) : undefined;
    // Short enough to lean back, yet touching no topic of its own ("I'd rather see a dermatologist"): a
    // request. One that does ("and if it's my whole back?") is read with the last question, as follow-ups are.
    const touches = (own.candidates[0]?.confidence ?? 0) >= env.thresholds.clarify;
    if (handoff && touches && context.recentTopics[0] && leansBack(turn, turn.analysis)) {
      const joint = readWithLastQuestion(turn);
      if (!ranked(joint) && (joint.candidates[0]?.confidence ?? 0) >= env.thresholds.answer)
        handoff = undefined;
    }
    // Told first, then asked ("Hi, I am from Poland, my english not perfect. Is it ok for couperose?"):
    // what is told may resemble requests, but a last clause asking what a topic answers alone is the question.
    if (handoff && questionAskedAfter(turn, ranked)) handoff = undefined;
    if (handoff && requestOnlyInPleasantries(turn, ranked)) handoff = undefined;
    if (handoff && reasksOfPlace(turn)) handoff = undefined;
    if (handoff)
      return {
        decision: { kind: "handoff", confidence: handoff.confidence },
        reason: `ranked as a handoff request above every topic (confidence ${handoff.confidence.toFixed(2)}; e.g. "${handoff.phrasing ?? ""}")`,
      };
    // In other words than any phrasing, but as near in meaning as the fit found safe, and nearer than any
    // topic; a topic that fits outright is the question asked ("how do I get ready for my appointment?").
    const found = asked === undefined ? byMeaning(turn, "handoff") : undefined;
    if (!found || (turn.match().candidates[0]?.confidence ?? 0) >= turn.env.thresholds.answer)
      return undefined;
    return {
      decision: { kind: "handoff", confidence: found.nearness },
      reason: byMeaningReason(turn, "handoff", "handoff requests", found),
    };
  },
};
