import { STUDIO_DEFAULTS } from "./defaults.ts";

/** A problem with what was typed, before the validator sees it: too long, or markup. */
export interface FieldProblem {
  field: string;
  code: "too-long" | "markup";
  message: string;
}

// "<b>", "</p>", "<img src=x>", "<!--": tags a reply would show as text or, worse, run.
const MARKUP = /<\s*\/?\s*[a-z!][^>]*>|<!--|javascript\s*:/i;

/** Every string in `value` by its dotted path: {claims: [{statement: "x"}]} → ["claims.0.statement", "x"]. */
export function stringsOf(value: unknown, prefix = ""): Array<[string, string]> {
  if (typeof value === "string") return [[prefix, value]];
  if (Array.isArray(value))
    return value.flatMap((v, i) => stringsOf(v, prefix ? `${prefix}.${i}` : String(i)));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => stringsOf(v, prefix ? `${prefix}.${k}` : k));
  }
  return [];
}

/** Fields over the size limit or holding HTML markup, each named, so nothing reaches the file. */
export function fieldProblems(value: unknown, label: (field: string) => string = (f) => f): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [field, text] of stringsOf(value)) {
    if (text.length > STUDIO_DEFAULTS.maxFieldChars) {
      problems.push({
        field,
        code: "too-long",
        message: `${label(field)} is ${text.length.toLocaleString("en")} characters; the studio takes at most ${STUDIO_DEFAULTS.maxFieldChars.toLocaleString("en")} in one field. Was something pasted by mistake?`,
      });
    } else if (MARKUP.test(text)) {
      problems.push({
        field,
        code: "markup",
        message: `${label(field)} contains markup (like <b> or <a href>): write plain text; the channels format replies themselves.`,
      });
    }
  }
  return problems;
}

/** qs turns `claims[25][statement]` into an object past 20 items: make every numbered map a list again. */
export function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === "object" && value !== null) {
    return Object.entries(value)
      .filter(([key]) => /^\d+$/.test(key))
      .sort((a, b) => Number(a[0]) - Number(b[0]))
      .map(([, v]) => v);
  }
  return [];
}

export const asText = (value: unknown) =>
  typeof value === "string" ? value.replace(/\r\n?/g, "\n").trim() : "";

/** A textarea of one item per line → the non-blank lines, trimmed. */
export const linesOf = (value: unknown) =>
  asText(value)
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

/** "a, b c" or ["a", "b"] → ["a", "b", "c"] */
export const idsOf = (value: unknown) =>
  (Array.isArray(value) ? value : [value]).flatMap((v) => asText(v).split(/[\s,]+/)).filter(Boolean);
