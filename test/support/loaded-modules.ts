import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const HOOK = resolve(import.meta.dirname, "record-modules.mjs");
const ROOT = resolve(import.meta.dirname, "../..");

/** Environment for a child process that records every module it imports; `modules()` reads the record. */
export function recordModules(): { env: Record<string, string>; modules: () => string[] } {
  const log = join(mkdtempSync(join(tmpdir(), "faq-modules-")), "modules.txt");
  return {
    env: { NODE_OPTIONS: `--import=${HOOK}`, FAQ_BOT_MODULE_LOG: log },
    modules: () =>
      existsSync(log)
        ? [...new Set(readFileSync(log, "utf8").split("\n").filter(Boolean))].map((url) =>
            url.replace(`file://${ROOT}/`, ""),
          )
        : [],
  };
}

/** "node_modules/botbuilder/lib/index.js" → "botbuilder"; a project file → undefined. */
export function packageOf(module: string): string | undefined {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(module);
  return match?.[1];
}
