import { extname } from "node:path";
import { parseQuestionCsv } from "./csv.ts";
import { parseEntriesJson } from "./json.ts";
import { parseQnaTsv } from "./qna-tsv.ts";
import type { ImportFormat, ImportResult } from "./types.ts";

const BY_EXTENSION: Record<string, ImportFormat> = { ".tsv": "qna-tsv", ".csv": "csv", ".json": "json" };

/** "faq.tsv" → "qna-tsv"; undefined when the extension says nothing. */
export function formatFromPath(path: string): ImportFormat | undefined {
  return BY_EXTENSION[extname(path).toLowerCase()];
}

/** The text of an import file in `format` → its entries and splits, or every problem found. */
export function readImport(text: string, file: string, format: ImportFormat): ImportResult {
  switch (format) {
    case "qna-tsv":
      return parseQnaTsv(text, file);
    case "csv":
      return parseQuestionCsv(text, file);
    case "json":
      return parseEntriesJson(text, file);
  }
}
