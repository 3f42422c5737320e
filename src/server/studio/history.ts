import { execFileSync } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "pino";

/** One file a save changed: its text before and after, by content hash (null: absent). */
export interface FileChange {
  path: string;
  before: string | null;
  after: string | null;
}

/** One save, rollback or publish: who, when, what, and the commit when the pack is a git work tree. */
export interface HistoryEntry {
  id: string;
  time: string;
  who: string;
  action: string;
  summary: string;
  files: FileChange[];
  commit?: string;
}

export interface History {
  /** Keeps both versions of every file and appends the entry; commits when the pack is in git. */
  record(
    entry: Omit<HistoryEntry, "id" | "time" | "files" | "commit">,
    files: Array<{ path: string; before: string | null; after: string | null }>,
  ): HistoryEntry;
  /** Newest first. */
  list(limit: number): HistoryEntry[];
  get(id: string): HistoryEntry | undefined;
  /** A stored version's text. */
  text(hash: string | null): string | null;
  /** "git" when saves are also commits. */
  readonly mode: "snapshots" | "git";
}

const hashOf = (text: string) => createHash("sha256").update(text).digest("hex");

/** The git work tree `dir` is in, or undefined (no git, or not a work tree). */
function gitRoot(dir: string): string | undefined {
  try {
    return execFileSync("git", ["-C", dir, "rev-parse", "--show-toplevel"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return undefined; // not a git work tree (or no git): snapshots only, by design
  }
}

/**
 * Every save kept as content-addressed snapshots under `dataDir/history` (an index of JSON lines and
 * one file per version), so any change can be shown as a diff and rolled back; when `packDir` is inside
 * a git work tree and `gitCommits` is on, each save is also a commit of just the files it changed.
 */
export function createHistory(options: {
  dataDir: string;
  packDir: string;
  gitCommits: boolean;
  logger: Logger;
}): History {
  const dir = join(options.dataDir, "history");
  const blobs = join(dir, "versions");
  const index = join(dir, "index.jsonl");
  mkdirSync(blobs, { recursive: true });
  const git = options.gitCommits ? gitRoot(options.packDir) : undefined;

  const store = (text: string | null): string | null => {
    if (text === null) return null;
    const hash = hashOf(text);
    const file = join(blobs, hash);
    if (!existsSync(file)) writeFileSync(file, text);
    return hash;
  };

  const readAll = (): HistoryEntry[] =>
    existsSync(index)
      ? readFileSync(index, "utf8")
          .split("\n")
          .filter(Boolean)
          .flatMap((line) => {
            try {
              return [JSON.parse(line) as HistoryEntry];
            } catch {
              options.logger.warn({ file: index }, "skipped an unreadable line of the studio history");
              return [];
            }
          })
      : [];

  function commit(entry: HistoryEntry): string | undefined {
    if (!git) return undefined;
    const paths = entry.files.map((file) => file.path);
    const run = (args: string[]) =>
      execFileSync("git", ["-C", options.packDir, ...args], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
        env: {
          ...process.env,
          GIT_COMMITTER_NAME: "Knowledge studio",
          GIT_COMMITTER_EMAIL: "studio@localhost",
        },
      });
    try {
      run(["add", "-A", "--", ...paths]);
      const author = `${entry.who.replace(/[<>\n]/g, "")} <studio@localhost>`;
      run([
        "commit",
        "--quiet",
        "--only",
        "--author",
        author,
        "-m",
        `${entry.summary}\n\nKnowledge studio: ${entry.action} by ${entry.who}`,
        "--",
        ...paths,
      ]);
      return run(["rev-parse", "HEAD"]).trim();
    } catch (err) {
      options.logger.warn(
        { err: err instanceof Error ? err.message : String(err) },
        "studio could not commit a save to git; the snapshot is kept",
      );
      return undefined;
    }
  }

  return {
    mode: git ? "git" : "snapshots",
    record(entry, files) {
      const full: HistoryEntry = {
        id: randomUUID(),
        time: new Date().toISOString(),
        ...entry,
        files: files.map((file) => ({
          path: file.path,
          before: store(file.before),
          after: store(file.after),
        })),
      };
      const sha = commit(full);
      if (sha) full.commit = sha;
      appendFileSync(index, `${JSON.stringify(full)}\n`);
      return full;
    },
    list: (limit) => readAll().reverse().slice(0, limit),
    get: (id) => readAll().find((entry) => entry.id === id),
    text(hash) {
      if (hash === null || !/^[0-9a-f]{64}$/.test(hash)) return null;
      const file = join(blobs, hash);
      return existsSync(file) ? readFileSync(file, "utf8") : null;
    },
  };
}
