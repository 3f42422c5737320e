import { normalizeText, quoteOccursIn } from "../../knowledge/index.ts";

/** Where a quote sits in an article: character spans of the original text, one per `...` fragment. */
export interface QuoteLocation {
  found: boolean;
  spans: Array<{ start: number; end: number }>;
  /** When not found: the article's sentence sharing the most words with the quote, to copy from. */
  closest?: { start: number; end: number };
}

/** The article normalised as the validator does, with each normalised character's original offset. */
function normalizeWithMap(text: string): { normalized: string; offsets: number[] } {
  let normalized = "";
  const offsets: number[] = [];
  let lastSpace = true;
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    const char = String.fromCodePoint(code);
    const mapped = normalizeText(char) || (/\s/.test(char) ? " " : "");
    if (mapped === " " || /\s/.test(char)) {
      if (!lastSpace) {
        normalized += " ";
        offsets.push(i);
      }
      lastSpace = true;
    } else {
      for (const part of mapped) {
        normalized += part;
        offsets.push(i);
      }
      lastSpace = false;
    }
    i += char.length;
  }
  return { normalized: normalized.trimEnd(), offsets };
}

const ELLIPSIS = /\s*(?:\.\.\.|\u2026)\s*/;

/** Finds `quote` in `article` as the validator would (typography forgiven, `...` skipping words). */
export function locateQuote(quote: string, article: string): QuoteLocation {
  const found = quoteOccursIn(quote, normalizeText(article));
  const { normalized, offsets } = normalizeWithMap(article);
  const fragments = normalizeText(quote)
    .split(ELLIPSIS)
    .map((part) => part.replace(/^[\s"']+|[\s"']+$/g, "").trim())
    .filter(Boolean);
  const spans: QuoteLocation["spans"] = [];
  let from = 0;
  for (const fragment of fragments) {
    const at = normalized.indexOf(fragment, from);
    if (at < 0) break;
    const last = at + fragment.length - 1;
    spans.push({ start: offsets[at]!, end: offsets[last]! + 1 });
    from = at + fragment.length;
  }
  if (found) return { found, spans: spans.length === fragments.length ? spans : [] };
  const closest = closestSentence(quote, article);
  return closest ? { found, spans: [], closest } : { found, spans: [] };
}

const wordsOf = (text: string) => new Set(normalizeText(text).match(/[\p{L}\p{N}']+/gu) ?? []);

/** The sentence of `article` that shares the most words with `quote` (at least two). */
function closestSentence(quote: string, article: string): { start: number; end: number } | undefined {
  const wanted = wordsOf(quote);
  let best: { start: number; end: number; score: number } | undefined;
  for (const match of article.matchAll(/[^.!?\n]+[.!?]?/g)) {
    const words = wordsOf(match[0]);
    let shared = 0;
    for (const word of words) if (wanted.has(word)) shared++;
    if (shared >= 2 && (!best || shared > best.score)) {
      const start = match.index + (match[0].length - match[0].trimStart().length);
      best = { start, end: match.index + match[0].trimEnd().length, score: shared };
    }
  }
  return best && { start: best.start, end: best.end };
}
