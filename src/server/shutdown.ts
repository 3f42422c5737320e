import type { Server, ServerResponse } from "node:http";
import { Server as NetServer } from "node:net";
import type { Logger } from "pino";

/** The whole process must be gone this long after SIGTERM, finished or not. */
export const SHUTDOWN_TIMEOUT_MS = 10_000;
/** Connections still open this long after SIGTERM (slow or stuck clients) are destroyed. */
export const DRAIN_DEADLINE_MS = 8_000;

interface Drain {
  draining: boolean;
  /** Responses not yet finished. */
  open: Set<ServerResponse>;
}
const drains = new WeakMap<Server, Drain>();

/** Call once on a new server: remembers its open responses so a drain can end their connections. */
export function trackResponses(server: Server): void {
  const drain: Drain = { draining: false, open: new Set() };
  drains.set(server, drain);
  server.on("request", (_req, res: ServerResponse) => {
    // Once draining, every response is the last on its connection.
    if (drain.draining) res.setHeader("Connection", "close");
    drain.open.add(res);
    res.once("close", () => drain.open.delete(res));
  });
}

/**
 * Stops accepting connections at once and resolves when the last one is gone. Requests in flight and
 * requests arriving on open keep-alive connections are answered with `Connection: close`; idle
 * keep-alive connections close at their keep-alive timeout, as clients expect; whatever is still open
 * at `deadlineMs` (a slow upload, a client that never finishes) is destroyed.
 */
export function closeGracefully(server: Server, deadlineMs: number = DRAIN_DEADLINE_MS): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    const drain = drains.get(server);
    if (drain) {
      drain.draining = true;
      for (const res of drain.open) if (!res.headersSent) res.setHeader("Connection", "close");
    }
    const deadline = setTimeout(() => server.closeAllConnections(), deadlineMs);
    deadline.unref();
    // http.Server#close would also destroy idle keep-alive connections at once, resetting requests
    // already on their way; the plain net close only stops accepting new connections.
    NetServer.prototype.close.call(server, () => {
      clearTimeout(deadline);
      resolve();
    });
  });
}

export interface SignalHandlerOptions {
  logger: Logger;
  /** Graceful close of the server and everything it holds (stores, watchers). */
  close: () => Promise<void>;
  /** SIGHUP: reload the knowledge base. */
  reload: () => void;
  timeoutMs?: number;
  exit?: (code: number) => void;
}

/**
 * The SIGTERM / SIGINT handler: graceful close, exit 0; exit 1 if it fails or takes longer than
 * `timeoutMs`, or on a second signal.
 */
/** The logger writes asynchronously: let its last lines out before the process ends. */
function flushThenExit(logger: object, code: number): void {
  const flush = (logger as { flush?: (done: () => void) => void }).flush;
  if (typeof flush === "function") flush.call(logger, () => process.exit(code));
  else process.exit(code);
}

export function createStopper(
  options: Omit<SignalHandlerOptions, "reload">,
): (signal: NodeJS.Signals) => void {
  const { logger, timeoutMs = SHUTDOWN_TIMEOUT_MS, exit = (code) => flushThenExit(logger, code) } = options;
  let stopping = false;
  return (signal) => {
    if (stopping) {
      logger.warn({ signal }, "second signal while shutting down: exiting now");
      exit(1);
      return;
    }
    stopping = true;
    logger.info({ signal, timeoutMs }, "shutting down: no new connections, finishing requests in flight");
    const hard = setTimeout(() => {
      logger.error({ timeoutMs }, "shutdown took too long: exiting with requests unfinished");
      exit(1);
    }, timeoutMs);
    hard.unref();
    options.close().then(
      () => {
        clearTimeout(hard);
        logger.info({}, "shut down cleanly");
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(hard);
        logger.error({ err: error }, "could not close the server cleanly");
        exit(1);
      },
    );
  };
}

/** SIGTERM / SIGINT stop the process gracefully (see createStopper); SIGHUP reloads. */
export function handleSignals(options: SignalHandlerOptions): void {
  const stop = createStopper(options);
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  process.on("SIGHUP", () => {
    options.logger.info({ signal: "SIGHUP" }, "reloading the knowledge base");
    options.reload();
  });
}
