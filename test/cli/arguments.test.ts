import { describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/bootstrap.ts";
import { runFit } from "../../src/cli/fit.ts";

describe("cli arguments", () => {
  it("prints a command's usage for --help and does nothing else", async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) } as CliIo;
    expect(await runFit(["--help"], io)).toBe(0);
    expect(lines.join("\n")).toMatch(/^usage: cli fit/);
  });
  it("names a flag the command does not know, with the usage, and exits 2 without running", async () => {
    const errors: string[] = [];
    const io = { out: () => {}, err: (l: string) => errors.push(l) } as unknown as CliIo;
    expect(await runFit(["--dryrun"], io)).toBe(2);
    expect(errors.join("\n")).toMatch(/--dryrun: not an option here\nusage: cli fit/);
  });
});
