import type { PackFile } from "./schema.ts";
import type { KnowledgeIssue } from "./types.ts";
import type { YamlFile } from "./yaml-file.ts";

// "911", "+44 20 7946 0000", "(555) 010-0134": what a phone can dial, as people write it.
const DIALLABLE = /^\+?[\d ()-]+$/;
const MIN_DIGITS = 2;

/** The manifest's channel copy beyond its shape: numbers the channels dial, pages the server serves. */
export function checkCopy(file: YamlFile, pack: PackFile): KnowledgeIssue[] {
  const issues: KnowledgeIssue[] = [];
  (pack.copy.emergency_numbers ?? []).forEach((number, i) => {
    const digits = number.replace(/\D/g, "").length;
    if (!DIALLABLE.test(number.trim()) || digits < MIN_DIGITS) {
      issues.push(
        file.issue(
          "not-a-phone-number",
          ["copy", "emergency_numbers", i],
          `emergency number '${number}' is not a phone number: write it as dialled, digits with an optional +, spaces, brackets or -`,
        ),
      );
    }
  });
  for (const page of ["privacy", "terms"] as const) {
    const copy = pack.copy[page];
    for (const field of ["title", "body"] as const) {
      if (copy && copy[field].trim() === "") {
        issues.push(
          file.issue(
            "empty-copy",
            ["copy", page, field],
            `copy.${page}.${field} is empty: write it, or remove copy.${page} (then /${page} is not served)`,
          ),
        );
      }
    }
  }
  return issues;
}
