/** SMS segment arithmetic: which alphabet a text needs, how many billed parts it makes, where to cut it. */
export type SmsEncoding = "GSM-7" | "UCS-2";

/** Units per part: one part alone, or each part of a concatenated message (the rest is the UDH header). */
export const SEGMENT_LIMITS = {
  "GSM-7": { single: 160, multi: 153 },
  "UCS-2": { single: 70, multi: 67 },
} as const;

// GSM 03.38 basic table (ESC itself excluded): one septet each.
const GSM7_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
// Extension table: ESC + one septet, so two septets each.
const GSM7_EXTENSION = new Set("\f^{}\\[~]|€");

// Typographic characters that would force UCS-2 for no visible gain: "it’s" => "it's".
const ASCII_EQUIVALENTS: Record<string, string> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u201A": "'",
  "\u201B": "'",
  "\u2032": "'",
  "\u201C": '"',
  "\u201D": '"',
  "\u201E": '"',
  "\u2033": '"',
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2013": "-",
  "\u2014": "-",
  "\u2015": "-",
  "\u2212": "-",
  "\u2026": "...",
  "\u2022": "-",
  "\u00B7": "-",
  "\u00A0": " ",
  "\u2002": " ",
  "\u2003": " ",
  "\u2009": " ",
  "\u202F": " ",
  "\u00D7": "x",
  "\u2264": "<=",
  "\u2265": ">=",
  "\u2192": "->",
  "\u00AB": '"',
  "\u00BB": '"',
  "\t": " ",
};
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

export interface SegmentInfo {
  encoding: SmsEncoding;
  /** Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2 (emoji count 2). */
  units: number;
  /** Billed parts; 0 for an empty text. */
  segments: number;
}

function gsmSeptets(char: string): 1 | 2 | 0 {
  if (GSM7_BASIC.has(char)) return 1;
  if (GSM7_EXTENSION.has(char)) return 2;
  return 0;
}

/** "hello €" => "GSM-7"; "hello ’" or "hello 😀" => "UCS-2" (one such character switches the whole message). */
export function detectEncoding(text: string): SmsEncoding {
  for (const char of text) {
    if (gsmSeptets(char) === 0) return "UCS-2";
  }
  return "GSM-7";
}

/** Units of each character in order, in the given encoding (per code point, so a surrogate pair is one entry). */
function unitsPerChar(text: string, encoding: SmsEncoding): number[] {
  const units: number[] = [];
  for (const char of text) units.push(encoding === "GSM-7" ? gsmSeptets(char) : char.length);
  return units;
}

/** Parts needed when characters may not straddle parts (an ESC pair or a surrogate pair stays whole). */
function packSegments(units: number[], total: number, encoding: SmsEncoding): number {
  const { single, multi } = SEGMENT_LIMITS[encoding];
  if (total === 0) return 0;
  if (total <= single) return 1;
  let segments = 1;
  let used = 0;
  for (const size of units) {
    if (used + size > multi) {
      segments += 1;
      used = 0;
    }
    used += size;
  }
  return segments;
}

/** "Results last 3 years." => { encoding: "GSM-7", units: 21, segments: 1 } */
export function countSegments(text: string): SegmentInfo {
  const encoding = detectEncoding(text);
  const units = unitsPerChar(text, encoding);
  const total = units.reduce((sum, size) => sum + size, 0);
  return { encoding, units: total, segments: packSegments(units, total, encoding) };
}

/** Most units a text of `segments` parts can hold: 2 => 306 GSM-7 septets or 134 UCS-2 units. */
export function segmentCapacity(segments: number, encoding: SmsEncoding): number {
  const { single, multi } = SEGMENT_LIMITS[encoding];
  return segments <= 1 ? single : multi * segments;
}

/**
 * Replaces typographic characters with ASCII look-alikes so a reply stays GSM-7:
 * "30–45 days, it’s…" => "30-45 days, it's...". Characters with no equivalent are kept (and mean UCS-2).
 */
export function toGsm7Friendly(text: string): string {
  let out = "";
  for (const char of text.normalize("NFC").replace(INVISIBLE, "")) {
    if (gsmSeptets(char) !== 0) {
      out += char;
      continue;
    }
    const mapped = ASCII_EQUIVALENTS[char];
    if (mapped !== undefined) {
      out += mapped;
      continue;
    }
    // "á" is not in GSM-7 but "a" is: drop the accent rather than switch the whole reply to UCS-2.
    const stripped = char.normalize("NFD").replace(/\p{M}/gu, "");
    out += stripped !== char && [...stripped].every((c) => gsmSeptets(c) !== 0) ? stripped : char;
  }
  return out;
}

export interface Cut {
  /** What fits, ending with the `more` prompt when anything was cut. */
  head: string;
  /** What did not fit, for a later page; "" when nothing was cut. */
  rest: string;
}

/** A cut line keeps at least this share of what a cut at any word would keep; a cut sentence, the second. */
const LINE_CUT_MIN_SHARE = 0.5;
const SENTENCE_CUT_MIN_SHARE = 0.7;

/**
 * Cuts `text` so that the head plus the `more` prompt fits in `maxSegments` parts, preferring the end
 * of a line, then of a sentence, then any word: ("Answer.\nSources: …", 2, "Reply MORE") =>
 * { head: "Answer. Reply MORE", rest: "Sources: …" }; mid-sentence cuts end "... Reply MORE".
 * A `keep` line goes on the head's last line, before the prompt: "Answer...\nSource: [1] T Reply MORE".
 */
export function fitToSegments(text: string, maxSegments: number, more: string, keep?: string): Cut {
  if (countSegments(text).segments <= maxSegments) return { head: text, rest: "" };
  const tail = keep ? `\n${keep} ${more}` : ` ${more}`;
  const headAt = (end: number) => {
    const head = text.slice(0, end).trimEnd();
    return /[.!?]$/.test(head) ? `${head}${tail}` : `${head}...${tail}`;
  };
  const fits = (end: number) => countSegments(headAt(end)).segments <= maxSegments;

  const words: number[] = [];
  const sentences: number[] = [];
  const lines: number[] = [];
  for (let i = 1; i < text.length; i++) {
    const char = text[i]!;
    const previous = text[i - 1]!;
    if (!/\s/.test(char) || /\s/.test(previous)) continue;
    words.push(i);
    if (/[.!?]/.test(previous)) sentences.push(i);
    if (char === "\n") lines.push(i);
  }
  let best = largestFitting(words, fits);
  if (best === undefined) {
    // One unbroken word longer than the budget: cut between code points instead.
    const codePointEnds: number[] = [];
    let index = 0;
    for (const char of text) {
      index += char.length;
      codePointEnds.push(index);
    }
    best = largestFitting(codePointEnds, fits) ?? 0;
  } else {
    const line = largestFitting(lines, fits);
    const sentence = largestFitting(sentences, fits);
    if (line !== undefined && line >= best * LINE_CUT_MIN_SHARE) best = line;
    else if (sentence !== undefined && sentence >= best * SENTENCE_CUT_MIN_SHARE) best = sentence;
  }
  return { head: headAt(best), rest: text.slice(best).trim() };
}

/** Binary search over ascending candidates for the largest one that fits (fitting is monotonic in length). */
function largestFitting(candidates: number[], fits: (end: number) => boolean): number | undefined {
  let low = 0;
  let high = candidates.length - 1;
  let found: number | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const candidate = candidates[mid]!;
    if (fits(candidate)) {
      found = candidate;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}
