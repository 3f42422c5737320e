import { type Cell, readDelimited } from "./delimited.ts";
import { type FaqRow, groupRows } from "./group-rows.ts";
import { cellOf, checkWidth, readHeader } from "./header.ts";
import { type ImportResult, IssueList } from "./types.ts";

// The columns of a QnA Maker / Azure Custom Question Answering TSV export, as they spell them.
const COLUMNS = [
  "Question",
  "Answer",
  "Source",
  "Metadata",
  "SuggestedQuestions",
  "IsContextOnly",
  "Prompts",
  "QnaId",
  "SourceDisplayName",
];
const REQUIRED = ["Question", "Answer"];
const FORMAT = "a QnA Maker TSV export";

/**
 * A QnA Maker export: one row per question, the rows of one QnaId (or, without that column, of
 * one answer) form one topic. Source, metadata and "context only" are kept as notes, multi-turn
 * prompts as related topics. Answers written with a literal `\n` get their line breaks back.
 */
export function parseQnaTsv(text: string, file: string): ImportResult {
  const issues = new IssueList(file);
  const rows = readDelimited(text, "\t", issues);
  const header = rows[0];
  if (!header?.some((cell) => /^(question|answer)$/i.test(cell.value.trim()))) {
    const found = header
      ? `"${header
          .map((c) => c.value)
          .join(" | ")
          .slice(0, 80)}"`
      : "an empty file";
    issues.error(
      "not-a-qna-export",
      header?.[0] ?? { line: 1, column: 1 },
      `the first line should be the header Question<TAB>Answer<TAB>Source<TAB>Metadata of a QnA Maker export, but it is ${found}: export the knowledge base again as TSV, or use --format csv for a question,answer file`,
    );
    return { ok: false, issues: issues.issues };
  }
  const columns = readHeader(header, COLUMNS, REQUIRED, issues, FORMAT);
  if (!REQUIRED.every((column) => columns.has(column.toLowerCase())))
    return { ok: false, issues: issues.issues };

  const faqRows: FaqRow[] = [];
  for (const row of rows.slice(1)) {
    if (!checkWidth(row, header.length, issues, "tab")) continue;
    const field = (name: string) => cellOf(row, columns, name.toLowerCase());
    const answer = field("Answer")!;
    const id = field("QnaId");
    faqRows.push({
      question: field("Question")!,
      answer: { ...answer, value: answer.value.replace(/\\r\\n|\\n/g, "\n") },
      ...(id?.value.trim() ? { id } : {}),
      notes: notesOf(field, issues),
      related: promptIds(field("Prompts"), issues),
    });
  }
  const entries = groupRows(faqRows, issues);
  const ids = new Set(entries.map((entry) => entry.givenId));
  for (const entry of entries) {
    for (const id of entry.related.filter((related) => !ids.has(related))) {
      issues.error(
        "unknown-prompt",
        entry.at,
        `a prompt of this question points at QnaId ${id}, which is not in the file: add that answer or remove the prompt`,
      );
    }
  }
  if (issues.issues.length) return { ok: false, issues: issues.issues };
  return {
    ok: true,
    set: { file, format: "qna-tsv", attribution: [], entries, dev: [], offTopic: [], test: [] },
  };
}

function notesOf(field: (name: string) => Cell | undefined, issues: IssueList): string[] {
  const notes: string[] = [];
  const value = (name: string) => field(name)?.value.trim() ?? "";
  if (value("Source")) notes.push(`source: ${value("Source")}`);
  const display = value("SourceDisplayName");
  if (display && display !== value("Source")) notes.push(`source name: ${display}`);
  const metadata = field("Metadata");
  const pairs = metadata ? metadataPairs(metadata, issues) : [];
  if (pairs.length) notes.push(`metadata: ${pairs.join(", ")}`);
  if (/^true$/i.test(value("IsContextOnly")))
    notes.push("context only in QnA Maker (reached through a prompt there; answered directly here)");
  const suggested = value("SuggestedQuestions");
  if (suggested && suggested !== "[]") notes.push(`suggested questions in QnA Maker: ${suggested}`);
  return notes;
}

/** "category:api|audience:staff" or [{"name":"category","value":"api"}] → ["category=api", …]. */
function metadataPairs(cell: Cell, issues: IssueList): string[] {
  const text = cell.value.trim();
  if (!text || text === "[]") return [];
  if (text.startsWith("[")) {
    const parsed = parseJson(text);
    if (Array.isArray(parsed) && parsed.every((m) => m && typeof m === "object" && "name" in m)) {
      return parsed.map((m: { name: unknown; value?: unknown }) => `${m.name}=${m.value ?? ""}`);
    }
    issues.error(
      "bad-metadata",
      cell,
      'Metadata is neither key:value|key:value nor a JSON list of {"name","value"}: fix it or empty it',
    );
    return [];
  }
  return text
    .split("|")
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf(":");
      return at < 0 ? pair : `${pair.slice(0, at).trim()}=${pair.slice(at + 1).trim()}`;
    });
}

/** [{"displayOrder":0,"qnaId":2,"displayText":"…"}] → ["2"]: the follow-up answers of a multi-turn pair. */
function promptIds(cell: Cell | undefined, issues: IssueList): string[] {
  const text = cell?.value.trim() ?? "";
  if (!cell || !text || text === "[]") return [];
  const parsed = parseJson(text);
  if (Array.isArray(parsed) && parsed.every((p) => p && typeof p === "object" && "qnaId" in p)) {
    return parsed.map((p: { qnaId: unknown }) => String(p.qnaId));
  }
  issues.error(
    "bad-prompts",
    cell,
    'Prompts is not a JSON list of {"displayOrder","qnaId","displayText"}: fix it or write []',
  );
  return [];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Malformed JSON is reported by the caller, at the cell, with what was expected.
    return undefined;
  }
}
