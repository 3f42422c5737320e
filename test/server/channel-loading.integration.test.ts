import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import { createChannelRoutes } from "../../src/server/channel-routes.ts";
import { messageActivity, startConnector } from "../channels/teams/http.ts";
import { startTestServer, type TestServer } from "./helpers.ts";

const botbuilderLoaded = () =>
  Object.keys(createRequire(import.meta.url).cache).some((path) =>
    path.includes("/node_modules/botbuilder/"),
  );

// A file of its own, so no other test in this worker has loaded botbuilder already.
describe("a channel whose modules have not loaded yet", () => {
  const stops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (stops.length) await stops.pop()?.();
  });

  it("answers Teams messages that arrive while botbuilder is still loading, none failed", async () => {
    const connector = await startConnector();
    stops.push(connector.stop);
    const server: TestServer = await startTestServer({
      warm: false,
      extraRoutes: (deps) => createChannelRoutes(deps),
    });
    stops.push(server.close);
    expect(botbuilderLoaded()).toBe(false);
    const post = (id: string) =>
      fetch(`${server.url}/api/messages`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(messageActivity(connector.url, { id })),
      });
    // Both arrive before the Teams route's module (and botbuilder) has been imported: both wait for it.
    const responses = await Promise.all([post("first"), post("second")]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect(botbuilderLoaded()).toBe(true);
    expect(connector.captured.map((c) => c.body.replyToId).sort()).toEqual(["first", "second"]);
    expect(server.logs.filter((l) => l.level === "error")).toEqual([]);
  });
});
