import { asList, asText, idsOf, linesOf } from "./form-values.ts";

/** A topic as its YAML file holds it (snake_case keys), the shape the form edits. */
export interface TopicValue {
  id: string;
  question: string;
  phrasings: string[];
  answer: string;
  short?: string;
  claims?: Array<{
    statement: string;
    /** The answer's sentence this claim backs, where its words differ from the statement's. */
    answer_sentence?: string | string[];
    support: Array<{ source: string; quote: string }>;
  }>;
  conflicts?: Array<{ summary: string; positions: Array<{ source: string; claim: string; quote: string }> }>;
  agreements?: Array<{ summary: string; sources: string[] }>;
  related?: string[];
  min_confidence?: number;
  [other: string]: unknown;
}

/** The order the pack's files write a topic's keys in; new keys land in their place. */
const KEY_ORDER = [
  "id",
  "question",
  "phrasings",
  "answer",
  "short",
  "claims",
  "conflicts",
  "agreements",
  "related",
  "min_confidence",
];

const record = (value: unknown) =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
const someText = (values: string[]) => values.some((v) => v !== "");

/** One line is kept as one sentence, several as a list, none leaves the key out: the file's own shapes. */
const answerSentenceOf = (lines: string[]) =>
  lines.length === 0 ? {} : { answer_sentence: lines.length === 1 ? lines[0]! : lines };

/**
 * The submitted form (qs-parsed) applied to `old`: fields the form has replace the old ones, keys the
 * form does not know are kept, empty optional lists are left out. Blank rows are dropped.
 */
export function topicFromForm(
  body: Record<string, unknown>,
  old: Partial<TopicValue>,
  id: string,
): TopicValue {
  const claims = asList(body.claims)
    .map(record)
    .map((claim) => ({
      statement: asText(claim.statement),
      ...answerSentenceOf(linesOf(claim.answer_sentence)),
      support: asList(claim.support)
        .map(record)
        .map((s) => ({ source: asText(s.source), quote: asText(s.quote) }))
        .filter((s) => s.quote !== ""),
    }))
    .filter((claim) => claim.statement !== "" || claim.support.length > 0);
  const conflicts = asList(body.conflicts)
    .map(record)
    .map((conflict) => ({
      summary: asText(conflict.summary),
      positions: asList(conflict.positions)
        .map(record)
        .map((p) => ({ source: asText(p.source), claim: asText(p.claim), quote: asText(p.quote) }))
        .filter((p) => someText([p.claim, p.quote])),
    }))
    .filter((conflict) => conflict.summary !== "" || conflict.positions.length > 0);
  const agreements = asList(body.agreements)
    .map(record)
    .map((a) => ({ summary: asText(a.summary), sources: idsOf(a.sources) }))
    .filter((a) => a.summary !== "" || a.sources.length > 0);
  const minConfidence = asText(body.min_confidence);

  const fields: Record<string, unknown> = {
    id,
    question: asText(body.question),
    phrasings: linesOf(body.phrasings),
    answer: asText(body.answer),
    short: asText(body.short) || undefined,
    claims: claims.length > 0 || old.claims ? claims : undefined,
    conflicts: conflicts.length > 0 ? conflicts : undefined,
    agreements: agreements.length > 0 ? agreements : undefined,
    related: idsOf(body.related).length > 0 || old.related ? idsOf(body.related) : undefined,
    min_confidence: minConfidence === "" ? undefined : Number(minConfidence),
  };
  const next: Record<string, unknown> = {};
  for (const key of KEY_ORDER) if (fields[key] !== undefined) next[key] = fields[key];
  for (const [key, value] of Object.entries(old)) if (!KEY_ORDER.includes(key)) next[key] = value;
  return next as TopicValue;
}

/** What a field is called on the page: "claims.1.support.0.quote" → "Claim 2, quote 1". */
export function fieldLabel(field: string): string {
  const parts = field.split(".");
  const names: Record<string, string> = {
    question: "Question",
    phrasings: "Phrasings",
    answer: "Answer",
    short: "Short answer",
    related: "Related topics",
    min_confidence: "Minimum confidence",
    statement: "statement",
    answer_sentence: "answer sentence it backs",
    quote: "quote",
    source: "article",
    summary: "summary",
    claim: "position",
    sources: "articles",
  };
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const index = Number(parts[i + 1]);
    const numbered: Record<string, string> = {
      claims: "Claim",
      support: "quote",
      conflicts: "Conflict",
      positions: "position",
      agreements: "Agreement",
      phrasings: "Phrasing",
    };
    if (numbered[part] && Number.isInteger(index)) {
      out.push(`${numbered[part]} ${index + 1}`);
      i++;
    } else {
      out.push(names[part] ?? part);
    }
  }
  return out.join(", ");
}
