import { afterEach, describe, expect, it } from "vitest";
import { packageOf, recordModules } from "../support/loaded-modules.ts";
import { type ServerProcess, startServerProcess } from "../support/server-process.ts";

describe("what the compiled server loads", () => {
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.kill();
  });

  it("loads Teams' botbuilder after listening, and never Redis, SMS, esbuild, the studio or the YAML parser when they are not used", async () => {
    const recorded = recordModules();
    server = await startServerProcess(recorded.env);
    // The Teams route logs its anonymous-mode warning once botbuilder has loaded.
    await server.waitForLog((l) => l.channel === "teams", undefined, "the Teams route's start-up warning");
    const res = await fetch(`${server.url}/widget.js`);
    expect(res.status).toBe(200);
    expect((await res.text()).length).toBeGreaterThan(1000);
    const packages = new Set(recorded.modules().map(packageOf));
    expect(packages).toContain("botbuilder");
    // The widget was bundled by `npm run build`; Redis is off without REDIS_URL, SMS without TWILIO_AUTH_TOKEN.
    // The studio (its pages, YAML patcher and diff) only with STUDIO_PASSWORD. yaml is required only to
    // parse a pack the index cache does not hold, never imported.
    for (const unused of ["esbuild", "ioredis", "twilio", "diff", "yaml"])
      expect(packages).not.toContain(unused);
    expect(recorded.modules()).not.toContain("dist/channels/sms/route.js");
    expect(recorded.modules()).not.toContain("dist/server/studio/studio.js");
  });
});
