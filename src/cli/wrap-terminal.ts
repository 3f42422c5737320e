import { stripVTControlCharacters } from "node:util";
import wrapAnsi from "wrap-ansi";

/** Narrower than this, wrapping helps nobody: the text is printed as it is. */
const MIN_WIDTH = 24;
// What continuation lines align under: leading spaces, then a list marker or a speaker label.
const MARKER = /^(\[\d+\] |• |\d+\. |→ |[A-Za-z]+ › )/;
// Leading spaces, possibly after a colour code: "\x1b[33m  • title" → the codes and the 2 spaces.
// biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes begin with ESC.
const LEADING = /^((?:\x1b\[[\d;]*m)*)( +)/;

/**
 * Wraps each line at `width` columns between words, continuation lines indented under the text after
 * the line's marker: ("  [1] A long title", 14) => "  [1] A long\n      title". ANSI colours carry over.
 * Without a width (not a terminal), the text is returned as it is.
 */
export function wrapForTerminal(text: string, width: number | undefined): string {
  if (width === undefined || width < MIN_WIDTH) return text;
  return text
    .split("\n")
    .map((line) => wrapLine(line, width))
    .join("\n");
}

function wrapLine(line: string, width: number): string {
  const plain = stripVTControlCharacters(line);
  if (plain.length <= width) return line;
  const leading = plain.length - plain.trimStart().length;
  const marker = MARKER.exec(plain.slice(leading))?.[1] ?? "";
  // A marker as wide as the line would leave no room: hang under the leading spaces only.
  const indent = leading + marker.length < width / 2 ? leading + marker.length : leading;
  const wrap = (text: string, columns: number) =>
    wrapAnsi(text, columns, { hard: false, trim: true }).split("\n");
  // The first line may use the whole width; the rest, rewrapped, what is left beside the indent.
  const [first = "", ...others] = wrap(line.replace(LEADING, "$1"), width - leading);
  const rest = others.length > 0 ? wrap(others.join(" "), width - indent) : [];
  return [" ".repeat(leading) + first, ...rest.map((part) => " ".repeat(indent) + part)].join("\n");
}
