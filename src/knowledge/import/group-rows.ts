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
const sameQuestion = (text: string) => sameText(text).toLowerCase();

/**
 * Rows → entries: rows with the same id, or with no id and the same answer, are one entry with
 * several questions ("Where are you?" and "Your address?" both answered "12 High St."). Empty
 * questions and answers, and an id given two different answers, are reported.
 */
export function groupRows(rows: readonly FaqRow[], issues: IssueList): ImportedEntry[] {
  const entries = new Map<string, { entry: ImportedEntry; answerAt: Cell }>();
  const askedAt = new Map<string, { line: number; key: string }>();
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
    if (found && sameText(found.entry.answer) !== sameText(answer)) {
      issues.error(
        "conflicting-answers",
        row.answer,
        `id '${id}' has a different answer on line ${found.answerAt.line}: rows with one id share one answer; give this row its own id or the same answer`,
      );
      continue;
    }
    const asked = askedAt.get(sameQuestion(question));
    if (asked && asked.key !== key) {
      issues.error(
        "question-with-two-answers",
        row.question,
        `this question is also on line ${asked.line} with another answer: one question leads to one answer, so keep one of the rows`,
      );
      continue;
    }
    askedAt.set(sameQuestion(question), { line: row.question.line, key });
    const entry: ImportedEntry = found?.entry ?? {
      at: { line: row.question.line, column: row.question.column },
      questions: [],
      answer,
      notes: [],
      related: [],
      ...(id ? { givenId: id } : {}),
    };
    if (!found) entries.set(key, { entry, answerAt: row.answer });
    entry.questions.push({ text: question, at: { line: row.question.line, column: row.question.column } });
    for (const note of row.notes) if (!entry.notes.includes(note)) entry.notes.push(note);
    for (const related of row.related) if (!entry.related.includes(related)) entry.related.push(related);
  }
  return [...entries.values()].map(({ entry }) => entry);
}
