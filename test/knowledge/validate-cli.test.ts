import { describe, expect, it } from "vitest";
import { runValidate } from "../../src/cli/validate.ts";

const FIXTURES = "test/fixtures/knowledge";

async function validate(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runValidate(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out, err };
}

describe("validate command", () => {
  it("prints each issue as file:line:column: severity: message and exits 1 on errors", async () => {
    const { code, out } = await validate([
      "--dir",
      `${FIXTURES}/broken`,
      "--sources",
      `${FIXTURES}/articles`,
    ]);
    expect(code).toBe(1);
    expect(out).toContain(
      `${FIXTURES}/broken/topics/session-interval.yaml:4:3: warning: phrasings has 3 entries, fewer than the 10 this pack asks for: add 7 more ways people ask this question, so the bot recognises more wordings`,
    );
    expect(
      out.some((line) =>
        line.startsWith(`${FIXTURES}/broken/topics/results-onset.yaml:16:1: error: YAML syntax error`),
      ),
    ).toBe(true);
    expect(out.at(-1)).toMatch(/^knowledge: not loaded — 1 error, 1 warning$/);
  });

  it("rejects unknown options with usage and exit 1", async () => {
    const { code, err } = await validate(["--sorces", "x"]);
    expect(code).toBe(1);
    expect(err.join("\n")).toMatch(/usage: validate/);
  });
});
