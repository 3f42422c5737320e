import { type Config, loadConfig } from "../config.ts";
import { ConfigError } from "../errors.ts";
import { prefetchIndexCache } from "./index-cache-file.ts";
import type { StartResult } from "./start.ts";

// Composition root: `npm start`. Expected failures (bad configuration, invalid knowledge) print and exit 1.
function exitOnConfigError(error: unknown): never {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

let config: Readonly<Config>;
try {
  config = loadConfig();
} catch (error) {
  exitOnConfigError(error);
}

// The index cache (megabytes) is read while the server's modules load: the disk and the compiler overlap.
const prefetched = prefetchIndexCache(config.knowledgeDir);
const [{ createLogger }, { handleSignals }, { startServer, WARM_DELAY_MS }] = await Promise.all([
  import("./logger.ts"),
  import("./shutdown.ts"),
  import("./start.ts"),
]);
const logger = createLogger(config);
let result: StartResult;
try {
  result = await startServer(config, logger, { prefetched: await prefetched });
} catch (error) {
  exitOnConfigError(error);
}
if (!result.ok) {
  console.error(`The knowledge base in ${config.knowledgeDir} is invalid (${result.issues.length} issues):`);
  for (const issue of result.issues)
    console.error(`${issue.file}:${issue.line}:${issue.column}: ${issue.message}`);
  process.exit(1);
}

const { running } = result;
const publicUrl = config.publicUrl ?? running.url;
logger.info({ url: publicUrl, knowledgeVersion: running.knowledgeVersion }, `listening on ${publicUrl}`);
// That line is written asynchronously: loading botbuilder and compromise (a busy half second) right
// away would hold it back, so they load a moment later. A request that comes first loads what it needs.
setTimeout(() => void running.warm(), WARM_DELAY_MS).unref();

// SIGTERM/SIGINT: graceful shutdown within SHUTDOWN_TIMEOUT_MS; SIGHUP: reload the knowledge base.
handleSignals({ logger, close: () => running.close(), reload: () => running.reloader.reload("SIGHUP") });
