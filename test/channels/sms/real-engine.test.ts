import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countSegments, detectEncoding } from "../../../src/channels/sms/index.ts";
import type { Engine } from "../../../src/dialog/types.ts";
import { shippedEngine, TEST_CLINIC } from "../../support/shipped.ts";
import { closeStartedServers, inbound, startServer, type TestServer } from "./helpers.ts";

async function realEngine(): Promise<Engine> {
  return shippedEngine();
}

describe("SMS through the real engine and the shipped knowledge base", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ realEngine: await realEngine() });
  });
  afterAll(closeStartedServers);

  const budgetOk = (text: string) => {
    expect(detectEncoding(text)).toBe("GSM-7");
    expect(countSegments(text).segments).toBeLessThanOrEqual(2);
  };

  /** The first reply and every MORE page after it, joined back into one text. */
  async function readAll(question: string, from: string): Promise<string> {
    const pages = [await server.text(question, from)];
    while (pages.at(-1)!.endsWith("Reply MORE for the rest") && pages.length < 10) {
      pages.push(await server.text("MORE", from));
    }
    pages.forEach(budgetOk);
    return pages.map((p) => p.replace(/(\.\.\.)? Reply MORE for the rest$/, "")).join(" ");
  }

  it("states the disagreement in one sentence with the article's own reporting verb", async () => {
    const all = await readAll("does it hurt", "+15550000006");
    expect(all).toContain("numbing cream");
    expect(all).toMatch(/Articles differ: one presents it as .+, another says /);
    expect(all).toMatch(/Sources: \[1\]/);
  });

  it("answers with the disclosure and the short answer, and pages the sources behind MORE", async () => {
    const all = await readAll("How long do microneedling results last?", "+15550000001");
    expect(all).toMatch(/^Automated assistant, not a clinician\.\nNot permanent\./);
    expect(all).toContain("Articles differ");
    expect(all).toMatch(/Sources: \[1\] .+ \[2\] /);
  });

  it("offers follow-ups as numbers and answers the one picked", async () => {
    const from = "+15550000002";
    expect(await server.text("hello", from)).toMatch(/^Automated assistant/);
    const first = await server.text("Can microneedling help with hair loss?", from);
    budgetOk(first);
    expect(first).not.toContain("Automated assistant");
    expect(first).toMatch(/Sources: \[1\]/);
    const choice = /Reply 1: (.+)/.exec(first)?.[1];
    expect(choice).toBeDefined();
    const second = await server.text("1", from);
    budgetOk(second);
    expect(second).not.toBe(first);
    expect(second).not.toContain("hair");
  });

  it("gives urgent advice with the clinic's number, never behind MORE", async () => {
    const text = await server.text("I'm bleeding and it won't stop", "+15550000003");
    expect(text).toContain(TEST_CLINIC.phone);
    expect(text).not.toContain("Reply MORE");
  });

  it("goes silent after STOP and answers again after START", async () => {
    const from = "+15550000004";
    expect(await server.text("STOP", from)).toBe("");
    expect(await server.text("does it hurt", from)).toBe("");
    expect(await server.text("START", from)).toMatch(/^You're opted back in/);
    expect(await server.text("does it hurt", from)).toContain("numbing cream");
  });

  it("handles a 1,600-character message", async () => {
    const long = "does microneedling hurt a lot ".repeat(60).slice(0, 1600);
    const response = await server.post(inbound(long, "+15550000005"));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("<Message>");
  });
});
