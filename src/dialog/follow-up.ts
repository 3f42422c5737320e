import type { Analysis } from "../matching/index.ts";

const OPENERS = /^(and|what about|how about|same|also|so|but|or|then|ok and|okay and|what if|plus)\b/;
const POINTERS = new Set(["it", "that", "this", "those", "them", "they", "there", "same"]);

/**
 * A message that leans on what came before: "and under the eyes?", "is that painful?", "how long?".
 * Only such messages borrow context, so an abrupt change of subject is never dragged back.
 */
export function isElliptical(analysis: Analysis): boolean {
  // A word the knowledge base has never seen ("weather") signals a new subject, not a follow-up.
  if (analysis.treatmentMentioned || analysis.unknown.length) return false;
  if (OPENERS.test(analysis.corrected)) return true;
  const words = analysis.corrected.split(" ");
  if (analysis.content.length <= 3) return true;
  return analysis.content.length <= 6 && words.some((w) => POINTERS.has(w));
}
