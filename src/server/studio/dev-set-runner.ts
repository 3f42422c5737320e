import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { TurnOutcome } from "../../dialog/labelled-set.ts";

/** One side of a dev-set preview: the pack's files and articles as they would be, and the dev set. */
export interface DevSetJob {
  files: Array<[path: string, text: string]>;
  articles: Array<[path: string, text: string]>;
  devText: string;
  thresholds: { answer?: number; clarify?: number };
}

/** Every labelled turn answered (without the trace), or why the set could not be run. */
export type DevSetRun =
  | { ok: true; outcomes: Array<Omit<TurnOutcome, "trace">> }
  | { ok: false; message: string };

export interface DevSetRunner {
  run(job: DevSetJob): Promise<DevSetRun>;
  close(): Promise<void>;
}

/**
 * Runs dev sets in one worker thread, one job at a time, started on first use; it does not keep the
 * process alive. Under the TypeScript loader (tests, `npm run dev`) the worker is the .ts file, run the same way.
 */
export function createDevSetRunner(): DevSetRunner {
  let worker: Worker | undefined;
  let next = 0;
  const pending = new Map<number, (run: DevSetRun) => void>();
  const failAll = (message: string) => {
    for (const settle of pending.values()) settle({ ok: false, message });
    pending.clear();
    worker = undefined;
  };
  const start = () => {
    const ext = extname(fileURLToPath(import.meta.url));
    const url = new URL(`./dev-set-worker${ext}`, import.meta.url);
    // Run from TypeScript sources, the worker registers the same loader before importing its module.
    const created =
      ext === ".ts"
        ? new Worker(
            `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`,
            { eval: true },
          )
        : new Worker(url);
    created.unref();
    created.on("message", (message: { id: number; run: DevSetRun }) => {
      pending.get(message.id)?.(message.run);
      pending.delete(message.id);
    });
    created.on("error", (error) => failAll(`The dev set could not be run: ${error.message}`));
    created.on("exit", (code) => failAll(`The dev-set worker stopped (exit code ${code}).`));
    return created;
  };
  return {
    run(job) {
      worker ??= start();
      const id = next++;
      const running = worker;
      return new Promise((settle) => {
        pending.set(id, settle);
        running.postMessage({ id, job });
      });
    },
    async close() {
      const running = worker;
      worker = undefined;
      if (running) await running.terminate();
    },
  };
}
