import { normalizeText } from "./quote-match.ts";

/** What a figure measures: elapsed time in days, appointment length in minutes, or a number of sessions. */
export type Dimension = "days" | "minutes" | "sessions";

/** A figure found in text, as a closed range in the dimension's base unit: "4-6 weeks" → days 28..42. */
export interface Quantity {
  dimension: Dimension;
  min: number;
  max: number;
  /** The words it was read from, for messages. */
  text: string;
  /** Where it was read: token indices [start, end) in `tokenize(text)`. */
  start: number;
  end: number;
}

/** Number words up to nineteen, and the tens: what "four to six weeks" and "twenty one days" are made of. */
export const NUMBER_WORDS: Readonly<Record<string, number>> = Object.freeze({
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
});
const SMALL: Record<string, number> = {
  ...Object.fromEntries(Object.entries(NUMBER_WORDS).filter(([, n]) => n < 20)),
  a: 1,
  an: 1,
  single: 1,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, ninety: 90 };
// Vague amounts become wide ranges so that they rarely disagree with anything.
const VAGUE: Record<string, [number, number]> = { few: [2, 5], several: [2, 11], couple: [2, 3] };

interface Unit {
  dimension: Dimension;
  factor: number;
}
const UNITS: Record<string, Unit> = {
  minute: { dimension: "minutes", factor: 1 },
  hour: { dimension: "minutes", factor: 60 },
  day: { dimension: "days", factor: 1 },
  week: { dimension: "days", factor: 7 },
  month: { dimension: "days", factor: 30 },
  year: { dimension: "days", factor: 365 },
  session: { dimension: "sessions", factor: 1 },
  treatment: { dimension: "sessions", factor: 1 },
  visit: { dimension: "sessions", factor: 1 },
  therapy: { dimension: "sessions", factor: 1 },
  therapie: { dimension: "sessions", factor: 1 },
};
// Appointment lengths are minutes; anything from six hours up ("24 hours") is elapsed time in days.
const LONG_HOURS = 6;

type Range = [number, number];

/** "up to six treatments" → [1, 6]; "at least a week" → [7, ∞); prefixes widen a figure one way. */
const OPEN_BELOW = new Set(["up to", "within", "less than", "under"]);
const OPEN_ABOVE = new Set(["at least", "more than", "over", "longer than"]);

/** "It's 4–6 weeks." → ["it's", "4", "-", "6", "weeks"]: the words figures are read from. */
export function tokenize(text: string): string[] {
  return normalizeText(text)
    .replace(/(\d)-(?=\d)/g, "$1 - ")
    .replace(/([a-z])-(?=[a-z])/g, "$1 ")
    .replace(/(\d)-(?=[a-z])/g, "$1 ")
    .split(/[^a-z0-9.-]+/)
    .map((token) => token.replace(/^\.+|\.+$/g, ""))
    .filter((token) => token.length > 0);
}

/** Reads a number at `i`: "4", "four", "forty five", "a few", "several" → its range and the next index. */
function readNumber(tokens: string[], i: number): { range: Range; next: number } | undefined {
  const token = tokens[i];
  if (token === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(token)) return { range: [Number(token), Number(token)], next: i + 1 };
  if (token === "a" && tokens[i + 1] !== undefined && tokens[i + 1]! in VAGUE) {
    const vague = VAGUE[tokens[i + 1]!]!;
    return { range: vague, next: tokens[i + 2] === "of" ? i + 3 : i + 2 };
  }
  if (token in VAGUE) return { range: VAGUE[token]!, next: i + 1 };
  if (token === "a" && tokens[i + 1] === "single") return { range: [1, 1], next: i + 2 };
  if (token in TENS) {
    const units = SMALL[tokens[i + 1] ?? ""];
    if (units !== undefined && units > 0 && units < 10 && tokens[i + 1] !== "a") {
      return { range: [TENS[token]! + units, TENS[token]! + units], next: i + 2 };
    }
    return { range: [TENS[token]!, TENS[token]!], next: i + 1 };
  }
  if (token in SMALL) return { range: [SMALL[token]!, SMALL[token]!], next: i + 1 };
  return undefined;
}

// Words that join rather than describe: a number, then one of these, is not a figure of the next word.
const JOINERS = new Set([
  "of",
  "to",
  "or",
  "and",
  "per",
  "a",
  "an",
  "the",
  "in",
  "on",
  "at",
  "for",
  "by",
  "from",
  "than",
]);

/** One describing word may sit between a number and its unit: "three more sessions", "two separate visits". */
function isFiller(token: string | undefined): boolean {
  if (!token || !/^[a-z]+$/.test(token) || JOINERS.has(token)) return false;
  return !(token in SMALL) && !(token in TENS) && !UNITS[token] && !UNITS[token.replace(/s$/, "")];
}

/** The unit at `i`, after at most one filler word, and the index after it. */
function readUnit(tokens: string[], i: number): { unit: Unit; next: number } | undefined {
  const at = isFiller(tokens[i]) && UNITS[(tokens[i + 1] ?? "").replace(/s$/, "")] ? i + 1 : i;
  const token = tokens[at];
  if (token === undefined) return undefined;
  const unit = UNITS[token] ?? UNITS[token.replace(/s$/, "")];
  return unit ? { unit, next: at + 1 } : undefined;
}

function toBase(range: Range, unit: Unit): { dimension: Dimension; range: Range } {
  if (unit.dimension === "minutes" && unit.factor === 60 && range[1] >= LONG_HOURS) {
    return { dimension: "days", range: [range[0] / 24, range[1] / 24] };
  }
  return { dimension: unit.dimension, range: [range[0] * unit.factor, range[1] * unit.factor] };
}

const CONNECTORS = new Set(["to", "-", "and", "or"]);

/**
 * Every figure with a unit in `text`.
 * "between 30 and 45 days" → days 30..45; "six months to one year" → days 180..365;
 * "a day or two" → days 1..2; "30 to 60 minutes" → minutes 30..60; "12-step routine" → nothing.
 */
export function extractQuantities(text: string): Quantity[] {
  const tokens = tokenize(text);
  const found: Quantity[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = readNumber(tokens, i);
    // A lone "a" or "an" only counts when a unit follows at once ("a week"), never "a" + noun.
    if (
      !first ||
      ((tokens[i] === "a" || tokens[i] === "an") && !readUnit(tokens, first.next) && first.next === i + 1)
    ) {
      i++;
      continue;
    }
    const read1 = readUnit(tokens, first.next);
    // "a session" is an article, not a count; "a week" is a figure.
    const article = (tokens[i] === "a" || tokens[i] === "an") && first.next === i + 1;
    if (article && read1?.unit.dimension === "sessions") {
      i = first.next;
      continue;
    }
    const unit1 = read1?.unit;
    let next = read1 ? read1.next : first.next;
    let range: Range | undefined;
    let dimension: Dimension | undefined;
    const connector = tokens[next];
    const second = connector && CONNECTORS.has(connector) ? readNumber(tokens, next + 1) : undefined;
    // "and" joins two figures only inside "between … and …" or before a shared unit ("30 and 45 days").
    const joins = second && !(connector === "and" && unit1 && tokens[i - 1] !== "between");
    if (second && joins) {
      const read2 = readUnit(tokens, second.next);
      const unit2 = read2?.unit ?? unit1;
      const lowUnit = unit1 ?? unit2;
      if (lowUnit && unit2) {
        const low = toBase(first.range, lowUnit);
        const high = toBase(second.range, unit2);
        if (low.dimension === high.dimension) {
          dimension = high.dimension;
          range = [Math.min(low.range[0], high.range[0]), Math.max(low.range[1], high.range[1])];
          next = read2 ? read2.next : second.next;
        }
      }
    }
    if (!range && unit1) {
      const base = toBase(first.range, unit1);
      dimension = base.dimension;
      range = base.range;
      next = read1!.next;
    }
    if (range && dimension) {
      found.push({
        dimension,
        ...widen(tokens, i, range),
        text: tokens.slice(i, next).join(" ").replace(/ - /g, "-"),
        start: i,
        end: next,
      });
      i = next;
    } else {
      i = first.next;
    }
  }
  return found;
}

function widen(tokens: string[], start: number, [min, max]: Range): { min: number; max: number } {
  const before = `${tokens[start - 2] ?? ""} ${tokens[start - 1] ?? ""}`.trim();
  const one = tokens[start - 1] ?? "";
  if (OPEN_BELOW.has(before) || OPEN_BELOW.has(one)) return { min: Math.min(min, 1), max };
  if (OPEN_ABOVE.has(before) || OPEN_ABOVE.has(one)) return { min, max: Number.POSITIVE_INFINITY };
  return { min, max };
}

type Span = Pick<Quantity, "min" | "max">;

/** Whether two figures can describe the same thing, allowing `tolerance` (0.1 = 10%) of slack. */
export function rangesAgree(a: Span, b: Span, tolerance = 0.1): boolean {
  const low = Math.max(a.min, b.min);
  const high = Math.min(a.max, b.max);
  return low <= high * (1 + tolerance);
}

/** "days 28..42" → "28–42 days"; for messages. */
export function formatQuantity(quantity: Quantity): string {
  const unit = quantity.dimension;
  const max = quantity.max === Number.POSITIVE_INFINITY ? "∞" : round(quantity.max);
  const span = quantity.min === quantity.max ? `${round(quantity.min)}` : `${round(quantity.min)}–${max}`;
  return `"${quantity.text}" (${span} ${unit})`;
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
