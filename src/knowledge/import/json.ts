import { type Node, type ParseError, parseTree, printParseErrorCode } from "jsonc-parser";
import type { ImportedEntry, ImportResult, LabelledQuery, Position } from "./types.ts";
import { IssueList } from "./types.ts";

const ROOT_TEXT = ["name", "source", "license", "paper", "notes"];
const ROOT_KEYS = new Set([...ROOT_TEXT, "entries", "test", "dev", "oos_train"]);
const QUERY_KEYS = new Set(["q", "expect", "accept"]);
const SHAPE =
  '{"entries": [{"id": "…", "answer": "…", "questions": ["…"]}]} (optionally "test", "dev" and "oos_train")';

/** Character offset → 1-based line and column, by binary search over the line starts. */
function positions(text: string): (offset: number) => Position {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

/** "CloseBraceExpected" → "close brace expected" */
const describeSyntax = (error: ParseError) =>
  printParseErrorCode(error.error)
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();

/**
 * `{"entries":[{"id","answer","questions":[…]}]}`, and the benchmark files' extra fields: `name`,
 * attribution, `dev` and `test` splits of labelled queries, `oos_train` out-of-scope examples.
 */
export function parseEntriesJson(text: string, file: string): ImportResult {
  const issues = new IssueList(file);
  // A byte-order mark becomes a space: the same offsets, and no syntax error.
  const json = text.replace(/^\uFEFF/, " ");
  const at = positions(json);
  const errors: ParseError[] = [];
  const root = parseTree(json, errors, { disallowComments: true });
  // One slip often raises two codes at one place ("property name expected", "value expected"): report the first.
  const seen = new Set<number>();
  for (const error of errors) {
    if (seen.has(error.offset)) continue;
    seen.add(error.offset);
    issues.error(
      "json-syntax",
      at(error.offset),
      `JSON syntax error: ${describeSyntax(error)}; fix the brackets, commas or quotes here`,
    );
  }
  if (errors.length || !root) return { ok: false, issues: issues.issues };
  const where = (node: Node) => at(node.offset);
  const wrong = (node: Node, what: string, expected: string) =>
    issues.error("wrong-type", where(node), `${what} should be ${expected}, but it is ${describe(node)}`);
  const reader: Reader = { issues, where, wrong, fields: (node) => fieldsOf(node, issues, where) };

  if (root.type !== "object") {
    wrong(root, "the file", `an object like ${SHAPE}`);
    return { ok: false, issues: issues.issues };
  }
  const fields = reader.fields(root);
  for (const [key, { keyNode }] of fields) {
    if (!ROOT_KEYS.has(key))
      issues.error("unknown-field", where(keyNode), `unknown field '${key}': the file is ${SHAPE}`);
  }
  const textField = (key: string) => {
    const node = fields.get(key)?.value;
    if (node && node.type !== "string") wrong(node, `'${key}'`, "text");
    return node?.type === "string" ? (node.value as string).trim() : "";
  };
  const name = textField("name");
  const attribution = ["source", "license", "paper"]
    .map((key) => [key, textField(key)] as const)
    .filter(([, value]) => value)
    .map(([key, value]) => `${key}: ${value}`);
  textField("notes");

  const entriesNode = fields.get("entries")?.value;
  if (!entriesNode) {
    issues.error("missing-field", where(root), `missing field 'entries': the file is ${SHAPE}`);
    return { ok: false, issues: issues.issues };
  }
  const entries = readEntries(entriesNode, reader);
  const ids = new Set(entries.flatMap((e) => (e.givenId ? [e.givenId] : [])));
  const queries = (key: string) => readQueries(fields.get(key)?.value, key, ids, reader);
  const dev = queries("dev");
  const test = queries("test");
  const offTopic = readTexts(fields.get("oos_train")?.value, "oos_train", wrong);
  if (issues.issues.length) return { ok: false, issues: issues.issues };
  return {
    ok: true,
    set: { file, format: "json", ...(name ? { name } : {}), attribution, entries, dev, offTopic, test },
  };
}

type Where = (node: Node) => Position;
type Wrong = (node: Node, what: string, expected: string) => void;

/** What every part of the file is read with: where problems go and how nodes are located. */
interface Reader {
  issues: IssueList;
  where: Where;
  wrong: Wrong;
  fields: (node: Node) => Fields;
}

type Fields = Map<string, { keyNode: Node; value: Node | undefined }>;

/** An object's fields by name; a name given twice is reported, since JSON readers keep only one. */
function fieldsOf(node: Node, issues: IssueList, where: Where): Fields {
  const out: Fields = new Map();
  for (const property of node.children ?? []) {
    const [keyNode, value] = property.children ?? [];
    if (!keyNode) continue;
    const key = keyNode.value as string;
    const first = out.get(key);
    if (first)
      issues.error(
        "duplicate-field",
        where(keyNode),
        `field '${key}' is given twice (also at line ${where(first.keyNode).line}): keep one`,
      );
    else out.set(key, { keyNode, value });
  }
  return out;
}

function describe(node: Node): string {
  if (node.type === "string") return (node.value as string).trim() ? "text" : "empty text";
  if (node.type === "array" && !node.children?.length) return "an empty list";
  const names: Record<string, string> = { object: "an object", array: "a list", null: "null" };
  return names[node.type] ?? `a ${node.type}`;
}

function readEntries(node: Node, { issues, where, wrong, fields: fieldsOfNode }: Reader): ImportedEntry[] {
  if (node.type !== "array") {
    wrong(node, "'entries'", "a list of {id, answer, questions}");
    return [];
  }
  const entries: ImportedEntry[] = [];
  const firstAt = new Map<string, Position>();
  const askedAt = new Map<string, { line: number; entry: number }>();
  for (const [i, item] of (node.children ?? []).entries()) {
    const path = `entries[${i}]`;
    if (item.type !== "object") {
      wrong(item, path, 'an object {"id", "answer", "questions"}');
      continue;
    }
    const fields = fieldsOfNode(item);
    const entry: ImportedEntry = { at: where(item), questions: [], answer: "", notes: [], related: [] };
    const idNode = fields.get("id")?.value;
    if (idNode && (idNode.type === "string" || idNode.type === "number") && String(idNode.value).trim()) {
      const id = String(idNode.value).trim();
      const first = firstAt.get(id);
      if (first) {
        issues.error(
          "duplicate-id",
          where(idNode),
          `duplicate id '${id}': also used at line ${first.line}; give each entry its own id`,
        );
      } else firstAt.set(id, where(idNode));
      entry.givenId = id;
    } else if (idNode) wrong(idNode, `${path}.id`, "text");

    const answerNode = fields.get("answer")?.value;
    if (!answerNode) issues.error("missing-field", where(item), `${path} has no 'answer': add it`);
    else if (answerNode.type !== "string" || !(answerNode.value as string).trim())
      wrong(answerNode, `${path}.answer`, "the answer's text");
    else entry.answer = (answerNode.value as string).trim();

    const questionsNode = fields.get("questions")?.value;
    if (!questionsNode)
      issues.error("missing-field", where(item), `${path} has no 'questions': add at least one`);
    else if (questionsNode.type !== "array" || !questionsNode.children?.length)
      wrong(questionsNode, `${path}.questions`, "a list of at least one question");
    else {
      for (const [n, q] of questionsNode.children.entries()) {
        if (q.type !== "string" || !(q.value as string).trim()) {
          wrong(q, `${path}.questions[${n}]`, "the question's text");
          continue;
        }
        const text = (q.value as string).trim();
        const key = text.replace(/\s+/g, " ").toLowerCase();
        const asked = askedAt.get(key);
        if (asked && asked.entry !== i) {
          issues.error(
            "question-with-two-answers",
            where(q),
            `this question is also entries[${asked.entry}]'s (line ${asked.line}): one question leads to one answer, so keep it in one entry`,
          );
          continue;
        }
        askedAt.set(key, { line: where(q).line, entry: i });
        entry.questions.push({ text, at: where(q) });
      }
    }
    // Other plain fields ("domain", "category") are kept as notes; nothing else is expected.
    for (const [key, { keyNode, value }] of fields) {
      if (key === "id" || key === "answer" || key === "questions" || !value) continue;
      if (value.type === "string" || value.type === "number" || value.type === "boolean")
        entry.notes.push(`${key}: ${value.value}`);
      else
        issues.error(
          "unknown-field",
          where(keyNode),
          `unknown field '${key}' in ${path}: an entry has id, answer and questions (and plain-text extras)`,
        );
    }
    entries.push(entry);
  }
  return entries;
}

function readQueries(
  node: Node | undefined,
  key: string,
  ids: ReadonlySet<string>,
  { issues, where, wrong, fields: fieldsOfNode }: Reader,
): LabelledQuery[] {
  if (!node) return [];
  if (node.type !== "array") {
    wrong(node, `'${key}'`, 'a list of {"q", "expect"}');
    return [];
  }
  const label = (n: Node, what: string): string | undefined => {
    const id = n.type === "string" || n.type === "number" ? String(n.value).trim() : undefined;
    if (id === undefined) wrong(n, what, "an entry id");
    else if (!ids.has(id))
      issues.error("unknown-id", where(n), `${what} names '${id}', which is no entry's id`);
    return id;
  };
  const out: LabelledQuery[] = [];
  for (const [i, item] of (node.children ?? []).entries()) {
    const path = `${key}[${i}]`;
    if (item.type !== "object") {
      wrong(item, path, 'an object {"q", "expect"}');
      continue;
    }
    const fields = fieldsOfNode(item);
    for (const [name, { keyNode }] of fields) {
      if (!QUERY_KEYS.has(name))
        issues.error(
          "unknown-field",
          where(keyNode),
          `unknown field '${name}' in ${path}: use q, expect, accept`,
        );
    }
    const q = fields.get("q")?.value;
    const expect = fields.get("expect")?.value;
    if (q?.type !== "string" || !(q.value as string).trim()) {
      if (q) wrong(q, `${path}.q`, "the query's text");
      else issues.error("missing-field", where(item), `${path} has no 'q'`);
      continue;
    }
    if (!expect) {
      issues.error("missing-field", where(item), `${path} has no 'expect' (an entry id, or null)`);
      continue;
    }
    const query: LabelledQuery = { q: (q.value as string).trim(), expect: null };
    if (expect.type !== "null") query.expect = label(expect, `${path}.expect`) ?? null;
    const accept = fields.get("accept")?.value;
    if (accept?.type === "array")
      query.accept = (accept.children ?? []).map((n, a) => label(n, `${path}.accept[${a}]`) ?? "");
    else if (accept) wrong(accept, `${path}.accept`, "a list of entry ids");
    out.push(query);
  }
  return out;
}

function readTexts(node: Node | undefined, key: string, wrong: Wrong): string[] {
  if (!node) return [];
  if (node.type !== "array") {
    wrong(node, `'${key}'`, "a list of queries");
    return [];
  }
  const out: string[] = [];
  for (const [i, item] of (node.children ?? []).entries()) {
    if (item.type === "string" && (item.value as string).trim()) out.push((item.value as string).trim());
    else wrong(item, `${key}[${i}]`, "a query's text");
  }
  return out;
}
