import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import type { TeamsRouteDeps } from "../../../src/channels/teams/index.ts";

export interface Captured {
  path: string;
  body: Record<string, unknown>;
}

const listen = (server: Server): Promise<string> =>
  new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });

const close = (server: Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

/** Stands in for the Bot Connector service: records every activity the bot posts to it. */
export async function startConnector(): Promise<{
  url: string;
  captured: Captured[];
  stop(): Promise<void>;
}> {
  const captured: Captured[] = [];
  let next = 0;
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => {
      raw += chunk;
    });
    req.on("end", () => {
      captured.push({ path: req.url ?? "", body: raw ? JSON.parse(raw) : {} });
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ id: `sent-${++next}` }));
    });
  });
  const url = await listen(server);
  return { url, captured, stop: () => close(server) };
}

/** The route mounted the way the server mounts it: express 5, express.json(), POST /api/messages. */
export async function startBot(deps: TeamsRouteDeps): Promise<{ url: string; stop(): Promise<void> }> {
  // Imported here: a test of lazy loading uses this file's connector without loading botbuilder.
  const { createTeamsRoute } = await import("../../../src/channels/teams/index.ts");
  const app = express();
  app.use(express.json());
  app.post("/api/messages", createTeamsRoute(deps));
  const server = createServer(app);
  const url = await listen(server);
  return { url, stop: () => close(server) };
}

export function messageActivity(serviceUrl: string, overrides: Record<string, unknown> = {}) {
  return {
    type: "message",
    id: "incoming-1",
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl,
    from: { id: "29:user", name: "Pat" },
    recipient: { id: "28:bot", name: "FAQ Bot" },
    conversation: { id: "a:conv-1", conversationType: "personal" },
    text: "how long do results last?",
    ...overrides,
  };
}

/** The bot's reply to `activityId` (its `replyToId`), polled for: a test's next turn must wait for it. */
export async function waitForReply(
  connector: { captured: Captured[] },
  activityId: string,
  timeoutMs = 30_000,
): Promise<Captured> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reply = connector.captured.find((c) => c.body.replyToId === activityId);
    if (reply !== undefined) return reply;
    if (Date.now() >= deadline) {
      const seen = connector.captured.map((c) => String(c.body.replyToId)).join(", ");
      throw new Error(`no reply to activity ${activityId} within ${timeoutMs} ms (replies seen to: ${seen})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
