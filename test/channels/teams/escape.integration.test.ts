import { afterEach, describe, expect, it } from "vitest";
import { escapeTeamsText } from "../../../src/channels/teams/escape.ts";
import { fakeEngine, reply, silentLogger } from "./fakes.ts";
import { messageActivity, startBot, startConnector, waitForReply } from "./http.ts";

const HOSTILE = [
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  "[tap here](javascript:alert(1))",
  "![pixel](https://evil.example/p.png)",
  "**bold** _it_ `code` ~~gone~~ &lt;",
];

const UNESCAPED = /(?<!\\)[<>*_`[\]&~]/;

/** Every TextBlock's text in the activity's cards. */
function textBlocks(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(textBlocks);
  if (node === null || typeof node !== "object") return [];
  const record = node as Record<string, unknown>;
  const own = record.type === "TextBlock" && typeof record.text === "string" ? [record.text] : [];
  return [...own, ...Object.values(record).flatMap(textBlocks)];
}

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (stops.length) await stops.pop()?.();
});

describe("Teams shows knowledge text literally, never as markdown or HTML (real HTTP)", () => {
  it("escapes every markdown and HTML character in the answer, the disagreement and the card", async () => {
    const connector = await startConnector();
    const text = HOSTILE.join(" ");
    const engine = fakeEngine(() =>
      reply({
        text,
        conflicts: [
          {
            summary: text,
            positions: [
              { source: "a", title: "<b>A</b>", claim: text, quote: "q" },
              { source: "b", title: "B", claim: "[x](javascript:1)", quote: "q" },
            ],
          },
        ],
      }),
    );
    const bot = await startBot({ engine, config: {}, logger: silentLogger() });
    stops.push(connector.stop, bot.stop);
    const res = await fetch(`${bot.url}/api/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(messageActivity(connector.url)),
    });
    expect(res.status).toBe(200);
    const sent = (await waitForReply(connector, "incoming-1")).body;
    const shown = String(sent.text);
    expect(shown.startsWith(escapeTeamsText(text))).toBe(true);
    // Every character markdown or HTML could read is escaped; only the bot's own [n] markers are not.
    expect(shown.replace(/ \[\d+\]/g, "")).not.toMatch(UNESCAPED);
    const blocks = textBlocks(sent.attachments);
    expect(blocks).toContain(escapeTeamsText("<b>A</b>"));
    expect(blocks.filter((block) => UNESCAPED.test(block))).toEqual([]);
  });
});

describe("escapeTeamsText", () => {
  it("backslash-escapes what markdown or HTML would read, and leaves plain text as it is", () => {
    expect(escapeTeamsText("<b>x</b> [a](b) *c* _d_ `e` & ~f~ | #g \\")).toBe(
      "\\<b\\>x\\</b\\> \\[a\\](b) \\*c\\* \\_d\\_ \\`e\\` \\& \\~f\\~ \\| \\#g \\\\",
    );
    expect(escapeTeamsText("Results last 4-6 weeks (sometimes longer).")).toBe(
      "Results last 4-6 weeks (sometimes longer).",
    );
  });
});
