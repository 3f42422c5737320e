import type { Language } from "../../lang/language.ts";
import type { Analysis } from "../../matching/index.ts";

/**
 * Whether a message asks something: a question's shape anywhere in it ("ok what else is it good for"),
 * or after words said before a question ("ok but does it hurt"), or a question mark. "ok thanks anyway"
 * and "its getting worse" ask nothing.
 */
export function asksSomething(language: Language, analysis: Analysis): boolean {
  if (analysis.questionType || analysis.questionMark) return true;
  const { words } = analysis;
  let from = 0;
  while (from < words.length - 1 && language.questionLeadIns.has(words[from]!)) from++;
  if (from && language.questionType(words.slice(from))) return true;
  return words.some(
    (w, i) => i > 0 && language.questionWords.has(w) && !!language.questionType(words.slice(i)),
  );
}
