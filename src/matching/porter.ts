/**
 * natural's Porter stemmer, step by step and quirk by quirk ("treatments" → "treatment"), with its
 * regular expressions written as loops over the word: natural builds a RegExp per suffix it tries and
 * runs a dozen replacements per measure, about 25 µs a word before the JIT warms up, for the 4,000
 * words a start stems. A test holds it to natural's output on every word of the English dictionary.
 */

const isVowel = (c: number) => c === 97 || c === 101 || c === 105 || c === 111 || c === 117; // a e i o u
const Y = 121;

/**
 * natural's categorizeGroups: runs of consonants → "C", runs of vowels → "V", where a y after a run of
 * consonants is a "V" of its own ("CV"), so two V's can meet ("bya" → "CVV"). natural gets there by
 * three replacements: /[^aeiouy]+y/g → "CV", /[aeiou]+/g → "V", /[^V]+/g → "C"; this is one pass.
 */
function categorizeGroups(token: string): string {
  let out = "";
  let lastC = false;
  let i = 0;
  while (i < token.length) {
    const c = token.charCodeAt(i);
    if (isVowel(c)) {
      while (i < token.length && isVowel(token.charCodeAt(i))) i++;
      out += "V";
      lastC = false;
      continue;
    }
    let end = i + 1;
    if (c !== Y)
      while (end < token.length && !isVowel(token.charCodeAt(end)) && token.charCodeAt(end) !== Y) end++;
    if (c !== Y && end < token.length && token.charCodeAt(end) === Y) {
      if (!lastC) out += "C";
      out += "V";
      lastC = false;
      i = end + 1;
    } else {
      if (!lastC) out += "C";
      lastC = true;
      i = end;
    }
  }
  return out;
}

/** natural's categorizeChars: each consonant → "C", each vowel → "V" (a y after a consonant is one). */
function categorizeChars(token: string): string {
  let out = "";
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    // .replace(/[^aeiouy]y/g, "CV"): pairs, left to right, without overlap.
    if (!isVowel(c) && c !== Y && i + 1 < token.length && token.charCodeAt(i + 1) === Y) {
      out += "CV";
      i++;
    } else out += isVowel(c) ? "V" : "C";
  }
  return out;
}

/** The measure M: VC sequences, an initial C and a final V dropped (natural's can be a half). */
function measure(token: string | null): number {
  if (!token) return -1;
  const groups = categorizeGroups(token);
  const initialC = groups[0] === "C" ? 1 : 0;
  const finalV = groups.length > initialC && groups[groups.length - 1] === "V" ? 1 : 0;
  return (groups.length - initialC - finalV) / 2;
}

/** /([^aeiou])\1$/ */
function endsWithDoubleConsonant(token: string): boolean {
  const n = token.length;
  return n >= 2 && token[n - 1] === token[n - 2] && !isVowel(token.charCodeAt(n - 1));
}

/** natural's attemptReplace for a suffix: the token with `suffix` replaced, or null without it. */
function replaceSuffix(token: string, suffix: string, replacement: string): string | null {
  return token.endsWith(suffix) ? token.slice(0, token.length - suffix.length) + replacement : null;
}

type Rule = readonly [suffix: string, replacement: string];

/**
 * natural's attemptReplacePatterns: each rule whose suffix, cut from the original token, leaves a
 * measure above `threshold` is applied to the result so far (rules may chain).
 */
function replaceRules(token: string, rules: readonly Rule[], threshold?: number): string {
  let result = token;
  for (let r = 0; r < rules.length; r++) {
    const [suffix, replacement] = rules[r]!;
    if (threshold === undefined || measure(replaceSuffix(token, suffix, "")) > threshold)
      result = replaceSuffix(result, suffix, replacement) || result;
  }
  return result;
}

function step1a(token: string): string {
  if (token.endsWith("sses") || token.endsWith("ies")) return token.slice(0, -2);
  if (token.endsWith("s") && token[token.length - 2] !== "s" && token.length > 2) return token.slice(0, -1);
  return token;
}

const STEP_1B_RULES: readonly Rule[] = [
  ["at", "ate"],
  ["bl", "ble"],
  ["iz", "ize"],
];

function step1b(token: string): string {
  if (token.endsWith("eed")) {
    if (measure(token.slice(0, -3)) > 0) return token.slice(0, -1);
    return token;
  }
  const suffix = token.endsWith("ed") ? 2 : token.endsWith("ing") ? 3 : 0;
  const stripped = token.slice(0, token.length - suffix);
  // An empty stem ("ed", "ing") is no replacement in natural either.
  if (!suffix || !stripped || !categorizeGroups(stripped).includes("V")) return token;
  const result = replaceRules(stripped, STEP_1B_RULES);
  if (result !== stripped) return result;
  if (endsWithDoubleConsonant(stripped) && !/[lsz]$/.test(stripped)) return stripped.slice(0, -1);
  if (measure(stripped) === 1 && categorizeChars(stripped).endsWith("CVC") && !/[wxy]$/.test(stripped))
    return `${stripped}e`;
  return stripped;
}

function step1c(token: string): string {
  if (token.endsWith("y") && categorizeGroups(token).slice(0, -1).includes("V"))
    return `${token.slice(0, -1)}i`;
  return token;
}

const STEP_2_RULES: readonly Rule[] = [
  ["ational", "ate"],
  ["tional", "tion"],
  ["enci", "ence"],
  ["anci", "ance"],
  ["izer", "ize"],
  ["abli", "able"],
  ["bli", "ble"],
  ["alli", "al"],
  ["entli", "ent"],
  ["eli", "e"],
  ["ousli", "ous"],
  ["ization", "ize"],
  ["ation", "ate"],
  ["ator", "ate"],
  ["alism", "al"],
  ["iveness", "ive"],
  ["fulness", "ful"],
  ["ousness", "ous"],
  ["aliti", "al"],
  ["iviti", "ive"],
  ["biliti", "ble"],
  ["logi", "log"],
];

const STEP_3_RULES: readonly Rule[] = [
  ["icate", "ic"],
  ["ative", ""],
  ["alize", "al"],
  ["iciti", "ic"],
  ["ical", "ic"],
  ["ful", ""],
  ["ness", ""],
];

const STEP_4_SUFFIXES = [
  "al",
  "ance",
  "ence",
  "er",
  "ic",
  "able",
  "ible",
  "ant",
  "ement",
  "ment",
  "ent",
  "ou",
  "ism",
  "ate",
  "iti",
  "ous",
  "ive",
  "ize",
];

function step4(token: string): string {
  // /^(.+?)(al|ance|…|ize)$/: the shortest stem, so the longest of the suffixes it ends with.
  let longest = 0;
  for (const suffix of STEP_4_SUFFIXES)
    if (suffix.length > longest && suffix.length < token.length && token.endsWith(suffix))
      longest = suffix.length;
  if (longest && measure(token.slice(0, token.length - longest)) > 1)
    return token.slice(0, token.length - longest);
  // /^(.+?)(s|t)(ion)$/, keeping the s or t.
  if (token.length > 4 && (token.endsWith("sion") || token.endsWith("tion"))) {
    const result = token.slice(0, -3);
    if (measure(result) > 1) return result;
  }
  return token;
}

function step5a(token: string): string {
  const withoutE = token.endsWith("e") ? token.slice(0, -1) : token;
  const m = measure(withoutE);
  if (m > 1 || (m === 1 && !(endsWithCvcBeforeLast(token) && /[^wxy].$/.test(token)))) return withoutE;
  return token;
}

/** categorizeChars(token).substr(-4, 3) === "CVC" */
function endsWithCvcBeforeLast(token: string): boolean {
  const chars = categorizeChars(token);
  const start = Math.max(chars.length - 4, 0);
  return chars.slice(start, start + 3) === "CVC";
}

function step5b(token: string): string {
  return measure(token) > 1 && token.endsWith("ll") ? token.slice(0, -1) : token;
}

/** Porter stem, exactly as natural's PorterStemmer.stem gives it. */
export function porterStem(word: string): string {
  if (word.length < 3) return word;
  return step5b(step5a(step4(step3(step2(step1c(step1b(step1a(word.toLowerCase()))))))));
}

function step2(token: string): string {
  return replaceRules(token, STEP_2_RULES, 0);
}

function step3(token: string): string {
  return replaceRules(token, STEP_3_RULES, 0);
}
