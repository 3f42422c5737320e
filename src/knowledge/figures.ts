import { extractQuantities, NUMBER_WORDS, type Quantity, rangesAgree, tokenize } from "./quantities.ts";

/** What a figure is: a duration or session count (as the conflict lint reads them), a percentage, or a count. */
export type FigureKind = Quantity["dimension"] | "percent" | "count";

/** A figure found in text: "4-6 weeks" → days 28..42; "20%" → percent 20; "0.5 mm" → count 0.5 of "mm". */
export interface Figure {
  kind: FigureKind;
  min: number;
  max: number;
  /** The words it was read from, for messages. */
  text: string;
  /** The word after a count ("3 layers" → "layer"), when there is one. */
  noun?: string;
}

// "One" is left out: it is a pronoun as often as a count ("one article says").
const { one: _pronoun, ...WORDS } = NUMBER_WORDS;
const RANGE_WORDS = new Set(["to", "-", "or"]);
const PERCENT = new Set(["percent", "percentage", "pct"]);
// "One" is far more often a pronoun ("one article says") than a count; with a unit it is read as a duration.
const NOT_NOUNS = new Set([
  "and",
  "or",
  "to",
  "of",
  "the",
  "a",
  "an",
  "in",
  "on",
  "at",
  "for",
  "per",
  "is",
  "are",
]);

/** "4" → 4, "four" → 4, "one" → undefined (a pronoun as often as not). */
function countAt(tokens: readonly string[], i: number): number | undefined {
  const token = tokens[i] ?? "";
  if (/^\d+(\.\d+)?$/.test(token)) return Number(token);
  return Object.hasOwn(WORDS, token) ? WORDS[token] : undefined;
}

// "%" is not a word character for the tokenizer, and "0.5mm" is one token: "20%" → "20 percent", "0.5 mm".
const spellOut = (text: string) => text.replace(/%/g, " percent ").replace(/(\d)([a-z])/gi, "$1 $2");

/**
 * Every figure in `text`: durations and session counts as `extractQuantities` reads them ("four to six
 * weeks" = "4-6 weeks"), percentages, and any other number or range ("0.25-0.5 mm", "1 to 10").
 */
export function extractFigures(text: string, options: { everyNumber?: boolean } = {}): Figure[] {
  const spelled = spellOut(text);
  const tokens = tokenize(spelled);
  const figures: Figure[] = [];
  const used = new Set<number>();
  for (const quantity of extractQuantities(spelled)) {
    figures.push({ kind: quantity.dimension, min: quantity.min, max: quantity.max, text: quantity.text });
    if (options.everyNumber) continue;
    for (let i = quantity.start; i < quantity.end; i++) used.add(i);
  }
  let i = 0;
  while (i < tokens.length) {
    const low = used.has(i) ? undefined : countAt(tokens, i);
    if (low === undefined) {
      i++;
      continue;
    }
    let next = i + 1;
    let high = low;
    const second = RANGE_WORDS.has(tokens[next] ?? "") ? countAt(tokens, next + 1) : undefined;
    if (second !== undefined && !used.has(next + 1)) {
      high = second;
      next += 2;
    }
    const after = tokens[next] ?? "";
    const percent = PERCENT.has(after) || (after === "per" && tokens[next + 1] === "cent");
    const noun = !percent && /^[a-z]{2,}$/.test(after) && !NOT_NOUNS.has(after) ? after : undefined;
    const end = percent ? next + (after === "per" ? 2 : 1) : next;
    figures.push({
      kind: percent ? "percent" : "count",
      min: Math.min(low, high),
      max: Math.max(low, high),
      text: tokens.slice(i, end).join(" ").replace(/ - /g, "-"),
      ...(noun ? { noun: singular(noun) } : {}),
    });
    i = end;
  }
  return figures;
}

/** "layers" → "layer", "articles" → "article". */
function singular(word: string): string {
  return word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word;
}

/**
 * Whether `evidence` backs `figure`: same kind, and ranges that can describe the same thing (10% slack).
 * Counts match on their numbers alone: the word after one is too often not what it counts.
 */
export function figureSupported(figure: Figure, evidence: readonly Figure[]): boolean {
  return evidence.some((other) => other.kind === figure.kind && rangesAgree(figure, other));
}
