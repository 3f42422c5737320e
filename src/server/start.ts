import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { loadWidgetBundle } from "../channels/web/widget-bundle.ts";
import type { Config } from "../config.ts";
import type { KnowledgeIssue } from "../knowledge/types.ts";
import { createApp, type ExtraRoute } from "./app.ts";
import { createChannelRoutes } from "./channel-routes.ts";
import { createEngineHolder } from "./engine-holder.ts";
import type { PrefetchedIndexCache } from "./index-cache-file.ts";
import { createLearning, warmScrubber } from "./learning/index.ts";
import {
  buildEngine,
  cacheWarning,
  createKnowledgeReloader,
  formatIssue,
  type KnowledgeReloader,
} from "./reload.ts";
import { closeGracefully, trackResponses } from "./shutdown.ts";
import { createStores } from "./stores/create-stores.ts";

export const CONVERSATION_TTL_MS = 30 * 60 * 1000;

/** Node's defaults let a slow client hold a request open for 5 minutes; these bound every phase. */
export const HTTP_TIMEOUTS = Object.freeze({
  /** The request line and headers must arrive within this. */
  headersTimeout: 10_000,
  /** The whole request, body included (ours are at most 256 KB). */
  requestTimeout: 20_000,
  /** An idle keep-alive connection is closed after this (clients are told, and reuse it sooner). */
  keepAliveTimeout: 5_000,
  /** How often Node checks the two deadlines above (its default, 30 s, would let them overrun). */
  connectionsCheckingInterval: 1_000,
});
export const MAX_CONVERSATIONS = 10_000;
/** How long after the "listening on" line the lazily loaded modules load (see RunningServer.warm). */
export const WARM_DELAY_MS = 50;

export interface RunningServer {
  server: Server;
  /** "http://localhost:3978" */
  url: string;
  /** The version serving now (changes on hot reload). */
  readonly knowledgeVersion: string;
  /** Rebuilds the engine from the knowledge folder (SIGHUP); the folder is also watched. */
  reloader: KnowledgeReloader;
  /** Writes the index cache if this start built it, and loads what the server loads lazily (botbuilder,
   * the name recogniser); errors are logged, never thrown. */
  warm(): Promise<void>;
  /** Stops accepting, finishes requests in flight, then closes the watchers and the stores. */
  close(): Promise<void>;
}

export type StartResult = { ok: true; running: RunningServer } | { ok: false; issues: KnowledgeIssue[] };

/** Loads the knowledge, builds the engine, store, widget and channels, and listens on `config.port`. */
export async function startServer(
  config: Readonly<Config>,
  logger: Logger,
  options: { prefetched?: PrefetchedIndexCache } = {},
): Promise<StartResult> {
  const built = buildEngine(config, CONVERSATION_TTL_MS, options.prefetched);
  if (!built.ok) return { ok: false, issues: built.issues };
  for (const warning of built.warnings) logger.warn({ issue: formatIssue(warning) }, warning.message);

  // Channels get the holder, so a hot reload reaches all of them at once.
  const engine = createEngineHolder(built.engine);
  const reloader = createKnowledgeReloader({
    holder: engine,
    build: () => buildEngine(config, CONVERSATION_TTL_MS),
    logger,
    watchDir: config.knowledgeDir,
  });
  const stores = await createStores(config, logger, {
    maxEntries: MAX_CONVERSATIONS,
    ttlMs: CONVERSATION_TTL_MS,
  });
  logger.info({ store: stores.kind }, `conversation state in ${stores.kind}`);
  const store = stores.conversations;
  const widget = await loadWidgetBundle();
  const learning = createLearning({
    config,
    logger,
    knowledgeVersion: () => engine.knowledgeVersion,
    writeLogs: true,
  });
  const extraRoutes: ExtraRoute[] = createChannelRoutes({
    engine,
    store,
    config,
    logger,
    learning,
    teamsStorage: stores.teams,
    sms: stores.sms,
  });
  // The studio's pages, YAML patcher and diff load only when it is on (STUDIO_PASSWORD set).
  const studio = config.studio.password
    ? (await import("./studio/index.ts")).createStudio({
        config,
        logger,
        engine,
        learning,
        reload: (reason) => reloader.reload(reason),
      })
    : undefined;
  const app = createApp({
    config,
    engine,
    store,
    logger,
    extraRoutes,
    learning,
    widget: Promise.resolve(widget),
    ...(studio ? { studio } : {}),
  });

  let server: Server;
  try {
    server = await new Promise<Server>((resolve, reject) => {
      const created = createServer(HTTP_TIMEOUTS, app);
      trackResponses(created);
      created.keepAliveTimeout = HTTP_TIMEOUTS.keepAliveTimeout;
      created.once("error", reject);
      created.listen(config.port, () => resolve(created));
    });
  } catch (error) {
    reloader.close();
    await stores.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  // What loads lazily loads once the caller has announced the open port: channel modules (botbuilder)
  // and the unanswered log's name recogniser. A request that comes first waits for what it needs.
  const warm = async () => {
    const failed = (what: string, path?: string) => (error: unknown) =>
      logger.error(
        { path, err: error instanceof Error ? error.message : String(error) },
        `${what} failed to load`,
      );
    // The index cache, when this start built what it lacked: written once the port is announced.
    cacheWarning(logger, built.saveCache());
    try {
      warmScrubber();
    } catch (error) {
      failed("name recogniser")(error);
    }
    await Promise.all(extraRoutes.map((route) => route.warm?.().catch(failed("channel", route.path))));
  };
  return {
    ok: true,
    running: {
      server,
      url: `http://localhost:${port}`,
      get knowledgeVersion() {
        return engine.knowledgeVersion;
      },
      reloader,
      warm,
      close: async () => {
        reloader.close();
        try {
          await closeGracefully(server);
        } finally {
          await Promise.all([stores.close(), learning.flush()]);
        }
      },
    },
  };
}
