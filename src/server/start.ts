import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { buildWidgetBundle } from "../channels/web/widget-bundle.ts";
import type { Config } from "../config.ts";
import { createEngine } from "../dialog/engine.ts";
import { createMemoryContextStore } from "../dialog/memory-context-store.ts";
import { loadKnowledge } from "../knowledge/load.ts";
import type { KnowledgeIssue } from "../knowledge/types.ts";
import { createApp, type ExtraRoute } from "./app.ts";
import { createChannelRoutes } from "./channel-routes.ts";

export const CONVERSATION_TTL_MS = 30 * 60 * 1000;
export const MAX_CONVERSATIONS = 10_000;

export interface RunningServer {
  server: Server;
  /** "http://localhost:3978" */
  url: string;
  knowledgeVersion: string;
  close(): Promise<void>;
}

export type StartResult = { ok: true; running: RunningServer } | { ok: false; issues: KnowledgeIssue[] };

/** Loads the knowledge, builds the engine, store, widget and channels, and listens on `config.port`. */
export async function startServer(config: Readonly<Config>, logger: Logger): Promise<StartResult> {
  const loaded = loadKnowledge(config.knowledgeDir);
  if (!loaded.ok) return { ok: false, issues: loaded.issues };
  for (const warning of loaded.warnings) {
    logger.warn({ file: warning.file, line: warning.line, code: warning.code }, warning.message);
  }

  const engine = createEngine(loaded.kb, {
    clinic: config.clinic,
    thresholds: definedOnly({ answer: config.thresholds.answer, clarify: config.thresholds.clarify }),
    contextTtlMs: CONVERSATION_TTL_MS,
  });
  const store = createMemoryContextStore({ maxEntries: MAX_CONVERSATIONS, ttlMs: CONVERSATION_TTL_MS });
  const widget = await buildWidgetBundle();
  const extraRoutes: ExtraRoute[] = createChannelRoutes({ engine, store, config, logger });
  const app = createApp({ config, engine, store, logger, extraRoutes, widget: Promise.resolve(widget) });

  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.port, (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  });
  const { port } = server.address() as AddressInfo;
  return {
    ok: true,
    running: {
      server,
      url: `http://localhost:${port}`,
      knowledgeVersion: engine.knowledgeVersion,
      close: () =>
        new Promise((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          server.closeAllConnections();
        }),
    },
  };
}

// { answer: 0.6, clarify: undefined } => { answer: 0.6 }
function definedOnly<T extends object>(value: T): Partial<{ [K in keyof T]: Exclude<T[K], undefined> }> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<{
    [K in keyof T]: Exclude<T[K], undefined>;
  }>;
}
