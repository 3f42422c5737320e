import { diffArrays } from "diff";
import {
  Document,
  isMap,
  isScalar,
  isSeq,
  type Node,
  Pair,
  parseDocument,
  Scalar,
  visit,
  YAMLMap,
  YAMLSeq,
} from "yaml";

/** How wide the studio folds a long text it rewrites (the pack's files wrap near this). */
const LINE_WIDTH = 100;
/** A new text longer than this is written as a folded block (`>-`), like the pack's answers. */
const BLOCK_AFTER_CHARS = 80;

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Deep equality of plain YAML values, ignoring the order of keys. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]))
    );
  }
  if (typeof a === "object" && typeof b === "object" && a !== null && b !== null) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      ka.length === kb.length &&
      ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return false;
}

const lineStart = (text: string, at: number) => text.lastIndexOf("\n", at - 1) + 1;
const columnOf = (text: string, at: number) => at - lineStart(text, at);
const indentLines = (text: string, by: number) => text.replace(/\n(?=[^\n])/g, `\n${" ".repeat(by)}`);

/** Scalar styles of `node`'s descendants by relative path ("support.0.quote" → QUOTE_DOUBLE). */
function stylesOf(node: unknown, prefix = "", out = new Map<string, Scalar["type"]>()) {
  if (isScalar(node)) out.set(prefix, node.type);
  else if (isMap(node))
    for (const pair of node.items)
      stylesOf(pair.value, `${prefix}.${String((pair.key as Scalar).value)}`, out);
  else if (isSeq(node)) for (const item of node.items) stylesOf(item, `${prefix}.*`, out);
  return out;
}

/** A fresh node for `value`, its scalars styled like `like`'s (a sibling), long texts folded. */
function freshNode(value: unknown, like?: unknown): Node {
  const node = new Document().createNode(value) as Node;
  const styles = like === undefined ? new Map<string, Scalar["type"]>() : stylesOf(like);
  const style = (scalar: Scalar, path: string) => {
    const hinted = styles.get(path);
    if (hinted && hinted !== "BLOCK_FOLDED" && hinted !== "BLOCK_LITERAL") scalar.type = hinted;
    if (typeof scalar.value === "string" && scalar.value.length > BLOCK_AFTER_CHARS)
      scalar.type = "BLOCK_FOLDED";
    else if (hinted) scalar.type = hinted;
  };
  const walk = (n: unknown, path: string) => {
    if (isScalar(n)) style(n, path);
    else if (isMap(n))
      for (const pair of n.items) walk(pair.value, `${path}.${String((pair.key as Scalar).value)}`);
    else if (isSeq(n)) for (const item of n.items) walk(item, `${path}.*`);
  };
  walk(node, "");
  if ((isSeq(node) || isMap(node)) && (isSeq(like) || isMap(like)) && like.flow) node.flow = true;
  return node;
}

/** What follows `key:` (or `-`) for `node`, as if the key sat in column 0: " text\n", "\n  - a\n". */
function renderAfter(node: Node, after: "key" | "dash", lineWidth = LINE_WIDTH): string {
  const doc = new Document();
  if (after === "key") {
    const map = new YAMLMap();
    map.items.push(new Pair(new Scalar("k"), node));
    doc.contents = map;
    return doc.toString({ lineWidth, flowCollectionPadding: false }).slice("k:".length);
  }
  const seq = new YAMLSeq();
  seq.items.push(node);
  doc.contents = seq;
  return doc.toString({ lineWidth, flowCollectionPadding: false }).slice("-".length);
}

/**
 * Rewrites YAML `text` so that it holds `next`, touching only the lines whose values change: comments,
 * key order, quoting and wrapping of everything else stay byte for byte. Returns undefined when `text`
 * does not parse (fix it as text first).
 */
export function patchYaml(text: string, next: unknown): string | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return undefined;
  const edits: Edit[] = [];
  const root = doc.contents;
  if (isMap(root) && !root.flow && typeof next === "object" && next !== null && !Array.isArray(next)) {
    patchMap(text, root, next as Record<string, unknown>, edits);
  } else if (!sameValue(doc.toJS(), next)) {
    return documentFallback(text, next);
  }
  const patched = applyEdits(text, edits);
  const check = parseDocument(patched);
  if (check.errors.length === 0 && sameValue(check.toJS(), next)) return patched;
  return documentFallback(text, next);
}

function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) {
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  }
  return out;
}

/** The Document API alone (keeps comments and key order, may re-wrap): when a minimal patch cannot be made. */
function documentFallback(text: string, next: unknown): string {
  const doc = parseDocument(text);
  const old = doc.toJS() as unknown;
  if (isMap(doc.contents) && typeof next === "object" && next !== null && !Array.isArray(next)) {
    const value = next as Record<string, unknown>;
    for (const key of Object.keys((old ?? {}) as object)) if (!(key in value)) doc.delete(key);
    for (const [key, v] of Object.entries(value)) {
      if (!sameValue((old as Record<string, unknown>)?.[key], v)) doc.set(key, freshNode(v));
    }
  } else {
    doc.contents = freshNode(next) as typeof doc.contents;
  }
  return doc.toString({ lineWidth: LINE_WIDTH, flowCollectionPadding: false });
}

/** Where a pair's or item's text ends: after its value's last line (trailing comment included). */
const nodeEnd = (node: Node) => node.range![2];

function patchMap(text: string, map: YAMLMap, next: Record<string, unknown>, edits: Edit[]): void {
  const old = map.toJSON() as Record<string, unknown>;
  const pairs = new Map(map.items.map((pair) => [String((pair.key as Scalar).value), pair]));
  const keyColumn = columnOf(text, (map.items[0]!.key as Node).range![0]);
  let insertAt = lineStart(text, (map.items[0]!.key as Node).range![0]);
  for (const [key, value] of Object.entries(next)) {
    const pair = pairs.get(key);
    if (!pair) {
      const line = `${" ".repeat(keyColumn)}${key}:${indentLines(renderAfter(freshNode(value), "key"), keyColumn)}`;
      edits.push({ start: insertAt, end: insertAt, text: line });
      continue;
    }
    const valueNode = pair.value as Node | null;
    if (valueNode?.range) insertAt = nodeEnd(valueNode);
    if (!sameValue(old[key], value)) patchValue(text, pair, value, keyColumn, edits);
  }
  for (const [key, pair] of pairs) {
    if (key in next) continue;
    const start = lineStart(text, (pair.key as Node).range![0]);
    const valueNode = pair.value as Node | null;
    const end = valueNode?.range ? nodeEnd(valueNode) : text.indexOf("\n", start) + 1 || text.length;
    edits.push({ start, end, text: "" });
  }
}

/** Replaces what follows `key:` wholesale, at the key's indentation. */
function replaceAfterKey(text: string, pair: Pair, value: unknown, keyColumn: number, edits: Edit[]) {
  const keyEnd = (pair.key as Node).range![1];
  const colon = text.indexOf(":", keyEnd);
  const valueNode = pair.value as Node | null;
  // Block collections and block scalars own their last newline; plain values leave it after them.
  const end = valueNode?.range ? valueNode.range[1] : colon + 1;
  const rendered = indentLines(renderAfter(freshNode(value, valueNode ?? undefined), "key"), keyColumn);
  edits.push({ start: colon + 1, end, text: fitNewline(text, end, rendered) });
}

/** `rendered` ends with a newline only where the replaced text did. */
function fitNewline(text: string, end: number, rendered: string): string {
  const body = rendered.replace(/\n$/, "");
  return text[end - 1] === "\n" ? `${body}\n` : body;
}

function patchValue(text: string, pair: Pair, value: unknown, keyColumn: number, edits: Edit[]): void {
  const node = pair.value as Node | null;
  if (isScalar(node) && node.range && (value === null || typeof value !== "object")) {
    replaceScalar(text, node, value, keyColumn, edits);
  } else if (isMap(node) && !node.flow && node.items.length > 0 && isPlainObject(value)) {
    patchMap(text, node, value, edits);
  } else if (isSeq(node) && !node.flow && node.items.length > 0 && Array.isArray(value) && value.length > 0) {
    patchSeq(text, node, value, edits);
  } else {
    replaceAfterKey(text, pair, value, keyColumn, edits);
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A scalar in place, in its own style (quoted stays quoted, `>-` stays folded), its trailing comment kept. */
function replaceScalar(text: string, node: Scalar, value: unknown, column: number, edits: Edit[]): void {
  const fresh = new Document().createNode(value) as Node;
  if (isScalar(fresh) && typeof value === "string") {
    fresh.type = node.type;
    if (node.type === "PLAIN" && value.length > BLOCK_AFTER_CHARS) fresh.type = "BLOCK_FOLDED";
  }
  const start = node.range![0];
  const end = node.range![1];
  // Fold a rewritten block as wide as the original was, so the file keeps one look.
  const longest = Math.max(
    ...text
      .slice(start, end)
      .split("\n")
      .map((line) => line.length),
  );
  const width = node.type === "BLOCK_FOLDED" ? Math.max(60, longest) - column : LINE_WIDTH - column;
  const rendered = indentLines(renderAfter(fresh, "key", width).replace(/^ /, ""), column);
  edits.push({ start, end, text: fitNewline(text, end, rendered) });
}

function patchSeq(text: string, seq: YAMLSeq, next: unknown[], edits: Edit[]): void {
  const items = seq.items as Node[];
  const old = seq.toJSON() as unknown[];
  const dashAt = (item: Node) => text.lastIndexOf("-", item.range![0]);
  const dashColumn = columnOf(text, dashAt(items[0]!));
  const itemStart = (item: Node) => lineStart(text, dashAt(item));
  const insertText = (value: unknown, like: Node | undefined) =>
    `${" ".repeat(dashColumn)}-${indentLines(renderAfter(freshNode(value, like), "dash"), dashColumn)}`;

  let i = 0;
  let j = 0;
  const changes = diffArrays(old, next, { comparator: sameValue });
  for (let c = 0; c < changes.length; c++) {
    const change = changes[c]!;
    const count = change.count ?? change.value.length;
    if (!change.added && !change.removed) {
      i += count;
      j += count;
      continue;
    }
    if (change.removed) {
      const following = changes[c + 1];
      const added = following?.added ? (following.count ?? following.value.length) : 0;
      const paired = Math.min(count, added);
      for (let k = 0; k < count; k++) {
        const item = items[i + k]!;
        if (k < paired) patchItem(text, item, old[i + k], next[j + k], dashColumn, edits);
        else edits.push({ start: itemStart(item), end: nodeEnd(item), text: "" });
      }
      const at = nodeEnd(items[i + count - 1]!);
      for (let k = paired; k < added; k++)
        edits.push({ start: at, end: at, text: insertText(next[j + k], items[0]) });
      i += count;
      j += added;
      if (added > 0) c++;
      continue;
    }
    // Added with nothing removed before it: after the previous item, or before the first.
    const at = i > 0 ? nodeEnd(items[i - 1]!) : itemStart(items[0]!);
    const block = change.value.map((value) => insertText(value, items[0])).join("");
    edits.push({ start: at, end: at, text: block });
    j += count;
  }
}

function patchItem(
  text: string,
  item: Node,
  old: unknown,
  value: unknown,
  dashColumn: number,
  edits: Edit[],
) {
  if (isScalar(item) && (value === null || typeof value !== "object")) {
    replaceScalar(text, item, value, dashColumn, edits);
  } else if (isMap(item) && !item.flow && isPlainObject(value) && isPlainObject(old)) {
    patchMap(text, item, value, edits);
  } else {
    const dash = text.lastIndexOf("-", item.range![0]);
    const end = item.range![1];
    const rendered = indentLines(renderAfter(freshNode(value, item), "dash"), dashColumn);
    edits.push({ start: dash + 1, end, text: fitNewline(text, end, rendered) });
  }
}

/** Every node's YAML path by the offset where it starts: turns a validator's line:column into a field. */
export function pathsByOffset(text: string): Map<number, Array<string | number>> {
  const doc = parseDocument(text);
  const out = new Map<number, Array<string | number>>();
  visit(doc, {
    Pair(_key, pair, path) {
      const keyPath = keyPathOf(path, pair);
      const value = pair.value as Node | null;
      if (value?.range && !out.has(value.range[0])) out.set(value.range[0], keyPath);
      const key = pair.key as Node | null;
      if (key?.range && !out.has(key.range[0])) out.set(key.range[0], keyPath);
    },
    Scalar(key, node, path) {
      if (typeof key === "number" && node.range && !out.has(node.range[0]))
        out.set(node.range[0], [...indexPath(path), key]);
    },
    Map(key, node, path) {
      if (typeof key === "number" && node.range && !out.has(node.range[0]))
        out.set(node.range[0], [...indexPath(path), key]);
    },
  });
  return out;
}

type VisitPath = readonly (Document | Node | Pair)[];

/** The key/index path of the collection at the end of a visitor path. */
function indexPath(path: VisitPath): Array<string | number> {
  const out: Array<string | number> = [];
  for (let i = 1; i < path.length; i++) {
    const parent = path[i - 1];
    const node = path[i];
    if (node instanceof Pair) out.push(String((node.key as Scalar).value));
    else if (isSeq(parent)) out.push((parent.items as unknown[]).indexOf(node));
  }
  return out;
}

function keyPathOf(path: VisitPath, pair: Pair): Array<string | number> {
  return [...indexPath(path), String((pair.key as Scalar)?.value)];
}
