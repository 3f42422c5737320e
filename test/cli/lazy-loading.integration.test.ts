import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli-process.ts";
import { packageOf, recordModules } from "../support/loaded-modules.ts";

// Each command loads only what it uses (src/cli/main.ts imports commands on demand): a start-up cost
// that is never paid cannot slow anyone down.
const SERVER_PACKAGES = ["botbuilder", "express", "helmet", "ioredis", "pino", "esbuild", "twilio"];

describe("what each CLI command loads", () => {
  it("validate reads the pack without the matching engine, the dialog, channels or the server", async () => {
    const recorded = recordModules();
    const run = await runCli(["validate"], { env: recorded.env });
    expect(run.code, run.stderr).toBe(0);
    const modules = recorded.modules();
    expect(modules).toContain("dist/knowledge/load.js");
    expect(modules.filter((m) => /^dist\/(matching|dialog|channels|server)\//.test(m))).toEqual([]);
    expect(modules.map(packageOf).filter((p) => p && SERVER_PACKAGES.includes(p))).toEqual([]);
  });

  it("ask builds the engine without any channel or the HTTP server", async () => {
    const recorded = recordModules();
    const run = await runCli(["ask", "does it hurt?"], { env: recorded.env });
    expect(run.code, run.stderr).toBe(0);
    const modules = recorded.modules();
    expect(modules).toContain("dist/dialog/engine.js");
    expect(modules.filter((m) => m.startsWith("dist/channels/"))).toEqual([]);
    expect(modules.map(packageOf).filter((p) => p && SERVER_PACKAGES.includes(p))).toEqual([]);
  });
});
