import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";

export interface AppenderLogger {
  warn(obj: object, msg?: string): void;
}

export interface JsonlAppender {
  /** Queues one record; returns at once. Never throws: write failures are logged. */
  append(record: object): void;
  /** Resolves once everything queued so far is on disk (or has failed and been logged). */
  flush(): Promise<void>;
}

/** Beyond this many queued lines (a stuck disk), new records are dropped and counted, not buffered. */
const MAX_QUEUED = 10_000;

/**
 * Buffered JSON-lines writer for the request path: `append` only pushes to an array; one background
 * write at a time drains it with a single `appendFile`, creating the folder the first time.
 */
export function createJsonlAppender(file: string, logger: AppenderLogger): JsonlAppender {
  let queue: string[] = [];
  let writing: Promise<void> | null = null;
  let dropped = 0;
  let folderReady = false;

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const lines = queue;
      queue = [];
      try {
        if (!folderReady) {
          await mkdir(dirname(file), { recursive: true });
          folderReady = true;
        }
        await appendFile(file, lines.join(""), "utf8");
      } catch (err) {
        logger.warn(
          { file, lost: lines.length, err: err instanceof Error ? err.message : String(err) },
          "could not append to the log file; check the path and permissions",
        );
      }
    }
    if (dropped > 0) {
      logger.warn({ file, dropped }, "log writes fell behind; records were dropped");
      dropped = 0;
    }
  }

  function schedule(): void {
    writing ??= drain().finally(() => {
      writing = null;
      if (queue.length > 0) schedule();
    });
  }

  return {
    append(record) {
      if (queue.length >= MAX_QUEUED) {
        dropped += 1;
        return;
      }
      queue.push(`${JSON.stringify(record)}\n`);
      schedule();
    },
    async flush() {
      while (writing) await writing;
    },
  };
}
