import { basename, extname, join } from "node:path";
import { type KnowledgeFile, parseKnowledge } from "../parse.ts";
import type { KnowledgeBase, KnowledgeIssue } from "../types.ts";
import { packFiles } from "./pack-files.ts";
import { readImport } from "./read-import.ts";
import type { PackTemplate } from "./template.ts";
import { assignTopicIds, type TopicIds } from "./topic-ids.ts";
import type { ImportedSet, ImportFormat } from "./types.ts";

export interface ImportOptions {
  format: ImportFormat;
  /** The folder the pack is for, as the user named it. */
  dir: string;
  template: PackTemplate;
  /** The pack's name; else the file's own (JSON `name`), else the file name. */
  name?: string;
}

export type ImportPackResult =
  | {
      ok: true;
      set: ImportedSet;
      topicIds: TopicIds;
      files: KnowledgeFile[];
      kb: KnowledgeBase;
      /** The new pack's warnings (few phrasings, no short form…), as `validate` would list them. */
      warnings: KnowledgeIssue[];
    }
  | { ok: false; issues: KnowledgeIssue[] };

/**
 * An FAQ file's text → the files of a pack that loads: read and check the file (every problem at
 * its line and column), give each entry a topic id, fill the template, and load the result the way
 * the bot will. Writes nothing.
 */
export function importPack(text: string, file: string, options: ImportOptions): ImportPackResult {
  const read = readImport(text, file, options.format);
  if (!read.ok) return { ok: false, issues: inFileOrder(read.issues) };
  const topicIds = assignTopicIds(read.set);
  const name = options.name?.trim() || read.set.name || basename(file, extname(file));
  const files = packFiles(read.set, topicIds, options.template, { name, dir: options.dir });
  const loaded = parseKnowledge(files);
  const relocate = (issue: KnowledgeIssue) => ({ ...issue, file: join(options.dir, issue.file) });
  if (!loaded.ok) return { ok: false, issues: loaded.issues.map(relocate) };
  return { ok: true, set: read.set, topicIds, files, kb: loaded.kb, warnings: loaded.warnings.map(relocate) };
}

function inFileOrder(issues: readonly KnowledgeIssue[]): KnowledgeIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || a.column - b.column);
}
