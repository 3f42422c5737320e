import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { WAIT } from "./wait.ts";

const ROOT = resolve(import.meta.dirname, "../..");
/** What `npm run cli` runs: the integration project's global setup builds it (test/support/build.ts). */
const CLI_ENTRY = join(ROOT, "dist/cli/main.js");

export interface CliRun {
  /** The exit code; null when ended by a signal. */
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `npm run --silent cli -- …args` as a child process (node on the compiled CLI, no npm in between), with
 * `input` on stdin. Resolves with whatever exit code it gives; a run that outlasts `timeoutMs` is killed
 * and fails with the command and its output so far.
 */
export function runCli(
  args: readonly string[],
  options: { input?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<CliRun> {
  const timeoutMs = options.timeoutMs ?? WAIT.cliMs;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI_ENTRY, ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE_NO_WARNINGS: "1", ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(
        new Error(
          `cli ${args.join(" ")} did not finish within ${timeoutMs} ms (killed); ` +
            `stdout:\n${stdout.slice(-2000) || "(none)"}\nstderr:\n${stderr.slice(-2000) || "(none)"}`,
        ),
      );
    }, timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      fail(error);
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
    // A command that exits before reading all of stdin closes the pipe: not this helper's failure.
    child.stdin.on("error", () => {});
    child.stdin.end(options.input ?? "");
  });
}
