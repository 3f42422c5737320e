import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { type Config, loadConfig } from "../../src/config.ts";
import { createMemoryContextStore } from "../../src/dialog/memory-context-store.ts";
import type { ClinicInfo, ConversationContext, Engine, TurnInput } from "../../src/dialog/types.ts";
import type { Reply } from "../../src/reply.ts";
import { createApp, type ExtraRoute } from "../../src/server/app.ts";
import type { ChannelDeps } from "../../src/server/channel-routes.ts";
import { createLogger } from "../../src/server/logger.ts";
import { shippedProfile } from "../support/shipped.ts";

export function makeReply(overrides: Partial<Reply> = {}): Reply {
  return {
    kind: "answer",
    topic: "pain",
    text: "Most people find it mildly uncomfortable.",
    confidence: 0.91,
    citations: [{ source: "effects", title: "An article", quote: "it is a little uncomfortable" }],
    conflicts: [],
    suggestions: ["What happens during a session?"],
    alternatives: [],
    ...overrides,
  };
}

export interface FakeEngine extends Engine {
  inputs: TurnInput[];
}

/** Answers every message with `respond(text)` and counts turns in the context, so continuity shows. */
export function fakeEngine(
  respond: (text: string) => Reply = () => makeReply(),
  clinic?: Partial<ClinicInfo>,
): FakeEngine {
  const inputs: TurnInput[] = [];
  return {
    inputs,
    knowledgeVersion: "kb-test-1",
    get profile() {
      return shippedProfile(clinic);
    },
    handleTurn(input) {
      inputs.push(input);
      const reply = respond(input.text);
      const context: ConversationContext = {
        recentTopics: reply.topic ? [reply.topic] : [],
        coveredTopics: reply.topic ? [reply.topic] : [],
        pendingClarify: null,
        turns: (input.context?.turns ?? 0) + 1,
        updatedAt: Date.now(),
      };
      return { reply, context, extras: {} };
    },
  };
}

export interface LogLine {
  level: string;
  msg: string;
  [key: string]: unknown;
}

export interface TestServer {
  url: string;
  port: number;
  logs: LogLine[];
  /** Everything logged, as written: for "never logs the message text" checks. */
  rawLogs(): string;
  close(): Promise<void>;
}

/** The least a production environment needs: the clinic's real contact details and Teams credentials. */
export const PRODUCTION_ENV = {
  NODE_ENV: "production",
  CLINIC_NAME: "Glow Clinic",
  CLINIC_PHONE: "+1 555 0199",
  MicrosoftAppId: "00000000-0000-0000-0000-000000000001",
  MicrosoftAppPassword: "not-a-real-secret",
  MicrosoftAppTenantId: "00000000-0000-0000-0000-000000000002",
  SMS_HASH_SECRET: "test-sms-hash-secret-0123456789abcdef",
};

/**
 * createApp on an ephemeral port with a capturing logger; `env` overrides the test environment;
 * `extraRoutes` (given the same engine, store, config and logger) mounts more endpoints beside it.
 */
export async function startTestServer(
  options: {
    engine?: Engine;
    env?: Record<string, string>;
    extraRoutes?: (deps: ChannelDeps) => readonly ExtraRoute[];
    /** false: serve before the channels' lazily loaded modules have loaded (a request loads them). */
    warm?: boolean;
  } = {},
): Promise<TestServer> {
  const config: Readonly<Config> = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "info", ...options.env });
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = createLogger(config, destination);
  const engine = options.engine ?? fakeEngine();
  const store = createMemoryContextStore({ maxEntries: 100, ttlMs: 60_000 });
  const extraRoutes = options.extraRoutes?.({ engine, store, config, logger });
  // As the real server does once listening: the channels' lazily loaded modules load before the first request.
  if (options.warm !== false) await Promise.all((extraRoutes ?? []).map((route) => route.warm?.()));
  const app = createApp({ config, engine, store, logger, extraRoutes });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get logs() {
      return chunks.flatMap((c) => c.split("\n").filter(Boolean)).map((line) => JSON.parse(line) as LogLine);
    },
    rawLogs: () => chunks.join(""),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** POST /api/chat with a JSON body (or a raw string) and optional extra headers. */
export function postChat(
  server: TestServer,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${server.url}/api/chat`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
