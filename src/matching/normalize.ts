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
