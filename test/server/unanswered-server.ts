import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { type RunningServer, startServer } from "../../src/server/start.ts";
import { startConnector } from "../channels/teams/http.ts";

export interface LearningServer {
  running: RunningServer;
  url: string;
  unansweredLog: string;
  feedbackLog: string;
  /** Parsed lines of a JSON-lines file; [] while it does not exist. */
  lines(file: string): Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/** The real composition root (shipped knowledge, all three channels) writing its logs to a temp folder. */
export async function startLearningServer(env: Record<string, string> = {}): Promise<LearningServer> {
  const dir = mkdtempSync(join(tmpdir(), "faqbot-learning-"));
  const unansweredLog = join(dir, "logs", "unanswered.jsonl");
  const feedbackLog = join(dir, "logs", "feedback.jsonl");
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    PORT: "0",
    SMS_DEV_MODE: "true",
    UNANSWERED_LOG: unansweredLog,
    FEEDBACK_LOG: feedbackLog,
    ...env,
  });
  const result = await startServer(config, pino({ level: "silent" }));
  if (!result.ok) throw new Error(`the knowledge base did not load: ${result.issues[0]?.message}`);
  const running = result.running;
  return {
    running,
    url: running.url.replace("localhost", "127.0.0.1"),
    unansweredLog,
    feedbackLog,
    lines: (file) =>
      existsSync(file)
        ? readFileSync(file, "utf8")
            .split("\n")
            .filter(Boolean)
            .map((line) => JSON.parse(line) as Record<string, unknown>)
        : [],
    async close() {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** POST a JSON body to `path`. */
export function postJson(url: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** A learning server and a local Teams connector for one describe block, started and stopped around it. */
export function useLearningServerAndConnector(): {
  server: LearningServer;
  connector: Awaited<ReturnType<typeof startConnector>>;
} {
  const env = {} as ReturnType<typeof useLearningServerAndConnector>;
  beforeAll(async () => {
    [env.server, env.connector] = await Promise.all([startLearningServer(), startConnector()]);
  });
  afterAll(async () => {
    await Promise.all([env.server?.close(), env.connector?.stop()]);
  });
  return env;
}
