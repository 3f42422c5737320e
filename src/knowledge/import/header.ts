import type { Cell } from "./delimited.ts";
import type { IssueList } from "./types.ts";

/** Column name (lower case) → its index in the file's rows. */
export type Columns = Map<string, number>;

/**
 * Reads a header row against the columns a format knows: each unknown, repeated or missing one is
 * reported at its cell. `display` gives each known column's name as the format spells it.
 */
export function readHeader(
  header: readonly Cell[],
  display: readonly string[],
  required: readonly string[],
  issues: IssueList,
  format: string,
): Columns {
  const known = new Map(display.map((name) => [name.toLowerCase(), name]));
  const columns: Columns = new Map();
  const expected = display.join(", ");
  header.forEach((cell, index) => {
    const name = cell.value.trim().toLowerCase();
    if (!known.has(name)) {
      issues.error(
        "unknown-column",
        cell,
        `unknown column '${cell.value.trim()}': ${format} has the columns ${expected}; rename it or remove it`,
      );
    } else if (columns.has(name)) {
      issues.error("duplicate-column", cell, `column '${known.get(name)}' appears twice: keep one`);
    } else columns.set(name, index);
  });
  for (const name of required) {
    if (!columns.has(name.toLowerCase())) {
      issues.error(
        "missing-column",
        header[0] ?? { line: 1, column: 1 },
        `the header has no '${name}' column: ${format} needs ${required.join(" and ")} (its columns are ${expected})`,
      );
    }
  }
  return columns;
}

/** The cell of `column` in `row`; a missing trailing field reads as an empty one at the row's end. */
export function cellOf(row: readonly Cell[], columns: Columns, column: string): Cell | undefined {
  const index = columns.get(column);
  if (index === undefined) return undefined;
  const last = row[row.length - 1]!;
  return row[index] ?? { value: "", line: last.line, column: last.column + last.value.length };
}

/** Reports fields beyond the header's last column: usually an unquoted delimiter inside a field. */
export function checkWidth(
  row: readonly Cell[],
  width: number,
  issues: IssueList,
  delimiterName: string,
): boolean {
  if (row.length <= width) return true;
  issues.error(
    "too-many-fields",
    row[width]!,
    `this row has ${row.length} fields but the header has ${width}: a ${delimiterName} inside a field? Put that field in double quotes`,
  );
  return false;
}
