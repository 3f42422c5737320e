import type { KnowledgeIssue } from "./types.ts";
import type { YamlFile, YamlPath } from "./yaml-file.ts";

// What a channel could read as markup rather than text: Teams reads markdown, the widget and demo page
// are HTML. Knowledge is plain text; every channel also escapes what it renders.
const MARKUP: ReadonlyArray<{ pattern: RegExp; what: string }> = [
  { pattern: /<\/?[a-z!?][^<>]*>?/i, what: "an HTML tag" },
  { pattern: /&(?:[a-z][a-z0-9]*|#\d+|#x[0-9a-f]+);/i, what: "an HTML entity" },
  { pattern: /!?\[[^\]\n]*\]\s*\([^)\n]*\)/, what: "a markdown link or image" },
  { pattern: /\b(?:javascript|vbscript|data)\s*:/i, what: "a script or data URL" },
  { pattern: /\*\*|__|~~|`/, what: "markdown emphasis or code" },
  { pattern: /^\s{0,3}#{1,6}\s/m, what: "a markdown heading" },
  // A terminal would obey an escape sequence in `cli chat`.
  { pattern: /\p{Cc}/u, what: "a control character" },
];

/** The first markup in `text` ("an HTML tag", "<script>"), or undefined for plain text. */
export function findMarkup(text: string): { what: string; found: string } | undefined {
  // Line breaks and tabs are layout, not control sequences.
  const visible = text.replace(/[\n\r\t]/g, " ");
  for (const { pattern, what } of MARKUP) {
    const match = pattern.exec(what === "a markdown heading" ? text : visible);
    if (match) return { what, found: match[0].slice(0, 40) };
  }
  return undefined;
}

/**
 * An error for every text under `value` (at `path` in `file`) that holds markup, skipping the keys in
 * `skip` (ids, phrasings: never shown as written).
 */
export function checkMarkup(
  file: YamlFile,
  value: unknown,
  path: YamlPath,
  skip: ReadonlySet<string>,
): KnowledgeIssue[] {
  if (typeof value === "string") {
    const markup = findMarkup(value);
    if (markup === undefined) return [];
    return [
      file.issue(
        "markup-in-text",
        path,
        `this text contains ${markup.what} ("${markup.found}"): write plain text, as every channel shows it as written`,
      ),
    ];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => checkMarkup(file, item, [...path, i], skip));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) =>
      skip.has(key) ? [] : checkMarkup(file, item, [...path, key], skip),
    );
  }
  return [];
}
