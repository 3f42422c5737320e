import type { Cell } from "./delimited.ts";
import type { ImportedEntry, IssueList } from "./types.ts";

/** One question-and-answer row of a CSV or TSV file. */
export interface FaqRow {
  question: Cell;
  answer: Cell;
  /** The row's own id column (QnA Maker's QnaId, a CSV `id`), when the file has one. */
  id?: Cell;
  notes: string[];
  related: string[];
}

const sameText = (text: string) => text.replace(/\s+/g, " ").trim();

/**
 * Rows → entries: rows with the same id, or with no id and the same answer, are one entry with
 * several questions ("Where are you?" and "Your address?" both answered "12 High St."). Empty
 * questions and answers, and an id given two different answers, are reported.
 */
export function groupRows(rows: readonly FaqRow[], issues: IssueList): ImportedEntry[] {
  const entries = new Map<string, { entry: ImportedEntry; answerAt: Cell }>();
  for (const row of rows) {
    const question = row.question.value.trim();
    const answer = row.answer.value.trim();
    if (!question)
      issues.error("empty-question", row.question, "the question is empty: write it, or delete the row");
    if (!answer) issues.error("empty-answer", row.answer, "the answer is empty: write it, or delete the row");
    if (!question || !answer) continue;
    const id = row.id?.value.trim();
    const key = id ? `id:${id}` : `answer:${sameText(answer)}`;
    const found = entries.get(key);
    if (!found) {
      const entry: ImportedEntry = {
        at: { line: row.question.line, column: row.question.column },
        questions: [],
        answer,
        notes: [],
        related: [],
        ...(id ? { givenId: id } : {}),
      };
      entries.set(key, { entry, answerAt: row.answer });
    } else if (sameText(found.entry.answer) !== sameText(answer)) {
      issues.error(
        "conflicting-answers",
        row.answer,
        `id '${id}' has a different answer on line ${found.answerAt.line}: rows with one id share one answer; give this row its own id or the same answer`,
      );
      continue;
    }
    const { entry } = entries.get(key)!;
    entry.questions.push({ text: question, at: { line: row.question.line, column: row.question.column } });
    for (const note of row.notes) if (!entry.notes.includes(note)) entry.notes.push(note);
    for (const id of row.related) if (!entry.related.includes(id)) entry.related.push(id);
  }
  return [...entries.values()].map(({ entry }) => entry);
}
