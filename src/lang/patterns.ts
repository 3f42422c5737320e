/**
 * A small pattern language over normalised words, so a language pack states English phrasing as data:
 *   "(talk|speak) to (a|the)? (person|human)"  → matches "can i talk to a person"
 * Items are separated by spaces: a word; `(a b|c)` alternatives, each a sequence; `item?` optional;
 * `*` any one word; `...` up to three words; `@list` any word of a named list. `^` and `$` anchor
 * the pattern to the message's start or end; otherwise it may match anywhere.
 */
export interface WordPattern {
  readonly source: string;
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
  | { kind: "optional"; node: Node };

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
        node = { kind: "optional", node };
      }
      nodes.push(node);
    }
    return nodes;
  };
  const nodes = sequence();
  if (at < tokens.length) throw new PatternError(`unexpected "${tokens[at]}" in pattern "${source}"`);
  return nodes;
}

/** Every end position reachable by matching `nodes` from `start`. */
function ends(nodes: readonly Node[], words: readonly string[], start: number): number[] {
  let positions = [start];
  for (const node of nodes) {
    const next = new Set<number>();
    for (const p of positions) for (const e of step(node, words, p)) next.add(e);
    positions = [...next];
    if (!positions.length) return [];
  }
  return positions;
}

function step(node: Node, words: readonly string[], at: number): number[] {
  switch (node.kind) {
    case "word":
      return words[at] === node.word ? [at + 1] : [];
    case "any":
      return at < words.length ? [at + 1] : [];
    case "gap":
      return Array.from({ length: Math.min(node.max, words.length - at) + 1 }, (_, i) => at + i);
    case "list":
      return at < words.length && node.words.has(words[at]!) ? [at + 1] : [];
    case "alt":
      return node.options.flatMap((option) => ends(option, words, at));
    case "optional":
      return [at, ...step(node.node, words, at)];
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

/** Compiles `source`; throws PatternError naming the pattern when it is malformed. */
export function compilePattern(
  source: string,
  lists: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): WordPattern {
  const trimmed = source.trim();
  const anchoredStart = trimmed.startsWith("^");
  const anchoredEnd = trimmed.endsWith("$");
  const nodes = parse(trimmed.replace(/^\^/, "").replace(/\$$/, ""), lists);
  // Most patterns start with a word: positions holding another word cannot start a match.
  const starts = firstWords(nodes);
  const find = (words: readonly string[]) => {
    const last = anchoredStart ? 0 : words.length;
    for (let start = 0; start <= last; start++) {
      if (starts && !starts.has(words[start] ?? "")) continue;
      const reached = ends(nodes, words, start);
      if (reached.length && (!anchoredEnd || reached.includes(words.length))) return start;
    }
    return -1;
  };
  return { source, find, test: (words) => find(words) >= 0 };
}

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
  const patterns = sources.map((s) => compilePattern(s, lists));
  const match = (words: readonly string[]) => patterns.find((p) => p.test(words));
  return { patterns, match, test: (words) => match(words) !== undefined };
}
