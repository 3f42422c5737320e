import { fallback } from "../decision.ts";
import type { Guard } from "./guard.ts";

/** A message in another language gets "I answer in <the pack's language> only", not a wrong guess. */
export const otherLanguageGuard: Guard = {
  name: "other-language",
  run(turn) {
    const language = turn.env.language.otherLanguage(turn.analysis.words);
    if (!language || turn.analysis.subjects.length > 1) return undefined;
    // Word for word one of the pack's own pleasantries in that language ("salamat po"): the pleasantry answers.
    if (turn.converse().some((c) => c.label.startsWith("smalltalk:") && c.lexical >= 1 - 1e-9))
      return undefined;
    return { decision: fallback("other-language", [], { language }), reason: `written in "${language}"` };
  },
};
