import type { ConversationRules } from "../knowledge/types.ts";
import { stem } from "../matching/natural.ts";
import { splitWords } from "../matching/normalize.ts";

/** Words that turn a symptom into a general question ("can it cause an infection?"), not a report. */
const GENERAL =
  /\b(can|could|will|does|do|would) (it|microneedling|this|that|you|the treatment|needling) (cause|give|lead|result|make|get|affect|damage|harm)|\b(risk|risks|chance|chances|possible|possibility|likely|common|rare|normal|usual|signs of|symptoms of|what if|prevent|avoid|is it like|on a scale)\b/;
/** Words that make it about the writer, now ("my face", "i have", "since yesterday"). */
const PERSONAL =
  /\b(my|mine|i have|i got|i am|i think|i feel|i had|ive|me|since|yesterday|today|tonight|last night|this morning|right now|still|now|days ago|hours ago)\b|\b(\d+|a few|two|three|four|five|six|seven|several) (days|hours|weeks) (after|later|since|ago|on)\b/;
const NEGATION = new Set([
  "no",
  "not",
  "never",
  "without",
  "dont",
  "didnt",
  "isnt",
  "arent",
  "wasnt",
  "havent",
  "hasnt",
]);

export interface UrgentSignal {
  /** The phrase that raised it. */
  matched: string;
}

type Stemmed = { phrase: string; stems: string[] };

/** Urgent signals, prepared once: each phrase as stems, matched in order within a small window. */
export interface UrgentDetector {
  detect(correctedText: string): UrgentSignal | undefined;
}

const stems = (text: string) => splitWords(text).map((w) => stem(w));

// "vision has gone blurry" matches "blurry vision": the phrase's stems in any order, close together.
function findPhrase(words: string[], phrase: string[]): number {
  const span = phrase.length + 3;
  for (let i = 0; i < words.length; i++) {
    if (!phrase.includes(words[i]!)) continue;
    const end = Math.min(words.length, i + span);
    if (allInWindow(words, phrase, i, end)) return i;
  }
  return -1;
}

function allInWindow(words: string[], phrase: string[], start: number, end: number): boolean {
  for (const p of phrase) if (!inWindow(words, p, start, end)) return false;
  return true;
}

function inWindow(words: string[], word: string, start: number, end: number): boolean {
  for (let j = start; j < end; j++) if (words[j] === word) return true;
  return false;
}

// "no fever", "not any pus" are negated; "will not stop bleeding" is not: the negation governs "stop".
function negated(words: string[], index: number): boolean {
  const before = words[index - 1];
  if (before && NEGATION.has(before)) return true;
  return Boolean(
    words[index - 2] && NEGATION.has(words[index - 2]!) && ["any", "a", "much"].includes(before ?? ""),
  );
}

export function createUrgentDetector(rules: ConversationRules["urgent"]): UrgentDetector {
  const prepare = (list: string[]): Stemmed[] =>
    list.map((phrase) => ({ phrase, stems: stems(phrase.toLowerCase()) })).filter((p) => p.stems.length);
  const redFlags = prepare(rules.redFlags);
  const symptoms = prepare(rules.symptoms);
  const severity = prepare(rules.severity);
  const first = (words: string[], list: Stemmed[]) =>
    list.find((p) => {
      const i = findPhrase(words, p.stems);
      return i >= 0 && !negated(words, i);
    });

  return {
    detect(text) {
      const words = stems(text);
      const flag = first(words, redFlags);
      const symptom = flag ? undefined : first(words, symptoms);
      const severe = symptom ? first(words, severity) : undefined;
      const found = flag ?? (severe ? symptom : undefined);
      if (!found) return undefined;
      const personal = PERSONAL.test(text);
      if (GENERAL.test(text) && !personal) return undefined;
      // "how bad does it hurt?" asks; "my face hurts so bad" reports: a mild symptom needs a reporter.
      if (!flag && !personal) return undefined;
      return { matched: severe ? `${found.phrase} + ${severe.phrase}` : found.phrase };
    },
  };
}
