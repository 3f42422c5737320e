import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");

/**
 * Global setup of the integration and browser projects: their servers and CLIs run the compiled dist/,
 * as `npm start` and `npm run cli` do, so it is rebuilt first when any source is newer than it.
 */
export function setup(): void {
  const build = spawnSync(process.execPath, [join(ROOT, "scripts/build.mjs"), "--if-stale"], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (build.status !== 0)
    throw new Error(`npm run build failed (exit ${build.status}):\n${build.stdout}\n${build.stderr}`);
}
