import { Writable } from "node:stream";
import { createLogger } from "../../src/server/logger.ts";

export { fakeEngine, makeReply } from "./helpers.ts";

/** A logger that discards everything: the memory test must not measure captured log lines. */
export const silentLogger = createLogger(
  { logLevel: "info" },
  new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  }),
);
