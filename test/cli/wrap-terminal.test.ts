import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import { COLOR } from "../../src/cli/render-terminal.ts";
import { wrapForTerminal } from "../../src/cli/wrap-terminal.ts";

const plainLines = (text: string) => stripVTControlCharacters(text).split("\n");
const words = (text: string) => stripVTControlCharacters(text).split(/\s+/).filter(Boolean);

describe("wrapForTerminal", () => {
  const answer =
    "bot › Most people find it mildly uncomfortable rather than painful: numbing cream is applied first.";

  it("breaks between words within the width, keeping every word whole and in order", () => {
    const wrapped = wrapForTerminal(answer, 30);
    for (const line of plainLines(wrapped)) expect(line.length).toBeLessThanOrEqual(30);
    expect(words(wrapped)).toEqual(words(answer));
    expect(plainLines(wrapped).length).toBeGreaterThan(3);
  });

  it("hangs continuation lines under the text after a speaker label or list marker", () => {
    expect(plainLines(wrapForTerminal(answer, 30))[1]).toMatch(/^ {6}\S/);
    const source = "  [12] Microneedling: What It Is, Benefits, Risks & Recovery";
    expect(plainLines(wrapForTerminal(source, 30))).toEqual([
      "  [12] Microneedling: What It",
      "       Is, Benefits, Risks &",
      "       Recovery",
    ]);
  });

  it("keeps colours across the break and leaves short lines, and text for a pipe, untouched", () => {
    const styled = `  ${COLOR.warn("• Microneedling: How Long Does It Last? says results last 30 to 45 days")}`;
    const wrapped = wrapForTerminal(styled, 30);
    expect(wrapped.split("\n").every((line) => line.includes("\x1b[33m"))).toBe(true);
    expect(plainLines(wrapped)[1]).toMatch(/^ {4}\S/);
    expect(wrapForTerminal("short line\nanother", 30)).toBe("short line\nanother");
    expect(wrapForTerminal(answer, undefined)).toBe(answer);
  });
});
