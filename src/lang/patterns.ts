/**
 * A small pattern language over normalised words, so a language pack states English phrasing as data:
 *   "(talk|speak) to (a|the)? (person|human)"  → matches "can i talk to a person"
 * Items are separated by spaces: a word; `(a b|c)` alternatives, each a sequence; `item?` optional;
 * `*` any one word; `...` up to three words; `@list` any word of a named list. `^` and `$` anchor
 * the pattern to the message's start or end; otherwise it may match anywhere.
 */
export interface WordPattern {
  readonly source: string;
  /** The words a match can start with; undefined when any word can. */
  readonly firstWords: ReadonlySet<string> | undefined;
  /** Whether a match starts only at the message's first word (`^`). */
  readonly anchored: boolean;
  /** Index of the first word of the first match, or -1. */
  find(words: readonly string[]): number;
  test(words: readonly string[]): boolean;
}

type Node =
  | { kind: "word"; word: string }
  | { kind: "any" }
  | { kind: "gap"; max: number }
  | { kind: "list"; words: ReadonlySet<string> }
  | { kind: "alt"; options: Node[][] }
  | { kind: "optional"; node: Node; alone: readonly Node[] };

export class PatternError extends Error {}

function tokenize(source: string): string[] {
  return source.match(/\.\.\.|[()|?]|[^\s()|?]+/g) ?? [];
}

function parse(source: string, lists: ReadonlyMap<string, ReadonlySet<string>>): Node[] {
  const tokens = tokenize(source);
  let at = 0;
  const sequence = (): Node[] => {
    const nodes: Node[] = [];
    while (at < tokens.length && tokens[at] !== ")" && tokens[at] !== "|") {
      const token = tokens[at++]!;
      let node: Node;
      if (token === "(") {
        const options: Node[][] = [sequence()];
        while (tokens[at] === "|") {
          at++;
          options.push(sequence());
        }
        if (tokens[at++] !== ")") throw new PatternError(`unclosed "(" in pattern "${source}"`);
        node = { kind: "alt", options };
      } else if (token === "*") node = { kind: "any" };
      else if (token === "...") node = { kind: "gap", max: 3 };
      else if (token.startsWith("@")) {
        const words = lists.get(token.slice(1));
        if (!words) throw new PatternError(`unknown list "${token}" in pattern "${source}"`);
        node = { kind: "list", words };
      } else if (token === "?") throw new PatternError(`"?" follows nothing in pattern "${source}"`);
      else node = { kind: "word", word: token };
      if (tokens[at] === "?") {
        at++;
        node = { kind: "optional", node, alone: [node] };
      }
      nodes.push(node);
    }
    return nodes;
  };
  const nodes = sequence();
  if (at < tokens.length) throw new PatternError(`unexpected "${tokens[at]}" in pattern "${source}"`);
  return nodes;
}

/** What is left to match after a sequence: the rest of an enclosing one, and so on outwards. */
interface Rest {
  nodes: readonly Node[];
  index: number;
  next: Rest | undefined;
}

/**
 * Whether `nodes` from `index`, then `rest`, match from word `at` (to the last word when `toEnd`):
 * depth-first, stopping at the first match, so a message costs no set of positions per node.
 */
function matches(
  nodes: readonly Node[],
  index: number,
  rest: Rest | undefined,
  words: readonly string[],
  at: number,
  toEnd: boolean,
): boolean {
  if (index === nodes.length)
    return rest
      ? matches(rest.nodes, rest.index, rest.next, words, at, toEnd)
      : !toEnd || at === words.length;
  const node = nodes[index]!;
  switch (node.kind) {
    case "word":
      return words[at] === node.word && matches(nodes, index + 1, rest, words, at + 1, toEnd);
    case "any":
      return at < words.length && matches(nodes, index + 1, rest, words, at + 1, toEnd);
    case "list":
      return (
        at < words.length &&
        node.words.has(words[at]!) &&
        matches(nodes, index + 1, rest, words, at + 1, toEnd)
      );
    case "gap":
      for (let skip = 0; skip <= Math.min(node.max, words.length - at); skip++)
        if (matches(nodes, index + 1, rest, words, at + skip, toEnd)) return true;
      return false;
    case "alt": {
      const after: Rest = { nodes, index: index + 1, next: rest };
      for (const option of node.options) if (matches(option, 0, after, words, at, toEnd)) return true;
      return false;
    }
    case "optional":
      return (
        matches(nodes, index + 1, rest, words, at, toEnd) ||
        matches(node.alone, 0, { nodes, index: index + 1, next: rest }, words, at, toEnd)
      );
  }
}

/** The words a match can start with, or undefined when any word can (a gap, a wildcard, an optional). */
function firstWords(nodes: readonly Node[]): Set<string> | undefined {
  const first = nodes[0];
  if (!first) return undefined;
  switch (first.kind) {
    case "word":
      return new Set([first.word]);
    case "list":
      return new Set(first.words);
    case "alt": {
      const union = new Set<string>();
      for (const option of first.options) {
        const words = firstWords(option);
        if (!words) return undefined;
        for (const w of words) union.add(w);
      }
      return union;
    }
    default:
      return undefined;
  }
}

/** Words of which every match of the item holds one; undefined when it may match none (a gap, `*`, `?`). */
function itemWords(node: Node): Set<string> | undefined {
  if (node.kind === "word") return new Set([node.word]);
  if (node.kind === "list") return new Set(node.words);
  if (node.kind !== "alt") return undefined;
  const words = new Set<string>();
  for (const option of node.options) {
    const inner = requiredWords(option)[0];
    if (!inner) return undefined;
    for (const w of inner) words.add(w);
  }
  return words;
}

/**
 * Per compulsory item of the sequence, the words of which a match holds one, smallest set first:
 * "(i|my) ... (bleeding|swollen)" can match only a message saying "bleeding" or "swollen".
 */
function requiredWords(nodes: readonly Node[]): Set<string>[] {
  const sets: Set<string>[] = [];
  for (const node of nodes) {
    const words = itemWords(node);
    if (words) sets.push(words);
  }
  return sets.sort((a, b) => a.size - b.size);
}

/** A set this small is searched for in the message (a comparison a word), not each word in it (a hash each). */
const SMALL_SET = 4;

/** Whether `words` holds a word of every set (`lists`: the same sets as arrays). */
function holdsEach(
  required: readonly ReadonlySet<string>[],
  lists: readonly (readonly string[])[],
  words: readonly string[],
): boolean {
  for (let i = 0; i < required.length; i++) {
    const list = lists[i]!;
    let found = false;
    if (list.length <= SMALL_SET)
      for (let j = 0; j < list.length && !found; j++) found = words.includes(list[j]!);
    else {
      const set = required[i]!;
      for (let w = 0; w < words.length && !found; w++) found = set.has(words[w]!);
    }
    if (!found) return false;
  }
  return true;
}

/** A compiled pattern with what a set indexes it by: the words every match needs. */
interface Compiled {
  pattern: WordPattern;
  /** Per compulsory item, the words of which a match holds one, smallest set first. */
  required: readonly ReadonlySet<string>[];
  /** find, for a message known to hold a word of every required set, from position `from` on. */
  findFrom(words: readonly string[], from: number): number;
}

function compile(source: string, lists: ReadonlyMap<string, ReadonlySet<string>>): Compiled {
  const trimmed = source.trim();
  const anchoredStart = trimmed.startsWith("^");
  const anchoredEnd = trimmed.endsWith("$");
  const nodes = parse(trimmed.replace(/^\^/, "").replace(/\$$/, ""), lists);
  // Most patterns start with a word: positions holding another word cannot start a match.
  const starts = firstWords(nodes);
  // Tried at each position its first word holds, unless the message lacks a word every match needs.
  const required = requiredWords(nodes);
  const requiredLists = required.map((set) => [...set]);
  const findFrom = (words: readonly string[], from: number) => {
    const last = anchoredStart ? 0 : words.length;
    for (let start = from; start <= last; start++) {
      if (starts && !starts.has(words[start] ?? "")) continue;
      if (matches(nodes, 0, undefined, words, start, anchoredEnd)) return start;
    }
    return -1;
  };
  const find = (words: readonly string[]) =>
    holdsEach(required, requiredLists, words) ? findFrom(words, 0) : -1;
  const pattern = {
    source,
    firstWords: starts,
    anchored: anchoredStart,
    find,
    test: (words: readonly string[]) => find(words) >= 0,
  };
  return { pattern, required, findFrom };
}

/** Compiles `source`; throws PatternError naming the pattern when it is malformed. */
export function compilePattern(
  source: string,
  lists: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): WordPattern {
  return compile(source, lists).pattern;
}

/** Required word sets a set indexes per pattern (one bit each; a pattern needing more is checked on the rest when tried). */
const INDEXED_SETS = 31;

/** A named set of patterns: does any match, and which. */
export interface PatternSet {
  readonly patterns: readonly WordPattern[];
  /** The first pattern that matches, or undefined. */
  match(words: readonly string[]): WordPattern | undefined;
  test(words: readonly string[]): boolean;
}

export function compilePatterns(
  sources: readonly string[],
  lists: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): PatternSet {
  const compiled = sources.map((s) => compile(s, lists));
  const patterns = compiled.map((c) => c.pattern);
  // Per word, the patterns it can start and the required sets it belongs to (pattern × 32 + set): one
  // lookup a word of the message tells which patterns it can start and which need no word it lacks.
  // Most sets' patterns start with or need words few messages hold, so few are tried at all.
  const byWord = new Map<string, { starts: number[]; holds: number[] }>();
  const entry = (word: string) => {
    let e = byWord.get(word);
    if (!e) {
      e = { starts: [], holds: [] };
      byWord.set(word, e);
    }
    return e;
  };
  const needed = new Int32Array(patterns.length);
  compiled.forEach(({ pattern, required }, i) => {
    for (const word of pattern.firstWords ?? []) entry(word).starts.push(i);
    required.slice(0, INDEXED_SETS).forEach((set, bit) => {
      needed[i]! |= 1 << bit;
      for (const word of set) entry(word).holds.push(i * 32 + bit);
    });
  });
  const held = new Int32Array(patterns.length);
  /** Per pattern, the first position a word that can start it holds (-1: none). */
  const firstAt = new Int32Array(patterns.length);
  const match = (words: readonly string[]) => {
    held.fill(0);
    firstAt.fill(-1);
    for (let w = 0; w < words.length; w++) {
      const e = byWord.get(words[w]!);
      if (!e) continue;
      for (let k = 0; k < e.starts.length; k++) {
        const i = e.starts[k]!;
        if (firstAt[i] === -1 && (w === 0 || !patterns[i]!.anchored)) firstAt[i] = w;
      }
      for (let k = 0; k < e.holds.length; k++) held[e.holds[k]! >> 5]! |= 1 << (e.holds[k]! & 31);
    }
    for (let i = 0; i < patterns.length; i++) {
      if ((held[i]! & needed[i]!) !== needed[i]!) continue;
      const from = patterns[i]!.firstWords ? firstAt[i]! : 0;
      if (from >= 0 && compiled[i]!.findFrom(words, from) >= 0) return patterns[i];
    }
    return undefined;
  };
  return { patterns, match, test: (words) => match(words) !== undefined };
}

/**
 * `words` without every span the set's patterns match, shortest span first: "blisters, is that normal"
 * read without its question.
 */
export function withoutMatches(set: PatternSet, words: readonly string[]): readonly string[] {
  let rest = words;
  for (const p of set.patterns) {
    for (let at = p.find(rest); at >= 0; at = p.find(rest)) {
      let end = at + 1;
      while (end < rest.length && !p.test(rest.slice(at, end))) end++;
      rest = [...rest.slice(0, at), ...rest.slice(end)];
    }
  }
  return rest;
}
