import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import type { Logger } from "pino";
import type { KnowledgeIssue } from "../../knowledge/index.ts";
import type { History, HistoryEntry } from "./history.ts";
import { resolvePackPath } from "./pack-paths.ts";
import { textHash, type Workspace } from "./workspace.ts";

/** One file to write: its new text (null deletes it), and the hash of the text the editor started from. */
export interface FileWrite {
  path: string;
  text: string | null;
  /** textHash of the text the form was opened on ("" for a file that did not exist); omitted: no check. */
  base?: string;
}

export type SaveResult =
  | { ok: true; entry: HistoryEntry; reloaded: boolean }
  | { ok: false; status: 400 | 409 | 422; message: string; issues: KnowledgeIssue[] };

export interface SaveDeps {
  workspace: Workspace;
  history: History;
  logger: Logger;
  /** The server's hot reload: swaps the engine now instead of waiting for the file watch. */
  reload: (reason: string) => boolean;
}

/**
 * Writes pack files only when nothing changed under the editor (else 409) and the pack still validates
 * (else 422), keeps both versions in the history, logs who and when, and reloads the bot. Synchronous
 * from the first read to the last write, so two saves in this process never interleave.
 */
export function saveFiles(
  deps: SaveDeps,
  request: {
    who: string;
    action: string;
    summary: string;
    writes: FileWrite[];
    articles?: ReadonlyMap<string, string>;
  },
): SaveResult {
  const { workspace, history, logger } = deps;
  const current = new Map<string, string | null>();
  for (const write of request.writes) {
    const full = resolvePackPath(workspace.packDir, write.path);
    if (!full)
      return {
        ok: false,
        status: 400,
        message: `${write.path} is not a file of this knowledge pack.`,
        issues: [],
      };
    const text = existsSync(full) ? readFileSync(full, "utf8") : null;
    current.set(write.path, text);
    if (
      write.base !== undefined &&
      textHash(text ?? "") !== write.base &&
      !(write.base === "" && text === null)
    ) {
      return {
        ok: false,
        status: 409,
        message: `${write.path} was changed by someone else (or on disk) since you opened it. Your edits are still in the form: copy what you need, reload to see the current version, then apply your change again.`,
        issues: [],
      };
    }
  }
  const changes = new Map(
    request.writes.filter((w) => w.text !== null).map((w) => [w.path, w.text as string]),
  );
  const state = workspace.state();
  const checked = workspace.check(
    changes,
    request.articles ? { ...state, articles: request.articles } : state,
  );
  const deleted = new Set(request.writes.filter((w) => w.text === null).map((w) => w.path));
  const blocking = checked.blocking.filter((issue) => !deleted.has(issue.file));
  if (blocking.length > 0) {
    return {
      ok: false,
      status: 422,
      message: `Not saved: ${blocking.length} problem${blocking.length === 1 ? "" : "s"} to fix first. Nothing was written.`,
      issues: blocking,
    };
  }
  for (const write of request.writes) {
    const full = resolvePackPath(workspace.packDir, write.path)!;
    if (write.text === null) {
      if (existsSync(full)) unlinkSync(full);
      continue;
    }
    // Write beside, then rename: the watcher and readers never see half a file.
    writeFileSync(`${full}.studio-tmp`, write.text);
    renameSync(`${full}.studio-tmp`, full);
  }
  const entry = history.record(
    { who: request.who, action: request.action, summary: request.summary },
    request.writes.map((w) => ({ path: w.path, before: current.get(w.path) ?? null, after: w.text })),
  );
  logger.info(
    { who: request.who, action: request.action, files: request.writes.map((w) => w.path), change: entry.id },
    `studio ${request.action}: ${request.summary}`,
  );
  const reloaded = deps.reload(`studio ${request.action} by ${request.who}`);
  return { ok: true, entry, reloaded };
}
