import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { loadConfig } from "../../src/config.ts";
import { createMemoryContextStore } from "../../src/dialog/memory-context-store.ts";
import type { Engine } from "../../src/dialog/types.ts";
import { createApp } from "../../src/server/app.ts";
import { createChannelRoutes } from "../../src/server/channel-routes.ts";
import { createLogger } from "../../src/server/logger.ts";
import { type FakeEngine, fakeEngine, type LogLine } from "./helpers.ts";

export interface FullServer {
  url: string;
  engine: FakeEngine;
  logs(): LogLine[];
  close(): Promise<void>;
}

/**
 * The whole HTTP surface as `npm start` mounts it (web, Teams anonymous, SMS in dev mode unless a Twilio
 * token is given) around a fake engine, on an ephemeral port.
 */
export async function startFullServer(
  options: { env?: Record<string, string>; engine?: FakeEngine } = {},
): Promise<FullServer> {
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "info", SMS_DEV_MODE: "true", ...options.env });
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
  const extraRoutes = createChannelRoutes({ engine: engine as Engine, store, config, logger });
  const app = createApp({ config, engine, store, logger, extraRoutes });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    engine,
    logs: () =>
      chunks.flatMap((c) => c.split("\n").filter(Boolean)).map((line) => JSON.parse(line) as LogLine),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A Twilio-shaped SMS webhook body. */
export const smsForm = (from: string, body: string) =>
  new URLSearchParams({ From: from, To: "+15557654321", Body: body, MessageSid: "SM1" }).toString();

export const postSms = (url: string, form: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/sms`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: form,
  });
