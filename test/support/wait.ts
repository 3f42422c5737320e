/**
 * Bounds for waits in integration and browser tests. They only stop a hung test: a loaded 2-core
 * machine (`stress-ng --cpu 2`) may take many times longer than a quiet one, and that is not a failure.
 */
export const WAIT = Object.freeze({
  /** Spawn to "listening on …" for a compiled server. */
  serverStartMs: 60_000,
  /** A log line that follows a request or a signal. */
  logLineMs: 30_000,
  /** A CLI command run to completion. */
  cliMs: 120_000,
  /** redis-server to "Ready to accept connections". */
  redisStartMs: 30_000,
});
