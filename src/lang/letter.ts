import type { PatternSet } from "./patterns.ts";

/** How a language frames a message written as a letter: the lines that open and close it. */
export interface LetterFrame {
  /** A greeting line ("Dear Sir or Madam,"), read as whole-line patterns. */
  openings: PatternSet;
  /** A sign-off line ("Kind regards,", "Sent from my iPhone"). */
  closings: PatternSet;
  /** At most this many lines after a sign-off: a name, a place, a phone number. */
  signatureLines: number;
  /** At most this many words in a greeting line or a signature line. */
  lineWords: number;
}

/** A line's words, lower-cased, apostrophes dropped ("Yours,") → ["yours"]. */
const wordsOf = (line: string): string[] =>
  (line.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []).map((w) => w.replace(/'/g, ""));

/**
 * The body of a message written as a letter: its greeting line, and its sign-off with the signature after
 * it, are left out, since a name, a town or "yours faithfully" says nothing of what is asked. A message of
 * one line, or one that is all frame ("Hello,\nKind regards, Jo"), is returned as it is.
 */
export function letterBody(text: string, frame: LetterFrame): string {
  if (!text.includes("\n")) return text;
  const lines = text.split(/\r?\n/);
  const words = lines.map(wordsOf);
  const filled = lines.flatMap((_, i) => (words[i]!.length > 0 ? [i] : []));
  if (filled.length < 2) return text;
  const short = (i: number) => words[i]!.length <= frame.lineWords;
  const opening = (i: number) => short(i) && frame.openings.test(words[i]!);
  const first = opening(filled[0]!) ? 1 : 0;
  let end = filled.length;
  // The earliest sign-off near the end with only short lines after it ("Many thanks,\nKind regards,\nJo").
  for (let c = Math.max(first, filled.length - 1 - frame.signatureLines); c < filled.length; c++) {
    const rest = filled.slice(c + 1);
    if (frame.closings.test(words[filled[c]!]!) && rest.every((i) => short(i) && !lines[i]!.includes("?"))) {
      end = c;
      break;
    }
  }
  if (end <= first || (first === 0 && end === filled.length)) return text;
  return lines.slice(filled[first], filled[end - 1]! + 1).join("\n");
}
