import Fuse from "fuse.js";
import type { Language } from "../../lang/language.ts";
import { normalizeText, splitWords } from "../../matching/normalize.ts";
import type { Alternative } from "../../reply.ts";
import { fallback } from "../decision.ts";
import type { Guard } from "./guard.ts";

export type ClarifyPick = { kind: "topic"; topic: string } | { kind: "none" } | { kind: "unrelated" };

/** A typed reply this close (fuse.js, 0 = exact) to one offered question picks it: "the apointment one". */
const FUZZY_PICK = 0.35;

/** Reads a reply to "Did you mean…?": a number, an ordinal, a choice's own words, or "none of these". */
export function readClarifyPick(
  words: readonly string[],
  choices: readonly Alternative[],
  noneLabel: string,
  language: Language,
): ClarifyPick {
  // "the second one" → "second"; a lone filler that is itself a choice ("one") stays.
  const core = words.filter((w) => !language.choiceFillers.has(w));
  const kept = core.length ? core : words;
  if (language.noneOfThese.test(words) || kept.join(" ") === splitWords(normalizeText(noneLabel)).join(" ")) {
    return { kind: "none" };
  }
  if (kept.length === 1) {
    const n = language.ordinal(kept[0]!);
    const choice = n === undefined ? undefined : n < 0 ? choices.at(-1) : choices[n - 1];
    if (choice) return { kind: "topic", topic: choice.topic };
  }
  const text = kept.join(" ");
  if (!text) return { kind: "unrelated" };
  // Compared without the fillers on both sides: "how long is recovery" is the recovery question.
  const questions = choices.map((c) =>
    splitWords(normalizeText(c.question))
      .filter((w) => !language.choiceFillers.has(w))
      .join(" "),
  );
  const exact = questions.indexOf(text);
  if (exact >= 0) return { kind: "topic", topic: choices[exact]!.topic };
  // fuse.js: a few typed words of one choice ("the first session one", "recovery") pick it.
  const hit = new Fuse(questions, { includeScore: true, ignoreLocation: true, threshold: FUZZY_PICK }).search(
    text,
    { limit: 1 },
  )[0];
  if (hit && hit.score !== undefined && hit.score <= FUZZY_PICK && text.length >= 4) {
    return { kind: "topic", topic: choices[hit.refIndex]!.topic };
  }
  return { kind: "unrelated" };
}

/** After "Did you mean…?": the pick answers, "None of these" offers a rephrase or a person. */
export const clarifyPickGuard: Guard = {
  name: "clarify pick",
  run(turn) {
    const pending = turn.context.pendingClarify;
    if (!pending?.length) return undefined;
    const { kb, language, index, thresholds } = turn.env;
    const pick = readClarifyPick(turn.analysis.words, pending, kb.conversation.clarify.noneOfThese, language);
    if (pick.kind === "topic") {
      return {
        decision: { kind: "answer", topic: pick.topic, confidence: 1 },
        reason: "picked from the choices",
      };
    }
    if (pick.kind === "none") return { decision: fallback("none-of-these"), reason: "none of the choices" };
    // "the one about the appointment" picks a choice when it also reads best as that choice on its own.
    const overall = turn.match().candidates[0];
    if (
      overall &&
      pending.some((a) => a.topic === overall.label) &&
      overall.confidence >= thresholds.clarify
    ) {
      const restricted = index.matchAnalysis(turn.analysis, { only: pending.map((a) => a.topic) }).candidates;
      return {
        decision: { kind: "answer", topic: overall.label, confidence: overall.confidence },
        reason: "a choice, in other words",
        candidates: restricted,
      };
    }
    return undefined;
  },
};
