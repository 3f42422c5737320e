// Verbatim-quote checks that forgive typography: curly vs straight quotes, dash kinds, spacing, case.

const CURLY_DOUBLE = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const CURLY_SINGLE = /[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g;
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const ELLIPSIS = /\s*(?:\.\.\.|\u2026)\s*/;

/** "It’s  4–6 weeks" → "it's 4-6 weeks" */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(CURLY_DOUBLE, '"')
    .replace(CURLY_SINGLE, "'")
    .replace(DASHES, "-")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** The parts of a quote between its `...` elisions, normalised, empty parts dropped. */
export function quoteFragments(quote: string): string[] {
  return normalizeText(quote.normalize("NFKC"))
    .split(ELLIPSIS)
    .map((part) => part.replace(/^[\s"']+|[\s"']+$/g, "").trim())
    .filter((part) => part.length > 0);
}

/** Whether every fragment of `quote` occurs in `normalizedArticle`, in order. */
export function quoteOccursIn(quote: string, normalizedArticle: string): boolean {
  const fragments = quoteFragments(quote);
  if (fragments.length === 0) return false;
  let from = 0;
  for (const fragment of fragments) {
    const at = normalizedArticle.indexOf(fragment, from);
    if (at < 0) return false;
    from = at + fragment.length;
  }
  return true;
}

/** Words of a text, `...` elisions not counted: "a b ... c" → 3. */
export function countWords(text: string): number {
  return text
    .replace(/\.\.\.|\u2026/g, " ")
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** Lower-case words without punctuation, for overlap tests: "It’s 4–6 weeks." → ["it's", "4-6", "weeks"] */
export function normalizedWords(text: string): string[] {
  return normalizeText(text)
    .replace(/\.\.\.|\u2026/g, " ")
    .split(" ")
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter((word) => word.length > 0);
}
