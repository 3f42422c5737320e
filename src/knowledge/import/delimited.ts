import type { IssueList, Position } from "./types.ts";

/** One field of a delimited file, with where it starts. */
export interface Cell extends Position {
  value: string;
}

// Hand-written rather than csv-parse: that library reports only where a record ends, and every
// problem here must point at the line and column of its own field.

/**
 * RFC 4180 fields: `a,"b ""c""",d` → [a, b "c", d]. A quote opens a quoted field only at the
 * field's start (elsewhere it is text, as Excel writes it); CRLF, LF and a leading BOM are accepted.
 * Blank lines are skipped. A quoted field left open is reported where it opened.
 */
export function readDelimited(text: string, delimiter: string, issues: IssueList): Cell[][] {
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineStart = i;
  const newline = (at: number) =>
    text[at] === "\r" && text[at + 1] === "\n" ? 2 : text[at] === "\n" ? 1 : 0;

  while (i <= text.length) {
    const start: Position = { line, column: i - lineStart + 1 };
    let value = "";
    let unclosed = false;
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) {
          issues.error(
            "unclosed-quote",
            start,
            'this quoted field is never closed: add the closing " (a quote inside a field is written "")',
          );
          unclosed = true;
          break;
        }
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        const nl = newline(i);
        if (nl) {
          value += "\n";
          i += nl;
          line++;
          lineStart = i;
          continue;
        }
        value += text[i++];
      }
      if (i < text.length && text[i] !== delimiter && !newline(i)) {
        issues.error(
          "text-after-quote",
          { line, column: i - lineStart + 1 },
          `text after the closing quote of a field: put the whole field in quotes and write a quote inside it as ""`,
        );
        while (i < text.length && text[i] !== delimiter && !newline(i)) value += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== delimiter && !newline(i)) value += text[i++];
    }
    row.push({ value, ...start });
    if (i < text.length && text[i] === delimiter) {
      i++;
      continue;
    }
    // A row swallowed by an unclosed quote is reported once, not again for its missing fields.
    if (!unclosed && !(row.length === 1 && row[0]!.value === "")) rows.push(row);
    row = [];
    const nl = i < text.length ? newline(i) : 0;
    if (!nl) break;
    i += nl;
    line++;
    lineStart = i;
  }
  return rows;
}
