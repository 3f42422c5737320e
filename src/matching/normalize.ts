/** Longest message the matcher reads; longer text is cut (the rest rarely changes the topic). */
export const MAX_MATCH_CHARS = 2000;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
/** Emoji that carry a message on their own; every other emoji is dropped with the punctuation. */
const EMOJI_WORDS: Record<string, string> = {
  "👋": " hi ",
  "🙏": " thanks ",
  "👍": " ok ",
  "👌": " ok ",
  "🙂": " ok ",
  "😊": " ok ",
  "😀": " ok ",
  "❤": " thanks ",
  "💕": " thanks ",
  "😭": " help ",
  "😢": " sad ",
  "🤔": " what ",
  "❓": " what ",
};
const EMOJI = new RegExp(Object.keys(EMOJI_WORDS).join("|"), "gu");

/** Raw user text → lower-case words separated by single spaces: markup, emoji and punctuation gone. */
export function normalizeText(raw: string): string {
  return normalizePlain(raw) ?? normalizeAny(raw);
}

/** Letters and digits as the Unicode classes read them, for ASCII: [a-z0-9] once lower-cased. */
const isAsciiWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/**
 * normalizeAny's result for text that is plain ASCII without markup or entities (nearly every message
 * and phrasing), in one pass instead of seven Unicode regular expressions; undefined for any other text.
 */
function normalizePlain(raw: string): string | undefined {
  const cut = raw.length > MAX_MATCH_CHARS ? raw.slice(0, MAX_MATCH_CHARS) : raw;
  for (let i = 0; i < cut.length; i++) {
    const c = cut.charCodeAt(i);
    if (c >= 128 || c === 60 || c === 38) return undefined; // non-ASCII, "<" or "&"
  }
  let text = cut.toLowerCase();
  // "don't" → "dont": as normalizeAny joins them (rare, so its expression).
  if (text.includes("'") || text.includes("`")) text = text.replace(/(\p{L})['`](\p{L})/gu, "$1$2");
  // Runs of anything else become one space, a letter said three times or more is said twice, ends
  // trimmed; kept characters are copied a run at a time (last and second last kept: p1, p2).
  let out = "";
  let from = -1;
  let p1 = -1;
  let p2 = -1;
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const kept = isAsciiWordChar(c) && (space || !(c >= 97 && c === p1 && c === p2));
    if (!kept && from !== -1) {
      out += text.slice(from, i);
      from = -1;
    }
    if (!isAsciiWordChar(c)) {
      space ||= p1 !== -1;
      continue;
    }
    if (!kept) continue;
    if (space) {
      out += " ";
      p1 = 32;
      space = false;
    }
    if (from === -1) from = i;
    p2 = p1;
    p1 = c;
  }
  return from === -1 ? out : from === 0 ? text : out + text.slice(from);
}

/** The full pipeline, for any text (exported for the test holding the plain path to it). */
export function normalizeAny(raw: string): string {
  return (
    raw
      .slice(0, MAX_MATCH_CHARS)
      .normalize("NFKC")
      .toLowerCase()
      // "<b>hi</b>" → " hi ": markup is never content.
      .replace(/<[^>]{0,200}>/g, " ")
      .replace(/&(#\d+|[a-z]+);/g, (_, e: string) =>
        e.startsWith("#") ? String.fromCodePoint(Number(e.slice(1)) % 0x110000) : (ENTITIES[e] ?? " "),
      )
      // "don't" → "dont", "eye's" → "eyes": apostrophes join, they never split.
      .replace(/(\p{L})['\u2018\u2019`´](\p{L})/gu, "$1$2")
      .replace(EMOJI, (e) => EMOJI_WORDS[e] ?? " ")
      .replace(/&/g, " and ")
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      // "soooo" → "soo", "pleaseeee" → "pleasee": stretched letters, then spelling tidies up.
      .replace(/(\p{L})\1{2,}/gu, "$1$1")
      .trim()
  );
}

/** "dont hurt me" → ["dont", "hurt", "me"] (input already normalised). */
export function splitWords(normalized: string): string[] {
  return normalized ? normalized.split(" ") : [];
}
