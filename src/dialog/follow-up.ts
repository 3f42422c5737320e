import { type Analysis, QUESTION_WORDS } from "../matching/index.ts";

const OPENERS = /^(and|what about|how about|same|also|so|but|or|then|ok and|okay and|what if|plus)\b/;
const POINTERS = new Set(["it", "that", "this", "those", "them", "they", "there", "same"]);

/**
 * A message that leans on what came before: "and under the eyes?", "is that painful?", "how long?".
 * Only such messages borrow context, so an abrupt change of subject is never dragged back.
 */
export function isElliptical(analysis: Analysis): boolean {
  // A word the knowledge base has never seen ("weather") signals a new subject, not a follow-up.
  if (analysis.subjects.length || analysis.unknown.length) return false;
  if (OPENERS.test(analysis.corrected)) return true;
  const words = analysis.corrected.split(" ");
  if (analysis.content.length <= 3) return true;
  return analysis.content.length <= 6 && words.some((w) => POINTERS.has(w));
}

/** Words that only point back ("same for <subject>?", "ok and <subject>"). */
const SWITCH_FILLERS = new Set(["same", "okay", "ok", "too", "also", "then"]);
const MAX_SWITCH_WORDS = 5;
const POINTS_BACK = /\b(same|too|also)\b/;

/**
 * "and <subject>?" after "how long does <other> last?": the same question, asked of the subject named.
 * Nothing but a subject's name and words that point back.
 */
export function switchesToTreatment(analysis: Analysis): boolean {
  if (analysis.subjects.length !== 1 || analysis.outOfScope.length) return false;
  // "what is <subject>?" is a question of its own; "and <subject>?" leans on the last one.
  if (!OPENERS.test(analysis.corrected) && !POINTS_BACK.test(analysis.corrected)) return false;
  if (analysis.corrected.split(" ").length > MAX_SWITCH_WORDS) return false;
  return analysis.content.every(
    (t) => analysis.subjects.includes(t) || QUESTION_WORDS.has(t) || SWITCH_FILLERS.has(t),
  );
}

/** The message's question words to carry into a later "and <subject>?": known words, no subjects. */
export function carryableWords(analysis: Analysis): string[] {
  const otherTreatments = new Set(analysis.outOfScope.flatMap((p) => p.split(" ")));
  return analysis.content.filter(
    (t) => !analysis.subjects.includes(t) && !otherTreatments.has(t) && !analysis.unknown.includes(t),
  );
}
