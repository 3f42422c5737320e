import { fallback } from "../decision.ts";
import type { Guard } from "./guard.ts";

/** A message in another language gets "I answer in <the pack's language> only", not a wrong guess. */
export const otherLanguageGuard: Guard = {
  name: "other-language",
  run(turn) {
    const language = turn.env.language.otherLanguage(turn.analysis.words);
    if (!language || turn.analysis.subjects.length > 1) return undefined;
    return { decision: fallback("other-language", [], { language }), reason: `written in "${language}"` };
  },
};
