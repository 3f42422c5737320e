import { readDelimited } from "./delimited.ts";
import { type FaqRow, groupRows } from "./group-rows.ts";
import { type Columns, cellOf, checkWidth, readHeader } from "./header.ts";
import { type ImportResult, IssueList } from "./types.ts";

const COLUMNS = ["id", "question", "answer"];
const REQUIRED = ["question", "answer"];
/** A first row naming any of these is a header; anything else is the first question. */
const HEADER_WORDS = /^(id|questions?|answers?|q|a)$/i;

/**
 * A CSV of question,answer (RFC 4180 quoting), with an optional header that may add an `id`
 * column: rows with the same id, or else the same answer, become one topic.
 */
export function parseQuestionCsv(text: string, file: string): ImportResult {
  const issues = new IssueList(file);
  const rows = readDelimited(text, ",", issues);
  if (rows.length === 0) {
    issues.error(
      "empty-file",
      { line: 1, column: 1 },
      "the file has no rows: write one question,answer per line",
    );
    return { ok: false, issues: issues.issues };
  }
  const hasHeader = rows[0]!.some((cell) => HEADER_WORDS.test(cell.value.trim()));
  const columns: Columns = hasHeader
    ? readHeader(rows[0]!, COLUMNS, REQUIRED, issues, "a question,answer CSV")
    : new Map([
        ["question", 0],
        ["answer", 1],
      ]);
  if (!REQUIRED.every((column) => columns.has(column))) return { ok: false, issues: issues.issues };
  const width = hasHeader ? rows[0]!.length : 2;
  const faqRows: FaqRow[] = [];
  for (const row of rows.slice(hasHeader ? 1 : 0)) {
    if (!checkWidth(row, width, issues, "comma")) continue;
    const id = cellOf(row, columns, "id");
    faqRows.push({
      question: cellOf(row, columns, "question")!,
      answer: cellOf(row, columns, "answer")!,
      ...(id ? { id } : {}),
      notes: [],
      related: [],
    });
  }
  const entries = groupRows(faqRows, issues);
  if (issues.issues.length) return { ok: false, issues: issues.issues };
  return {
    ok: true,
    set: { file, format: "csv", attribution: [], entries, dev: [], offTopic: [], test: [] },
  };
}
