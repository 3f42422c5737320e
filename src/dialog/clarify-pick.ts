import type { Alternative } from "../reply.ts";

const ORDINALS: Record<string, number> = {
  "1": 0,
  one: 0,
  first: 0,
  "1st": 0,
  "2": 1,
  two: 1,
  second: 1,
  "2nd": 1,
  "3": 2,
  three: 2,
  third: 2,
  "3rd": 2,
  last: -1,
};
const NONE =
  /^(none|neither|nope|no|nothing|none of (these|those|them|the above)|something else|other|not those)$/;

export type ClarifyPick = { kind: "topic"; topic: string } | { kind: "none" } | { kind: "unrelated" };

/** Reads a reply to "Did you mean…?": a number, an ordinal, the choice's own text, or "none of these". */
export function readClarifyPick(
  normalized: string,
  choices: readonly Alternative[],
  noneLabel: string,
): ClarifyPick {
  const text = normalized
    .replace(/^(the|number|option|no|#)\s+/, "")
    .replace(/\s+(one|please|pls)$/, "")
    .trim();
  if (NONE.test(text) || text === noneLabel.toLowerCase()) return { kind: "none" };
  if (text in ORDINALS) {
    const i = ORDINALS[text]!;
    const choice = i < 0 ? choices.at(-1) : choices[i];
    if (choice) return { kind: "topic", topic: choice.topic };
  }
  const exact = choices.find(
    (c) =>
      c.question
        .toLowerCase()
        .replace(/[^\p{L}\p{N} ]/gu, "")
        .trim() === text,
  );
  if (exact) return { kind: "topic", topic: exact.topic };
  return { kind: "unrelated" };
}
