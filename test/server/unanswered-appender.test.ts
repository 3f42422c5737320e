import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createJsonlAppender } from "../../src/server/learning/jsonl-appender.ts";

const dir = mkdtempSync(join(tmpdir(), "faqbot-appender-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const warnings: Array<{ obj: Record<string, unknown>; msg?: string }> = [];
  return {
    warnings,
    logger: { warn: (obj: object, msg?: string) => void warnings.push({ obj: { ...obj }, msg }) },
  };
}

describe("the JSON-lines appender", () => {
  it("returns at once, then writes every record in order, one per line, creating the folder", async () => {
    const file = join(dir, "nested", "folder", "log.jsonl");
    const { logger, warnings } = capture();
    const appender = createJsonlAppender(file, logger);
    for (let i = 0; i < 500; i++) appender.append({ i });
    await appender.flush();
    appender.append({ i: 500 });
    await appender.flush();
    const lines = readFileSync(file, "utf8").trimEnd().split("\n");
    expect(lines.map((l) => JSON.parse(l).i)).toEqual([...Array(501).keys()]);
    expect(warnings).toEqual([]);
  });

  it("logs a failed write with the file and how many lines were lost, and never throws", async () => {
    const blocker = join(dir, "not-a-folder");
    writeFileSync(blocker, "");
    const { logger, warnings } = capture();
    const appender = createJsonlAppender(join(blocker, "log.jsonl"), logger);
    expect(() => appender.append({ text: "a question" })).not.toThrow();
    await expect(appender.flush()).resolves.toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ obj: { file: join(blocker, "log.jsonl"), lost: 1 } });
    expect(warnings[0]?.msg).toMatch(/could not append/);
    expect(JSON.stringify(warnings)).not.toContain("a question");
  });
});
