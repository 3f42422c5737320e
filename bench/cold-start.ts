// Benchmark, not a test: part of `npm run bench` (alone: `npm run bench:cold-start`). Starts fresh
// processes of the compiled CLI and server and prints the median of 5 each: `cli ask` from start to
// answer and exit, and the server from start to "listening on", beside the targets.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");
const RUNS = 5;
const TARGET_MS = 1_000;
const QUESTION = "does it hurt?";
/** Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;
const HEADER = ["cold start (median of 5 fresh processes)", "wall", "CPU", "target", ""];
const WIDTHS = [46, 9, 9, 9, 6];
const line = (cells: string[]) =>
  console.log(cells.map((c, i) => (i === 0 ? c.padEnd(WIDTHS[i]!) : c.padStart(WIDTHS[i]!))).join("  "));

interface Sample {
  wallMs: number;
  /** User + system CPU of the measured process (and its children, for a CLI run). */
  cpuMs: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** One CLI run to exit; bash's `times` reports the CPU its children used. */
function timeCommand(command: string[]): Sample {
  const started = performance.now();
  const run = spawnSync(
    "bash",
    ["-c", '"$@" >/dev/null 2>&1; code=$?; times; exit $code', "bash", ...command],
    {
      cwd: ROOT,
      encoding: "utf8",
    },
  );
  const wallMs = performance.now() - started;
  if (run.status !== 0) throw new Error(`${command.join(" ")} failed (exit ${run.status}):\n${run.stderr}`);
  // `times`: the shell's user and system time, then its children's: "0m0.912s 0m0.104s".
  const children = run.stdout.trim().split("\n").at(-1)!;
  const cpuMs = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce(
    (sum, [, min, sec]) => sum + (Number(min) * 60 + Number(sec)) * 1000,
    0,
  );
  return { wallMs, cpuMs };
}

/** CPU time a running process has used so far, from /proc/<pid>/stat (utime + stime). */
function cpuOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** One server start to its "listening on" log line, then SIGTERM to its whole process group. */
async function timeServer(command: string[]): Promise<Sample> {
  const started = performance.now();
  const child: ChildProcess = spawn(command[0]!, command.slice(1), {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", LOG_LEVEL: "info", NODE_ENV: "development" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so `npm start`'s node child is stopped with it
  });
  const exited = new Promise((done) => child.once("exit", done));
  try {
    return await new Promise<Sample>((done, fail) => {
      let output = "";
      let measured = false;
      child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
        output += chunk;
        // Once only: later chunks arrive while the process is being stopped.
        if (measured || !output.includes('"listening on')) return;
        measured = true;
        const wallMs = performance.now() - started;
        const server = serverPid(child.pid!);
        done({ wallMs, cpuMs: cpuOf(server) });
      });
      child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
        output += chunk;
      });
      child.once("exit", (code) => fail(new Error(`${command.join(" ")} exited (${code}):\n${output}`)));
    });
  } finally {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    await exited;
  }
}

/** The node process serving: `pid` itself, or the node that npm (via sh) started under it. */
function serverPid(pid: number): number {
  const children = (p: number) =>
    readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  let current = pid;
  for (;;) {
    const command = readFileSync(`/proc/${current}/cmdline`, "utf8");
    if (command.includes("dist/server/main.js") && !command.startsWith("sh")) return current;
    const next = children(current)[0];
    if (next === undefined) return current;
    current = next;
  }
}

function report(label: string, samples: Sample[], target = true): void {
  const wall = median(samples.map((s) => s.wallMs));
  const cpu = median(samples.map((s) => s.cpuMs));
  const verdict = target ? (wall <= TARGET_MS ? "met" : "MISSED") : "";
  line([label, `${wall.toFixed(0)} ms`, `${cpu.toFixed(0)} ms`, target ? `≤ ${TARGET_MS} ms` : "", verdict]);
}

const build = spawnSync(process.execPath, [join(ROOT, "scripts/build.mjs"), "--if-stale"], {
  stdio: "inherit",
});
if (build.status !== 0) throw new Error("npm run build failed");

const [load] = loadavg();
console.log(
  `\nnode ${process.version}, load average ${load!.toFixed(2)} at the start` +
    (load! > 0.5
      ? " (the machine is busy: wall times are not the quiet-machine figures the targets mean)"
      : ""),
);
line(HEADER);
line(WIDTHS.map((w) => "-".repeat(w)));

const node = process.execPath;
const cliAsk = Array.from({ length: RUNS }, () => timeCommand([node, "dist/cli/main.js", "ask", QUESTION]));
report("cli ask, answered (node dist/cli/main.js)", cliAsk);
const npmAsk = Array.from({ length: RUNS }, () =>
  timeCommand(["npm", "run", "--silent", "cli", "--", "ask", QUESTION]),
);
report("cli ask, answered (npm run --silent cli)", npmAsk, false);
const validate = Array.from({ length: RUNS }, () => timeCommand([node, "dist/cli/main.js", "validate"]));
report("cli validate, done (node dist/cli/main.js)", validate, false);

const server: Sample[] = [];
for (let i = 0; i < RUNS; i++)
  server.push(await timeServer([node, "--max-semi-space-size=32", "dist/server/main.js"]));
report("server listening (node dist/server/main.js)", server);
const npmServer: Sample[] = [];
for (let i = 0; i < RUNS; i++) npmServer.push(await timeServer(["npm", "start"]));
report("server listening (npm start)", npmServer, false);
