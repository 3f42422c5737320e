import type { Server } from "node:http";
import type { Logger } from "pino";

/** The whole process must be gone this long after SIGTERM, finished or not. */
export const SHUTDOWN_TIMEOUT_MS = 10_000;
const IDLE_SWEEP_MS = 100;

/**
 * Stops accepting connections at once, lets in-flight requests finish, and resolves when the last
 * connection is gone. Keep-alive connections are closed as soon as they fall idle.
 */
export function closeGracefully(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) {
      resolve();
      return;
    }
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    sweep.unref();
    // A response finished while draining must not keep its connection open for another request.
    server.on("request", (_req, res) => res.setHeader("Connection", "close"));
    server.close((error) => {
      clearInterval(sweep);
      if (error) reject(error);
      else resolve();
    });
    server.closeIdleConnections();
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
