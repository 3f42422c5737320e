import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";

/**
 * Every process a test starts carries this variable (inherited from the run's environment, or added by
 * the helpers that pass their own, like startServerProcess), so the teardown can find it even after
 * its parent has gone.
 */
export const TEST_RUN_VARIABLE = "FAQ_BOT_TEST_RUN";

/** The variable to add to a child's environment when a helper does not pass process.env on. */
export function testRunEnv(): Record<string, string> {
  const run = process.env[TEST_RUN_VARIABLE];
  return run === undefined ? {} : { [TEST_RUN_VARIABLE]: run };
}

export interface LeftoverProcess {
  pid: number;
  command: string;
}

function readProc(pid: string, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return undefined; // gone meanwhile, or not ours to read
  }
}

/** Processes other than this one (and its ancestors) whose environment carries `run`. */
export function processesOfRun(run: string): LeftoverProcess[] {
  const mark = `${TEST_RUN_VARIABLE}=${run}`;
  const found: LeftoverProcess[] = [];
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    if (Number(pid) === process.pid) continue;
    const environ = readProc(pid, "environ");
    if (environ === undefined || !environ.split("\0").includes(mark)) continue;
    const stat = readProc(pid, "stat");
    if (stat?.slice(stat.lastIndexOf(")") + 2).startsWith("Z")) continue; // a zombie holds no resources
    const command = (readProc(pid, "cmdline") ?? "").split("\0").join(" ").trim();
    found.push({ pid: Number(pid), command: command.slice(0, 200) });
  }
  return found;
}

/**
 * The vitest global setup of every project: marks the run, and afterwards fails the run if a process
 * a test started is still running (then kills it, so nothing outlives the run). Only the first
 * project's setup does this; the others share its mark.
 */
export function setup(): (() => Promise<void>) | undefined {
  if (process.env[TEST_RUN_VARIABLE] !== undefined) return undefined;
  const run = randomUUID();
  process.env[TEST_RUN_VARIABLE] = run;
  return async () => {
    // Workers and the processes they were closing get a moment to exit on their own.
    const deadline = Date.now() + 10_000;
    let left = processesOfRun(run);
    while (left.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      left = processesOfRun(run);
    }
    if (left.length === 0) return;
    for (const { pid } of left) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    process.exitCode = 1; // vitest reports an error thrown here but would still exit 0
    throw new Error(
      `${left.length} process(es) started by the tests were still running 10 s after the last test ` +
        `(now killed); a test or helper does not stop what it starts on every path:\n` +
        left.map((p) => `  ${p.pid} ${p.command}`).join("\n"),
    );
  };
}
