import { Buffer, isAscii } from "node:buffer";

/** Whether a word is in a language's dictionary. */
export type Dictionary = (word: string) => boolean;

/** Between two entries of a compact JSON array of strings: `"a","b"`. */
const SEPARATOR = '","';

/**
 * A dictionary over the text, or the bytes, of a JSON array of words (`["aa","aah",…]`), searched in place: a
 * binary search over the text finds a word without making the 275,000 strings and the Set that
 * parsing it would (about 170 ms and 20 MB of heap for English). The array must be sorted (UTF-16
 * code-unit order, as `sort()` gives); text in another layout (spaces, escapes) is parsed, sorted
 * and rewritten compactly first.
 */
export function createDictionary(json: string | Uint8Array): Dictionary {
  if (typeof json !== "string")
    return isCompactAscii(json) ? bytesDictionary(json) : createDictionary(decoder.decode(json));
  const text = compactSorted(json);
  // Each entry is `"word"`; entries are separated by SEPARATOR, which no unescaped word contains.
  const first = 1;
  const last = text.length - 1;
  return (word) => {
    // [lo, hi): whole entries, from the opening quote of the first to just past the closing quote of the last.
    let lo = first;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const separator = text.lastIndexOf(SEPARATOR, mid - 2);
      const start = Math.max(separator + 2, lo);
      const end = text.indexOf('"', start + 1);
      const entry = text.slice(start + 1, end);
      if (word === entry) return true;
      if (word < entry) hi = start - 1;
      else lo = end + 2;
    }
    return false;
  };
}

/** The array as `["a","b",…]` in sorted order: the text itself when it already is (checked by its shape). */
function compactSorted(json: string): string {
  const text = json.trim();
  if (text === "[]" || (text.startsWith('["') && text.endsWith('"]') && !/[\\\s]/.test(text))) return text;
  const words = JSON.parse(text) as unknown;
  if (!Array.isArray(words) || !words.every((w) => typeof w === "string"))
    throw new Error("a dictionary must be a JSON array of words");
  return JSON.stringify([...new Set(words)].sort());
}

const decoder = new TextDecoder();
const QUOTE = 0x22;
const COMMA = 0x2c;

/** `["a","b",…]` in ASCII without escapes or spaces: read as bytes, in place (other text is parsed first). */
function isCompactAscii(bytes: Uint8Array): boolean {
  const n = bytes.length;
  if (n < 2 || bytes[0] !== 0x5b || bytes[n - 1] !== 0x5d) return false;
  if (n > 2 && (bytes[1] !== QUOTE || bytes[n - 2] !== QUOTE)) return false;
  if (!isAscii(bytes)) return false;
  // A backslash, or white space as /\s/ reads it in ASCII (tab to carriage return, space): searched natively.
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, n);
  return [0x5c, 0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d].every((b) => view.indexOf(b) === -1);
}

/**
 * createDictionary's binary search over the file's bytes, step for step, so the text is never made
 * into a 3 MB string nor an entry into a string per step: an ASCII word compares as its char codes.
 */
function bytesDictionary(bytes: Uint8Array): Dictionary {
  const first = 1;
  const last = bytes.length - 1;
  /** text.lastIndexOf('","', from): the separator starting at or before `from`, or -1. */
  const separatorAtOrBefore = (from: number) => {
    for (let s = Math.min(from, bytes.length - 3); s >= 0; s--)
      if (bytes[s] === QUOTE && bytes[s + 1] === COMMA && bytes[s + 2] === QUOTE) return s;
    return -1;
  };
  return (word) => {
    for (let k = 0; k < word.length; k++) if (word.charCodeAt(k) >= 0x80) return false; // no entry has it
    let lo = first;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const start = Math.max(separatorAtOrBefore(mid - 2) + 2, lo);
      let end = start + 1;
      while (end < bytes.length && bytes[end] !== QUOTE) end++;
      // word against the entry bytes[start + 1, end): -1, 0 or 1, as strings compare by code unit.
      const length = end - start - 1;
      let order = 0;
      for (let k = 0; order === 0 && k < Math.min(length, word.length); k++)
        order = word.charCodeAt(k) - bytes[start + 1 + k]!;
      if (order === 0) order = word.length - length;
      if (order === 0) return true;
      if (order < 0) hi = start - 1;
      else lo = end + 2;
    }
    return false;
  };
}
