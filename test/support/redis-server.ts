import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { WAIT } from "./wait.ts";

export interface RedisServer {
  port: number;
  url: string;
  /** Stops the server (SIGTERM, nothing saved). */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
}

/** Fails (never skips) when the binary is missing: the multi-instance tests are part of the suite. */
export function requireRedisServer(): void {
  const found = spawnSync("redis-server", ["--version"], { stdio: "ignore" });
  if (found.error !== undefined || found.status !== 0) {
    throw new Error("redis-server is not installed: run npm run test:setup (installs it with apt-get)");
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** A throwaway redis-server on a free loopback port: no persistence, no config file. */
export async function startRedisServer(): Promise<RedisServer> {
  requireRedisServer();
  const port = await freePort();
  let child: ChildProcess | undefined;

  const start = () =>
    new Promise<void>((resolve, reject) => {
      const proc = spawn(
        "redis-server",
        ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        { stdio: ["ignore", "pipe", "pipe"] },
      );
      child = proc;
      let output = "";
      const timer = setTimeout(() => {
        proc.kill("SIGKILL"); // a redis-server that never got ready must not outlive the test
        reject(
          new Error(
            `redis-server on port ${port} did not print "Ready to accept connections" within ` +
              `${WAIT.redisStartMs} ms; its output:\n${output || "(no output)"}`,
          ),
        );
      }, WAIT.redisStartMs);
      proc.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
        output += chunk;
        if (output.includes("Ready to accept connections")) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
        output += chunk;
      });
      proc.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (${code}):\n${output}`));
      });
    });

  const stop = async () => {
    const proc = child;
    if (proc === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((resolve) => proc.once("exit", resolve));
    proc.kill("SIGTERM");
    await exited;
  };

  await start();
  return { port, url: `redis://127.0.0.1:${port}`, stop, start };
}
