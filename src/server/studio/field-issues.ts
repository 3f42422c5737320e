import type { KnowledgeIssue } from "../../knowledge/index.ts";
import type { FieldProblem } from "./form-values.ts";
import { pathsByOffset } from "./yaml-patch.ts";

/** A validator issue placed beside the form field it is about ("claims.0.support.1.quote"), or none. */
export interface FieldIssue {
  severity: "error" | "warning";
  code: string;
  message: string;
  field: string | null;
  file: string;
  line: number;
  column: number;
}

function offsetOf(text: string, line: number, column: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf("\n", at);
    if (next < 0) return text.length;
    at = next + 1;
  }
  return at + column - 1;
}

/** The validator's issues for `file`, each with the field of the node it points at. */
export function placeIssues(issues: readonly KnowledgeIssue[], file: string, text: string): FieldIssue[] {
  const paths = pathsByOffset(text);
  return issues.map((issue) => {
    const path = issue.file === file ? paths.get(offsetOf(text, issue.line, issue.column)) : undefined;
    return {
      severity: issue.severity,
      code: issue.code,
      message: issue.message,
      field: path ? path.join(".") : null,
      file: issue.file,
      line: issue.line,
      column: issue.column,
    };
  });
}

export const problemIssues = (problems: readonly FieldProblem[], file: string): FieldIssue[] =>
  problems.map((p) => ({
    severity: "error",
    code: p.code,
    message: p.message,
    field: p.field,
    file,
    line: 0,
    column: 0,
  }));
