import type { ImportedSet } from "./types.ts";

/** Ids stay readable: "how-do-i-reset-my-password", not the whole of a long question. */
const MAX_ID_WORDS = 8;
const MAX_ID_CHARS = 60;

/**
 * Any id or question → kebab-case: "Make Update" → "make-update", "meaning_of_life" →
 * "meaning-of-life", "FindConnection" → "find-connection", "Où est la gare ?" → "ou-est-la-gare".
 * Empty when nothing Latin is left (the caller then numbers the topic).
 */
export function kebabId(text: string): string {
  const words = text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, MAX_ID_WORDS);
  let id = "";
  for (const word of words) {
    const next = id ? `${id}-${word}` : word;
    if (next.length > MAX_ID_CHARS && id) break;
    id = next.slice(0, MAX_ID_CHARS);
  }
  return id;
}

export interface TopicIds {
  /** Topic id of each entry, in the set's order. */
  ids: string[];
  /** The file's own id → topic id, for labels (dev, test) and related entries. */
  byGivenId: Map<string, string>;
}

/** A given id that names something ("Renew Loan"), rather than numbering it (QnA Maker's QnaId 17). */
const NAMES = /\p{L}/u;

/**
 * One unique kebab-case id per entry, from its given id when that is a name, else from its first
 * question; a clash gets "-2", "-3".
 */
export function assignTopicIds(set: ImportedSet): TopicIds {
  const used = new Set<string>();
  const byGivenId = new Map<string, string>();
  const ids = set.entries.map((entry, i) => {
    const named = entry.givenId !== undefined && NAMES.test(entry.givenId) ? kebabId(entry.givenId) : "";
    const base = named || kebabId(entry.questions[0]?.text ?? "") || `topic-${i + 1}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    if (entry.givenId !== undefined) byGivenId.set(entry.givenId, id);
    return id;
  });
  return { ids, byGivenId };
}
