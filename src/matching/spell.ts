import { editDistance } from "./natural.ts";

/** Fast spelling suggestions against a known vocabulary (symmetric-delete index, edit distance ≤ 2). */
export interface SpellIndex {
  /** Best known word for `word`, or undefined when nothing is close enough. */
  suggest(word: string): string | undefined;
  /** "undereye" → ["under", "eye"] when both halves are known words. */
  split(word: string): [string, string] | undefined;
  /** "thrt" → "throat": the most used known word with the same consonants, for a word written
   * without vowels; undefined for a word with a vowel or with no such known word. */
  unvowelled(word: string): string | undefined;
}

/** How text-speak drops vowels, for a language's letters and vowels ("aeiou" for English). */
function vowelDropping(vowels: string) {
  const vowel = new RegExp(`[${vowels}]`, "g");
  const hasVowel = new RegExp(`[${vowels}]`);
  const letters = /^\p{L}+$/u;
  return {
    /**
     * Letters only, three or more, no vowel (for English, y counts as a consonant): a word written the way
     * text-speak drops vowels. Two letters are an initialism more often ("gn", "gm"), and are left alone.
     */
    written: (word: string) => word.length >= 3 && letters.test(word) && !hasVowel.test(word),
    /** A word's consonants, each run said once: "call" and "cll" both read "cl", "really" and "rly" "rly". */
    skeleton: (word: string) => word.replace(vowel, "").replace(/(.)\1+/g, "$1"),
    /**
     * A known word a dropped-vowel spelling can stand for: letters, a vowel, and a consonant first (a vowel
     * that starts a word is kept when the others are dropped, "abt"), so "gn" is never "again".
     */
    restorable: (word: string) => letters.test(word) && hasVowel.test(word) && !hasVowel.test(word[0]!),
  };
}

/** Per skeleton, the most used known word that a dropped-vowel spelling can stand for. */
function skeletonIndex(
  frequencies: ReadonlyMap<string, number>,
  dropping: ReturnType<typeof vowelDropping>,
): Map<string, string> {
  const best = new Map<string, string>();
  for (const [word, count] of frequencies) {
    if (!dropping.restorable(word)) continue;
    const key = dropping.skeleton(word);
    const held = best.get(key);
    if (!held || count > frequencies.get(held)!) best.set(key, word);
  }
  return best;
}

function deletes(word: string, depth: number, into: Set<string>): void {
  if (depth === 0 || word.length <= 2) return;
  for (let i = 0; i < word.length; i++) {
    const d = word.slice(0, i) + word.slice(i + 1);
    if (!into.has(d)) {
      into.add(d);
      deletes(d, depth - 1, into);
    }
  }
}

/** Longest edit that still reads as a typo: "rsults"→"results" (1) yes, "france"→"face" (2) no. */
function maxDistance(length: number): number {
  return length <= 7 ? 1 : 2;
}

/** Every known word under each of its deletes: "rsults" and "results" both lead to "results". */
function deleteIndex(frequencies: ReadonlyMap<string, number>): Map<string, string[]> {
  const byDelete = new Map<string, string[]>();
  // Words are added in order, so a word already under `key` is its list's last.
  const add = (key: string, word: string) => {
    const list = byDelete.get(key);
    if (!list) byDelete.set(key, [word]);
    else if (list[list.length - 1] !== word) list.push(word);
  };
  for (const word of frequencies.keys()) {
    if (word.length < 3 || /\d/.test(word)) continue;
    add(word, word);
    // Its deletes up to two letters, as `deletes` finds them (none of a word of two letters or fewer).
    for (let i = 0; i < word.length; i++) {
      const once = word.slice(0, i) + word.slice(i + 1);
      add(once, word);
      if (once.length > 2)
        for (let j = 0; j < once.length; j++) add(once.slice(0, j) + once.slice(j + 1), word);
    }
  }
  return byDelete;
}

/** `vowels`: the language's vowels, for words written without them; none reads no such word. */
export function createSpellIndex(frequencies: ReadonlyMap<string, number>, vowels = ""): SpellIndex {
  const dropping = vowels ? vowelDropping(vowels) : undefined;
  // Built on the first unknown word, not at start: most messages have none (about 50 ms for a pack).
  let index: Map<string, string[]> | undefined;
  let skeletons: Map<string, string> | undefined;

  return {
    suggest(word) {
      if (word.length < 3 || /\d/.test(word)) return undefined;
      index ??= deleteIndex(frequencies);
      const byDelete = index;
      const limit = maxDistance(word.length);
      const keys = new Set<string>([word]);
      deletes(word, limit, keys);
      let best: string | undefined;
      let bestDistance = limit + 1;
      let bestFrequency = 0;
      for (const key of keys) {
        for (const candidate of byDelete.get(key) ?? []) {
          if (Math.abs(candidate.length - word.length) > limit) continue;
          const d = editDistance(word, candidate);
          const f = frequencies.get(candidate) ?? 0;
          // Same first letter breaks ties: people rarely mistype the first letter.
          const bonus = candidate[0] === word[0] ? 0 : 0.5;
          if (d + bonus < bestDistance || (d + bonus === bestDistance && f > bestFrequency)) {
            best = candidate;
            bestDistance = d + bonus;
            bestFrequency = f;
          }
        }
      }
      return bestDistance <= limit ? best : undefined;
    },
    unvowelled(word) {
      if (!dropping?.written(word)) return undefined;
      skeletons ??= skeletonIndex(frequencies, dropping);
      return skeletons.get(dropping.skeleton(word));
    },
    split(word) {
      let best: [string, string] | undefined;
      let bestScore = 0;
      for (let i = 3; i <= word.length - 2; i++) {
        const left = word.slice(0, i);
        const right = word.slice(i);
        const score = Math.min(frequencies.get(left) ?? 0, frequencies.get(right) ?? 0);
        if (score > bestScore) {
          best = [left, right];
          bestScore = score;
        }
      }
      return best;
    },
  };
}
