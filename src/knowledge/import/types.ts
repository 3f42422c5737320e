import type { KnowledgeIssue } from "../types.ts";

/** The FAQ formats `cli import` reads. */
export const IMPORT_FORMATS = ["qna-tsv", "csv", "json"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** 1-based line and column in the imported file. */
export interface Position {
  line: number;
  column: number;
}

export interface ImportedQuestion {
  text: string;
  at: Position;
}

/** One answer of the imported FAQ with every question that leads to it: becomes one topic. */
export interface ImportedEntry {
  /** The id the file gives it (JSON `id`, QnA Maker `QnaId`, a CSV `id` column), if any. */
  givenId?: string;
  at: Position;
  questions: ImportedQuestion[];
  answer: string;
  /** What else the file says about it (source, metadata, prompts): kept as comments in the topic file. */
  notes: string[];
  /** Given ids of entries to suggest next (QnA Maker's multi-turn prompts). */
  related: string[];
}

/** A labelled query of a benchmark: `expect` null means out of scope; `accept` lists every right entry. */
export interface LabelledQuery {
  q: string;
  expect: string | null;
  accept?: string[];
}

/** Everything read from one import file, before it becomes a pack. */
export interface ImportedSet {
  file: string;
  format: ImportFormat;
  /** The file's own name for the FAQ (JSON `name`), if any. */
  name?: string;
  /** Where the content comes from and under which licence, as the file states it. */
  attribution: string[];
  entries: ImportedEntry[];
  /** Labelled queries to fit on: written to the pack as dev.jsonl. */
  dev: LabelledQuery[];
  /** Labelled out-of-scope queries: written to the pack as off-topic.yaml. */
  offTopic: string[];
  /** Held-out queries to report on: never written into the pack. */
  test: LabelledQuery[];
}

export type ImportResult = { ok: true; set: ImportedSet } | { ok: false; issues: KnowledgeIssue[] };

/** Collects a file's problems, all of them, each pointing at its line and column. */
export class IssueList {
  readonly issues: KnowledgeIssue[] = [];
  constructor(readonly file: string) {}

  error(code: string, at: Position, message: string): void {
    this.issues.push({ severity: "error", code, file: this.file, line: at.line, column: at.column, message });
  }
}
