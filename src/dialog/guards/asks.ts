import type { Language } from "../../lang/language.ts";
import type { Analysis } from "../../matching/index.ts";
import type { Turn } from "./guard.ts";

/** Where a written message breaks into clauses: sentence ends, commas, dashes, new lines. */
const CLAUSE_BREAK = /(?<=[.!?;])\s+|,\s+|\s+[-–—]\s+|\n+/;

/** A written message's clauses, in order. */
export const clausesOf = (text: string): string[] =>
  text
    .split(CLAUSE_BREAK)
    .map((c) => c.trim())
    .filter(Boolean);

/** The words after those said before a question ("ok but is that normal" → "is that normal"); at least the last. */
export function afterLeadIns(language: Language, words: readonly string[]): readonly string[] {
  let from = 0;
  while (from < words.length - 1 && language.questionLeadIns.has(words[from]!)) from++;
  return words.slice(from);
}

/**
 * Whether a message asks something: a question's shape anywhere in it ("ok what else is it good for"),
 * or after words said before a question ("ok but does it hurt"), or a question mark. "ok thanks anyway"
 * and "its getting worse" ask nothing.
 */
export function asksSomething(language: Language, analysis: Analysis): boolean {
  return analysis.questionMark || questionStart(language, analysis) !== undefined;
}

/**
 * Where the message's question begins: at the question word its shape starts from ("oh ok so how many…"
 * at "how"), 0 for another question's shape, after words said before a question ("ok but does it hurt"),
 * or at a later question word; undefined when it has no question's shape.
 */
export function questionStart(language: Language, analysis: Analysis): number | undefined {
  const { words } = analysis;
  if (analysis.questionType) {
    const at = words.findIndex(
      (w, i) => language.questionWords.has(w) && !!language.questionType(words.slice(i)),
    );
    return Math.max(at, 0);
  }
  const from = words.length - afterLeadIns(language, words).length;
  if (from && language.questionType(words.slice(from))) return from;
  const at = words.findIndex(
    (w, i) => i > 0 && language.questionWords.has(w) && !!language.questionType(words.slice(i)),
  );
  return at >= 0 ? at : undefined;
}

/**
 * Whether the message asks something in any of its clauses: "cool. does it do anything for chest scars"
 * asks after a pleasantry, though a question's shape opens no clause but the second.
 */
export function asksInAnyClause(turn: Turn): boolean {
  return asksSomething(turn.env.language, turn.analysis) || askingClause(turn) !== undefined;
}

/** The first clause after the first that asks something, read: "does it work on the chest" in "cool. does it…". */
export function askingClause(turn: Turn): Analysis | undefined {
  const { language, index } = turn.env;
  for (const clause of clausesOf(turn.text).slice(1)) {
    const read = index.analyze(clause);
    if (asksSomething(language, read)) return read;
  }
  return undefined;
}
