import pino, { type DestinationStream, type Logger } from "pino";
import type { Config } from "../config.ts";

/** JSON lines on stdout (or `destination` in tests); request bodies are never logged. */
export function createLogger(config: Pick<Config, "logLevel">, destination?: DestinationStream): Logger {
  return pino(
    {
      level: config.logLevel,
      base: { service: "needle-faq-bot" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: ["req.headers.authorization", "req.headers.cookie"], censor: "[redacted]" },
    },
    // Asynchronous stdout by default: one log line per turn must not cost a blocking write per request.
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
