import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Reply } from "../../src/reply.ts";
import { testRunEnv } from "./leftover-processes.ts";
import { WAIT } from "./wait.ts";

const ROOT = resolve(import.meta.dirname, "../..");
/** What `npm start` runs: the integration project's global setup builds it (test/support/build.ts). */
const SERVER_ENTRY = join(ROOT, "dist/server/main.js");

export interface ServerLogLine {
  level: string;
  msg: string;
  [key: string]: unknown;
}

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  /** "http://127.0.0.1:41234" */
  url: string;
  port: number;
  /** Every JSON log line written so far. */
  readonly logs: ServerLogLine[];
  /** Everything on stdout and stderr, for failure messages. */
  output(): string;
  /** The first log line `match` accepts; fails after `timeoutMs`, naming `what` and showing the output. */
  waitForLog(
    match: (line: ServerLogLine) => boolean,
    timeoutMs?: number,
    what?: string,
  ): Promise<ServerLogLine>;
  /** Resolves with the exit code (or signal) when the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL if still running; for afterEach. */
  kill(): Promise<void>;
}

/**
 * `npm start` as a child process (node on the compiled dist/, no npm in between so signals reach the
 * server) on a free port, rate limiting off, logs as JSON lines. Resolves once it is listening; if it
 * does not get there, the process is killed before the error (with its output) is thrown.
 */
export async function startServerProcess(
  env: Record<string, string> = {},
  options: {
    startTimeoutMs?: number;
    /** false: stop keeping log lines once listening (a load test would otherwise measure its own parsing). */
    keepLogs?: boolean;
  } = {},
): Promise<ServerProcess> {
  const scratch = mkdtempSync(join(tmpdir(), "faq-server-"));
  // The same runtime flags as `npm start`.
  const child = spawn(process.execPath, ["--max-semi-space-size=32", SERVER_ENTRY], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "test",
      LOG_LEVEL: "info",
      PORT: "0",
      RATE_LIMIT_PER_MINUTE: "0",
      UNANSWERED_LOG: join(scratch, "unanswered.jsonl"),
      FEEDBACK_LOG: join(scratch, "feedback.jsonl"),
      SMS_OPT_OUT_FILE: join(scratch, "sms-opt-outs.json"),
      ...testRunEnv(),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: ServerLogLine[] = [];
  let raw = "";
  let pending = "";
  const waiters = new Set<() => void>();
  let keeping = true;
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    if (!keeping) return;
    raw += chunk;
    pending += chunk;
    const lines = pending.split("\n");
    pending = lines.pop()!;
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as ServerLogLine);
      } catch {
        logs.push({ level: "raw", msg: line }); // not JSON: kept so waitForLog can still see it
      }
    }
    for (const wake of waiters) wake();
  });
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    raw += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once("exit", (code, signal) => {
      for (const wake of waiters) wake();
      done({ code, signal });
    }),
  );
  const running = () => child.exitCode === null && child.signalCode === null;
  const kill = async () => {
    if (running()) {
      child.kill("SIGKILL");
      await exited;
    }
  };
  const outputTail = () => (raw.trim() === "" ? "(no output)" : raw.slice(-4000));

  const waitForLog = (
    match: (line: ServerLogLine) => boolean,
    timeoutMs: number = WAIT.logLineMs,
    what = "the expected log line",
  ) =>
    new Promise<ServerLogLine>((found, fail) => {
      const check = () => {
        const line = logs.find(match);
        if (line) {
          cleanup();
          found(line);
        } else if (!running()) {
          cleanup();
          fail(
            new Error(
              `server (pid ${child.pid}) exited before writing ${what}; its output:\n${outputTail()}`,
            ),
          );
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        fail(
          new Error(
            `server (pid ${child.pid}) wrote no ${what} within ${timeoutMs} ms; its output:\n${outputTail()}`,
          ),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });

  let listening: ServerLogLine;
  try {
    if (child.pid === undefined) throw new Error(`could not start ${SERVER_ENTRY}`);
    listening = await waitForLog(
      (l) => typeof l.msg === "string" && l.msg.startsWith("listening on"),
      options.startTimeoutMs ?? WAIT.serverStartMs,
      '"listening on …"',
    );
  } catch (error) {
    await kill(); // never leave a half-started server behind
    throw error;
  }
  const port = Number(new URL(String(listening.url)).port);
  if (options.keepLogs === false) keeping = false;
  return {
    child,
    pid: child.pid!,
    url: `http://127.0.0.1:${port}`,
    port,
    logs,
    output: () => raw,
    waitForLog,
    exited,
    kill,
  };
}

/**
 * An HTTP request on a connection of its own → status and parsed JSON body. No keep-alive: a loaded
 * machine can delay the client past the server's keep-alive timeout, and a request then sent on the
 * closing socket fails with "other side closed".
 */
export function requestJson(
  method: "GET" | "POST",
  url: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const payload = body === undefined ? "" : JSON.stringify(body);
  const headers: Record<string, string | number> =
    body === undefined
      ? {}
      : { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(payload) };
  return new Promise((done, fail) => {
    const req = request(url, { method, agent: false, timeout: WAIT.logLineMs, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => {
        try {
          done({ status: res.statusCode ?? 0, body: text === "" ? undefined : JSON.parse(text) });
        } catch (error) {
          fail(
            new Error(`${method} ${url} answered ${res.statusCode} with a body that is not JSON: ${text}`, {
              cause: error,
            }),
          );
        }
      });
    });
    req.on("timeout", () =>
      req.destroy(new Error(`${method} ${url} got no answer within ${WAIT.logLineMs} ms`)),
    );
    req.on("error", fail);
    req.end(payload);
  });
}

export const postJson = (url: string, body: unknown) => requestJson("POST", url, body);

/** POST /api/chat → status and parsed body. */
export async function chat(
  server: Pick<ServerProcess, "url">,
  text: string,
  conversationId?: string,
): Promise<{
  status: number;
  body: { conversationId: string; reply: Reply };
}> {
  const res = await postJson(`${server.url}/api/chat`, conversationId ? { text, conversationId } : { text });
  return res as { status: number; body: { conversationId: string; reply: Reply } };
}
